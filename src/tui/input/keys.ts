// Maps Ink key events to prompt commands, in one pure table so terminal quirks are handled (and tested) once:
// Backspace arrives as DEL (reported as `delete`), Shift+Enter as ESC-CR, CSI-u or xterm's 27;2;13~, Ctrl+J as
// a bare LF, and bracketed paste as `[200~` … `[201~` around the pasted text.
import type { Key } from "ink";

export type KeyCommand =
  | { type: "insert"; text: string }
  | { type: "newline" }
  | { type: "submit" }
  | { type: "backspace" }
  | { type: "delete" }
  | { type: "left" }
  | { type: "right" }
  | { type: "word-left" }
  | { type: "word-right" }
  | { type: "home" }
  | { type: "end" }
  | { type: "up" }
  | { type: "down" }
  | { type: "kill-line" }
  | { type: "kill-word" }
  | { type: "tab" }
  | { type: "cycle-mode" }
  | { type: "toggle-expand" }
  | { type: "external-editor" }
  | { type: "escape" }
  | { type: "ctrl-c" }
  | { type: "ctrl-d" }
  | { type: "paste-start" }
  | { type: "paste-end" }
  | { type: "none" };

export function interpretKey(input: string, key: Key): KeyCommand {
  if (input === "[200~") return { type: "paste-start" };
  if (input === "[201~") return { type: "paste-end" };
  if (input === "[27;2;13~" || input === "[13;2u") return { type: "newline" };
  if (key.return) return key.shift || key.meta ? { type: "newline" } : { type: "submit" };
  if (input === "\n") return { type: "newline" };
  if (key.escape) return { type: "escape" };
  if (key.tab) return key.shift ? { type: "cycle-mode" } : { type: "tab" };
  if (key.backspace || key.delete) return key.meta ? { type: "kill-word" } : { type: "backspace" };
  if (key.leftArrow) return key.ctrl || key.meta ? { type: "word-left" } : { type: "left" };
  if (key.rightArrow) return key.ctrl || key.meta ? { type: "word-right" } : { type: "right" };
  if (key.upArrow) return { type: "up" };
  if (key.downArrow) return { type: "down" };
  if (key.home) return { type: "home" };
  if (key.end) return { type: "end" };
  if (key.ctrl) {
    switch (input) {
      case "c":
        return { type: "ctrl-c" };
      case "d":
        return { type: "ctrl-d" };
      case "a":
        return { type: "home" };
      case "e":
        return { type: "end" };
      case "u":
        return { type: "kill-line" };
      case "w":
        return { type: "kill-word" };
      case "o":
        return { type: "toggle-expand" };
      case "g":
        return { type: "external-editor" };
      case "j":
        return { type: "newline" };
      case "b":
        return { type: "left" };
      case "f":
        return { type: "right" };
      case "p":
        return { type: "up" };
      case "n":
        return { type: "down" };
      default:
        return { type: "none" };
    }
  }
  if (key.meta && (input === "b" || input === "f"))
    return { type: input === "b" ? "word-left" : "word-right" };
  if (input === "" || key.meta) return { type: "none" };
  return { type: "insert", text: input };
}
