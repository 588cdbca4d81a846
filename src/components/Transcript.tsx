// Prints finished items into the terminal's own scrollback exactly once — like <Static>, but as pre-rendered
// strings through Ink's write(), which keeps the live frame intact and skips Ink's per-character layout (the
// main CPU cost of long answers) — then acknowledges so the reducer drops them and memory stays flat.
// A burst (a fast provider flushing many blocks at once) is printed in slices of ~4 KB or ~6 ms of rendering,
// whichever comes first, one per macrotask, so a frame never blocks input and the stream for long.
import { useStdout } from "ink";
import { useLayoutEffect, useRef } from "react";
import { useUi } from "../tui/render/theme.js";
import { itemText, type TextContext } from "../tui/render/transcript-text.js";
import type { Item } from "../tui/state/app-types.js";

const SLICE_CHARS = 4_000;
/** A slice also ends once rendering it took this long (a slow machine, a cold renderer, heavy highlighting). */
const SLICE_MS = 6;

const weight = (item: Item): number =>
  item.kind === "markdown" || item.kind === "output" || item.kind === "user"
    ? (item.kind === "output" ? item.body : item.text).length
    : item.kind === "tool"
      ? item.tool.live.length + (item.tool.content?.length ?? 0)
      : 80;

export interface TranscriptProps {
  items: Item[];
  width: number;
  header: TextContext["header"];
  /** Items with id ≤ upTo are on screen and may be dropped. */
  onPrinted(upTo: number): void;
  /** Hold printing (the transcript viewer has the alternate screen; text written now would be lost). */
  paused?: boolean;
}

export function Transcript({ items, width, header, onPrinted, paused }: TranscriptProps) {
  const { write } = useStdout();
  const ui = useUi();
  const printed = useRef(-1);
  useLayoutEffect(() => {
    if (paused) return;
    const fresh = items.filter((i) => i.id > printed.current);
    if (fresh.length === 0) {
      if (items.length > 0) onPrinted(printed.current);
      return;
    }
    const ctx: TextContext = { width, painter: ui.painter, highlight: ui.highlight, header };
    const texts: string[] = [];
    let budget = SLICE_CHARS;
    const started = performance.now();
    for (const item of fresh) {
      texts.push(itemText(item, ctx));
      printed.current = item.id;
      budget -= weight(item);
      if (budget <= 0 || performance.now() - started >= SLICE_MS) break;
    }
    write(texts.join(""));
    if (texts.length === fresh.length) return onPrinted(printed.current);
    // More to print: yield to the event loop first; the acknowledgement re-renders with the rest.
    const upTo = printed.current;
    const next = setImmediate(() => onPrinted(upTo));
    return () => clearImmediate(next);
  }, [items, width, ui, header, onPrinted, write, paused]);
  return null;
}
