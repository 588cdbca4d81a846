// What hook runs mean, with Claude Code's contract: exit 0 = fine (stdout parsed when it is JSON), exit 2 = block
// (stderr is the reason), any other exit = a failure that is reported and ignored. JSON fields: `continue:false`
// + `stopReason`, `decision:"block"` + `reason`, `systemMessage`, and `hookSpecificOutput` with
// `permissionDecision` (+ reason) and `additionalContext`. Pure: runs in, one combined outcome out.
import { VERDICT_RANK } from "../agent/tool-hooks.js";
import { oneLine } from "../utils/one-line.js";
import type { HookEvent, HookOutcome, HookPermission, HookRun } from "./types.js";

/** The most of all context one event's hooks may add for the model. */
export const HOOK_CONTEXT_CAP = 10_000;

/** Events whose plain (non-JSON) stdout is context for the model, as in Claude Code. */
const STDOUT_IS_CONTEXT = new Set<HookEvent>(["UserPromptSubmit", "SessionStart"]);
/** Events that can refuse something (exit 2 / decision block); for the others a block is only reported. */
const CAN_BLOCK = new Set<HookEvent>([
  "PreToolUse",
  "PostToolUse",
  "UserPromptSubmit",
  "Stop",
  "SubagentStop",
]);
const PERMISSIONS = new Set<string>(["allow", "ask", "deny"]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
const label = (r: HookRun) => `hook "${oneLine(r.hook.command, 60)}" (${r.hook.event})`;

function parseJson(stdout: string): Record<string, unknown> | undefined {
  const text = stdout.trim();
  if (!text.startsWith("{")) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** One run's contribution to the event's outcome. */
function interpret(event: HookEvent, r: HookRun, into: HookOutcome): void {
  if (r.aborted) return;
  if (r.error !== undefined) return void into.notices.push(`The ${label(r)} could not start: ${r.error}`);
  if (r.timedOut) {
    into.notices.push(`The ${label(r)} timed out after ${r.hook.timeoutMs / 1000} s and was stopped.`);
    return;
  }
  if (r.exitCode === 2) {
    const why = r.stderr.trim() || `the ${label(r)} exited with 2 and gave no reason`;
    if (CAN_BLOCK.has(event)) into.block = into.block ? `${into.block}\n${why}` : why;
    else into.notices.push(`The ${label(r)} reported: ${oneLine(why, 300)}`);
    return;
  }
  if (r.exitCode !== 0) {
    const detail = r.stderr.trim() ? `: ${oneLine(r.stderr, 300)}` : "";
    into.notices.push(`The ${label(r)} failed (exit ${r.exitCode ?? "signal"})${detail}`);
    return;
  }
  const json = parseJson(r.stdout);
  if (!json) {
    if (STDOUT_IS_CONTEXT.has(event) && r.stdout.trim()) into.context.push(r.stdout.trim());
    return;
  }
  const message = str(json.systemMessage);
  if (message) into.notices.push(message);
  if (json.continue === false) into.stop ??= str(json.stopReason) ?? `Stopped by the ${label(r)}.`;
  if (json.decision === "block" && CAN_BLOCK.has(event)) {
    const why = str(json.reason) ?? `blocked by the ${label(r)}`;
    into.block = into.block ? `${into.block}\n${why}` : why;
  }
  const specific = isObject(json.hookSpecificOutput) ? json.hookSpecificOutput : {};
  // Older Claude hooks answered PreToolUse with decision "approve".
  const permission = json.decision === "approve" ? "allow" : specific.permissionDecision;
  if (event === "PreToolUse" && typeof permission === "string" && PERMISSIONS.has(permission)) {
    const p = permission as HookPermission;
    if (into.permission === undefined || VERDICT_RANK[p] > VERDICT_RANK[into.permission]) {
      into.permission = p;
      into.permissionReason = str(specific.permissionDecisionReason) ?? str(json.reason);
    }
  }
  const context = str(specific.additionalContext);
  if (context) into.context.push(context);
}

/** Combines the runs of one event (in configuration order) into one outcome; context is capped. */
export function combine(event: HookEvent, runs: readonly HookRun[]): HookOutcome {
  const outcome: HookOutcome = { context: [], notices: [] };
  for (const r of runs) interpret(event, r, outcome);
  let room = HOOK_CONTEXT_CAP;
  outcome.context = outcome.context.flatMap((c) => {
    if (room <= 0) return [];
    const kept =
      c.length > room ? `${c.slice(0, room)}\n… [hook context cut at ${HOOK_CONTEXT_CAP} characters]` : c;
    room -= c.length;
    return [kept];
  });
  return outcome;
}
