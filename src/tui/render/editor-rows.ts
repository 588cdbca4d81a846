// The prompt editor's text as display rows: each logical line hard-wrapped to the width (an editor shows every
// character, spaces included, so no word wrapping that could hide one), with the cursor drawn in reverse video.
// The row holding the cursor is reported so the input can scroll inside its row budget.
import { visibleWidth } from "./ansi.js";

const CURSOR_ON = "\u001b[7m";
const CURSOR_OFF = "\u001b[27m";

export interface EditorRows {
  rows: string[];
  /** Index in `rows` of the row with the cursor (0 without a cursor). */
  cursorRow: number;
}

/** Wraps `value` to `width` cells per row; `cursor` is a string index (shown when `showCursor`). */
export function editorRows(value: string, cursor: number, width: number, showCursor: boolean): EditorRows {
  const w = Math.max(1, width);
  const rows: string[] = [];
  let cursorRow = 0;
  let row = "";
  let col = 0;
  let i = 0;
  const put = (s: string, cells: number) => {
    if (col + cells > w && col > 0) {
      rows.push(row);
      row = "";
      col = 0;
    }
    row += s;
    col += cells;
  };
  for (const ch of value) {
    const here = showCursor && i === cursor;
    if (ch === "\n") {
      if (here) {
        put(`${CURSOR_ON} ${CURSOR_OFF}`, 1);
        cursorRow = rows.length;
      }
      rows.push(row);
      row = "";
      col = 0;
    } else {
      // Tabs would be expanded by the terminal to an unknown width: show them as one space.
      const shown = ch === "\t" ? " " : ch;
      put(here ? `${CURSOR_ON}${shown}${CURSOR_OFF}` : shown, Math.max(here ? 1 : 0, visibleWidth(shown)));
      if (here) cursorRow = rows.length;
    }
    i += ch.length;
  }
  if (showCursor && cursor >= value.length) {
    put(`${CURSOR_ON} ${CURSOR_OFF}`, 1);
    cursorRow = rows.length;
  }
  rows.push(row);
  return { rows, cursorRow };
}
