// UI context: the painter (colour on/off from NO_COLOR and the TTY), the terminal width (re-read on resize so
// text re-wraps) and the lazily loaded code highlighter. Provided once by App; components read it with useUi.
import { useStdout } from "ink";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { createPainter, type Painter } from "./ansi.js";
import type { Highlighter } from "./markdown.js";
import { screenRows } from "./terminal-out.js";

export interface UiContext {
  painter: Painter;
  /** Ink colour prop or undefined when colour is off. */
  c(color: string): string | undefined;
  highlight?: Highlighter;
}

const Ctx = createContext<UiContext>(makeUi(false));

export function makeUi(color: boolean, highlight?: Highlighter): UiContext {
  return { painter: createPainter(color), c: (name) => (color ? name : undefined), highlight };
}

export function UiProvider(props: { value: UiContext; children: ReactNode }) {
  return <Ctx.Provider value={props.value}>{props.children}</Ctx.Provider>;
}

export const useUi = (): UiContext => useContext(Ctx);

/** Terminal columns and rows, updated on resize. */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => readSize(stdout));
  useEffect(() => {
    const onResize = () => setSize(readSize(stdout));
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  return size;
}

const readSize = (out: NodeJS.WriteStream) => ({
  columns: Math.max(20, out.columns || 80),
  // The real height: Ink's own stream is told a larger one (terminal-out.ts).
  rows: Math.max(10, screenRows(out) || 24),
});
