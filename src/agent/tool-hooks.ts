// The contract between the executor and the user's tool hooks (src/hooks/): a PreToolUse verdict, how it rides
// on the call's approvals, the audit record of a hook's deny, and a PostToolUse note appended to a result. The
// hooks themselves are outside the loop; the executor only calls ExecutorDeps.hooks.
import type { ApprovalRecord } from "../approval/types.js";
import type { ToolCallDescription, ToolContext, ToolResult } from "../tools/tool.js";
import type { ToolCall } from "./messages.js";

/**
 * A PreToolUse verdict: `deny` — the call does not run; `allow` — it may skip the prompt; `ask` — it always
 * prompts. allow/ask travel on the call's approval request, so deny rules, ask rules, plan mode, protected
 * paths and the sandbox still decide first (approval/decide.ts).
 */
export interface ToolHookVerdict {
  decision: "allow" | "ask" | "deny";
  reason?: string;
}

/** User hooks around every tool call (src/hooks/); both optional. */
export interface ToolHooks {
  beforeTool?(call: ToolCall, args: unknown, signal: AbortSignal): Promise<ToolHookVerdict | undefined>;
  /** After a call that succeeded: text for the model, appended to the result. */
  afterTool?(
    call: ToolCall,
    args: unknown,
    result: ToolResult,
    signal: AbortSignal,
  ): Promise<string | undefined>;
}

/** How strict a verdict is: several hooks' verdicts combine to the strictest. */
export const VERDICT_RANK: Readonly<Record<ToolHookVerdict["decision"], number>> = {
  allow: 0,
  ask: 1,
  deny: 2,
};

/** Prefix of the model-facing text of a call a PreToolUse hook blocked. */
export const HOOK_BLOCK_PREFIX = "Blocked by hook: ";

/** The result with `note` appended for the model (a text part when the content has parts). */
export function withNote(result: ToolResult, note: string): ToolResult {
  const content =
    typeof result.content === "string"
      ? `${result.content}\n\n${note}`
      : [...result.content, { type: "text" as const, text: note }];
  return { ...result, content };
}

/** The call's context whose approvals carry the hook's allow/ask (a deny never gets this far). */
export function hookedContext(ctx: ToolContext, verdict: ToolHookVerdict | undefined): ToolContext {
  if (verdict?.decision !== "allow" && verdict?.decision !== "ask") return ctx;
  const { decision, reason } = verdict;
  const hook = { decision, ...(reason ? { reason } : {}) };
  // The prompt a hook forces says why, next to the tool's own reason.
  const why = (r?: string) =>
    decision === "ask" && reason ? [r, `Hook: ${reason}`].filter(Boolean).join(" ") : r;
  return {
    ...ctx,
    approve: (request) => {
      const r = why(request.reason);
      return ctx.approve({ ...request, hook, ...(r === undefined ? {} : { reason: r }) });
    },
  };
}

/** The audit record of a call a PreToolUse hook denied (the tool never ran). */
export function hookDenyRecord(tool: string, d: ToolCallDescription, reason: string): ApprovalRecord {
  const subject = d.command ?? d.url ?? d.subject ?? d.title;
  const at = new Date().toISOString();
  return { at, tool, subject, decision: "deny", by: `hook deny: ${reason}`, hook: "blocked-by-hook" };
}
