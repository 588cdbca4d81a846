// Limits as a session feature: the loop's checkLimits hook, judged on what this process spent (the session's
// totals since attach, so sub-agent usage counts) and on wall time since attach. The loop checks before and
// after each request; `timeoutSignal()` lets the caller also abort a request still running when time is up.
import type { SessionFeature } from "../session/feature.js";
import { type Limits, LimitTracker } from "./limits.js";

export interface LimitControl {
  tracker: LimitTracker;
  /** An AbortSignal that fires when the time limit is reached (undefined without one). */
  timeoutSignal(): AbortSignal | undefined;
}

export function limitsFeature(limits: Limits): SessionFeature & LimitControl {
  const tracker = new LimitTracker(limits);
  let started = Date.now();
  return {
    name: "limits",
    tracker,
    attach(session) {
      started = Date.now();
      const base = session.usageSnapshot();
      return {
        hooks: {
          checkLimits: (totals) =>
            tracker.check({
              ...session.usageSince(base),
              turns: totals.turns,
              elapsedMs: Date.now() - started,
            }),
          // Before each request (sub-agents' included): spending is judged as above, turns are the loop's own.
          budget: () =>
            tracker.check({ ...session.usageSince(base), turns: 0, elapsedMs: Date.now() - started }),
        },
      };
    },
    timeoutSignal() {
      const left = tracker.remainingMs(Date.now() - started);
      return Number.isFinite(left) ? AbortSignal.timeout(Math.max(1, left)) : undefined;
    },
  };
}
