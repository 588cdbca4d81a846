// The full-screen transcript viewer (Ctrl+O, /transcript), drawn on the terminal's alternate screen: the whole
// conversation as blocks that open and close in place. Only the rows in the window are rendered (blocks are
// rendered lazily and cached per width), and the frame is always one row shorter than the terminal, so Ink never
// falls back to clearing the screen. The alternate-screen switches are made by the caller (tui/viewer/screen.ts).
import { Box, type Key, Text, useInput } from "ink";
import { memo, useLayoutEffect, useMemo, useRef, useState } from "react";
import { forEachKey } from "../tui/input/split-keys.js";
import { useUi } from "../tui/render/theme.js";
import {
  type BlockContext,
  blockRows,
  blockText,
  startsOpen,
  type ViewerBlock,
} from "../tui/viewer/blocks.js";
import type { ViewerKeys } from "../tui/viewer/use-viewer.js";
import * as V from "../tui/viewer/viewer-state.js";

export interface TranscriptViewerProps {
  blocks: readonly ViewerBlock[];
  columns: number;
  rows: number;
  onClose(): void;
  /**
   * In the app, keys come through the prompt's input (see use-viewer.ts): the viewer registers its handler.
   * Without it (tests, standalone) the viewer reads the keyboard itself.
   */
  register?(keys: ViewerKeys | null): void;
}

interface Search {
  query: string;
  editing: boolean;
  miss?: boolean;
}

/** Rows above and below the blocks: the title line and the position line. */
const CHROME = 2;

// Memoised: the app re-renders on every spinner tick while a turn runs; the viewer's rows do not change then.
export const TranscriptViewer = memo(function TranscriptViewer({
  blocks,
  columns,
  rows,
  onClose,
  register,
}: TranscriptViewerProps) {
  const ui = useUi();
  const p = ui.painter;
  const width = Math.max(20, columns - 1);
  // One row short of the terminal: a frame as tall as the screen makes Ink clear it instead of redrawing.
  const height = Math.max(1, rows - 1 - CHROME);
  const layout = useMemo(() => {
    const ctx: BlockContext = { width: width - 2, painter: p, highlight: ui.highlight };
    const cache = new Map<string, string[]>();
    const text = (i: number, open: boolean): string[] => {
      const key = `${i}:${open ? 1 : 0}`;
      let r = cache.get(key);
      const b = blocks[i];
      if (!r && b) {
        // A blank row between blocks keeps them apart.
        r = i < blocks.length - 1 ? [...blockRows(b, open, ctx), ""] : blockRows(b, open, ctx);
        cache.set(key, r);
      }
      return r ?? [""];
    };
    const l: V.Layout = {
      count: blocks.length,
      height,
      rows: (i, open) => text(i, open).length,
      // Both forms are rendered through the cache, which the window needs anyway.
      toggles: (i) => text(i, true).length !== text(i, false).length,
    };
    // Lower-cased words of each block, filled as `/` searches them.
    return { l, text, words: new Map<number, string>() };
  }, [blocks, width, height, p, ui.highlight]);
  const [state, setState] = useState(() => V.initialState(blocks.map(startsOpen), layout.l));
  // Keys read the latest state from a ref: several keys can arrive before React renders again. A resize
  // re-wraps every block, so the anchor is re-checked on each render.
  const ref = useRef(state);
  // A running turn appends blocks while the viewer is open: they start as usual, and a reader at the last block
  // follows the end.
  const counted = useRef(blocks.length);
  if (counted.current !== blocks.length) {
    const s = ref.current;
    const open = blocks.map((b, i) => s.open[i] ?? startsOpen(b));
    const follow = s.sel >= counted.current - 1;
    ref.current = follow ? V.end({ ...s, open }, layout.l) : { ...s, open };
    counted.current = blocks.length;
  }
  const view = V.clamp(ref.current, layout.l);
  ref.current = view;
  const update = (f: (s: V.ViewerState, l: V.Layout) => V.ViewerState) => {
    ref.current = f(ref.current, layout.l);
    setState(ref.current);
  };

  // `/` search: the query being typed (editing) or the last one (n / N repeat it).
  const [search, setSearchState] = useState<Search | null>(null);
  const searchRef = useRef<Search | null>(null);
  const setSearch = (next: Search | null) => {
    searchRef.current = next;
    setSearchState(next);
  };
  const seek = (query: string, dir: 1 | -1) => {
    const q = query.toLowerCase();
    const matches = (i: number) => {
      let t = layout.words.get(i);
      if (t === undefined) {
        t = blockText(blocks[i] as ViewerBlock).toLowerCase();
        layout.words.set(i, t);
      }
      return t.includes(q);
    };
    const found = q === "" ? null : V.find(ref.current, layout.l, matches, dir);
    if (found) update(() => found);
    setSearch({ query, editing: false, miss: !found });
  };
  const onSearchKey = (s: Search, input: string, key: Key) => {
    if (key.escape) return setSearch(null);
    if (key.return || input === "\r") return seek(s.query, 1);
    if (key.backspace || key.delete) return setSearch({ ...s, query: s.query.slice(0, -1) });
    if (key.ctrl || key.meta || input < " ") return;
    setSearch({ ...s, query: s.query + input });
  };

  const onKey = (input: string, key: Key): boolean | undefined => {
    const s = searchRef.current;
    if (s?.editing) {
      // Several characters typed fast arrive together: each is a key of the query.
      if (!key.ctrl && !key.meta && !key.return && input.length > 1)
        for (const ch of input) onSearchKey(searchRef.current ?? s, ch, key);
      else onSearchKey(s, input, key);
      return;
    }
    if (key.escape || (key.ctrl && (input === "o" || input === "c"))) {
      onClose();
      return true;
    }
    if (key.upArrow) return void update((s, l) => V.select(s, l, -1));
    if (key.downArrow) return void update((s, l) => V.select(s, l, 1));
    if (key.pageUp) return void update(V.pageUp);
    if (key.pageDown) return void update(V.pageDown);
    if (key.home) return void update(V.home);
    if (key.end) return void update(V.end);
    if (key.return) return void update((s, l) => V.toggle(s, l));
    if (key.rightArrow) return void update((s, l) => V.toggle(s, l, true));
    if (key.leftArrow) return void update((s, l) => V.toggle(s, l, false));
    if (key.ctrl || key.meta) return;
    // Plain letters typed fast arrive as one chunk ("jjj"): each is a key.
    for (const ch of input) {
      if (ch === "q") {
        onClose();
        return true;
      }
      if (ch === "k") update((s, l) => V.select(s, l, -1));
      else if (ch === "j") update((s, l) => V.select(s, l, 1));
      // Enter typed right after a letter stays in its text run ("k⏎"); it is still Enter.
      else if (ch === " " || ch === "\r") update((s, l) => V.toggle(s, l));
      else if (ch === "g") update(V.home);
      else if (ch === "G") update(V.end);
      else if (ch === "e") update(V.toggleAll);
      else if (ch === "/") {
        // The rest of the chunk is the start of the query.
        setSearch({ query: "", editing: true });
        const rest = input.slice(input.indexOf("/") + 1);
        if (rest) onKey(rest, key);
        return;
      } else if ((ch === "n" || ch === "N") && s) seek(s.query, ch === "n" ? 1 : -1);
    }
  };
  const keys = useRef(onKey);
  keys.current = onKey;
  useLayoutEffect(() => {
    if (!register) return;
    register((input, key) => forEachKey(input, key, (i, k) => keys.current(i, k)));
    return () => register(null);
  }, [register]);
  useInput((input, key) => forEachKey(input, key, onKey), { isActive: !register });

  const shown = V.windowRows(view, layout.l, layout.text);
  const lines = shown.map(({ block, text }) =>
    block === view.sel && text !== "" ? `${p.paint("▌", "cyan")} ${text}` : `  ${text}`,
  );
  // Ink gives an empty Text no height; a space keeps every slot one row tall, so the frame is exactly sized.
  while (lines.length < height) lines.push(" ");
  const title = `${p.paint("Transcript", "bold")}${p.paint(" · ↑↓ select · Enter open/close · e all · / find · q back", "gray")}`;
  const last = V.endTop(view, layout.l);
  const atEnd = last.block === view.top.block && last.row === view.top.row;
  const where = search?.editing
    ? `/${search.query}▏ (Enter finds, Esc cancels)`
    : blocks.length === 0
      ? "Nothing in this conversation yet."
      : `block ${view.sel + 1}/${blocks.length}${atEnd ? " · end" : ""}${
          search ? (search.miss ? ` · no match for "${search.query}"` : ` · /${search.query} (n/N)`) : ""
        }`;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">{title}</Text>
      {lines.map((l, i) => (
        // Rows are positional: the window moves, the slots stay.
        // biome-ignore lint/suspicious/noArrayIndexKey: a screen row is identified by its position
        <Text key={i} wrap="truncate-end">
          {l}
        </Text>
      ))}
      <Text wrap="truncate-end">{p.paint(where, "gray")}</Text>
    </Box>
  );
});
