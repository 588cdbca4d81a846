// How finished reasoning is printed to scrollback: dim, and when long only its first rows with a count of the
// rest — the full text stays reachable through /expand (the reducer keeps it in `collapsed`) and the transcript
// viewer (Ctrl+O).
// "Long" is measured at a fixed 80 columns so the reducer (which has no width) and the printer agree.
import type { Painter } from "./ansi.js";
import { wrapAnsi } from "./wrap.js";

/** Rows shown of a collapsed reasoning block. */
export const REASONING_PREVIEW_ROWS = 4;
/** Reasoning longer than this many 80-column rows is collapsed unless expanded. */
const REASONING_COLLAPSE_ROWS = 6;

/** Whether reasoning is long enough to be collapsed (width-independent, see the header). */
export function isLongReasoning(text: string): boolean {
  let rows = 0;
  for (const line of text.split("\n")) {
    rows += Math.max(1, Math.ceil([...line].length / 80));
    if (rows > REASONING_COLLAPSE_ROWS) return true;
  }
  return false;
}

/** The printed rows of a (sanitised) reasoning block: all of them, or a dim preview and the hidden count. */
export function reasoningLines(text: string, width: number, expanded: boolean, p: Painter): string[] {
  const rows = wrapAnsi(text, width);
  const dim = (l: string) => p.paint(l, "gray", "italic");
  if (expanded || !isLongReasoning(text) || rows.length <= REASONING_PREVIEW_ROWS + 1) return rows.map(dim);
  const hidden = rows.length - REASONING_PREVIEW_ROWS;
  return [
    ...rows.slice(0, REASONING_PREVIEW_ROWS).map(dim),
    p.paint(`… ${hidden} more lines (Ctrl+O)`, "gray"),
  ];
}
