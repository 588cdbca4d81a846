// The live frame's row budget. Ink redraws the live area by erasing its previous height; once that height
// reaches the terminal's, it clears the whole screen and the scrollback instead. So everything here counts
// RENDERED rows (the live text is pre-wrapped to the width, so one line is one row) and the frame as a whole
// stays below the terminal height: the live turn shows only the tail that fits, the approval box and the
// editor scroll inside. Pure arithmetic, no Ink.

/** Rows the live frame may use: the terminal height minus the cursor row below the frame and one spare row. */
export function frameRows(termRows: number): number {
  return Math.max(3, termRows - 2);
}

/** Fewest detail rows an open approval keeps (plus its "lines a–b of n" row when it scrolls). */
export const MIN_DETAIL_ROWS = 3;

export interface RowDemand {
  termRows: number;
  /** Rows always shown whatever happens: spinner, queue, fatal error, usage bar, the margins between parts. */
  chrome: number;
  /** Rows the live turn would like (reasoning, the answer's tail, running tools). */
  live: number;
  /** Rows the input would like (editor rows + completion menu + hint). */
  input: number;
  /** An open approval: the rows it needs besides its detail, and the detail's full length. */
  approval?: { base: number; detail: number };
}

export interface RowPlan {
  live: number;
  input: number;
  /** Rows for the whole approval box (0 without one). */
  approval: number;
}

/**
 * Splits the frame among the live turn, the input and an approval box so that their sum plus `chrome` never
 * exceeds `frameRows`. An approval comes first (it is what the user must read), the input keeps at least one
 * row, and without an approval the live turn is guaranteed half of what is left (a long recalled prompt
 * scrolls instead of pushing the answer away).
 */
export function planRows(d: RowDemand): RowPlan {
  const free = Math.max(0, frameRows(d.termRows) - d.chrome);
  if (d.approval) {
    // While the user decides, the (inactive) draft shows one row.
    const input = Math.min(Math.max(0, d.input), 1, free);
    const want = d.approval.base + d.approval.detail;
    const approval = Math.max(0, Math.min(want, free - input));
    return { live: Math.max(0, Math.min(d.live, free - input - approval)), input, approval };
  }
  const liveShare = Math.min(Math.max(0, d.live), Math.ceil(free / 2));
  const input = Math.max(Math.min(1, free), Math.min(Math.max(1, d.input), free - liveShare));
  return { live: Math.max(0, Math.min(d.live, free - input)), input, approval: 0 };
}

/** Scroll position that keeps row `focus` visible in a window of `view` rows over `total`, moving minimally. */
export function followTop(top: number, focus: number, view: number, total: number): number {
  const v = Math.max(1, view);
  let t = Math.min(Math.max(0, top), Math.max(0, total - v));
  if (focus < t) t = focus;
  else if (focus >= t + v) t = focus - v + 1;
  return Math.max(0, Math.min(t, Math.max(0, total - v)));
}

/** The last `n` rows (all of them when they fit). */
export function tailRows<T>(rows: T[], n: number): T[] {
  if (n <= 0) return [];
  return rows.length <= n ? rows : rows.slice(rows.length - n);
}

/** "lines 12–20 of 200": the scroll indicator of a window (1-based, inclusive). */
export function windowLabel(top: number, view: number, total: number): string {
  const last = Math.min(total, top + view);
  return `lines ${top + 1}–${last} of ${total}`;
}
