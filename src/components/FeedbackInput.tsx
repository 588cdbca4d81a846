// A one-line text entry used by the approval prompt's "reject with feedback" (Enter sends, Esc goes back) and
// by the inline setup (optionally masked for API keys). Typed text is never echoed when masked.
import { Text, useInput } from "ink";
import { useRef, useState } from "react";
import { useUi } from "../ui/theme.js";

export function FeedbackInput(props: {
  onSubmit(text: string): void;
  onCancel(): void;
  label?: string;
  mask?: boolean;
}) {
  const ui = useUi();
  const [text, setTextState] = useState("");
  // Keys can arrive faster than renders: the ref is what key handling reads.
  const ref = useRef("");
  const setText = (t: string) => {
    ref.current = t;
    setTextState(t);
  };
  useInput((input, key) => {
    if (key.escape) return props.onCancel();
    if (key.return) return props.onSubmit(ref.current.trim());
    if (key.backspace || key.delete) return setText(ref.current.slice(0, -1));
    if (key.ctrl && input === "u") return setText("");
    if (!key.ctrl && !key.meta && input && !input.startsWith("["))
      setText(ref.current + input.replace(/[\r\n]/g, ""));
  });
  return (
    <Text>
      <Text color={ui.c("cyan")}>{props.label ?? "Feedback for the model (Enter sends, Esc back): "}</Text>
      {props.mask ? "•".repeat(text.length) : text}
      <Text inverse> </Text>
    </Text>
  );
}
