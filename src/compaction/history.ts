// Structural facts about a chat history that compaction relies on: where the system head ends, which
// messages form an atomic unit (an assistant message with its tool results), and the validity check every
// compacted history must pass (no orphaned tool result, no tool call without its result).
import type { Message } from "../agent/messages.js";

/** The summary message starts with this tag; it is a user message (see docs/sessions.spec.md). */
export const SUMMARY_TAG = "<conversation_summary>";

export function isCompactionSummary(m: Message): boolean {
  return m.role === "user" && typeof m.content === "string" && m.content.startsWith(SUMMARY_TAG);
}

/** Index after the leading system messages (the system prompt and any AGENTS.md context). */
export function headEnd(messages: readonly Message[]): number {
  let i = 0;
  while (i < messages.length && messages[i]!.role === "system") i++;
  return i;
}

/** Index of the latest real user request (not a compaction summary), or -1. */
export function lastUserIndex(messages: readonly Message[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === "user" && !isCompactionSummary(m)) return i;
  }
  return -1;
}

/** True when a cut before index `i` keeps tool results with their call (never cut before a tool message). */
export const isUnitStart = (messages: readonly Message[], i: number): boolean => messages[i]?.role !== "tool";

/**
 * Problems that would make a provider reject the history: tool results whose call is not in the immediately
 * preceding assistant message, and assistant tool calls without a result before the next non-tool message.
 */
export function historyProblems(messages: readonly Message[]): string[] {
  const problems: string[] = [];
  if (messages[0]?.role !== "system") problems.push("the first message is not the system prompt");
  let open = new Map<string, string>();
  const closeOpen = (at: number) => {
    for (const [id, name] of open)
      problems.push(`tool call ${id} (${name}) has no result before message ${at}`);
    open = new Map();
  };
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.role === "tool") {
      if (!open.delete(m.toolCallId))
        problems.push(`message ${i} is a tool result (${m.name}) without its call`);
      continue;
    }
    closeOpen(i);
    if (m.role === "assistant") for (const c of m.toolCalls ?? []) open.set(c.id, c.name);
  }
  closeOpen(messages.length);
  return problems;
}
