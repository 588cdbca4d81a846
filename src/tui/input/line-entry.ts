// Key handling of a one-line text entry (approval feedback, the setup's API key), as a pure step so the same
// terminal quirks the main prompt handles are handled here too. A terminal under load, tmux and automation
// deliver "text⏎" as ONE input chunk (Ink then reports no `return` key): that chunk must type the text and
// submit, not swallow the Enter. Pastes (bracketed or not) never submit; their line breaks become spaces.
import type { Key } from "ink";
import { interpretKey } from "./keys.js";
import { splitKeys } from "./split-keys.js";

export interface LineEntry {
  text: string;
  /** Between the bracketed-paste markers. */
  pasting: boolean;
}

export type LineEntryAction = "submit" | "cancel" | null;

export const emptyLineEntry: LineEntry = { text: "", pasting: false };

const oneLine = (s: string) => s.replace(/\r\n?|\n/g, " ");

export function lineEntryStep(
  s: LineEntry,
  input: string,
  key: Key,
): { state: LineEntry; action: LineEntryAction } {
  const cmd = interpretKey(input, key);
  const keep = (state: LineEntry, action: LineEntryAction = null) => ({ state, action });
  if (cmd.type === "paste-start") return keep({ ...s, pasting: true });
  if (cmd.type === "paste-end") return keep({ ...s, pasting: false });
  if (s.pasting) {
    if (cmd.type === "insert") return keep({ ...s, text: s.text + oneLine(cmd.text) });
    if (cmd.type === "submit" || cmd.type === "newline") return keep({ ...s, text: `${s.text} ` });
    return keep(s);
  }
  switch (cmd.type) {
    case "escape":
      return keep(s, "cancel");
    case "submit":
    case "newline": // a bare LF (Ctrl+J, a tty not yet raw) or Shift+Enter: a one-line entry has no newlines
      return keep(s, "submit");
    case "backspace":
      return keep({ ...s, text: s.text.slice(0, -1) });
    case "kill-line":
      return keep({ ...s, text: "" });
    case "kill-word":
      return keep({ ...s, text: s.text.replace(/\S*\s*$/, "") });
    case "insert": {
      // "text⏎" in one chunk is type-ahead: type it and submit. Line breaks inside a chunk are an unbracketed
      // paste (as in the main prompt): they become spaces and nothing is sent before the user says so.
      if (/^[^\r\n]*(\r\n?|\n)$/.test(cmd.text))
        return keep({ ...s, text: s.text + cmd.text.replace(/[\r\n]+$/, "") }, "submit");
      return keep({ ...s, text: s.text + oneLine(cmd.text) });
    }
    default:
      return keep(s);
  }
}

/**
 * Feeds one input event, which may hold several keys ("\x7f\x7f\x7f", "ab\x7f"), key by key; the first key
 * that submits or cancels ends the chunk.
 */
export function lineEntryChunk(
  s: LineEntry,
  input: string,
  key: Key,
): { state: LineEntry; action: LineEntryAction } {
  let state = s;
  for (const k of splitKeys(input, key)) {
    const step = lineEntryStep(state, k.input, k.key);
    if (step.action) return step;
    state = step.state;
  }
  return { state, action: null };
}
