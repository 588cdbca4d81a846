// The transcript viewer's blocks: one per prompt, answer, reasoning, tool call or notice, built from the session's
// history (the same replay the scrollback uses) plus what the live events said about each tool call (diffs and
// exit codes are not in the history). A block renders to rows for a width, open or closed; rows never exceed the
// width, so the viewer can count them. Everything from the model or a tool is sanitised on the way in.
import type { Message } from "../../runtime/index.js";
import { type Painter, visibleWidth } from "../render/ansi.js";
import { diffSummary, parseUnifiedDiff, renderDiff } from "../render/diff-view.js";
import { type Highlighter, renderMarkdown } from "../render/markdown.js";
import { sanitizeForTerminal } from "../render/sanitize.js";
import { toolBody } from "../render/tool-view.js";
import { outputBody, toolLines } from "../render/transcript-text.js";
import { wrapAnsi } from "../render/wrap.js";
import type { NewItem, ToolView } from "../state/app-types.js";
import { type DescribeLookup, historyItems } from "../state/replay.js";

export type ViewerBlock = Exclude<NewItem, { kind: "banner" }>;

export interface BlockContext {
  width: number;
  painter: Painter;
  highlight?: Highlighter;
}

/**
 * What the live events told us about tool calls (the history keeps only the model's text), by call id, oldest
 * first. Ids are not unique everywhere: some local servers number calls per turn ("call_0" every time).
 */
export type ToolArchive = ReadonlyMap<string, readonly Partial<ToolView>[]>;

/** The conversation as viewer blocks: the history replayed, tool calls completed from the archive. */
export function buildBlocks(
  messages: readonly Message[],
  describe: DescribeLookup | undefined,
  archive: ToolArchive,
): ViewerBlock[] {
  const items = historyItems(messages, describe, { reasoning: true, fullContext: true });
  // The archive holds the calls of this process only, which are the last ones in the history (a resumed
  // session's earlier calls were never seen live): align each id's records with its last occurrences.
  const left = new Map<string, number>();
  for (const it of items)
    if (it.kind === "tool") left.set(it.tool.callId, (left.get(it.tool.callId) ?? 0) + 1);
  return items.flatMap((item): ViewerBlock[] => {
    if (item.kind === "banner") return [];
    if (item.kind !== "tool") return [item];
    const id = item.tool.callId;
    const records = archive.get(id) ?? [];
    const remaining = left.get(id) ?? 0;
    left.set(id, remaining - 1);
    const seen = records[records.length - remaining] ?? diffFromContent(item.tool.content);
    return [{ ...item, tool: { ...item.tool, ...seen, callId: id, live: "" } }];
  });
}

/**
 * A call never seen live (a resumed session) has only the model's text; edit tools put their unified diff in it
 * (possibly capped), which is still worth showing numbered and coloured.
 */
function diffFromContent(content: string | undefined): Partial<ToolView> | undefined {
  const start = content?.search(/^--- .*\n\+\+\+ .*\n@@ /m) ?? -1;
  if (!content || start < 0) return undefined;
  const diff = content.slice(start);
  let added = 0;
  let removed = 0;
  for (const h of parseUnifiedDiff(diff))
    for (const l of h.lines) {
      if (l.kind === "add") added++;
      else if (l.kind === "del") removed++;
    }
  return { details: { kind: "diff", path: "", diff, added, removed, created: false } };
}

/** The words of a block, for `/` search (what its rows show, before styling). */
export function blockText(b: ViewerBlock): string {
  switch (b.kind) {
    case "user":
    case "markdown":
    case "reasoning":
    case "notice":
      return sanitizeForTerminal(b.text);
    case "output":
      return sanitizeForTerminal(`${b.title}\n${b.body}`);
    case "tool":
      return sanitizeForTerminal(`${b.tool.name} ${b.tool.description.subject ?? ""}\n${toolBody(b.tool)}`);
    case "interrupted":
      return "Interrupted";
  }
}

/** Blocks that start open: what was said. Reasoning, tool output and injected context start closed. */
export const startsOpen = (b: ViewerBlock): boolean =>
  b.kind !== "reasoning" && b.kind !== "tool" && b.kind !== "output";

/** Whether opening or closing the block changes what is shown. */
export function canToggle(b: ViewerBlock, ctx: BlockContext): boolean {
  return blockRows(b, true, ctx).length !== blockRows(b, false, ctx).length;
}

const more = (p: Painter, n: number, what = "line") =>
  p.paint(`  … ${n} more ${what}${n === 1 ? "" : "s"} · Enter opens`, "gray");

/** Keeps the first row of a long block when closed, with a count of what is hidden. */
function folded(rows: string[], open: boolean, p: Painter): string[] {
  if (open || rows.length <= 2) return rows;
  return [rows[0] ?? "", more(p, rows.length - 1)];
}

function toolRows(t: ToolView, open: boolean, ctx: BlockContext): string[] {
  const p = ctx.painter;
  const head = toolLines(t, false, ctx.width, p)[0] ?? "";
  const body = toolBody(t);
  if (body === "") return [head];
  const isDiff = t.details?.kind === "diff";
  if (!open) {
    const what = isDiff ? diffSummary(body) : `${body.split("\n").length} line(s)`;
    return [head, p.paint(`  ${what} · Enter opens`, "gray")];
  }
  const inner = Math.max(10, ctx.width - 2);
  const rows = isDiff
    ? renderDiff(body, { width: inner, painter: p })
    : wrapAnsi(sanitizeForTerminal(body), inner);
  return [head, ...rows.map((r) => `  ${r}`)];
}

/** The rows of a block, open or closed (cut to the width: nothing may wrap behind the viewer's back). */
export function blockRows(b: ViewerBlock, open: boolean, ctx: BlockContext): string[] {
  const p = ctx.painter;
  const w = ctx.width;
  let rows: string[];
  switch (b.kind) {
    case "user":
      rows = folded(
        wrapAnsi(sanitizeForTerminal(b.text), w - 2).map((l, i) =>
          i === 0 ? `${p.paint("❯", "bold", "green")} ${l}` : `  ${l}`,
        ),
        open,
        p,
      );
      break;
    case "markdown":
      rows = folded(
        renderMarkdown(b.text, { width: w, painter: p, highlight: ctx.highlight }).split("\n"),
        open,
        p,
      );
      break;
    case "reasoning": {
      const lines = wrapAnsi(sanitizeForTerminal(b.text), w - 2);
      const head = `∴ reasoning · ${lines.length} line${lines.length === 1 ? "" : "s"}`;
      rows = open
        ? [p.paint(head, "gray"), ...lines.map((l) => p.paint(`  ${l}`, "gray", "italic"))]
        : [p.paint(`${head} · Enter opens`, "gray")];
      break;
    }
    case "tool":
      rows = toolRows(b.tool, open, ctx);
      break;
    case "notice": {
      const color = b.level === "error" ? "red" : b.level === "warn" ? "yellow" : "gray";
      rows = wrapAnsi(sanitizeForTerminal(b.text), w).map((l) => p.paint(l, color));
      break;
    }
    case "output":
      rows = folded(
        [
          p.paint(sanitizeForTerminal(b.title), "bold"),
          ...outputBody(sanitizeForTerminal(b.body), w, b.table),
        ],
        open,
        p,
      );
      break;
    case "interrupted":
      rows = [p.paint("■ Interrupted", "yellow")];
      break;
  }
  return rows.map((r) => (visibleWidth(r) > w ? cut(r, w) : r));
}

const SGR_RE = /\u001b\[[0-9;?]*[ -/]*[@-~]/y;

/** Cuts a styled row to `width` cells, keeping escapes and closing any style left open. */
function cut(row: string, width: number): string {
  let out = "";
  let w = 0;
  for (let i = 0; i < row.length; ) {
    SGR_RE.lastIndex = i;
    const m = SGR_RE.exec(row);
    if (m) {
      out += m[0];
      i += m[0].length;
      continue;
    }
    const ch = String.fromCodePoint(row.codePointAt(i) ?? 32);
    const cw = visibleWidth(ch);
    if (w + cw > width) break;
    out += ch;
    w += cw;
    i += ch.length;
  }
  return out.includes("\u001b[") ? `${out}\u001b[0m` : out;
}
