// Runs one tool call: looks the tool up, parses and validates arguments (telling the model exactly what was
// wrong), describes the call with the tool's describe(), checks deny rules, asks for approval exactly once for
// tools that do not approve themselves, runs it with its context, and is the ONLY place that turns a throw into
// an error result. Emits tool_start/tool_end; tools stream partial output through ctx.update → tool_update.
import type { z } from "zod";
import { type ApprovalRequest, ToolDeniedError } from "../approval/types.js";
import { describeValid } from "../tools/describe.js";
import type { Tool, ToolCallDescription, ToolContext, ToolResult } from "../tools/tool.js";
import { auditDiff, auditOutcome, auditSandbox, DecisionSlot } from "./audit.js";
import type { AgentEvent, Emit, ToolStatus } from "./events.js";
import { contentText, type ToolCall, type ToolMessage } from "./messages.js";
import { HOOK_BLOCK_PREFIX, hookDenyRecord, hookedContext, type ToolHooks, withNote } from "./tool-hooks.js";

/** Hard cap on what one tool result may put into the context (tools cap themselves well below this). */
export const MAX_RESULT_CHARS = 100_000;

export interface ExecutorDeps {
  findTool(name: string): Tool | undefined;
  toolNames(): string[];
  makeContext(call: ToolCall, signal: AbortSignal): ToolContext;
  emit: Emit;
  /**
   * Synchronous deny-rule check of every call against what its description states (defence in depth; it never
   * prompts: prompts go through ctx.approve, once per call). Returns the denial text, or undefined to proceed.
   */
  gate?(name: string, call: ToolCallDescription): string | undefined;
  hooks?: ToolHooks;
  /**
   * Resolves once tool lists that servers announced as changed have been fetched (bounded). A call to a tool
   * we do not know waits for it before being answered "unknown tool": the tool may be arriving right now.
   */
  toolsReady?(): Promise<void>;
}

type Parsed = { ok: true; args: unknown } | { ok: false; error: string };

/** Parses the raw argument text: empty means `{}`; anything else must be one JSON object. */
export function parseArguments(raw: string, toolName: string): Parsed {
  if (raw.trim() === "") return { ok: true, args: {} };
  try {
    const args: unknown = JSON.parse(raw);
    if (args === null || typeof args !== "object" || Array.isArray(args)) {
      return {
        ok: false,
        error: `Arguments for ${toolName} must be a JSON object, got ${Array.isArray(args) ? "an array" : typeof args}.`,
      };
    }
    return { ok: true, args };
  } catch (err) {
    const snippet = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
    return {
      ok: false,
      error: `Invalid JSON in the arguments for ${toolName} (${(err as Error).message}). You sent: ${snippet}\nSend the call again with one valid JSON object matching the tool's schema.`,
    };
  }
}

function formatIssues(error: z.ZodError, toolName: string): string {
  const lines = error.issues.map(
    (i) => `- ${i.path.length ? i.path.join(".") : "(arguments)"}: ${i.message}`,
  );
  return `Invalid arguments for ${toolName}:\n${lines.join("\n")}\nFix these and call the tool again.`;
}

function capContent(result: ToolResult): ToolResult {
  if (typeof result.content !== "string" || result.content.length <= MAX_RESULT_CHARS) return result;
  const omitted = result.content.length - MAX_RESULT_CHARS;
  return {
    ...result,
    content: `${result.content.slice(0, MAX_RESULT_CHARS)}\n… [${omitted} more characters omitted]`,
  };
}

/** Grace period after an abort for a tool to stop by itself and return its partial output. */
const ABORT_GRACE_MS = 2000;

/**
 * A promise that rejects once `signal` has been aborted for ABORT_GRACE_MS. `dispose()` removes its listener
 * and timer, so a long run does not pile up one abort listener per tool call.
 */
function abandonAfterAbort(signal: AbortSignal): { promise: Promise<never>; dispose(): void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => {
      timer = setTimeout(() => reject(new Error("Aborted by user.")), ABORT_GRACE_MS);
      timer.unref();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  return {
    promise,
    dispose: () => {
      signal.removeEventListener("abort", onAbort);
      clearTimeout(timer);
    },
  };
}

type Validated = ReturnType<z.ZodType["safeParse"]>;

interface Prepared {
  tool?: Tool;
  parsed: Parsed;
  validated?: Validated;
  ctx: ToolContext;
  start: Extract<AgentEvent, { type: "tool_start" }>;
}

function prepare(call: ToolCall, deps: ExecutorDeps, signal: AbortSignal): Prepared {
  const parsed = parseArguments(call.arguments, call.name);
  const tool = deps.findTool(call.name);
  const validated = tool && parsed.ok ? tool.parameters.safeParse(parsed.args) : undefined;
  const ctx = deps.makeContext(call, signal);
  // Unknown tools and invalid arguments get the neutral description: nothing is guessed from argument names.
  const description = describeValid(validated?.success ? tool : undefined, call.name, validated?.data, {
    cwd: ctx.cwd,
  });
  const args = parsed.ok ? parsed.args : call.arguments;
  return {
    tool,
    parsed,
    validated,
    ctx,
    start: { type: "tool_start", callId: call.id, name: call.name, args, description },
  };
}

/** The tool_start event of a call that will not run (the loop reports calls skipped after an abort with it). */
export function toolStartEvent(call: ToolCall, deps: ExecutorDeps, signal: AbortSignal): AgentEvent {
  return prepare(call, deps, signal).start;
}

/** The request the executor asks with for a tool that does not approve itself, built from its description. */
export function callRequest(tool: Tool, d: ToolCallDescription, args: unknown): ApprovalRequest {
  let detail = d.command ?? d.url;
  if (detail === undefined) {
    try {
      detail = JSON.stringify(args, null, 2) ?? "";
    } catch {
      detail = String(args);
    }
  }
  const req: ApprovalRequest = { tool: tool.name, kind: "other", title: d.title, detail };
  if (d.path !== undefined) req.path = d.path;
  if (d.command !== undefined) req.command = d.command;
  if (d.url !== undefined) req.url = d.url;
  if (tool.safe ?? tool.readOnly) req.safe = true;
  if (tool.readOnly) req.readOnly = true;
  return req;
}

export async function executeToolCall(
  call: ToolCall,
  deps: ExecutorDeps,
  signal: AbortSignal,
): Promise<ToolMessage> {
  if (!deps.findTool(call.name)) await deps.toolsReady?.();
  const prepared = prepare(call, deps, signal);
  const { tool, parsed, validated, start } = prepared;
  const startedAt = new Date();
  const startedMs = performance.now();
  // Every approval outcome of this call passes the slot, so the audit entry names what decided.
  const slot = new DecisionSlot();
  const ctx: ToolContext = {
    ...prepared.ctx,
    approve: async (req) => slot.seen(await prepared.ctx.approve(req)),
  };
  deps.emit(start);
  const finish = (status: ToolStatus, result: ToolResult, denial?: ToolDeniedError): ToolMessage => {
    const capped = capContent(result);
    deps.emit({
      type: "tool_end",
      callId: call.id,
      name: call.name,
      status,
      summary: capped.summary,
      details: capped.details,
      content: contentText(capped.content),
    });
    deps.emit({
      type: "audit",
      entry: {
        at: startedAt.toISOString(),
        callId: call.id,
        tool: call.name,
        subject: start.description.subject ?? start.description.title,
        args: start.args,
        decision: denial ? slot.denied(denial.decision, denial.message) : slot.current(),
        ...auditSandbox(capped.details),
        outcome: auditOutcome(status),
        durationMs: Math.round(performance.now() - startedMs),
        ...auditDiff(capped.details),
      },
    });
    return {
      role: "tool",
      toolCallId: call.id,
      name: call.name,
      content: capped.content,
      ...(status === "done" ? {} : { isError: true }),
    };
  };
  if (!tool) {
    return finish("error", {
      content: `Unknown tool "${call.name}". Available tools: ${deps.toolNames().join(", ")}.`,
      isError: true,
    });
  }
  if (!parsed.ok) return finish("error", { content: parsed.error, isError: true });
  if (!validated?.success)
    return finish("error", {
      content: validated ? formatIssues(validated.error, tool.name) : "Invalid arguments.",
      isError: true,
    });
  if (signal.aborted) return finish("aborted", { content: "Aborted by user.", isError: true });
  try {
    const verdict = await deps.hooks?.beforeTool?.(call, validated.data, signal);
    if (signal.aborted) return finish("aborted", { content: "Aborted by user.", isError: true });
    if (verdict?.decision === "deny") {
      const reason = verdict.reason ?? "a PreToolUse hook denied this call";
      deps.emit({ type: "approval", record: hookDenyRecord(tool.name, start.description, reason) });
      throw new ToolDeniedError(`${HOOK_BLOCK_PREFIX}${reason}`, undefined, {
        kind: "hook_blocked",
        hook: "PreToolUse",
        reason,
      });
    }
    const runCtx = hookedContext(ctx, verdict);
    const denial = deps.gate?.(tool.name, start.description);
    if (denial) throw new ToolDeniedError(denial, undefined, { kind: "denied", by: "rule" });
    // One approval per call: a tool that judges its own risk asks inside execute(); for every other tool the
    // executor asks here, through the same ctx.approve, with the tool's standing verdict (safe / read-only).
    if (!tool.approvesItself) {
      const outcome = await runCtx.approve(callRequest(tool, start.description, validated.data));
      if (!outcome.approved) throw new ToolDeniedError(outcome.reason, outcome.feedback, outcome.decision);
    }
    const running = tool.execute(validated.data, runCtx);
    // A tool that ignores its signal must not hold the run hostage after the user aborts.
    running.catch(() => undefined);
    const abandon = abandonAfterAbort(signal);
    let result = await Promise.race([running, abandon.promise]).finally(abandon.dispose);
    if (signal.aborted && result.isError) return finish("aborted", result);
    if (!result.isError && deps.hooks?.afterTool) {
      const note = await deps.hooks.afterTool(call, validated.data, result, signal);
      if (note) result = withNote(result, note);
    }
    return finish(result.isError ? "error" : "done", result);
  } catch (err) {
    if (err instanceof ToolDeniedError) {
      const feedback = err.feedback ? `\nThe user said: ${err.feedback}` : "";
      return finish(
        "denied",
        {
          content: `${err.message}${feedback}`,
          details: { kind: "denied", reason: err.message, feedback: err.feedback },
          summary: "denied",
          isError: true,
        },
        err,
      );
    }
    if (signal.aborted) return finish("aborted", { content: "Aborted by user.", isError: true });
    return finish("error", { content: `Error: ${(err as Error)?.message ?? String(err)}`, isError: true });
  }
}
