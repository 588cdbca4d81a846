// Compaction of a live history: prune bulky old tool outputs, then (if still needed) summarise the older turns.
// Kept verbatim: the leading system messages, the latest user request, skill payloads with their calls, the
// most recent turns as whole units (assistant + all its tool results), and the todo list (in the summary).
// Every result passes historyProblems() before it is returned, so a compaction can never produce a history the
// provider rejects.
import type { Message, ToolCall, Usage } from "../agent/messages.js";
import type { StreamFn } from "../providers/types.js";
import type { Todo } from "../tools/todo.js";
import type { TokenCounter } from "../usage/tokens.js";
import { headEnd, historyProblems, isUnitStart, lastUserIndex } from "./history.js";
import { DEFAULT_KEEP_TOOLS, pruneToolOutputs } from "./prune.js";
import { CompactionError, requestSummary, summaryMessage } from "./summarize.js";

export type CompactionReason = "threshold" | "overflow" | "manual";

export interface CompactionResult {
  messages: Message[];
  /** Empty when only pruning was needed. */
  summary: string;
  reason: CompactionReason;
  /** Original messages no longer present verbatim. */
  removed: number;
  /** Messages in the new history. */
  kept: number;
  /** Messages whose bulky content was replaced by a stub. */
  pruned: number;
  /** Usage of the summary request (count it toward the session's cost). */
  usage?: Usage;
}

export interface CompactorOptions {
  /** Model call for the summary (the compactionModel's stream when configured). */
  stream: StreamFn;
  counter: TokenCounter;
  /** Context window of the session's model. */
  contextWindow: number;
  /** Context window of the summariser (defaults to contextWindow). */
  summarizerWindow?: number;
  /** Recent tokens kept verbatim (default: a quarter of the window, between 2k and 40k). */
  keepRecentTokens?: number;
  /** Tools whose results are skill payloads, kept with their calls (default activate_skill). */
  keepTools?: readonly string[];
}

export interface CompactRequest {
  reason: CompactionReason;
  todos: readonly Todo[];
  focus?: string;
  signal: AbortSignal;
  /**
   * Threshold compaction passes the current estimate and a target: when pruning alone brings the estimate
   * under the target, no summary is requested (cheaper, and nothing is paraphrased).
   */
  estimate?: { tokens: number; target: number };
}

export class Compactor {
  constructor(private readonly opts: CompactorOptions) {}

  private get keepRecent(): number {
    return (
      this.opts.keepRecentTokens ?? Math.min(40_000, Math.max(2_000, Math.floor(this.opts.contextWindow / 4)))
    );
  }

  /** Start of the recent tail: whole units, newest first, while they fit `budget` (at least one unit). */
  tailStart(messages: readonly Message[], budget: number): number {
    const head = headEnd(messages);
    let start = messages.length;
    let used = 0;
    let i = messages.length - 1;
    while (i >= head) {
      let unit = i;
      while (unit > head && !isUnitStart(messages, unit)) unit--;
      let tokens = 0;
      for (let k = unit; k <= i; k++) tokens += this.opts.counter.message(messages[k]!);
      if (start < messages.length && used + tokens > budget) break;
      used += tokens;
      start = unit;
      i = unit - 1;
    }
    return start;
  }

  /** Returns the compacted history, or undefined when nothing can be removed. Throws CompactionError. */
  async compact(messages: readonly Message[], req: CompactRequest): Promise<CompactionResult | undefined> {
    const head = headEnd(messages);
    if (messages.length - head < 2) return undefined;
    const keepTools = this.opts.keepTools ?? DEFAULT_KEEP_TOOLS;
    const recent = this.tailStart(messages, this.keepRecent);
    const pruned = pruneToolOutputs(messages, { protectFrom: recent, keepTools });
    if (req.estimate && pruned.changed.length > 0) {
      let saved = 0;
      for (const i of pruned.changed)
        saved += this.opts.counter.message(messages[i]!) - this.opts.counter.message(pruned.messages[i]!);
      if (req.estimate.tokens - saved <= req.estimate.target) {
        return this.finish(pruned.messages, "", req.reason, 0, pruned.changed.length);
      }
    }
    let tail = recent;
    // Nothing older than the recent window: under pressure, keep only the newest unit verbatim.
    if (tail <= head + 1 && req.reason !== "threshold") tail = this.tailStart(messages, 0);
    if (tail <= head) {
      return pruned.changed.length > 0
        ? this.finish(pruned.messages, "", req.reason, 0, pruned.changed.length)
        : undefined;
    }
    const region = messages.slice(head, tail);
    const pinned = this.pinned(pruned.messages, head, tail, keepTools);
    const removed = region.length - pinned.length;
    if (removed <= 0) return undefined;
    const budgetTokens = Math.floor((this.opts.summarizerWindow ?? this.opts.contextWindow) * 0.6);
    const { text, usage } = await requestSummary(this.opts.stream, {
      messages: region,
      todos: req.todos,
      focus: req.focus,
      budgetChars: Math.max(4_000, budgetTokens * 3),
      signal: req.signal,
    });
    const next = [
      ...pruned.messages.slice(0, head),
      summaryMessage(text, req.todos, removed),
      ...pinned,
      ...pruned.messages.slice(tail),
    ];
    const prunedKept = pruned.changed.filter((i) => i >= tail).length;
    return this.finish(next, text, req.reason, removed, prunedKept, usage);
  }

  /** The latest user request and skill activations (call + results) found in [from, to), in order. */
  private pinned(
    messages: readonly Message[],
    from: number,
    to: number,
    keepTools: readonly string[],
  ): Message[] {
    const keep = new Set(keepTools);
    const out: Message[] = [];
    const lastUser = lastUserIndex(messages);
    for (let i = from; i < to; i++) {
      const m = messages[i]!;
      if (i === lastUser) out.push(m);
      if (m.role !== "assistant" || !m.toolCalls) continue;
      const calls: ToolCall[] = m.toolCalls.filter((c) => keep.has(c.name));
      if (calls.length === 0) continue;
      const ids = new Set(calls.map((c) => c.id));
      const results: Message[] = [];
      for (let k = i + 1; k < to && messages[k]!.role === "tool"; k++) {
        const r = messages[k]!;
        if (r.role === "tool" && ids.has(r.toolCallId)) results.push(r);
      }
      const answered = new Set(results.map((r) => (r.role === "tool" ? r.toolCallId : "")));
      const kept = calls.filter((c) => answered.has(c.id));
      if (kept.length > 0) out.push({ role: "assistant", content: "", toolCalls: kept }, ...results);
    }
    return out;
  }

  private finish(
    messages: Message[],
    summary: string,
    reason: CompactionReason,
    removed: number,
    pruned: number,
    usage?: Usage,
  ): CompactionResult {
    const problems = historyProblems(messages);
    if (problems.length > 0)
      throw new CompactionError(`Compaction produced an invalid history: ${problems[0]}`);
    return { messages, summary, reason, removed, kept: messages.length, pruned, ...(usage ? { usage } : {}) };
  }
}
