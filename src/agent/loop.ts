// The agent loop: stream a reply, run the tool calls it asks for, append results, repeat until the model
// answers without tools. Pure of UI and globals: the model call, tools and hooks are injected, the history
// array is owned by the caller (the session) and every append is announced as a history_append event.

import type { StreamFn } from "../providers/types.js";
import type { ToolSchema } from "../tools/tool.js";
import type { AgentEvent, Emit, StopReason } from "./events.js";
import { type ExecutorDeps, executeToolCall, toolStartEvent } from "./executor.js";
import { LoopGuard, type LoopGuardConfig } from "./loop-guard.js";
import type { AssistantMessage, Message, ToolCall, Usage } from "./messages.js";
import { requestWithRetry } from "./retry.js";
import type { ToolHooks } from "./tool-hooks.js";
import { UsageTotals } from "./usage-totals.js";

export const DEFAULT_MAX_TURNS = 100;
const MAX_EMPTY_RETRIES = 2;
/** Stop hooks may keep a run going this many times in a row; then it ends whatever they say (a runaway guard). */
export const MAX_STOP_CONTINUATIONS = 5;
const EMPTY_REPLY_NUDGE =
  "Your last reply was empty. Continue with the task using the tool results above, or give your final answer.";

export interface LimitTotals {
  usage: Usage;
  costUsd: number;
  turns: number;
  elapsedMs: number;
}

export type StopHook = (
  info: { text: string; stopHookActive: boolean },
  signal: AbortSignal,
) => Promise<string | undefined>;

/** Extension points for compaction, limits and user hooks; all optional. */
export interface LoopHooks extends ToolHooks {
  /**
   * The run would end "completed": a returned reason continues it, appended as a user message (Stop hooks).
   * `stopHookActive`: this stop follows such a continuation (hooks check it so they do not loop forever).
   */
  onStop?: StopHook;
  /** The same for a sub_agent's child loop (its onStop; SubagentStop hooks). */
  onSubagentStop?: StopHook;
  /** Before each request; may return a replacement history (auto-compaction). */
  beforeRequest?(
    messages: Message[],
    info: { contextTokens: number; contextWindow: number },
    signal: AbortSignal,
  ): Promise<Message[] | undefined>;
  /** The provider said the context is too long; return a compacted history to retry once. */
  onContextOverflow?(messages: Message[], signal: AbortSignal): Promise<Message[] | undefined>;
  /** After each usage report; `stop` ends the run (reason "limit"), `warn` becomes a notice. */
  checkLimits?(totals: LimitTotals): { stop?: string; warn?: string };
  /**
   * Before every request: `stop` ends the run without making it (reason "limit"), `warn` becomes a notice. What
   * others spent meanwhile counts (sub-agents running beside this loop), so a limit is not passed by a request.
   */
  budget?(): { stop?: string; warn?: string };
}

export interface LoopDeps extends Omit<ExecutorDeps, "emit"> {
  stream: StreamFn;
  toolSchemas(): ToolSchema[];
  maxTurns?: number;
  contextWindow: number;
  /** Cost in USD of one request's usage. */
  cost(usage: Usage): number;
  hooks?: LoopHooks;
  /** Base of the exponential backoff (tests shorten it). */
  retryBaseMs?: number;
  /** Tokens the history occupied at the last report (carried across runs by the session). */
  contextTokens?: number;
  /** When a repeated call gets a nudge and when the run stops (defaults 3 / 5). */
  loopGuard?: Partial<LoopGuardConfig>;
}

export interface LoopResult {
  reason: StopReason;
  text: string;
  turns: number;
  usage: Usage;
  costUsd: number;
  contextTokens: number;
  error?: string;
}

interface Batch {
  calls: ToolCall[];
  /** How many of its calls may run at once. */
  limit: number;
}

/**
 * Splits calls into batches: consecutive read-only calls share an unbounded batch, consecutive calls of one tool
 * with a `concurrency` share a batch bounded by it, every other call is alone (so order between kinds is kept).
 */
function batches(calls: ToolCall[], findTool: LoopDeps["findTool"]): Batch[] {
  const out: Batch[] = [];
  let key: string | undefined;
  for (const call of calls) {
    const tool = findTool(call.name);
    const k = tool?.readOnly ? "read-only" : tool?.concurrency ? `tool:${call.name}` : undefined;
    const last = out[out.length - 1];
    if (last && k !== undefined && k === key) last.calls.push(call);
    else
      out.push({
        calls: [call],
        limit: tool?.readOnly ? Number.POSITIVE_INFINITY : Math.max(1, tool?.concurrency ?? 1),
      });
    key = k;
  }
  return out;
}

/** Runs `fn` over `items` with at most `limit` in flight; results in the items' order. */
async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function runAgentLoop(
  messages: Message[],
  deps: LoopDeps,
  emitOuter: Emit,
  signal: AbortSignal,
): Promise<LoopResult> {
  const started = Date.now();
  const maxTurns = deps.maxTurns ?? DEFAULT_MAX_TURNS;
  const totals = new UsageTotals({ contextTokens: deps.contextTokens ?? 0 });
  let turns = 0;
  let emptyRetries = 0;
  let overflowRetried = false;
  let compactedForOverflow = false;
  let stopContinuations = 0;
  const emit: Emit = emitOuter;
  const append = (message: Message) => {
    messages.push(message);
    emit({ type: "history_append", message });
  };
  const replaceHistory = (next: Message[]) => {
    messages.splice(0, messages.length, ...next);
  };
  const finish = (reason: StopReason, text: string, error?: string): LoopResult => {
    if (error) emit({ type: "error", message: error });
    emit({ type: "done", reason, text, turns });
    const { usage, costUsd, contextTokens } = totals.snapshot();
    return { reason, text, turns, usage, costUsd, contextTokens, error };
  };
  const executor: ExecutorDeps = { ...deps, emit };
  const guard = new LoopGuard(deps.loopGuard);

  for (;;) {
    if (signal.aborted) return finish("aborted", "");
    if (turns >= maxTurns) {
      return finish(
        "max_turns",
        "",
        `Stopped after reaching the turn limit (${maxTurns}). Raise it with --max-turns.`,
      );
    }
    const budget = deps.hooks?.budget?.();
    if (budget?.warn) emit({ type: "notice", level: "warn", message: budget.warn });
    if (budget?.stop) return finish("limit", "", budget.stop);
    turns++;
    emit({ type: "turn_start", turn: turns });
    if (deps.hooks?.beforeRequest) {
      const next = await deps.hooks.beforeRequest(
        messages,
        { contextTokens: totals.contextTokens, contextWindow: deps.contextWindow },
        signal,
      );
      if (next) replaceHistory(next);
    }
    const result = await requestWithRetry(messages, deps, emit, signal);
    // Failed attempts that were billed (OpenRouter reports usage on its error chunk) count toward cost and limits.
    for (const billed of result.retriedUsage ?? []) {
      const cost = deps.cost(billed);
      totals.add(billed, cost);
      const { contextTokens } = totals.snapshot();
      emit({ type: "usage", usage: billed, costUsd: cost, contextTokens, contextWindow: deps.contextWindow });
    }
    if (result.usage) {
      const cost = deps.cost(result.usage);
      const contextTokens = result.usage.inputTokens + result.usage.outputTokens;
      totals.add(result.usage, cost, contextTokens);
      emit({
        type: "usage",
        usage: result.usage,
        costUsd: cost,
        contextTokens,
        contextWindow: deps.contextWindow,
      });
    }
    const { message, error } = result;
    if (error) {
      if (error.kind === "aborted") {
        const partial: AssistantMessage = { role: "assistant", content: message.content, interrupted: true };
        emit({ type: "message_end", message: partial });
        // Unrun, possibly truncated tool calls are dropped so the history stays valid.
        if (partial.content) append(partial);
        return finish("aborted", partial.content);
      }
      if (error.kind === "context_overflow" && !overflowRetried && deps.hooks?.onContextOverflow) {
        overflowRetried = true;
        const next = await deps.hooks.onContextOverflow(messages, signal);
        if (next) {
          compactedForOverflow = true;
          replaceHistory(next);
          emit({
            type: "notice",
            level: "warn",
            message: "The context window overflowed; compacted the conversation and retrying.",
          });
          turns--;
          continue;
        }
      }
      // Only claim a compaction when one ran (none does without the hook, or when it had nothing to remove).
      const suffix =
        error.kind !== "context_overflow"
          ? ""
          : compactedForOverflow
            ? " (still too long after compaction; start a new session or /compact with a focus)"
            : " (start a new session, or /compact with a focus)";
      return finish("error", "", `${error.message}${suffix}`);
    }
    overflowRetried = false;
    compactedForOverflow = false;
    const { usage, costUsd } = totals.snapshot();
    const limit = deps.hooks?.checkLimits?.({ usage, costUsd, turns, elapsedMs: Date.now() - started });
    if (limit?.warn) emit({ type: "notice", level: "warn", message: limit.warn });
    emit({ type: "message_end", message });
    if (result.truncated) {
      emit({
        type: "notice",
        level: "warn",
        message: "The reply hit the model's output-token limit and may be cut off.",
      });
    }
    const calls = message.toolCalls ?? [];
    if (calls.length > 0) {
      append(message);
      let repeating: string | undefined;
      for (const batch of batches(calls, (name) => deps.findTool(name))) {
        if (signal.aborted) {
          for (const call of batch.calls) {
            const content = "Aborted by user.";
            emit(toolStartEvent(call, executor, signal));
            emit({ type: "tool_end", callId: call.id, name: call.name, status: "aborted", content });
            append({ role: "tool", toolCallId: call.id, name: call.name, content, isError: true });
          }
          continue;
        }
        // Batched calls run concurrently (bounded); results are appended in the model's order.
        const results = await mapBounded(batch.calls, batch.limit, (call) =>
          executeToolCall(call, executor, signal),
        );
        // The loop guard sees every result before it is appended (a nudge rides on the repeating result).
        const checked = guard.check(batch.calls, results);
        for (const r of checked.results) append(r);
        repeating ??= checked.stop;
      }
      emit({ type: "turn_end", turn: turns });
      if (repeating) {
        emit({ type: "notice", level: "warn", message: repeating });
        return { ...finish("loop", ""), error: repeating };
      }
      if (limit?.stop) return finish("limit", "", limit.stop);
      emptyRetries = 0;
      continue;
    }
    if (
      message.content.trim() === "" &&
      (messages[messages.length - 1]?.role === "tool" || emptyRetries > 0)
    ) {
      emit({ type: "turn_end", turn: turns });
      if (emptyRetries >= MAX_EMPTY_RETRIES) {
        emit({
          type: "notice",
          level: "warn",
          message: "The model returned empty replies; ending the turn.",
        });
        return finish("completed", "");
      }
      emptyRetries++;
      append({ role: "user", content: EMPTY_REPLY_NUDGE });
      continue;
    }
    if (message.content) append(message);
    emit({ type: "turn_end", turn: turns });
    if (limit?.stop) return finish("limit", message.content, limit.stop);
    if (deps.hooks?.onStop && stopContinuations < MAX_STOP_CONTINUATIONS) {
      const info = { text: message.content, stopHookActive: stopContinuations > 0 };
      const more = await deps.hooks.onStop(info, signal);
      if (signal.aborted) return finish("aborted", message.content);
      if (more) {
        stopContinuations++;
        append({ role: "user", content: more });
        continue;
      }
    }
    return finish("completed", message.content);
  }
}

export type { AgentEvent };
