// Running usage totals: tokens, cost and the last context size. The one place usage is added up — the loop (per
// run), the session (per session, sub-agents included), limits (since a base) and session replay all use it.
import { addUsage, emptyUsage, type Usage } from "./messages.js";

export interface UsageSnapshot {
  usage: Usage;
  costUsd: number;
  /** Prompt + completion tokens of the latest request: how full the context is. */
  contextTokens: number;
}

export class UsageTotals {
  usage: Usage;
  costUsd: number;
  contextTokens: number;

  constructor(start: Partial<UsageSnapshot> = {}) {
    this.usage = { ...(start.usage ?? emptyUsage()) };
    this.costUsd = start.costUsd ?? 0;
    this.contextTokens = start.contextTokens ?? 0;
  }

  add(usage: Usage, costUsd: number, contextTokens?: number): void {
    this.usage = addUsage(this.usage, usage);
    this.costUsd += costUsd;
    if (contextTokens !== undefined) this.contextTokens = contextTokens;
  }

  snapshot(): UsageSnapshot {
    return { usage: { ...this.usage }, costUsd: this.costUsd, contextTokens: this.contextTokens };
  }

  /** What was spent since `base` (a snapshot taken earlier). */
  since(base: UsageSnapshot): { usage: Usage; costUsd: number } {
    return {
      usage: {
        inputTokens: this.usage.inputTokens - base.usage.inputTokens,
        outputTokens: this.usage.outputTokens - base.usage.outputTokens,
        cachedTokens: this.usage.cachedTokens - base.usage.cachedTokens,
      },
      costUsd: this.costUsd - base.costUsd,
    };
  }
}
