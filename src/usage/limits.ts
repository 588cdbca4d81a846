// Session limits (cost, turns, tokens, wall time) from flags over config. The tracker answers the loop's
// `checkLimits` between requests: a warning once per limit at 80 %, a stop reason at 100 %. Pure and stateless
// apart from which warnings were already given.
import type { Usage } from "../agent/messages.js";
import { formatUsd } from "./cost.js";

export interface Limits {
  maxCostUsd?: number;
  maxTurns?: number;
  /** Input + output tokens over the whole session (cached input included in input). */
  maxTokens?: number;
  timeoutMs?: number;
}

export interface LimitTotals {
  usage: Usage;
  costUsd: number;
  turns: number;
  elapsedMs: number;
}

export interface LimitVerdict {
  stop?: string;
  warn?: string;
}

export const WARN_FRACTION = 0.8;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "500ms", "90s", "10m", "1h", "1h30m", or bare seconds ("120"). Throws with the accepted forms. */
export function parseDuration(text: string): number {
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== s) {
    throw new Error(`Invalid duration "${text}": use forms like 90s, 10m, 1h30m or a number of seconds.`);
  }
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * UNITS[p[2]!]!, 0));
}

export interface LimitFlags {
  maxCost?: string | number;
  maxTurns?: string | number;
  maxTokens?: string | number;
  timeout?: string;
}

function positive(name: string, v: string | number | undefined, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`${name} must be a positive ${integer ? "integer" : "number"}, got "${v}".`);
  }
  return n;
}

/** Merges config `limits` with CLI flags (flags win). Throws on malformed flag values. */
export function resolveLimits(
  config: { maxTurns?: number; maxCostUsd?: number; maxTokens?: number; timeout?: string } = {},
  flags: LimitFlags = {},
): Limits {
  const out: Limits = {};
  const cost = positive("--max-cost", flags.maxCost, false) ?? config.maxCostUsd;
  const turns = positive("--max-turns", flags.maxTurns, true) ?? config.maxTurns;
  const tokens = positive("--max-tokens", flags.maxTokens, true) ?? config.maxTokens;
  const timeout = flags.timeout ?? config.timeout;
  if (cost !== undefined) out.maxCostUsd = cost;
  if (turns !== undefined) out.maxTurns = turns;
  if (tokens !== undefined) out.maxTokens = tokens;
  if (timeout !== undefined) out.timeoutMs = parseDuration(timeout);
  return out;
}

interface Gauge {
  key: string;
  used: number;
  max: number;
  label: string;
  show: (n: number) => string;
}

const secs = (ms: number) => `${Math.round(ms / 1000)}s`;

export class LimitTracker {
  private readonly warned = new Set<string>();

  constructor(readonly limits: Limits) {}

  check(t: LimitTotals): LimitVerdict {
    const gauges: Gauge[] = [];
    const l = this.limits;
    if (l.maxCostUsd)
      gauges.push({ key: "cost", used: t.costUsd, max: l.maxCostUsd, label: "cost limit", show: formatUsd });
    if (l.maxTurns)
      gauges.push({ key: "turns", used: t.turns, max: l.maxTurns, label: "turn limit", show: String });
    if (l.maxTokens) {
      const used = t.usage.inputTokens + t.usage.outputTokens;
      gauges.push({ key: "tokens", used, max: l.maxTokens, label: "token limit", show: String });
    }
    if (l.timeoutMs)
      gauges.push({ key: "time", used: t.elapsedMs, max: l.timeoutMs, label: "time limit", show: secs });
    const verdict: LimitVerdict = {};
    const warnings: string[] = [];
    for (const g of gauges) {
      if (g.used >= g.max) {
        verdict.stop ??= `Stopped: ${g.label} reached (${g.show(g.used)} of ${g.show(g.max)}). The session is saved; resume it to continue.`;
      } else if (g.used >= g.max * WARN_FRACTION && !this.warned.has(g.key)) {
        this.warned.add(g.key);
        warnings.push(
          `${Math.floor((g.used / g.max) * 100)}% of the ${g.label} used (${g.show(g.used)} of ${g.show(g.max)}).`,
        );
      }
    }
    if (warnings.length > 0 && !verdict.stop) verdict.warn = warnings.join(" ");
    return verdict;
  }

  /** Milliseconds left before the time limit (Infinity without one): arm an abort timer with it. */
  remainingMs(elapsedMs: number): number {
    return this.limits.timeoutMs === undefined
      ? Number.POSITIVE_INFINITY
      : Math.max(0, this.limits.timeoutMs - elapsedMs);
  }
}
