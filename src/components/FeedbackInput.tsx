// A one-line text entry used by the approval prompt's "reject with feedback" (Enter sends, Esc goes back) and
// by the inline setup (optionally masked for API keys). Typed text is never echoed when masked. Key handling is
// the pure `lineEntryStep`; `LineEntryView` only draws, so a parent that already owns the keyboard (the
// approval prompt) can route keys to it without a second input subscription racing the first.
import { Text, useInput } from "ink";
import { useRef, useState } from "react";
import { emptyLineEntry, type LineEntry, lineEntryChunk } from "../tui/input/line-entry.js";
import { useUi } from "../tui/render/theme.js";

export const FEEDBACK_LABEL = "Feedback for the model (Enter sends, Esc back): ";

export function LineEntryView(props: { text: string; label: string; mask?: boolean }) {
  const ui = useUi();
  return (
    <Text>
      <Text color={ui.c("cyan")}>{props.label}</Text>
      {props.mask ? "•".repeat(props.text.length) : props.text}
      <Text inverse> </Text>
    </Text>
  );
}

export function FeedbackInput(props: {
  onSubmit(text: string): void;
  onCancel(): void;
  label?: string;
  mask?: boolean;
}) {
  const [entry, setEntryState] = useState<LineEntry>(emptyLineEntry);
  // Keys can arrive faster than renders: the ref is what key handling reads.
  const ref = useRef(entry);
  useInput((input, key) => {
    const { state, action } = lineEntryChunk(ref.current, input, key);
    ref.current = state;
    setEntryState(state);
    if (action === "cancel") props.onCancel();
    if (action === "submit") props.onSubmit(state.text.trim());
  });
  return <LineEntryView text={entry.text} label={props.label ?? FEEDBACK_LABEL} mask={props.mask} />;
}
