// Runs one tool call: looks the tool up, parses and validates arguments (telling the model exactly what was
// wrong), runs it with its context, and is the ONLY place that turns a throw into an error result.
// Emits tool_start/tool_end; tools stream partial output through ctx.update → tool_update.
import type { z } from "zod";
import { type Tool, type ToolContext, ToolDeniedError, type ToolResult } from "../tools/tool.js";
import type { Emit, ToolStatus } from "./events.js";
import { contentText, type ToolCall, type ToolMessage } from "./messages.js";

/** Hard cap on what one tool result may put into the context (tools cap themselves well below this). */
export const MAX_RESULT_CHARS = 100_000;

export interface ExecutorDeps {
  findTool(name: string): Tool | undefined;
  toolNames(): string[];
  makeContext(call: ToolCall, signal: AbortSignal): ToolContext;
  emit: Emit;
  /**
   * Permission pre-check of every call (deny/ask rules reach read-only tools and auto-run commands too).
   * Resolves to a denial reason, or undefined to proceed.
   */
  gate?(name: string, args: unknown, signal: AbortSignal): Promise<string | undefined>;
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

export async function executeToolCall(
  call: ToolCall,
  deps: ExecutorDeps,
  signal: AbortSignal,
): Promise<ToolMessage> {
  const parsed = parseArguments(call.arguments, call.name);
  deps.emit({
    type: "tool_start",
    callId: call.id,
    name: call.name,
    args: parsed.ok ? parsed.args : call.arguments,
  });
  const finish = (status: ToolStatus, result: ToolResult): ToolMessage => {
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
    return {
      role: "tool",
      toolCallId: call.id,
      name: call.name,
      content: capped.content,
      ...(status === "done" ? {} : { isError: true }),
    };
  };
  const tool = deps.findTool(call.name);
  if (!tool) {
    return finish("error", {
      content: `Unknown tool "${call.name}". Available tools: ${deps.toolNames().join(", ")}.`,
      isError: true,
    });
  }
  if (!parsed.ok) return finish("error", { content: parsed.error, isError: true });
  const validated = tool.parameters.safeParse(parsed.args);
  if (!validated.success)
    return finish("error", { content: formatIssues(validated.error, tool.name), isError: true });
  if (signal.aborted) return finish("aborted", { content: "Aborted by user.", isError: true });
  try {
    const denial = await deps.gate?.(tool.name, validated.data, signal);
    if (denial) throw new ToolDeniedError(denial);
    const running = tool.execute(validated.data, deps.makeContext(call, signal));
    // A tool that ignores its signal must not hold the run hostage after the user aborts.
    running.catch(() => undefined);
    const abandon = abandonAfterAbort(signal);
    const result = await Promise.race([running, abandon.promise]).finally(abandon.dispose);
    if (signal.aborted && result.isError) return finish("aborted", result);
    return finish(result.isError ? "error" : "done", result);
  } catch (err) {
    if (err instanceof ToolDeniedError) {
      const feedback = err.feedback ? `\nThe user said: ${err.feedback}` : "";
      return finish("denied", {
        content: `${err.message}${feedback}`,
        details: { kind: "denied", reason: err.message, feedback: err.feedback },
        summary: "denied",
        isError: true,
      });
    }
    if (signal.aborted) return finish("aborted", { content: "Aborted by user.", isError: true });
    return finish("error", { content: `Error: ${(err as Error)?.message ?? String(err)}`, isError: true });
  }
}
