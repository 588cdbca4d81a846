// Ctrl+G: edits the prompt in the user's $VISUAL / $EDITOR (fallback vi) through a private temp file. The editor
// runs synchronously with the terminal: while spawnSync blocks, Node reads nothing from stdin, so Ink cannot steal
// the editor's keys; raw mode is switched off for the editor and back on after, and the terminal modes an editor
// may reset on exit (bracketed paste, hidden cursor) are restored. The edited text is returned, never sent.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface EditorTerminal {
  /** The real terminal's raw-mode switch (absent in tests and when stdin is not a TTY). */
  setRawMode?(on: boolean): void;
  write(data: string): void;
}

export type EditResult = { ok: true; text: string } | { ok: false; message: string };

const RESTORE_MODES = "\u001b[?2004h\u001b[?25l";

/** The editor command line the user chose (it may carry arguments: "code --wait"). */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || "vi";
}

export function editInExternalEditor(text: string, env: NodeJS.ProcessEnv, term: EditorTerminal): EditResult {
  const editor = editorCommand(env);
  const dir = mkdtempSync(path.join(os.tmpdir(), "protoagent-prompt-"));
  const file = path.join(dir, "prompt.md");
  try {
    writeFileSync(file, text, { mode: 0o600 });
    term.setRawMode?.(false);
    // Through sh so an editor setting with arguments works; the file name is passed as "$1", never spliced.
    const r = spawnSync("/bin/sh", ["-c", `${editor} "$1"`, "sh", file], { stdio: "inherit", env });
    term.setRawMode?.(true);
    term.write(RESTORE_MODES);
    if (r.error) return { ok: false, message: `Could not start the editor (${editor}): ${r.error.message}` };
    if (r.status === 126 || r.status === 127)
      return {
        ok: false,
        message: `Could not start the editor "${editor}" (exit ${r.status}). Set $VISUAL or $EDITOR to an editor command.`,
      };
    if (r.status !== 0)
      return {
        ok: false,
        message: `The editor "${editor}" exited with status ${r.status}; the prompt is unchanged.`,
      };
    // Editors end the file with a newline the user did not mean to send.
    return { ok: true, text: readFileSync(file, "utf8").replace(/\r\n/g, "\n").replace(/\n$/, "") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
