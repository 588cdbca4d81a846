// Session features: what a Session is assembled with (compaction, limits, the session log, extensions,
// sub-agents, later hooks and checkpoints). Each is given to the constructor, attached exactly once and in the
// given order, and contributes loop hooks that are COMPOSED — no feature can overwrite another's, and a feature
// given twice is an error instead of a silent double attach.

import type { LimitTotals, LoopHooks } from "../agent/loop.js";
import type { Message } from "../agent/messages.js";
import { type ToolHookVerdict, VERDICT_RANK } from "../agent/tool-hooks.js";
import type { Session } from "./session.js";

export interface FeatureAttachment {
  hooks?: LoopHooks;
  /** Undoes the attach (unsubscribes); called by Session.close(). */
  detach?(): void;
}

export interface SessionFeature {
  /** Unique within a session ("compaction", "limits", "log", …). */
  readonly name: string;
  attach(session: Session): FeatureAttachment;
}

/** Composes hooks in feature order: replacements chain, the first overflow answer wins, the first stop wins. */
export function composeHooks(list: readonly LoopHooks[]): LoopHooks {
  const before = list.flatMap((h) => (h.beforeRequest ? [h.beforeRequest.bind(h)] : []));
  const overflow = list.flatMap((h) => (h.onContextOverflow ? [h.onContextOverflow.bind(h)] : []));
  const limits = list.flatMap((h) => (h.checkLimits ? [h.checkLimits.bind(h)] : []));
  const budgets = list.flatMap((h) => (h.budget ? [h.budget.bind(h)] : []));
  const hooks: LoopHooks = { ...toolHooks(list) };
  for (const key of ["onStop", "onSubagentStop"] as const) {
    const stops = list.flatMap((h) => h[key] ?? []);
    if (stops.length)
      hooks[key] = async (info, signal) => {
        for (const fn of stops) {
          const more = await fn(info, signal);
          if (more) return more;
        }
        return undefined;
      };
  }
  if (before.length)
    hooks.beforeRequest = async (messages, info, signal) => {
      let current: Message[] | undefined;
      for (const fn of before) current = (await fn(current ?? messages, info, signal)) ?? current;
      return current;
    };
  if (overflow.length)
    hooks.onContextOverflow = async (messages, signal) => {
      for (const fn of overflow) {
        const next = await fn(messages, signal);
        if (next) return next;
      }
      return undefined;
    };
  if (limits.length)
    hooks.checkLimits = (totals: LimitTotals) => firstStop(limits.map((fn) => () => fn(totals)));
  if (budgets.length) hooks.budget = () => firstStop(budgets);
  return hooks;
}

type Verdict = { stop?: string; warn?: string };

/** The first stop wins; otherwise every warning, joined. */
function firstStop(checks: Array<() => Verdict>): Verdict {
  const warns: string[] = [];
  for (const fn of checks) {
    const r = fn();
    if (r.stop) return r;
    if (r.warn) warns.push(r.warn);
  }
  return warns.length ? { warn: warns.join(" ") } : {};
}

/** Tool hooks in feature order: the strictest verdict wins (deny > ask > allow); notes for the model join. */
function toolHooks(list: readonly LoopHooks[]): Pick<LoopHooks, "beforeTool" | "afterTool"> {
  const before = list.flatMap((h) => (h.beforeTool ? [h.beforeTool.bind(h)] : []));
  const after = list.flatMap((h) => (h.afterTool ? [h.afterTool.bind(h)] : []));
  const out: Pick<LoopHooks, "beforeTool" | "afterTool"> = {};
  if (before.length)
    out.beforeTool = async (call, args, signal) => {
      let verdict: ToolHookVerdict | undefined;
      for (const fn of before) {
        const v = await fn(call, args, signal);
        if (v && (!verdict || VERDICT_RANK[v.decision] > VERDICT_RANK[verdict.decision])) verdict = v;
      }
      return verdict;
    };
  if (after.length)
    out.afterTool = async (call, args, result, signal) => {
      const notes: string[] = [];
      for (const fn of after) {
        const n = await fn(call, args, result, signal);
        if (n) notes.push(n);
      }
      return notes.length ? notes.join("\n\n") : undefined;
    };
  return out;
}

/** A child loop's hooks (sub_agent): the tool hooks as they are, its stop reported as the sub-agent's. */
export function childHooks(parent: LoopHooks): LoopHooks | undefined {
  const { beforeTool, afterTool, onSubagentStop } = parent;
  if (!beforeTool && !afterTool && !onSubagentStop) return undefined;
  return {
    ...(beforeTool ? { beforeTool } : {}),
    ...(afterTool ? { afterTool } : {}),
    ...(onSubagentStop ? { onStop: onSubagentStop } : {}),
  };
}

/** Rejects a feature list with a repeated name (the bug the old attach-after-construction order allowed). */
export function checkFeatureNames(features: readonly SessionFeature[]): void {
  const seen = new Set<string>();
  for (const f of features) {
    if (seen.has(f.name)) throw new Error(`Session feature "${f.name}" was given twice.`);
    seen.add(f.name);
  }
}
