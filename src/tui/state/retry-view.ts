// The one live line a retrying request shows: why it failed, a countdown to the next attempt and which attempt
// that is. Pure: the reducer builds the view from the retry event and its time; the status line formats it
// against the spinner's clock. The line lives only in the live area, so retries never accumulate in scrollback.
import type { AgentEvent } from "../../runtime/index.js";
import { sanitizeForTerminal } from "../render/sanitize.js";

export interface RetryView {
  /** The attempt that will run next (1-based), out of maxAttempts. */
  next: number;
  maxAttempts: number;
  /** The provider's reason, one line, safe to print. */
  reason: string;
  /** When the next attempt starts (same clock as the actions' `at`). */
  until: number;
  /** The failed attempt had streamed text or reasoning, which was dropped. */
  discarded: boolean;
}

type RetryEvent = Extract<AgentEvent, { type: "retry" }>;

export function retryView(e: RetryEvent, at: number): RetryView {
  const firstLine = sanitizeForTerminal(e.reason).split("\n")[0]?.trim() ?? "";
  return {
    next: e.attempt + 1,
    maxAttempts: e.maxAttempts,
    reason: firstLine || "Request failed",
    until: at + Math.max(0, e.delayMs),
    discarded: e.discarded === true,
  };
}

/** Whole seconds left before the next attempt; never below 0, so a clock that keeps going shows 0, not -3. */
export function retrySecondsLeft(v: RetryView, now: number): number {
  return Math.max(0, Math.ceil((v.until - now) / 1000));
}

/** "Rate limited (429) — retrying in 4s · attempt 2/5 · partial text discarded" (or "retrying now" at 0). */
export function retryLine(v: RetryView, now: number): string {
  const left = retrySecondsLeft(v, now);
  const when = left > 0 ? `retrying in ${left}s` : "retrying now";
  const lost = v.discarded ? " · partial text discarded" : "";
  return `${v.reason} — ${when} · attempt ${v.next}/${v.maxAttempts}${lost}`;
}
