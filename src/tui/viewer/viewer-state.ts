// The transcript viewer's state, pure: which block is selected, which are open, and where the window starts.
// The window is anchored at (block, row inside it) rather than at an absolute row, so scrolling, selecting and
// drawing only ever measure the blocks on or next to the screen: the cost does not grow with the transcript.
// Opening or closing a block keeps the rows above it where they are ("in place"); only rows below it move.

export interface Pos {
  block: number;
  row: number;
}

export interface ViewerState {
  sel: number;
  open: readonly boolean[];
  top: Pos;
}

/** What the state functions need to know about the blocks (given by the component, cached per width). */
export interface Layout {
  count: number;
  /** Rows of block i, open or closed (at least 1). */
  rows(i: number, open: boolean): number;
  /** Whether opening block i changes anything. */
  toggles(i: number): boolean;
  /** Rows available for blocks. */
  height: number;
}

const rowsOf = (s: ViewerState, l: Layout, i: number) => Math.max(1, l.rows(i, s.open[i] ?? false));
const before = (a: Pos, b: Pos) => a.block < b.block || (a.block === b.block && a.row < b.row);

/** The first window position from which the last block's last row is on the last screen row. */
export function endTop(s: ViewerState, l: Layout): Pos {
  let need = l.height;
  for (let i = l.count - 1; i >= 0; i--) {
    const r = rowsOf(s, l, i);
    if (r >= need) return { block: i, row: r - need };
    need -= r;
  }
  return { block: 0, row: 0 };
}

/** Opens at the end of the conversation with the last block selected. */
export function initialState(open: readonly boolean[], l: Layout): ViewerState {
  const s: ViewerState = { sel: Math.max(0, l.count - 1), open, top: { block: 0, row: 0 } };
  return { ...s, top: endTop(s, l) };
}

/** Moves the window down by n rows (never past the end). */
export function scrollDown(s: ViewerState, l: Layout, n: number): ViewerState {
  let { block, row } = s.top;
  let left = n;
  while (left > 0 && block < l.count) {
    const rest = rowsOf(s, l, block) - row;
    if (left < rest) {
      row += left;
      left = 0;
    } else {
      left -= rest;
      block++;
      row = 0;
    }
  }
  const end = endTop(s, l);
  const top = block >= l.count || before(end, { block, row }) ? end : { block, row };
  return before(top, s.top) ? s : { ...s, top };
}

/** Moves the window up by n rows (never before the start). */
export function scrollUp(s: ViewerState, l: Layout, n: number): ViewerState {
  let { block, row } = s.top;
  let left = n;
  while (left > 0) {
    if (row >= left) {
      row -= left;
      break;
    }
    left -= row;
    row = 0;
    if (block === 0) break;
    block--;
    row = rowsOf(s, l, block);
  }
  return { ...s, top: { block, row } };
}

/** Rows from the window's top to the first row of block i (stops counting once past the screen). */
function distance(s: ViewerState, l: Layout, i: number): number {
  let d = rowsOf(s, l, s.top.block) - s.top.row;
  for (let b = s.top.block + 1; b < i && d < l.height; b++) d += rowsOf(s, l, b);
  return d;
}

/** Scrolls as little as possible so the selected block is on screen (all of it when it fits). */
export function reveal(s: ViewerState, l: Layout): ViewerState {
  const head = { block: s.sel, row: 0 };
  if (before(head, s.top) || (s.sel === s.top.block && s.top.row > 0)) return { ...s, top: head };
  if (s.sel === s.top.block) return s;
  const d = distance(s, l, s.sel);
  const over = d + Math.min(rowsOf(s, l, s.sel), l.height) - l.height;
  return over > 0 ? scrollDown(s, l, over) : s;
}

export function select(s: ViewerState, l: Layout, delta: number): ViewerState {
  const sel = Math.max(0, Math.min(l.count - 1, s.sel + delta));
  return reveal({ ...s, sel }, l);
}

export const home = (s: ViewerState): ViewerState => ({ ...s, sel: 0, top: { block: 0, row: 0 } });

export function end(s: ViewerState, l: Layout): ViewerState {
  const next = { ...s, sel: Math.max(0, l.count - 1) };
  return { ...next, top: endTop(next, l) };
}

/** After a page scroll the selection follows the window: the first block whose first row is on screen. */
function followWindow(s: ViewerState, l: Layout): ViewerState {
  const first = s.top.row === 0 ? s.top.block : s.top.block + 1;
  const visible = (i: number) => i >= first && distance(s, l, i) < l.height;
  if (visible(s.sel) || (s.sel === s.top.block && s.top.row > 0)) return s;
  const sel = first < l.count && distance(s, l, first) < l.height ? first : s.top.block;
  return { ...s, sel: Math.min(sel, l.count - 1) };
}

export const pageDown = (s: ViewerState, l: Layout) =>
  followWindow(scrollDown(s, l, Math.max(1, l.height - 1)), l);
export const pageUp = (s: ViewerState, l: Layout) =>
  followWindow(scrollUp(s, l, Math.max(1, l.height - 1)), l);

/** Opens or closes the selected block where it is: its first row stays on the same screen row. */
export function toggle(s: ViewerState, l: Layout, want?: boolean): ViewerState {
  if (!l.toggles(s.sel)) return s;
  const open = [...s.open];
  open[s.sel] = want ?? !open[s.sel];
  if (open[s.sel] === s.open[s.sel]) return s;
  // A block whose head is scrolled off the top is brought back to the top, so the change is seen.
  const top = s.top.block === s.sel ? { block: s.sel, row: 0 } : s.top;
  return { ...s, open, top };
}

/** `e`: opens every block when any is closed, else closes them all; the selected block stays in view. */
export function toggleAll(s: ViewerState, l: Layout): ViewerState {
  let anyClosed = false;
  for (let i = 0; i < l.count && !anyClosed; i++) if (!s.open[i] && l.toggles(i)) anyClosed = true;
  const open = Array.from({ length: l.count }, () => anyClosed);
  return reveal({ ...s, open, top: { block: s.top.block, row: 0 } }, l);
}

/**
 * The next block (after the selection, wrapping; backwards for dir −1) that matches, selected, opened and shown;
 * null when no block matches.
 */
export function find(
  s: ViewerState,
  l: Layout,
  matches: (i: number) => boolean,
  dir: 1 | -1,
): ViewerState | null {
  for (let step = 1; step <= l.count; step++) {
    const i = (((s.sel + dir * step) % l.count) + l.count) % l.count;
    if (!matches(i)) continue;
    const open = [...s.open];
    if (l.toggles(i)) open[i] = true;
    return reveal({ ...s, sel: i, open }, l);
  }
  return null;
}

/** Keeps the anchor valid after the rows changed (a resize re-wraps every block). */
export function clamp(s: ViewerState, l: Layout): ViewerState {
  if (l.count === 0) return s;
  const block = Math.min(s.top.block, l.count - 1);
  const row = Math.min(s.top.row, rowsOf(s, l, block) - 1);
  const end = endTop(s, l);
  const top = before(end, { block, row }) ? end : { block, row };
  return top.block === s.top.block && top.row === s.top.row ? s : { ...s, top };
}

/** The rows on screen from the window's top: [block index, row text] pairs, at most `height`. */
export function windowRows(s: ViewerState, l: Layout, text: (i: number, open: boolean) => string[]) {
  const out: { block: number; text: string }[] = [];
  for (let b = s.top.block; b < l.count && out.length < l.height; b++) {
    const rows = text(b, s.open[b] ?? false);
    for (let r = b === s.top.block ? s.top.row : 0; r < rows.length && out.length < l.height; r++)
      out.push({ block: b, text: rows[r] ?? "" });
  }
  return out;
}
