// Finished transcript items rendered to plain strings (with ANSI styles from the painter) and written to the
// terminal once, above the live area. Strings bypass Ink's per-character layout pipeline, which dominated CPU
// when long answers were printed; the live area still renders through Ink components.
// Everything here that came from the model or a tool passes sanitizeForTerminal before it is styled: itemText for
// the item's own text, toolLines for a tool's name, subject, summary and body.

import type { Item, ToolView } from "../state/app-types.js";
import { clipToWidth, type Painter, visibleWidth } from "./ansi.js";
import { diffSummary, renderDiff } from "./diff-view.js";
import { toolElapsed } from "./elapsed.js";
import { type Highlighter, renderMarkdown } from "./markdown.js";
import { reasoningLines } from "./reasoning.js";
import { sanitizeForTerminal } from "./sanitize.js";
import { COLLAPSE_LINES, toolSubject, toolSummary, visibleBody } from "./tool-view.js";
import { wrapAnsi } from "./wrap.js";

export interface TextContext {
  width: number;
  painter: Painter;
  highlight?: Highlighter;
  header: {
    version: string;
    model: string;
    sessionId: string;
    cwd: string;
    mode: string;
    sandbox?: string;
    extras?: string;
  };
}

const ICON: Record<ToolView["status"], [string, "yellow" | "green" | "red" | "gray"]> = {
  running: ["◌", "yellow"],
  done: ["✓", "green"],
  error: ["✗", "red"],
  denied: ["⊘", "yellow"],
  aborted: ["■", "gray"],
};

/**
 * One tool call: status line plus its (possibly collapsed) body, as lines. `now` (the live clock) shows how long
 * a long call has been running; a finished long call shows its total without it.
 */
export function toolLines(t: ToolView, expanded: boolean, width: number, p: Painter, now?: number): string[] {
  const [icon, color] = ICON[t.status];
  const name = sanitizeForTerminal(t.name);
  const subject = sanitizeForTerminal(toolSubject(t));
  const summary = sanitizeForTerminal(toolSummary(t)).replace(/\n/g, " ");
  const quiet = t.status === "done" || t.status === "running" || summary.toLowerCase().includes(t.status);
  const status = quiet ? "" : ` ${t.status}`;
  const tail = summary || status ? ` — ${summary}${status}`.replace(/ — $/, "").replace(/— {2}/, "— ") : "";
  const took = toolElapsed(t, now);
  const time = took ? ` · ${took}` : "";
  // The time is kept whole: the subject is what gets clipped.
  const head = clipToWidth(
    `${name}${subject ? ` ${subject}` : ""}${tail}`,
    Math.max(10, width - 2 - time.length),
  );
  const nameEnd = name.length;
  const line = `${p.paint(icon, color)} ${p.paint(head.slice(0, nameEnd), "bold")}${head.slice(nameEnd)}${time ? p.paint(time, "gray") : ""}`;
  const out = [line];
  if (t.details?.kind === "diff" && t.status !== "running")
    return [...out, ...diffBody(t.details.diff, expanded, width, p)];
  const { lines: raw, hidden } = visibleBody(t, expanded);
  const lines = raw.map(sanitizeForTerminal);
  if (lines.length === 0) return out;
  const tailMode = t.details?.kind === "shell" || t.status === "running";
  const hint = (where: string) =>
    p.paint(`  … ${hidden} ${where} · /expand to show all, ctrl+o to view`, "gray");
  if (hidden > 0 && tailMode) out.push(hint("earlier line(s) hidden"));
  for (const l of lines) for (const w of wrapAnsi(l, Math.max(10, width - 2))) out.push(`  ${w}`);
  if (hidden > 0 && !tailMode) out.push(hint("more line(s)"));
  return out;
}

/** A diff as the viewer shows it (numbered, changed words marked), cut to its head unless expanded. */
function diffBody(diff: string, expanded: boolean, width: number, p: Painter): string[] {
  const rows = renderDiff(diff.trimEnd(), { width: Math.max(10, width - 2), painter: p }).map(
    (r) => `  ${r}`,
  );
  if (expanded || rows.length <= COLLAPSE_LINES) return rows;
  const keep = COLLAPSE_LINES - 2;
  const more = `  … ${rows.length - keep} more row(s) · ${diffSummary(diff)} · ctrl+o to view, /expand to print`;
  return [...rows.slice(0, keep), p.paint(more, "gray")];
}

/** Facts joined by " · " on as few rows as fit the width; a fact is never split across rows (the terminal would). */
export function packFacts(facts: readonly string[], width: number): string[] {
  const rows: string[] = [];
  for (const f of facts) {
    const last = rows.length - 1;
    const joined = last >= 0 ? `${rows[last]} · ${f}` : f;
    if (last >= 0 && visibleWidth(joined) <= width) rows[last] = joined;
    else rows.push(f);
  }
  return rows;
}

function headerLines(c: TextContext): string[] {
  const p = c.painter;
  const h = c.header;
  const facts = [`model ${h.model || "(none)"}`, `session ${h.sessionId || "-"}`, `mode ${h.mode}`];
  if (h.sandbox) facts.push(`sandbox ${h.sandbox}`);
  return [
    `${p.paint("protoagent", "bold", "green")}${p.paint(` v${h.version}`, "gray")}`,
    ...packFacts(facts, c.width).map((f) => p.paint(f, "gray")),
    p.paint(clipToWidth(h.cwd, c.width), "gray"),
    ...(h.extras ? wrapAnsi(h.extras, c.width).map((l) => p.paint(l, "gray")) : []),
    p.paint("/help for commands · Esc interrupts · Ctrl+C twice exits", "gray"),
  ];
}

/** An output body: wrapped, or for a table clipped line by line. */
export const outputBody = (body: string, width: number, table?: boolean): string[] =>
  table ? body.split("\n").map((l) => clipToWidth(l, width)) : wrapAnsi(body, width);

/** The item with its model- or tool-supplied text made safe to print (tools are handled by toolLines). */
function sanitizeItem(item: Item): Item {
  switch (item.kind) {
    case "user":
    case "markdown":
    case "reasoning":
    case "notice":
      return { ...item, text: sanitizeForTerminal(item.text) };
    case "output":
      return { ...item, title: sanitizeForTerminal(item.title), body: sanitizeForTerminal(item.body) };
    default:
      return item;
  }
}

/** The text printed for one finished item (starts with a blank separator line, ends with a newline). */
export function itemText(raw: Item, c: TextContext): string {
  const item = sanitizeItem(raw);
  const p = c.painter;
  const w = c.width;
  let lines: string[];
  switch (item.kind) {
    case "banner":
      return `${headerLines(c).join("\n")}\n`;
    case "user": {
      // A slash command is echoed where the user typed it, in the command colour, so the output below it
      // has its cause in the transcript.
      const style = (l: string) => (item.command ? p.paint(l, "magenta") : l);
      lines = wrapAnsi(item.text, w - 2).map((l, i) =>
        i === 0 ? `${p.paint("❯", "bold", "green")} ${style(l)}` : `  ${style(l)}`,
      );
      break;
    }
    case "markdown":
      lines = [renderMarkdown(item.text, { width: w, painter: p, highlight: c.highlight })];
      break;
    case "reasoning":
      lines = reasoningLines(item.text, w, item.expanded === true, p);
      break;
    case "tool":
      lines = toolLines(item.tool, item.expanded, w, p);
      break;
    case "notice": {
      const color = item.level === "error" ? "red" : item.level === "warn" ? "yellow" : "gray";
      const prefix = item.level === "error" ? "Error: " : item.level === "warn" ? "! " : "";
      lines = wrapAnsi(prefix + item.text.replace(/^Error: /, ""), w).map((l) => p.paint(l, color));
      break;
    }
    case "output":
      lines = [
        p.paint(item.title, "bold", "cyan"),
        ...(item.body ? outputBody(item.body, w, item.table) : []),
      ];
      break;
    case "interrupted":
      lines = [p.paint("■ Interrupted — tell the model what to do instead.", "yellow")];
      break;
  }
  return `\n${lines.join("\n")}\n`;
}
