// Pure mapping of the runtime's tool events to ACP tool-call updates: title, kind and locations of a call,
// its live output, and its end (status, content, a `diff` block for edits and writes, a plan for todos).
// No IO: what the mapping cannot know (a file's full text after an edit) is passed in by the caller.

import path from "node:path";
import type * as acp from "@agentclientprotocol/sdk";
import { applyPatch, parsePatch, reversePatch } from "diff";
import type { AgentEvent, Todo } from "../runtime/index.js";

type ToolStart = Extract<AgentEvent, { type: "tool_start" }>;
type ToolEnd = Extract<AgentEvent, { type: "tool_end" }>;

/**
 * What a tool says about one of its calls (`describe(args)`, carried on tool_start once tools have it).
 * Typed loosely on purpose: until every tool describes itself, the fallback below guesses from name and args.
 */
export interface CallDescription {
  title?: string;
  kind?: string;
  locations?: Array<{ path: string; line?: number }>;
  subject?: string;
}

const KINDS: readonly acp.ToolKind[] = [
  "read",
  "edit",
  "delete",
  "move",
  "search",
  "execute",
  "think",
  "fetch",
  "switch_mode",
  "other",
];

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const abs = (cwd: string, p: string) => path.resolve(cwd, p);

/** Title, kind and locations of a call from its tool name and arguments (used when no description came). */
export function fallbackDescription(name: string, args: unknown, cwd: string): Required<CallDescription> {
  const a = (args && typeof args === "object" ? args : {}) as Record<string, unknown>;
  const file = str(a.file_path);
  const at = (p: string | undefined, line?: number) =>
    p ? [{ path: abs(cwd, p), ...(line ? { line } : {}) }] : [];
  switch (name) {
    case "read_file":
      return {
        title: `Read ${file ?? "file"}`,
        kind: "read",
        locations: at(file, num(a.offset)),
        subject: file ?? "",
      };
    case "write_file":
      return { title: `Write ${file ?? "file"}`, kind: "edit", locations: at(file), subject: file ?? "" };
    case "edit_file":
      return { title: `Edit ${file ?? "file"}`, kind: "edit", locations: at(file), subject: file ?? "" };
    case "list_directory": {
      const dir = str(a.directory_path) ?? ".";
      return { title: `List ${dir}`, kind: "read", locations: at(dir), subject: dir };
    }
    case "search_files": {
      const term = str(a.search_term) ?? "";
      return { title: `Search ${term}`, kind: "search", locations: at(str(a.directory_path)), subject: term };
    }
    case "bash": {
      const command = str(a.command) ?? "";
      return { title: command || "Run command", kind: "execute", locations: [], subject: command };
    }
    case "webfetch": {
      const url = str(a.url) ?? "";
      return { title: `Fetch ${url}`, kind: "fetch", locations: [], subject: url };
    }
    case "todo_write":
    case "todo_read":
      return {
        title: name === "todo_write" ? "Update plan" : "Read plan",
        kind: "think",
        locations: [],
        subject: "",
      };
    case "sub_agent":
      return {
        title: `Sub-agent: ${(str(a.task) ?? "").split("\n")[0]}`,
        kind: "think",
        locations: [],
        subject: "",
      };
    default:
      return { title: name, kind: "other", locations: [], subject: "" };
  }
}

/** The `tool_call` announcing a call: the tool's own description when present, else the fallback. */
export function toolCallFromStart(e: ToolStart, cwd: string): acp.ToolCall {
  // Switch-over point: once tool_start carries `description`, this cast becomes `e.description`.
  const own = (e as { description?: CallDescription }).description;
  const guess = fallbackDescription(e.name, e.args, cwd);
  const kind = own?.kind && (KINDS as readonly string[]).includes(own.kind) ? own.kind : guess.kind;
  const locations = own?.locations?.map((l) => ({ ...l, path: abs(cwd, l.path) })) ?? guess.locations;
  return {
    toolCallId: e.callId,
    title: own?.title ?? guess.title,
    kind: kind as acp.ToolKind,
    status: "pending",
    locations,
    rawInput: e.args,
  };
}

const text = (t: string): acp.ToolCallContent => ({ type: "content", content: { type: "text", text: t } });
const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body.replace(/\n$/, "")}\n\`\`\``;

/** Old and new text of the changed region(s) of a unified diff (hunks joined in order). */
function hunkTexts(diff: string): { oldText: string; newText: string } | undefined {
  const [patch] = parsePatch(diff);
  if (!patch?.hunks.length) return undefined;
  const oldLines: string[] = [];
  const newLines: string[] = [];
  for (const h of patch.hunks) {
    for (const line of h.lines) {
      const body = line.slice(1);
      if (line.startsWith("-")) oldLines.push(body);
      else if (line.startsWith("+")) newLines.push(body);
      else if (line.startsWith(" ")) {
        oldLines.push(body);
        newLines.push(body);
      }
    }
  }
  return { oldText: `${oldLines.join("\n")}\n`, newText: `${newLines.join("\n")}\n` };
}

/**
 * A `diff` content block for a unified diff of the file at `file` (absolute). With the file's full text after
 * the change the old text is the patch applied in reverse; with the text before it, the new text is the patch
 * applied forward (whole-file diffs either way). Without either, or when a patch does not apply, the block
 * holds the changed hunks alone.
 */
export function diffBlock(
  diff: string,
  file: string,
  created: boolean,
  texts: { before?: string; after?: string } = {},
): acp.ToolCallContent | undefined {
  if (!diff) return undefined;
  const [patch] = parsePatch(diff);
  if (!patch?.hunks.length) return undefined;
  if (texts.after !== undefined) {
    const before = created ? "" : applyPatch(texts.after, reversePatch(patch));
    if (typeof before === "string")
      return { type: "diff", path: file, oldText: created ? null : before, newText: texts.after };
  } else if (texts.before !== undefined && !created) {
    const after = applyPatch(texts.before, patch);
    if (typeof after === "string") return { type: "diff", path: file, oldText: texts.before, newText: after };
  }
  const hunks = hunkTexts(diff);
  return (
    hunks && { type: "diff", path: file, oldText: created ? null : hunks.oldText, newText: hunks.newText }
  );
}

/** Plan entries from the todo list (cancelled items are dropped: ACP plans have no such state). */
export function planFromTodos(todos: readonly Todo[]): acp.PlanEntry[] {
  return todos
    .filter((t) => t.status !== "cancelled")
    .map((t) => ({
      content: t.content,
      priority: t.priority,
      status: t.status as acp.PlanEntryStatus,
    }));
}

/** Live output of a running call (shell stdout so far), as the call's whole content. */
export function toolCallProgress(callId: string, output: string): acp.ToolCallUpdate {
  return { toolCallId: callId, status: "in_progress", content: [text(fence("", output))] };
}

/**
 * The final `tool_call_update` of a call. `after` is the edited file's full text when the caller could get it
 * (for a whole-file diff block); otherwise the diff block holds the changed hunks only.
 */
export function toolCallFromEnd(e: ToolEnd, cwd: string, after?: string): acp.ToolCallUpdate {
  const status: acp.ToolCallStatus = e.status === "done" ? "completed" : "failed";
  const d = e.details;
  const content: acp.ToolCallContent[] = [];
  if (d?.kind === "diff" && e.status === "done") {
    const block = diffBlock(d.diff, abs(cwd, d.path), d.created, { after });
    if (block) content.push(block);
    else if (d.diff) content.push(text(fence("diff", d.diff)));
    else content.push(text(e.content));
  } else if (d?.kind === "shell") {
    content.push(text(fence("", d.output || "(no output)")));
    if (e.status !== "done" || d.exitCode !== 0) content.push(text(e.summary ?? e.content));
  } else if (e.content) {
    content.push(text(e.content));
  }
  return {
    toolCallId: e.callId,
    status,
    content,
    rawOutput: { status: e.status, ...(e.summary ? { summary: e.summary } : {}) },
  };
}
