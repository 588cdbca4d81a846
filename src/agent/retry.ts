// One model request under the retry policy: stream it (forwarding text and reasoning deltas), and when it fails
// transiently, back off (abortably, honouring Retry-After) and try again. Text streamed by a failed attempt is
// announced void by the retry event and never reaches history.

import { backoffDelay, isRetryable, MAX_ATTEMPTS } from "../providers/errors.js";
import type { ProviderError, StreamFn } from "../providers/types.js";
import type { ToolSchema } from "../tools/tool.js";
import { sleep } from "../utils/sleep.js";
import type { Emit } from "./events.js";
import type { AssistantMessage, Message, Usage } from "./messages.js";

export interface RetryDeps {
  stream: StreamFn;
  toolSchemas(): ToolSchema[];
  /** Resolves once announced tool-list changes have landed, so the request lists the current tools (bounded). */
  toolsReady?(): Promise<void>;
  /** Base of the exponential backoff (tests shorten it). */
  retryBaseMs?: number;
}

export interface Attempt {
  message: AssistantMessage;
  usage?: Usage;
  error?: ProviderError;
  truncated?: boolean;
  /** Usage billed for attempts that failed and were retried (a gateway reports it on its error chunk). */
  retriedUsage?: Usage[];
}

/** A server asking to come back later than this is not worth waiting for inside one run. */
const MAX_RETRY_AFTER_MS = 120_000;

/** One request with the retry policy: retryable failures back off (abortably) and try again. */
export async function requestWithRetry(
  messages: Message[],
  deps: RetryDeps,
  emit: Emit,
  signal: AbortSignal,
): Promise<Attempt> {
  const retriedUsage: Usage[] = [];
  const withBilled = (a: Attempt): Attempt => (retriedUsage.length ? { ...a, retriedUsage } : a);
  for (let attempt = 1; ; attempt++) {
    let done: Attempt | undefined;
    // Whether this attempt showed anything; only then does a retry void what the user saw.
    let streamed = false;
    await deps.toolsReady?.();
    for await (const ev of deps.stream({ messages, tools: deps.toolSchemas(), signal })) {
      if (ev.type === "text_delta") {
        streamed ||= ev.delta !== "";
        emit({ type: "text_delta", delta: ev.delta });
      } else if (ev.type === "reasoning_delta") {
        streamed ||= ev.delta !== "";
        emit({ type: "reasoning_delta", delta: ev.delta });
      } else
        done = {
          message: ev.message,
          usage: ev.usage,
          error: ev.error,
          truncated: ev.stopReason === "length",
        };
    }
    if (!done)
      return {
        message: { role: "assistant", content: "" },
        error: { kind: "fatal", message: "The provider stream ended without a result." },
      };
    const maxAttempts = Math.min(MAX_ATTEMPTS, done.error?.maxAttempts ?? MAX_ATTEMPTS);
    if (!done.error || !isRetryable(done.error) || attempt >= maxAttempts || signal.aborted)
      return withBilled(done);
    if ((done.error.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS) {
      const wait = Math.round((done.error.retryAfterMs ?? 0) / 1000);
      return withBilled({
        ...done,
        error: {
          ...done.error,
          message: `${done.error.message} (the provider asks to retry after ${wait} s; not waiting that long)`,
        },
      });
    }
    if (done.usage) retriedUsage.push(done.usage);
    const delayMs = backoffDelay(attempt, done.error, deps.retryBaseMs);
    emit({ type: "retry", attempt, maxAttempts, delayMs, reason: done.error.message, discarded: streamed });
    try {
      await sleep(delayMs, signal);
    } catch {
      return withBilled({
        message: { role: "assistant", content: "", interrupted: true },
        error: { kind: "aborted", message: "Aborted by user." },
      });
    }
  }
}
