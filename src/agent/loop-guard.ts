// The loop guard: notices a model repeating itself — the same tool call (name + canonical JSON arguments)
// returning the same result again and again, or a short cycle of such calls (A-B-A-B, A-B-C-A-B-C) — and first
// nudges it (a note appended to the repeating call's result, which keeps the history valid for every provider),
// then stops the run. A different result (a file that changed, a command that now passes) breaks the streak.
import { createHash } from "node:crypto";
import type { ToolCall, ToolMessage } from "./messages.js";

/** Repeats (of one call, or of one cycle) before the model is nudged, and before the run stops; 0 disables. */
export interface LoopGuardConfig {
  nudgeAfter: number;
  stopAfter: number;
}

export const DEFAULT_LOOP_GUARD: LoopGuardConfig = { nudgeAfter: 3, stopAfter: 5 };

/** Longest cycle recognised (A-B-C-A-B-C); longer ones are rare and costlier to tell from real progress. */
const MAX_PERIOD = 3;

/** Config values over the defaults (a partial `loopGuard` block keeps the other default). */
export const loopGuardConfig = (c: Partial<LoopGuardConfig> = {}): LoopGuardConfig => ({
  nudgeAfter: c.nudgeAfter ?? DEFAULT_LOOP_GUARD.nudgeAfter,
  stopAfter: c.stopAfter ?? DEFAULT_LOOP_GUARD.stopAfter,
});

/** JSON with object keys sorted at every depth, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one call. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

function callKey(call: ToolCall): string {
  try {
    return `${call.name}\u0000${canonical(JSON.parse(call.arguments || "{}"))}`;
  } catch {
    // Arguments that are not JSON are compared as the text the model sent.
    return `${call.name}\u0000${call.arguments}`;
  }
}

interface Step {
  name: string;
  /** Call and result together: equal steps are the same call with the same outcome. */
  print: string;
}

export class LoopGuard {
  private readonly steps: Step[] = [];
  private readonly cfg: LoopGuardConfig;

  constructor(cfg: Partial<LoopGuardConfig> = {}) {
    this.cfg = loopGuardConfig(cfg);
  }

  /**
   * Observes executed calls and their results in the model's order. Returns the results to append (a nudge added
   * to one that completes a repeat at or past `nudgeAfter`) and, once a repeat reaches `stopAfter`, why to stop.
   */
  check(
    calls: readonly ToolCall[],
    results: readonly ToolMessage[],
  ): { results: ToolMessage[]; stop?: string } {
    let stop: string | undefined;
    const out = results.map((result, i) => {
      const call = calls[i];
      if (!call || (this.cfg.nudgeAfter === 0 && this.cfg.stopAfter === 0)) return result;
      const print = createHash("sha256")
        .update(callKey(call))
        .update("\u0000")
        .update(result.isError ? "error" : "ok")
        .update(JSON.stringify(result.content))
        .digest("hex");
      this.steps.push({ name: call.name, print });
      // Only the last few cycles matter; the rest can go.
      const keep = MAX_PERIOD * Math.max(this.cfg.nudgeAfter, this.cfg.stopAfter, 1) + MAX_PERIOD;
      if (this.steps.length > keep) this.steps.splice(0, this.steps.length - keep);
      const streak = this.streak();
      if (!streak) return result;
      const what = this.describe(streak.period);
      if (this.cfg.stopAfter > 0 && streak.repeats >= this.cfg.stopAfter) {
        stop ??= `Stopped: ${what} ${streak.repeats} times in a row with the same result each time (loopGuard.stopAfter is ${this.cfg.stopAfter}). Tell the model what to do differently, or raise loopGuard.stopAfter in protoagent.jsonc.`;
        return result;
      }
      if (this.cfg.nudgeAfter > 0 && streak.repeats >= this.cfg.nudgeAfter)
        return withNudge(result, what, streak.repeats, this.cfg.stopAfter);
      return result;
    });
    return stop ? { results: out, stop } : { results: out };
  }

  /**
   * The strongest repetition ending at the latest step: for each period p (1 = the same call), how many whole
   * cycles in a row end exactly here. Steps that end mid-cycle do not count, so a cycle is judged once per turn.
   */
  private streak(): { period: number; repeats: number } | undefined {
    const s = this.steps;
    let best: { period: number; repeats: number } | undefined;
    for (let p = 1; p <= MAX_PERIOD; p++) {
      let matched = 0;
      while (
        s.length - 1 - matched - p >= 0 &&
        s[s.length - 1 - matched]!.print === s[s.length - 1 - matched - p]!.print
      )
        matched++;
      if (matched === 0 || (matched + p) % p !== 0) continue;
      const repeats = (matched + p) / p;
      if (repeats >= 2 && (!best || repeats > best.repeats)) best = { period: p, repeats };
    }
    return best;
  }

  private describe(period: number): string {
    const names = this.steps.slice(-period).map((x) => x.name);
    return period === 1
      ? `the model called ${names[0]} with the same arguments`
      : `the model repeated the same ${period} tool calls (${names.join(", ")})`;
  }
}

function withNudge(result: ToolMessage, what: string, repeats: number, stopAfter: number): ToolMessage {
  const limit = stopAfter > 0 ? ` The run stops if this goes on (after ${stopAfter}).` : "";
  const note = `\n\n[protoagent] Loop check: ${what.replace("the model", "you")} ${repeats} times in a row and got the same result each time. Repeating it will not change the outcome: change your approach (other arguments, another tool, fix the cause first) or answer with what you have.${limit}`;
  const content =
    typeof result.content === "string"
      ? result.content + note
      : [...result.content, { type: "text" as const, text: note }];
  return { ...result, content };
}
