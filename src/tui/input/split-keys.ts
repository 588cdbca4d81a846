// Decodes one input chunk into the keys it holds. Ink splits escape sequences from each other, but a run of
// plain bytes arrives as ONE event whose key flags describe nothing: three Backspaces held over SSH or typed
// under load come as "\x7f\x7f\x7f", "ab\x7f" as one string. Every input runs its handler once per key from
// `splitKeys`, with the flags Ink would have given that key alone. Printable text stays together (a paste, or
// "text⏎" type-ahead, which each input already understands); control characters become keys of their own.
import type { Key } from "ink";

export interface KeyPress {
  input: string;
  key: Key;
}

/** A key event with every flag off, plus the given ones (tests build Ink events with it too). */
export const keyWith = (k: Partial<Key> = {}): Key => ({ ...NO_KEY, ...k });

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const press = (input: string, flags: Partial<Key> = {}): KeyPress => ({
  input,
  key: { ...NO_KEY, ...flags },
});

// CSI / SS3 final bytes (and `~` codes) of the keys the inputs use.
const FINAL: Record<string, Partial<Key>> = {
  A: { upArrow: true },
  B: { downArrow: true },
  C: { rightArrow: true },
  D: { leftArrow: true },
  H: { home: true },
  F: { end: true },
  Z: { tab: true, shift: true },
};
const TILDE: Record<string, Partial<Key>> = {
  "1": { home: true },
  "7": { home: true },
  "4": { end: true },
  "8": { end: true },
  "3": { delete: true },
  "5": { pageUp: true },
  "6": { pageDown: true },
};

/** xterm modifier parameter (1 + shift 1 + alt 2 + ctrl 4). */
function modifiers(param: string | undefined): Partial<Key> {
  const m = Number(param ?? 1) - 1;
  if (!(m > 0)) return {};
  return { shift: (m & 1) !== 0, meta: (m & 2) !== 0, ctrl: (m & 4) !== 0 };
}

/** One escape sequence as Ink reports it: known keys get their flag and no text; others pass without the ESC. */
function escapeKey(seq: string): KeyPress {
  if (seq === "\u001b") return press("", { escape: true, meta: true });
  const csi = /^\u001b(?:\[|O)([0-9;]*)([A-Za-z~])$/.exec(seq);
  if (csi) {
    const [, params = "", final = ""] = csi;
    const parts = params.split(";");
    const flags = final === "~" ? TILDE[parts[0] ?? ""] : FINAL[final];
    if (flags) return press("", { ...flags, ...modifiers(parts[1]) });
    return press(seq.slice(1));
  }
  // ESC + one character: Alt/Meta with that key (Alt+Backspace included).
  const rest = seq.slice(1);
  if (rest === "\u007f" || rest === "\b")
    return press("", { delete: rest === "\u007f", backspace: rest === "\b", meta: true });
  if (rest === "\r") return press("\r", { return: true, meta: true });
  return press(rest, { meta: true });
}

/** One control character as Ink reports it alone. */
function controlKey(ch: string): KeyPress {
  const code = ch.charCodeAt(0);
  if (ch === "\u007f") return press("", { delete: true });
  if (ch === "\b") return press("", { backspace: true });
  if (ch === "\r") return press("\r", { return: true });
  if (ch === "\n") return press("\n");
  if (ch === "\t") return press("", { tab: true });
  if (code >= 1 && code <= 26) return press(String.fromCharCode(code + 96), { ctrl: true });
  return press(ch);
}

// An escape sequence (CSI with parameters, SS3, ESC + one character, a lone ESC), or one control character
// (C0 or DEL), or a run of everything else. Line breaks and tabs join the text around them: a chunk like
// "fix it⏎" or a multi-line unbracketed paste is one piece, as before; alone they are keys.
const TOKEN =
  /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001bO[@-~]|\u001b[\s\S]?|[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f]|[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+/gu;

/** The keys of a raw chunk, in order. */
export function splitChunk(chunk: string): KeyPress[] {
  const out: KeyPress[] = [];
  for (const [tok] of chunk.matchAll(TOKEN)) {
    if (tok.startsWith("\u001b")) out.push(escapeKey(tok));
    else if (tok.length === 1 && /[\u0000-\u001f\u007f]/.test(tok)) out.push(controlKey(tok));
    else if (/^[\r\n\t]+$/.test(tok)) {
      // Only line breaks / tabs (several Enters in one read): one key each, CR LF counting as one Enter.
      for (const [k] of tok.matchAll(/\r\n|[\s\S]/gu)) out.push(controlKey(k === "\r\n" ? "\r" : k));
    } else out.push(press(tok));
  }
  return out;
}

const hasControl = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * The keys of one Ink input event. An event Ink already decoded (a flag set, or one character) is returned
 * as is; a multi-character chunk holding control characters is split into its keys.
 */
export function splitKeys(input: string, key: Key): KeyPress[] {
  const decoded =
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow ||
    key.pageUp ||
    key.pageDown ||
    key.home ||
    key.end ||
    key.return ||
    key.escape ||
    key.ctrl ||
    key.tab ||
    key.backspace ||
    key.delete ||
    key.meta;
  if (decoded || input.length <= 1) return [{ input, key }];
  if (!hasControl.test(input) && !/^[\r\n\t]+$/.test(input)) return [{ input, key }];
  return splitChunk(input);
}

/** Runs `handle` for each key of the event; a handler returning true stops the rest (e.g. after submitting). */
export function forEachKey(
  input: string,
  key: Key,
  handle: (input: string, key: Key) => boolean | undefined,
): void {
  for (const k of splitKeys(input, key)) if (handle(k.input, k.key) === true) return;
}
