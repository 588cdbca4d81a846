// A one-line text entry used by the approval prompt's "reject with feedback" (Enter sends, Esc goes back) and
// by the inline setup (optionally masked for API keys). Typed text is never echoed when masked.
import { Text, useInput } from "ink";
import { useState } from "react";
import { useUi } from "../ui/theme.js";

export function FeedbackInput(props: {
  onSubmit(text: string): void;
  onCancel(): void;
  label?: string;
  mask?: boolean;
}) {
  const ui = useUi();
  const [text, setText] = useState("");
  useInput((input, key) => {
    if (key.escape) return props.onCancel();
    if (key.return) return props.onSubmit(text.trim());
    if (key.backspace || key.delete) return setText((t) => t.slice(0, -1));
    if (key.ctrl && input === "u") return setText("");
    if (!key.ctrl && !key.meta && input && !input.startsWith("["))
      setText((t) => t + input.replace(/[\r\n]/g, ""));
  });
  return (
    <Text>
      <Text color={ui.c("cyan")}>{props.label ?? "Feedback for the model (Enter sends, Esc back): "}</Text>
      {props.mask ? "•".repeat(text.length) : text}
      <Text inverse> </Text>
    </Text>
  );
}
