// Pure helpers describing a tool call for display: the one-line subject, the full body (diff, output, list)
// and how it collapses. Shared by the reducer (to remember collapsed bodies for /expand) and ToolCallLine.
// The subject is the tool's own description (tool_start carries it); nothing is guessed from arguments here.
import type { ToolView } from "../state/app-types.js";
import { makeVisible } from "./visible.js";

/** Bodies longer than this many lines are collapsed unless expanded. */
export const COLLAPSE_LINES = 12;

/** The short subject of a call: path, command, pattern or URL, with invisible characters made visible. */
export function toolSubject(t: Pick<ToolView, "description">): string {
  // One line: a subject is shown after the tool name, so a stray newline would break the status line.
  return makeVisible(t.description.subject ?? "").text.replace(/\n/g, "⏎");
}

/** The full body of a finished (or running) call; empty when the summary says it all. */
export function toolBody(t: ToolView): string {
  if (t.status === "running") return t.live;
  const d = t.details;
  if (d) {
    switch (d.kind) {
      case "diff":
        return d.diff.trimEnd();
      case "shell":
        return (d.output || t.live).trimEnd();
      case "todo":
        return d.todos
          .map(
            (x) =>
              `${x.status === "completed" ? "[x]" : x.status === "in_progress" ? "[~]" : "[ ]"} ${x.content}`,
          )
          .join("\n");
      case "denied":
        return d.feedback ? `${d.reason}\nfeedback: ${d.feedback}` : d.reason;
      case "text":
        return d.text.trimEnd();
      case "search":
      case "list":
        return (t.content ?? "").trimEnd();
      case "read":
      case "fetch":
        return t.status === "error" ? (t.content ?? "").trimEnd() : "";
    }
  }
  return (t.content ?? "").trimEnd();
}

/** Lines to show for a body: all when expanded or short, otherwise head (diffs, lists) or tail (shell). */
export function visibleBody(t: ToolView, expanded: boolean): { lines: string[]; hidden: number } {
  const body = toolBody(t);
  if (body === "") return { lines: [], hidden: 0 };
  const lines = body.split("\n");
  if (expanded || lines.length <= COLLAPSE_LINES) return { lines, hidden: 0 };
  const keep = COLLAPSE_LINES - 2;
  const tail = t.details?.kind === "shell" || t.status === "running";
  return tail
    ? { lines: lines.slice(-keep), hidden: lines.length - keep }
    : { lines: lines.slice(0, keep), hidden: lines.length - keep };
}

/** The status word and a one-line summary (exit code, counts, duration). */
export function toolSummary(t: ToolView): string {
  if (t.summary) return t.summary;
  const d = t.details;
  if (d?.kind === "diff") return `${d.created ? "created" : "edited"} +${d.added} -${d.removed}`;
  if (d?.kind === "shell") return d.timedOut ? "timed out" : `exit ${d.exitCode ?? d.signal ?? "?"}`;
  if (d?.kind === "search") return `${d.matches} match(es) in ${d.files} file(s)`;
  if (d?.kind === "read") return `lines ${d.startLine}-${d.endLine} of ${d.totalLines}`;
  if (t.status === "error" && t.content) return t.content.split("\n")[0] ?? "";
  return "";
}
