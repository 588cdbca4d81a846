// Prints finished items into the terminal's own scrollback exactly once — like <Static>, but as pre-rendered
// strings through Ink's write(), which keeps the live frame intact and skips Ink's per-character layout (the
// main CPU cost of long answers) — then acknowledges so the reducer drops them and memory stays flat.
import { useStdout } from "ink";
import { useLayoutEffect } from "react";
import type { Item } from "../ui/app-types.js";
import { useUi } from "../ui/theme.js";
import { itemText, type TextContext } from "../ui/transcript-text.js";

export interface TranscriptProps {
  items: Item[];
  width: number;
  header: TextContext["header"];
  onPrinted(count: number): void;
}

export function Transcript({ items, width, header, onPrinted }: TranscriptProps) {
  const { write } = useStdout();
  const ui = useUi();
  useLayoutEffect(() => {
    if (items.length === 0) return;
    const ctx: TextContext = { width, painter: ui.painter, highlight: ui.highlight, header };
    write(items.map((item) => itemText(item, ctx)).join(""));
    onPrinted(items.length);
  }, [items, width, ui, header, onPrinted, write]);
  return null;
}
