// The prompt's text buffer as pure functions: a value and a cursor (UTF-16 index). Multi-line aware: up/down
// move between lines and report when they fall off the top/bottom so the caller can walk history instead.

export interface EditorState {
  value: string;
  cursor: number;
}

export const emptyEditor: EditorState = { value: "", cursor: 0 };

export const setText = (value: string): EditorState => ({ value, cursor: value.length });

export function insert(s: EditorState, text: string): EditorState {
  // Terminals send CR for newlines inside pastes; tabs become spaces so the cursor math stays simple.
  const clean = text.replace(/\r\n?/g, "\n").replace(/\t/g, "  ");
  return {
    value: s.value.slice(0, s.cursor) + clean + s.value.slice(s.cursor),
    cursor: s.cursor + clean.length,
  };
}

export function backspace(s: EditorState): EditorState {
  if (s.cursor === 0) return s;
  const cut = /[\uDC00-\uDFFF]/.test(s.value[s.cursor - 1] ?? "") && s.cursor > 1 ? 2 : 1;
  return { value: s.value.slice(0, s.cursor - cut) + s.value.slice(s.cursor), cursor: s.cursor - cut };
}

export function deleteForward(s: EditorState): EditorState {
  if (s.cursor >= s.value.length) return s;
  return { value: s.value.slice(0, s.cursor) + s.value.slice(s.cursor + 1), cursor: s.cursor };
}

export const left = (s: EditorState): EditorState => ({ ...s, cursor: Math.max(0, s.cursor - 1) });
export const right = (s: EditorState): EditorState => ({
  ...s,
  cursor: Math.min(s.value.length, s.cursor + 1),
});

function lineStart(v: string, i: number): number {
  return v.lastIndexOf("\n", i - 1) + 1;
}
function lineEnd(v: string, i: number): number {
  const e = v.indexOf("\n", i);
  return e === -1 ? v.length : e;
}

export const home = (s: EditorState): EditorState => ({ ...s, cursor: lineStart(s.value, s.cursor) });
export const end = (s: EditorState): EditorState => ({ ...s, cursor: lineEnd(s.value, s.cursor) });

/** Deletes from the line start to the cursor (Ctrl+U). */
export function killLineBefore(s: EditorState): EditorState {
  const st = lineStart(s.value, s.cursor);
  return { value: s.value.slice(0, st) + s.value.slice(s.cursor), cursor: st };
}

/** Deletes the word before the cursor (Ctrl+W / Alt+Backspace). */
export function killWordBefore(s: EditorState): EditorState {
  const before = s.value.slice(0, s.cursor);
  const m = /\S+\s*$/.exec(before);
  const st = m ? before.length - m[0].length : Math.max(0, before.length - 1);
  return { value: s.value.slice(0, st) + s.value.slice(s.cursor), cursor: st };
}

export function wordLeft(s: EditorState): EditorState {
  const m = /\S+\s*$/.exec(s.value.slice(0, s.cursor));
  return { ...s, cursor: m ? s.cursor - m[0].length : 0 };
}

export function wordRight(s: EditorState): EditorState {
  const m = /^\s*\S+/.exec(s.value.slice(s.cursor));
  return { ...s, cursor: m ? s.cursor + m[0].length : s.value.length };
}

/** Moves up a line; null when already on the first line (caller may recall history). */
export function up(s: EditorState): EditorState | null {
  const st = lineStart(s.value, s.cursor);
  if (st === 0) return null;
  const col = s.cursor - st;
  const prevStart = lineStart(s.value, st - 1);
  return { ...s, cursor: Math.min(prevStart + col, st - 1) };
}

/** Moves down a line; null when already on the last line. */
export function down(s: EditorState): EditorState | null {
  const e = lineEnd(s.value, s.cursor);
  if (e === s.value.length) return null;
  const col = s.cursor - lineStart(s.value, s.cursor);
  return { ...s, cursor: Math.min(e + 1 + col, lineEnd(s.value, e + 1)) };
}

/** The `@token` or `/command` being typed at the cursor, for completion. */
export function currentToken(
  s: EditorState,
): { kind: "path" | "command"; text: string; start: number } | null {
  const before = s.value.slice(0, s.cursor);
  if (/^\/[\w-]*$/.test(before)) return { kind: "command", text: before.slice(1), start: 0 };
  const m = /(^|\s)@([^\s@]*)$/.exec(before);
  if (m) return { kind: "path", text: m[2] ?? "", start: before.length - (m[2]?.length ?? 0) - 1 };
  return null;
}

/** Replaces the token starting at `start` (up to the cursor) with `text`. */
export function replaceToken(s: EditorState, start: number, text: string): EditorState {
  return { value: s.value.slice(0, start) + text + s.value.slice(s.cursor), cursor: start + text.length };
}
