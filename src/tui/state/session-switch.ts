// What the app shows for a session it starts with or switches to (--session, --continue, /sessions, /fork):
// the conversation replayed into scrollback, described and finished exactly like live calls, and the usage bar
// as the session left it — totals, cost and how full the context is (tokens in context / window).
import { describeCall } from "../../runtime/index.js";
import type { NewItem, UsageView } from "./app-types.js";
import { type DescribeLookup, historyItems } from "./replay.js";
import { transcriptItems } from "./replay-transcript.js";
import type { SessionPort } from "./session-port.js";

/** Describes a replayed call with the session's own tool, exactly as the executor described it live. */
export function describeWith(s: SessionPort | null | undefined): DescribeLookup {
  return (name, args) =>
    describeCall(
      s?.registry?.list().find((t) => t.name === name),
      name,
      args,
      { cwd: s?.cwd ?? "." },
    );
}

/**
 * The session's conversation as transcript items (nothing for a fresh session): the resumed log's whole
 * transcript when there is one — turns from before every compaction, with markers — else the live history.
 */
export function replayItems(s: SessionPort | null | undefined, expanded = false): NewItem[] {
  const view = s?.toolView?.bind(s);
  const full = s?.transcript?.();
  if (s && full && full.length > 0) return transcriptItems(full, describeWith(s), { view, expanded });
  if (!s?.messages) return [];
  return historyItems(s.messages, describeWith(s), { view, expanded });
}

/** Whether the session holds a conversation (more than its system prompt). */
const hasHistory = (s: SessionPort) => (s.messages ?? []).some((m) => m.role !== "system");

/**
 * The usage bar's figures a session brings along: totals, cost and the last recorded context size. A fork
 * (its usage stays with the original) has a history but no figures: the context is then counted later
 * (`contextUsage`), and the bar shows it without the per-request arrows.
 */
export function restoredUsage(s: SessionPort | null | undefined): Partial<UsageView> {
  if (!s) return {};
  const spent = (s.usage?.inputTokens ?? 0) + (s.usage?.outputTokens ?? 0) > 0;
  if (!spent && !hasHistory(s)) return {};
  return {
    totalInput: s.usage?.inputTokens ?? 0,
    totalOutput: s.usage?.outputTokens ?? 0,
    costUsd: s.costUsd ?? 0,
    contextTokens: s.contextTokens ?? 0,
    seen: true,
  };
}

/**
 * The context figure counted by the runtime (it may load the tokenizer, hence async); undefined when the
 * session cannot say or has no conversation yet. Failures leave the restored figure as it is.
 */
export async function countedContext(
  s: SessionPort | null | undefined,
): Promise<{ contextTokens: number; contextWindow: number } | undefined> {
  if (!s?.contextUsage || !hasHistory(s)) return undefined;
  try {
    const f = await s.contextUsage();
    return { contextTokens: f.tokens, contextWindow: f.window };
  } catch {
    return undefined;
  }
}
