// Turns a resumed session's history into transcript items, so `--session`/`--continue` shows the conversation
// so far (prompts, answers as Markdown, tool calls with their results) instead of an empty screen. Tool calls
// are described by the same describe() a live call's tool_start carries, and end with the status, summary and
// details the log recorded from their tool_end, so replayed calls look like live ones (same item, same
// rendering path). Logs written before views were recorded fall back to the result text and error flag.
import {
  contentText,
  describeCall,
  type Message,
  type ToolCallDescription,
  type ToolEndView,
} from "../../runtime/index.js";
import type { NewItem, ToolView } from "./app-types.js";
import { shownPrompt } from "./user-input.js";

/** Describes a recorded call (name + parsed arguments) the way the executor does for a live one. */
export type DescribeLookup = (name: string, args: unknown) => ToolCallDescription;

/** Without a session's tools nothing is known about a call but its name. */
const neutral: DescribeLookup = (name, args) => describeCall(undefined, name, args, { cwd: "." });

function parseArgs(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export interface ReplayOptions {
  /** How a recorded call ended, by call id (the session log's view of its tool_end). */
  view?: (callId: string) => ToolEndView | undefined;
  /** Expanded output, as live calls get while /expand is on. */
  expanded?: boolean;
  // The transcript viewer shows recorded reasoning and the whole of injected context (compaction summaries);
  // scrollback replay keeps to what the live turn printed.
  reasoning?: boolean;
  fullContext?: boolean;
}

export function historyItems(
  messages: readonly Message[],
  describe: DescribeLookup = neutral,
  opts: ReplayOptions = {},
): NewItem[] {
  // Results by call id, in order: some servers reuse ids ("call_0" each turn), so each call takes the next one.
  const results = new Map<string, { content: string; isError: boolean }[]>();
  for (const m of messages) {
    if (m.role !== "tool") continue;
    const r = { content: contentText(m.content), isError: Boolean(m.isError) };
    const list = results.get(m.toolCallId);
    if (list) list.push(r);
    else results.set(m.toolCallId, [r]);
  }
  const items: NewItem[] = [];
  for (const m of messages) {
    if (m.role === "user") {
      const text = contentText(m.content);
      // Compaction summaries and injected context are user-role messages too; show them as notices.
      const [first = "", ...rest] = text.split("\n");
      items.push(
        !text.startsWith("<")
          ? { kind: "user", text: shownPrompt(text) }
          : opts.fullContext
            ? { kind: "output", title: first, body: rest.join("\n") }
            : { kind: "notice", level: "info", text: first },
      );
    } else if (m.role === "assistant") {
      if (opts.reasoning && m.reasoning?.trim()) items.push({ kind: "reasoning", text: m.reasoning.trim() });
      if (m.content.trim()) items.push({ kind: "markdown", text: m.content.trimEnd() });
      for (const call of m.toolCalls ?? []) {
        const recorded = { id: call.id, name: call.name, args: call.arguments };
        items.push(replayedTool(recorded, results.get(call.id)?.shift(), describe, opts));
      }
      if (m.interrupted) items.push({ kind: "interrupted" });
    }
  }
  return items;
}

/**
 * A recorded call as the item a live call becomes: described by its tool, ended with the status, summary and
 * details the log recorded (else the result's error flag; no result at all means it was cut short).
 */
export function replayedTool(
  call: { id: string; name: string; args: string },
  result: { content: string; isError: boolean } | undefined,
  describe: DescribeLookup,
  opts: ReplayOptions,
): NewItem {
  const v = result ? opts.view?.(call.id) : undefined;
  const tool: ToolView = {
    callId: call.id,
    name: call.name,
    description: describe(call.name, parseArgs(call.args)),
    status: v?.status ?? (result ? (result.isError ? "error" : "done") : "aborted"),
    ...(v?.summary ? { summary: v.summary } : {}),
    ...(v?.details ? { details: v.details } : {}),
    content: result?.content,
    live: "",
    startedAt: 0,
  };
  return { kind: "tool", tool, expanded: opts.expanded ?? false };
}
