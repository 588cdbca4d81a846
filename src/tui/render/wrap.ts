// ANSI-aware word wrapping for strings the TUI pre-renders (Markdown paragraphs, code, list items, table cells,
// diffs, tool output). Escape sequences have zero width and stay attached to the text they style; words longer
// than the width are hard-split so nothing ever overflows a narrow (40-column) terminal. Leading whitespace is
// content (code indentation, diff context): it is kept, and a line's continuation rows hang at the same indent
// (capped at half the width). Tabs become spaces at 4-column stops, so the width we measure is what is shown.
import { visibleWidth } from "./ansi.js";

const TAB_STOP = 4;
const SGR = "\\u001b\\[[0-9;?]*[ -/]*[@-~]";
const TOKEN_RE = new RegExp(`(${SGR})|(\\s)|([^\\s\\u001b]+)|(\\u001b)`, "gu");
const LEAD_RE = new RegExp(`^(?:${SGR}|\\s)*`, "u");
const PIECE_RE = new RegExp(`${SGR}|.`, "gsu");
const TAB_PARTS_RE = new RegExp(`${SGR}|\\t|[^\\t\\u001b]+|\\u001b`, "gu");
const ESCAPES_RE = new RegExp(SGR, "gu");

/** Replaces tabs with spaces up to the next tab stop (columns counted in cells, escapes ignored). */
export function expandTabs(line: string): string {
  if (!line.includes("\t")) return line;
  let out = "";
  let col = 0;
  for (const m of line.matchAll(TAB_PARTS_RE)) {
    if (m[0] === "\t") {
      const n = TAB_STOP - (col % TAB_STOP);
      out += " ".repeat(n);
      col += n;
    } else {
      out += m[0];
      col += visibleWidth(m[0]);
    }
  }
  return out;
}

/** Splits a word into pieces: the first at most `first` cells wide, the others at most `rest`. */
function hardSplit(word: string, first: number, rest: number): string[] {
  const parts: string[] = [];
  let cur = "";
  let w = 0;
  let limit = Math.max(1, first);
  for (const m of word.matchAll(PIECE_RE)) {
    const piece = m[0];
    const pw = visibleWidth(piece);
    if (w + pw > limit && w > 0) {
      parts.push(cur);
      cur = "";
      w = 0;
      limit = Math.max(1, rest);
    }
    cur += piece;
    w += pw;
  }
  if (cur !== "" || parts.length === 0) parts.push(cur);
  return parts;
}

/** Wraps one logical line (no newlines) to `width` cells. */
function wrapLine(raw: string, width: number): string[] {
  const line = expandTabs(raw);
  const lead = LEAD_RE.exec(line)?.[0] ?? "";
  // A blank line keeps its escapes (styles may open or close there) but not its invisible trailing spaces.
  if (lead.length === line.length) return [(lead.match(ESCAPES_RE) ?? []).join("")];
  const leadW = visibleWidth(lead);
  const hangW = Math.min(leadW, Math.floor(width / 2));
  const hang = " ".repeat(hangW);
  const out: string[] = [];
  let cur = "";
  let curW = 0;
  // Indentation wider than the line (deep code at 40 columns) is split like a word, never dropped.
  const leadPieces = leadW > width ? hardSplit(lead, width, width) : [lead];
  for (let i = 0; i < leadPieces.length - 1; i++) out.push(leadPieces[i] ?? "");
  cur = leadPieces[leadPieces.length - 1] ?? "";
  curW = visibleWidth(cur);
  let atStart = true; // nothing but indentation on the current row yet
  const newRow = () => {
    out.push(cur);
    cur = hang;
    curW = hangW;
    atStart = true;
  };
  let word = "";
  let spaces = "";
  const flushWord = () => {
    if (word === "") return;
    const ww = visibleWidth(word);
    const sw = atStart ? 0 : visibleWidth(spaces);
    if (ww === 0) cur += word;
    else if (curW + sw + ww <= width) {
      cur += (atStart ? "" : spaces) + word;
      curW += sw + ww;
      atStart = false;
    } else {
      if (!atStart || curW >= width) newRow();
      if (curW + ww <= width) {
        cur += word;
        curW += ww;
      } else {
        const pieces = hardSplit(word, width - curW, width - hangW);
        pieces.forEach((piece, i) => {
          if (i > 0) newRow();
          cur += piece;
        });
        curW = visibleWidth(cur);
      }
      atStart = false;
    }
    word = "";
    spaces = "";
  };
  for (const m of line.slice(lead.length).matchAll(TOKEN_RE)) {
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

/** Wraps text to `width` cells, keeping existing newlines and each line's leading whitespace. */
export function wrapAnsi(text: string, width: number): string[] {
  const w = Math.max(1, width);
  return text.split("\n").flatMap((l) => wrapLine(l, w));
}

/** Wraps `text` to `width` with `first` before the first line and `rest` before the others (hanging indent). */
export function hangingIndent(text: string, width: number, first: string, rest: string): string[] {
  const lines = wrapAnsi(text, width - visibleWidth(first));
  return lines.map((l, i) => (i === 0 ? first : rest) + l);
}
