// Hooks as a session feature: PreToolUse/PostToolUse around every tool call (the sub-agent's too), Stop and
// SubagentStop when a loop would finish, PreCompact for the compaction feature, and the runtime's entry points
// (UserPromptSubmit, SessionStart, SessionEnd, Notification). What hooks tell the user becomes a notice event;
// what they add for the model waits here and goes with the next prompt (SessionStart) or with the result.

import type { LoopHooks, StopHook } from "../agent/loop.js";
import { contentText } from "../agent/messages.js";
import type { ToolHookVerdict } from "../agent/tool-hooks.js";
import type { SessionFeature } from "../session/feature.js";
import type { Session } from "../session/session.js";
import { matchNames } from "./names.js";
import type { HookRunner } from "./runner.js";
import type { HookOutcome } from "./types.js";

export type SessionStartSource = "startup" | "resume" | "clear" | "compact";

/** What the runtime asks of the hooks. */
export interface HooksControl {
  /** UserPromptSubmit: `blocked` is the reason shown to the user (the prompt is not sent); else context for it. */
  submit(prompt: string, signal?: AbortSignal): Promise<{ blocked?: string; context: string[] }>;
  /**
   * SessionStart: its context waits for the next prompt. Returns what the hooks told the user (also emitted as
   * notices), so an opening runtime, which has no subscribers yet, can show it with its warnings.
   */
  start(source: SessionStartSource): Promise<string[]>;
  /** SessionEnd (`clear` on a session switch, `other` on close). */
  end(reason: "clear" | "other"): Promise<void>;
  /** Notification (an approval waits for the user): fire and forget. */
  notify(message: string): void;
  /** PreCompact, for the compaction feature's wiring. */
  preCompact(trigger: "manual" | "auto", focus: string | undefined, signal: AbortSignal): Promise<void>;
}

/** Hook text for the model, marked as coming from the user's hooks. */
export function hookContextBlock(event: string, text: string): string {
  return `<hook_context event="${event}">\n${text}\n</hook_context>`;
}

export function hooksFeature(runner: HookRunner): SessionFeature & HooksControl {
  let session: Session | undefined;
  /** SessionStart context not yet sent. */
  const pending: string[] = [];
  const tell = (o: HookOutcome) => {
    for (const message of o.notices) session?.emit({ type: "notice", level: "warn", message });
  };
  const stopHook =
    (event: "Stop" | "SubagentStop"): StopHook =>
    async (info, signal) => {
      const o = await runner.fire(event, { stop_hook_active: info.stopHookActive }, { signal });
      tell(o);
      if (o.stop !== undefined) {
        session?.emit({ type: "notice", level: "info", message: o.stop });
        return undefined;
      }
      if (o.block === undefined) return undefined;
      session?.emit({ type: "notice", level: "info", message: `${event} hook: continuing — ${o.block}` });
      return `${event} hook feedback:\n${o.block}`;
    };
  const hooks: LoopHooks = {
    async beforeTool(call, args, signal): Promise<ToolHookVerdict | undefined> {
      if (!runner.has("PreToolUse")) return undefined;
      const match = matchNames(call.name, session?.registry.get(call.name));
      const fields = { tool_name: call.name, tool_input: args, tool_use_id: call.id };
      const o = await runner.fire("PreToolUse", fields, { match, signal });
      tell(o);
      if (o.stop !== undefined) {
        session?.emit({ type: "notice", level: "warn", message: o.stop });
        session?.abort();
        return { decision: "deny", reason: o.stop };
      }
      if (o.block !== undefined) return { decision: "deny", reason: o.block };
      if (o.permission === undefined) return undefined;
      return { decision: o.permission, ...(o.permissionReason ? { reason: o.permissionReason } : {}) };
    },
    async afterTool(call, args, result, signal) {
      if (!runner.has("PostToolUse")) return undefined;
      const match = matchNames(call.name, session?.registry.get(call.name));
      const response = { content: contentText(result.content), summary: result.summary };
      const fields = {
        tool_name: call.name,
        tool_input: args,
        tool_response: response,
        tool_use_id: call.id,
      };
      const o = await runner.fire("PostToolUse", fields, { match, signal });
      tell(o);
      if (o.stop !== undefined) {
        session?.emit({ type: "notice", level: "warn", message: o.stop });
        session?.abort();
      }
      const notes = [...(o.block ? [`PostToolUse hook feedback:\n${o.block}`] : []), ...o.context];
      return notes.length ? hookContextBlock("PostToolUse", notes.join("\n\n")) : undefined;
    },
    onStop: stopHook("Stop"),
    onSubagentStop: stopHook("SubagentStop"),
  };
  const start = async (source: SessionStartSource) => {
    const o = await runner.fire("SessionStart", { source }, { match: [source] });
    tell(o);
    pending.push(...o.context);
    return o.notices;
  };
  return {
    name: "hooks",
    attach(s) {
      session = s;
      // Claude's SessionStart "compact": hooks re-add what a summary may have dropped.
      const off = s.subscribe((e) => {
        if (e.type === "compaction" && runner.has("SessionStart")) void start("compact");
      });
      return { hooks, detach: off };
    },
    start,
    async submit(prompt, signal) {
      const o = await runner.fire("UserPromptSubmit", { prompt }, { signal });
      tell(o);
      const blocked = o.stop ?? o.block;
      if (blocked !== undefined) return { blocked, context: [] };
      const context = [
        ...pending.splice(0).map((c) => hookContextBlock("SessionStart", c)),
        ...o.context.map((c) => hookContextBlock("UserPromptSubmit", c)),
      ];
      return { context };
    },
    async end(reason) {
      tell(await runner.fire("SessionEnd", { reason }));
    },
    notify(message) {
      if (!runner.has("Notification")) return;
      void runner.fire("Notification", { message }).then(tell);
    },
    async preCompact(trigger, focus, signal) {
      const fields = { trigger, custom_instructions: focus ?? "" };
      tell(await runner.fire("PreCompact", fields, { match: [trigger], signal }));
    },
  };
}
