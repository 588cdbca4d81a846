// ANSI-aware word wrapping for strings the TUI pre-renders (Markdown paragraphs, list items, table cells).
// Escape sequences have zero width and stay attached to the text they style; words longer than the width are
// hard-split so nothing ever overflows a narrow (40-column) terminal.
import { visibleWidth } from "./ansi.js";

const TOKEN_RE = /(\u001b\[[0-9;?]*[ -/]*[@-~])|(\s)|([^\s\u001b]+)|(\u001b)/gu;

function hardSplit(word: string, width: number): string[] {
  const parts: string[] = [];
  let cur = "";
  let w = 0;
  for (const m of word.matchAll(/\u001b\[[0-9;?]*[ -/]*[@-~]|./gsu)) {
    const piece = m[0];
    const pw = visibleWidth(piece);
    if (w + pw > width && w > 0) {
      parts.push(cur);
      cur = "";
      w = 0;
    }
    cur += piece;
    w += pw;
  }
  if (cur !== "") parts.push(cur);
  return parts;
}

/** Wraps one logical line (no newlines) to `width` cells. */
function wrapLine(line: string, width: number): string[] {
  const out: string[] = [];
  let cur = "";
  let curW = 0;
  let word = "";
  let spaces = "";
  const flushWord = () => {
    if (word === "") return;
    const ww = visibleWidth(word);
    const sw = curW === 0 ? 0 : visibleWidth(spaces);
    if (curW + sw + ww <= width) {
      cur += (curW === 0 ? "" : spaces) + word;
      curW += sw + ww;
    } else {
      if (curW > 0) out.push(cur);
      cur = "";
      curW = 0;
      const pieces = ww > width ? hardSplit(word, width) : [word];
      for (let i = 0; i < pieces.length - 1; i++) out.push(pieces[i] ?? "");
      cur = pieces[pieces.length - 1] ?? "";
      curW = visibleWidth(cur);
    }
    word = "";
    spaces = "";
  };
  for (const m of line.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined || m[4] !== undefined) word += m[0];
    else if (m[2] !== undefined) {
      if (word !== "" && visibleWidth(word) === 0) {
        cur += word;
        word = "";
      }
      flushWord();
      spaces += m[0];
    } else word += m[0];
  }
  flushWord();
  out.push(cur);
  return out;
}

/** Wraps text to `width` cells, keeping existing newlines. */
export function wrapAnsi(text: string, width: number): string[] {
  const w = Math.max(1, width);
  return text.split("\n").flatMap((l) => wrapLine(l, w));
}

/** Wraps `text` to `width` with `first` before the first line and `rest` before the others (hanging indent). */
export function hangingIndent(text: string, width: number, first: string, rest: string): string[] {
  const lines = wrapAnsi(text, width - visibleWidth(first));
  return lines.map((l, i) => (i === 0 ? first : rest) + l);
}
