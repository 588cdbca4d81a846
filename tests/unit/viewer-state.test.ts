// The transcript viewer's pure state: selection, opening in place, scrolling, the virtual window (only blocks
// near the screen are measured) and resizes.
import { describe, expect, it } from "vitest";
import * as V from "../../src/tui/viewer/viewer-state.js";

/** Blocks with fixed heights (closed, open); counts how often each block is measured. */
function layout(sizes: Array<[number, number]>, height: number) {
  const measured = new Set<number>();
  const l: V.Layout = {
    count: sizes.length,
    height,
    rows(i, open) {
      measured.add(i);
      const s = sizes[i] ?? [1, 1];
      return open ? s[1] : s[0];
    },
    toggles: (i) => (sizes[i]?.[0] ?? 1) !== (sizes[i]?.[1] ?? 1),
  };
  return { l, measured };
}

const text = (l: V.Layout) => (i: number, open: boolean) =>
  Array.from({ length: l.rows(i, open) }, (_, r) => `b${i}r${r}`);

describe("viewer state", () => {
  it("opens at the end with the last block selected", () => {
    const { l } = layout(
      [
        [2, 2],
        [2, 10],
        [3, 3],
        [1, 1],
      ],
      5,
    );
    const s = V.initialState([false, false, false, false], l);
    expect(s.sel).toBe(3);
    expect(V.windowRows(s, l, text(l)).map((r) => r.text)).toEqual(["b1r1", "b2r0", "b2r1", "b2r2", "b3r0"]);
  });

  it("moves the selection and scrolls only as far as needed to show the block", () => {
    const { l } = layout(
      [
        [2, 2],
        [2, 10],
        [3, 3],
        [1, 1],
      ],
      5,
    );
    let s = V.initialState([false, false, false, false], l);
    s = V.select(s, l, -1);
    expect(s.sel).toBe(2);
    expect(s.top).toEqual({ block: 1, row: 1 });
    s = V.select(s, l, -1);
    expect(s.top).toEqual({ block: 1, row: 0 });
    s = V.select(V.select(s, l, -1), l, -5);
    expect(s.sel).toBe(0);
    expect(s.top).toEqual({ block: 0, row: 0 });
    s = V.select(s, l, 3);
    expect(s.sel).toBe(3);
    expect(V.windowRows(s, l, text(l)).at(-1)?.text).toBe("b3r0");
  });

  it("opens and closes a block in place: rows above it do not move", () => {
    const { l } = layout(
      [
        [2, 2],
        [2, 10],
        [3, 3],
        [1, 1],
      ],
      6,
    );
    let s = V.home(V.initialState([false, false, false, false], l));
    s = V.select(s, l, 1);
    const before = V.windowRows(s, l, text(l)).map((r) => r.text);
    s = V.toggle(s, l);
    expect(s.open[1]).toBe(true);
    const after = V.windowRows(s, l, text(l)).map((r) => r.text);
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after.slice(2)).toEqual(["b1r0", "b1r1", "b1r2", "b1r3"]);
    s = V.toggle(s, l);
    expect(V.windowRows(s, l, text(l)).map((r) => r.text)).toEqual(before);
    // → opens, ← closes, and blocks with nothing to hide do not toggle.
    expect(V.toggle(s, l, false)).toBe(s);
    expect(V.toggle(s, l, true).open[1]).toBe(true);
    expect(V.toggle({ ...s, sel: 0 }, l)).toEqual({ ...s, sel: 0 });
  });

  it("closing a block whose head scrolled off brings its head back to the top", () => {
    const { l } = layout(
      [
        [1, 1],
        [2, 30],
        [1, 1],
      ],
      5,
    );
    let s = V.toggle(V.select(V.home(V.initialState([false, false, false], l)), l, 1), l);
    s = V.scrollDown(s, l, 10);
    expect(s.top).toEqual({ block: 1, row: 9 });
    s = V.toggle(s, l);
    expect(s.top).toEqual({ block: 1, row: 0 });
  });

  it("pages and jumps, never past either end, and the selection follows the window", () => {
    const sizes = Array.from({ length: 50 }, (): [number, number] => [3, 3]);
    const { l } = layout(sizes, 10);
    let s = V.home(
      V.initialState(
        sizes.map(() => false),
        l,
      ),
    );
    s = V.pageDown(s, l);
    expect(s.top).toEqual({ block: 3, row: 0 });
    expect(s.sel).toBe(3);
    s = V.pageUp(V.pageUp(s, l), l);
    expect(s.top).toEqual({ block: 0, row: 0 });
    s = V.end(s, l);
    expect(s.sel).toBe(49);
    expect(s.top).toEqual(V.endTop(s, l));
    expect(V.scrollDown(s, l, 100).top).toEqual(s.top);
    expect(V.home(s).top).toEqual({ block: 0, row: 0 });
  });

  it("e opens every block, then closes them all", () => {
    const { l } = layout(
      [
        [1, 4],
        [1, 1],
        [1, 5],
      ],
      8,
    );
    let s = V.toggleAll(V.initialState([false, true, false], l), l);
    expect(s.open).toEqual([true, true, true]);
    s = V.toggleAll(s, l);
    expect(s.open).toEqual([false, false, false]);
  });

  it("measures only the blocks near the window, however long the transcript", () => {
    const sizes = Array.from({ length: 100_000 }, (): [number, number] => [2, 8]);
    const { l, measured } = layout(sizes, 20);
    let s = V.initialState(
      sizes.map(() => false),
      l,
    );
    s = V.pageUp(V.select(V.toggle(s, l), l, -3), l);
    V.windowRows(s, l, text(l));
    expect(measured.size).toBeLessThan(40);
  });

  it("keeps the anchor valid when a resize changes every block's height", () => {
    const big = layout(
      [
        [1, 1],
        [40, 40],
        [1, 1],
      ],
      10,
    );
    let s = V.scrollDown(V.home(V.initialState([false, false, false], big.l)), big.l, 30);
    expect(s.top).toEqual({ block: 1, row: 29 });
    const small = layout(
      [
        [1, 1],
        [12, 12],
        [1, 1],
      ],
      10,
    );
    s = V.clamp(s, small.l);
    expect(s.top).toEqual(V.endTop(s, small.l));
    expect(V.windowRows(s, small.l, text(small.l))).toHaveLength(10);
  });

  it("find selects, opens and shows the next matching block, wrapping around", () => {
    const { l } = layout(
      [
        [1, 1],
        [1, 4],
        [1, 1],
        [1, 4],
      ],
      5,
    );
    const s = V.home(V.initialState([false, false, false, false], l));
    const found = V.find({ ...s, sel: 2 }, l, (i) => i === 1 || i === 3, 1);
    expect(found?.sel).toBe(3);
    expect(found?.open[3]).toBe(true);
    expect(V.find({ ...s, sel: 3 }, l, (i) => i === 1, 1)?.sel).toBe(1);
    expect(V.find(s, l, (i) => i === 3, -1)?.sel).toBe(3);
    expect(V.find(s, l, () => false, 1)).toBeNull();
  });
});
