// Wires limits into a Session: the loop's checkLimits hook, judged on what this process spent (the session's
// totals since attach, so sub-agent usage counts) and on wall time since attach. The loop checks between
// requests; `timeoutSignal()` lets the caller also abort a request still running when time is up.
import type { Session } from "../session/session.js";
import { type Limits, LimitTracker } from "./limits.js";

export interface LimitControl {
  tracker: LimitTracker;
  /** An AbortSignal that fires when the time limit is reached (undefined without one). */
  timeoutSignal(): AbortSignal | undefined;
}

export function attachLimits(session: Session, limits: Limits): LimitControl {
  const tracker = new LimitTracker(limits);
  const started = Date.now();
  const base = { usage: { ...session.usage }, costUsd: session.costUsd };
  session.hooks = {
    ...session.hooks,
    checkLimits(totals) {
      return tracker.check({
        usage: {
          inputTokens: session.usage.inputTokens - base.usage.inputTokens,
          outputTokens: session.usage.outputTokens - base.usage.outputTokens,
          cachedTokens: session.usage.cachedTokens - base.usage.cachedTokens,
        },
        costUsd: session.costUsd - base.costUsd,
        turns: totals.turns,
        elapsedMs: Date.now() - started,
      });
    },
  };
  return {
    tracker,
    timeoutSignal() {
      const left = tracker.remainingMs(Date.now() - started);
      return Number.isFinite(left) ? AbortSignal.timeout(Math.max(1, left)) : undefined;
    },
  };
}
