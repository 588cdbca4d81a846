// Pure helpers describing a tool call for display: the one-line subject, the full body (diff, output, list)
// and how it collapses. Shared by the reducer (to remember collapsed bodies for /expand) and ToolCallLine.
import type { ToolView } from "../state/app-types.js";
import { makeVisible } from "./visible.js";

/** Bodies longer than this many lines are collapsed unless expanded. */
export const COLLAPSE_LINES = 12;

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The short subject of a call: path, command, pattern or URL (invisible characters made visible). */
export function toolSubject(name: string, args: unknown): string {
  return makeVisible(rawSubject(name, args)).text;
}

function rawSubject(name: string, args: unknown): string {
  if (!args || typeof args !== "object") return "";
  const a = args as Record<string, unknown>;
  const cmd = str(a.command);
  if (cmd) return cmd.split("\n")[0] + (cmd.includes("\n") ? " …" : "");
  const path = str(a.path) ?? str(a.file_path) ?? str(a.filePath);
  const pattern = str(a.pattern) ?? str(a.query) ?? str(a.search_term);
  if (pattern) return path ? `${pattern} in ${path}` : pattern;
  if (path) return path;
  const url = str(a.url);
  if (url) return url;
  if (name.startsWith("todo") && Array.isArray(a.todos)) return `${a.todos.length} item(s)`;
  const first = Object.values(a).find((v) => typeof v === "string") as string | undefined;
  return first ? first.slice(0, 60) : "";
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
