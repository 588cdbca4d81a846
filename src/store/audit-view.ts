// The audit trail as people and scripts read it: a table of one line per tool action that fits 80 columns
// (`sessions show --audit`, `/audit`), and JSON lines (`--audit --json`). Every cell is untrusted text (tool
// names, rule text, subjects come from models, servers and files): control characters and escape sequences are
// stripped before it is cut to its column.
import type { AuditEntry } from "../agent/audit.js";
import type { AuditDecision } from "../approval/types.js";
import { sanitizeOutput } from "../tools/shell/output.js";
import { oneLine } from "../utils/one-line.js";

export const AUDIT_TABLE_WIDTH = 80;

/** Column widths (cells); the subject takes what is left of the width. */
const COLS = { time: 8, tool: 14, decision: 18, outcome: 9, ms: 6 } as const;

/** What decided, in a few words (the JSON lines carry the full union). */
export function decisionLabel(d: AuditDecision): string {
  switch (d.kind) {
    case "policy":
      return d.by === "safe" || d.by === "tool" ? "auto" : d.by;
    case "rule":
      return `allow ${d.rule}`;
    case "skill":
      return `${d.skill}: ${d.rule}`;
    case "approved_once":
      return "user once";
    case "approved_session":
      return `session ${d.scope}`;
    case "denied":
      return d.by === "rule" && d.detail ? `deny ${d.detail}` : `denied (${d.by})`;
    case "hook_blocked":
      return `hook ${d.hook}: block`;
    case "hook_allowed":
      return `hook ${d.hook}: allow`;
  }
}

// Cells are measured conservatively: anything from U+1100 up may be wide, so it counts as two; the row may
// come out shorter than the width, never longer.
const cellsOf = (ch: string): number => ((ch.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1);

/** Untrusted text as one clean cell of at most `width` cells (cut with an ellipsis). */
function cell(text: string, width: number, align: "left" | "right" = "left"): string {
  const flat = oneLine(sanitizeOutput(text), Number.POSITIVE_INFINITY);
  let out = "";
  let used = 0;
  const chars = [...flat];
  const total = chars.reduce((n, ch) => n + cellsOf(ch), 0);
  if (total <= width) {
    out = flat;
    used = total;
  } else {
    for (const ch of chars) {
      if (used + cellsOf(ch) > width - 1) break;
      out += ch;
      used += cellsOf(ch);
    }
    out += "…";
    used += 1;
  }
  const pad = " ".repeat(Math.max(0, width - used));
  return align === "right" ? pad + out : out + pad;
}

function row(e: AuditEntry, subjectWidth: number): string {
  const time = e.at.length >= 19 ? e.at.slice(11, 19) : e.at;
  const tool = e.agent ? `${e.agent}:${e.tool}` : e.tool;
  const outcome = e.sandboxed ? `${e.outcome} sbx` : e.outcome;
  return [
    cell(time, COLS.time),
    cell(tool, COLS.tool),
    cell(decisionLabel(e.decision), COLS.decision),
    cell(outcome, COLS.outcome),
    cell(String(e.durationMs), COLS.ms, "right"),
    cell(e.subject ?? "", subjectWidth),
  ]
    .join(" ")
    .trimEnd();
}

/** The table: a header line, then one line per action by start time, each at most `width` cells wide. */
export function formatAuditTable(entries: readonly AuditEntry[], width = AUDIT_TABLE_WIDTH): string {
  if (entries.length === 0) return "No tool actions recorded in this session.\n";
  const fixed = Object.values(COLS).reduce((a, b) => a + b, 0) + Object.keys(COLS).length;
  const subjectWidth = Math.max(8, width - fixed);
  const header = [
    "TIME".padEnd(COLS.time),
    "TOOL".padEnd(COLS.tool),
    "DECISION".padEnd(COLS.decision),
    "OUTCOME".padEnd(COLS.outcome),
    "MS".padStart(COLS.ms),
    "SUBJECT",
  ].join(" ");
  // Entries are recorded as calls end; the table reads in the order they started (a sub_agent call before the
  // calls its child made). The sort is stable, so calls that started together keep their recorded order.
  const byStart = [...entries].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  const lines = byStart.map((e) => row(e, subjectWidth));
  const sandboxed = entries.some((e) => e.sandboxed) ? "\nsbx: ran inside the OS sandbox." : "";
  return `${header}\n${lines.join("\n")}\n${entries.length} action${entries.length === 1 ? "" : "s"}; times in UTC.${sandboxed}\n`;
}

/** One JSON object per line, as recorded (already redacted when it was written). */
export const formatAuditJsonLines = (entries: readonly AuditEntry[]): string =>
  entries.map((e) => `${JSON.stringify(e)}\n`).join("");
