// Runs the Markdown renderer and the code highlighter once on small samples while the prompt waits for the user,
// one step per macrotask so typing is never held up. Without it their first real use — in the middle of a fast
// stream — pays for JIT compilation of the lexer and renderer and for highlight.js compiling each grammar (about
// 5 ms per language): that first frame was the longest event-loop stall of a long answer (tui.bench.mjs).
import type { Painter } from "./ansi.js";
import { type Highlighter, renderMarkdown } from "./markdown.js";

/** The languages answers use most; the others compile on first use (one grammar costs a few ms, not a stall). */
export const WARM_LANGUAGES = ["typescript", "javascript", "python", "bash", "json", "go", "rust", "diff"];

const SAMPLE = [
  "# Title",
  "Some **bold**, *emphasis*, `code`, a [link](https://example.com) and ~~strike~~.",
  "- one\n- two\n  1. nested",
  "> quoted text",
  "| a | b |\n|---|--:|\n| 1 | 2 |",
  "```\nplain code\n```",
].join("\n\n");

/**
 * Schedules the warm-up steps (the Markdown sample first, then one highlighter language per step). Returns a
 * cancel function; `onDone` runs after the last step (tests wait on it).
 */
export function warmRenderers(painter: Painter, highlight?: Highlighter, onDone?: () => void): () => void {
  const steps: Array<() => void> = [() => renderMarkdown(SAMPLE, { width: 80, painter, highlight })];
  if (highlight) for (const lang of WARM_LANGUAGES) steps.push(() => highlight("const x = f(1); // c", lang));
  let timer: NodeJS.Immediate | undefined;
  const next = (i: number) => {
    const step = steps[i];
    if (!step) return onDone?.();
    timer = setImmediate(() => {
      try {
        step();
      } catch {
        // A warm-up failure only means the first real render pays the cost.
      }
      next(i + 1);
    });
    // Never keeps the process alive (quitting during the warm-up exits at once).
    timer.unref();
  };
  next(0);
  return () => {
    if (timer) clearImmediate(timer);
  };
}
