// Pure mapping of the runtime's tool events to ACP tool-call updates: title, kind and locations of a call,
// its live output, and its end (status, content, a `diff` block for edits and writes, a plan for todos).
// No IO: what the mapping cannot know (a file's full text after an edit) is passed in by the caller.

import path from "node:path";
import type * as acp from "@agentclientprotocol/sdk";
import { applyPatch, parsePatch, reversePatch } from "diff";
import type { AgentEvent, Todo, ToolCallDescription } from "../runtime/index.js";

type ToolStart = Extract<AgentEvent, { type: "tool_start" }>;
type ToolEnd = Extract<AgentEvent, { type: "tool_end" }>;

const abs = (cwd: string, p: string) => path.resolve(cwd, p);

/** The `tool_call` announcing a call, from the tool's own description (title, kind, absolute locations). */
export function toolCallFromStart(e: ToolStart, cwd: string): acp.ToolCall {
  return toolCallFromDescription(e.callId, e.description, e.args, cwd);
}

/** A described call as an ACP tool call (live calls and replayed history alike). */
export function toolCallFromDescription(
  id: string,
  d: ToolCallDescription,
  rawInput: unknown,
  cwd: string,
): acp.ToolCall {
  return {
    toolCallId: id,
    title: d.title,
    kind: d.kind,
    status: "pending",
    locations: (d.locations ?? []).map((l) => ({ ...l, path: abs(cwd, l.path) })),
    rawInput,
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
 * (for a whole-file diff block); otherwise the diff block holds the changed hunks only. `terminalId` names the
 * client terminal the call ran in: it stays first in the content (the editor keeps showing what it printed).
 */
export function toolCallFromEnd(
  e: ToolEnd,
  cwd: string,
  after?: string,
  terminalId?: string,
): acp.ToolCallUpdate {
  const status: acp.ToolCallStatus = e.status === "done" ? "completed" : "failed";
  const d = e.details;
  const content: acp.ToolCallContent[] = terminalId ? [{ type: "terminal", terminalId }] : [];
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
