// The live turn as rows of terminal text, pre-wrapped to the width so that one string is one rendered row and
// Ink never wraps again (the row budget counts these). The answer's unfinished tail is rendered as Markdown
// progressively — an open code fence is closed virtually — with the same renderer that later prints the
// finished block, so the text does not jump from raw to formatted when its block completes.
import type { AppState, SubAgentView } from "../state/app-types.js";
import { formatTokens } from "../state/use-ticker.js";
import { clipToWidth, type Painter } from "./ansi.js";
import { type Highlighter, renderMarkdown } from "./markdown.js";
import { tailRows } from "./row-budget.js";
import { sanitizeForTerminal } from "./sanitize.js";
import { toolLines } from "./transcript-text.js";
import { wrapAnsi } from "./wrap.js";

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
/** Rows of reasoning shown while it streams (the full text is printed once it ends). */
export const REASONING_ROWS = 3;

export interface LiveRowsOptions {
  width: number;
  painter: Painter;
  highlight?: Highlighter;
  expanded: boolean;
  /** The clock for running tools' elapsed time; undefined while nothing may move (an approval waits). */
  now?: number;
  /** Upper bound on the rows that can ever be shown; bounds the text re-rendered per frame. */
  maxRows: number;
}

/** The opening fence line still open at the end of `text` (CommonMark rules as in stream-split), or null. */
export function openFence(text: string): string | null {
  let fence: string | null = null;
  let opener: string | null = null;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf("\n", pos);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(pos, end);
    const m = FENCE_RE.exec(line);
    if (fence === null) {
      if (m?.[1]) {
        fence = m[1];
        opener = line;
      }
    } else if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) {
      fence = null;
      opener = null;
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return opener;
}

/**
 * The Markdown source to render for a streaming tail: the last `maxChars` (whole lines, re-opening a code
 * fence the cut fell inside) with an open fence closed, so a partial code block renders as code already.
 */
export function progressiveSource(tail: string, maxChars: number): string {
  let src = tail;
  if (src.length > maxChars) {
    const from = src.length - maxChars;
    const nl = src.indexOf("\n", from);
    const cut = nl === -1 ? from : nl + 1;
    const opener = openFence(src.slice(0, cut));
    src = opener !== null ? `${opener}\n${src.slice(cut)}` : src.slice(cut);
  }
  const opener = openFence(src);
  if (opener === null) return src;
  const fence = FENCE_RE.exec(opener)?.[1] ?? "```";
  return `${src}${src.endsWith("\n") ? "" : "\n"}${fence}`;
}

/** Every row of the live turn, top to bottom, each at most `width` cells; the caller keeps the tail. */
export function liveRows(live: AppState["live"], o: LiveRowsOptions): string[] {
  return [...liveTextRows(live, o), ...liveToolRows(live.tools, o)];
}

/**
 * The reasoning and answer rows. Separate from the tools' rows because only those move with the clock: the
 * Markdown (and highlighting) of the streaming tail is rendered when the text changes, not on every spinner tick.
 */
export function liveTextRows(
  live: Pick<AppState["live"], "text" | "reasoning">,
  o: LiveRowsOptions,
): string[] {
  const p = o.painter;
  const out: string[] = [];
  // Enough source for every row that could be shown, so long tails cost what the screen shows, not more.
  const maxChars = Math.max(2_000, o.maxRows * o.width * 2);
  const reasoning = sanitizeForTerminal(live.reasoning.slice(-REASONING_ROWS * o.width * 4)).trim();
  if (reasoning) {
    out.push("");
    const rows = tailRows(wrapAnsi(reasoning, o.width), REASONING_ROWS);
    out.push(...rows.map((l) => p.paint(l, "gray", "italic")));
  }
  if (live.text.trim() !== "") {
    out.push("");
    const src = progressiveSource(live.text, maxChars);
    const md = renderMarkdown(src, { width: o.width, painter: p, highlight: o.highlight });
    out.push(...md.split("\n"));
  }
  return out;
}

/**
 * The running and finished-but-unprinted tools' rows (elapsed time from `now`). A running sub-agent shows one
 * line under its call (label, turns, tokens, current call) instead of its progress output.
 */
export function liveToolRows(tools: AppState["live"]["tools"], o: LiveRowsOptions): string[] {
  const p = o.painter;
  const out: string[] = [];
  for (const t of tools) {
    out.push("");
    if (t.agent && t.status === "running") {
      out.push(...toolLines({ ...t, live: "" }, false, o.width, p, o.now), subAgentLine(t.agent, o));
      continue;
    }
    out.push(...toolLines(t, o.expanded && t.status !== "running", o.width, p, o.now));
  }
  return out;
}

/** "  ↳ sub-agent #2 · turn 3 · 12.3k tokens · read_file src/a.ts", one row. */
export function subAgentLine(a: SubAgentView, o: Pick<LiveRowsOptions, "width" | "painter">): string {
  const facts = [a.label, `turn ${a.turns}`, `${formatTokens(a.tokens)} tokens`];
  if (a.current) facts.push(sanitizeForTerminal(a.current).replace(/\s+/g, " "));
  return o.painter.paint(clipToWidth(`  ↳ ${facts.join(" · ")}`, o.width), "gray");
}
