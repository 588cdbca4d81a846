// The prompt's links to the world outside its buffer: text handed back by the app (queued messages an interrupt
// did not send), `@file` chips (an accepted file completion shows as `[@path · N lines]` once the core has read
// it; the chip maps back to `@path` on submit, and the content is read fresh then), and Ctrl+G in $EDITOR.
import { useStdin, useStdout } from "ink";
import { type MutableRefObject, useEffect } from "react";
import { attachmentChip } from "../state/user-input.js";
import * as ed from "./editor.js";
import { editInExternalEditor } from "./external-editor.js";
import type { PromptOptions } from "./use-prompt.js";

type Opts = Pick<PromptOptions, "attachFile" | "onNotice" | "running">;

export function usePromptExtras(
  restore: PromptOptions["restore"],
  opts: MutableRefObject<Opts>,
  current: MutableRefObject<ed.EditorState>,
  setEditorState: (s: ed.EditorState) => void,
  chips: Map<string, string>,
) {
  const { stdin, isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  const set = (next: ed.EditorState) => {
    current.current = next;
    setEditorState(next);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per handed-back text, never on edits.
  useEffect(() => {
    if (!restore) return;
    const draft = current.current.value;
    set(ed.setText(draft ? `${restore.text}\n${draft}` : restore.text));
  }, [restore]);

  /** Turns an accepted `@file` into a chip once its line count is known (expanded back on submit). */
  const chipFor = async (mention: string, path: string) => {
    const a = await opts.current.attachFile?.(path).catch(() => undefined);
    if (!a) return;
    const chip = attachmentChip(a);
    const s = current.current;
    const at = s.value.indexOf(`${mention} `);
    if (at === -1) return;
    chips.set(chip, mention);
    const value = s.value.slice(0, at) + chip + s.value.slice(at + mention.length);
    set({ value, cursor: s.cursor > at ? s.cursor + chip.length - mention.length : s.cursor });
  };

  /** Ctrl+G: the prompt in the user's editor; the edited text comes back into the input, not sent. */
  const externalEdit = (s: ed.EditorState): ed.EditorState | null => {
    const h = opts.current;
    if (h.running) {
      h.onNotice?.("Ctrl+G opens the editor when no turn is running (Esc interrupts).");
      return null;
    }
    const raw = isRawModeSupported && "setRawMode" in stdin ? stdin : undefined;
    const r = editInExternalEditor(s.value, process.env, {
      setRawMode: raw ? (on) => raw.setRawMode(on) : undefined,
      write: (d) => stdout.write(d),
    });
    if (!r.ok) {
      h.onNotice?.(r.message);
      return null;
    }
    return ed.setText(r.text);
  };

  return { chipFor, externalEdit };
}
