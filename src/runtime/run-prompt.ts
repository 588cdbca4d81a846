// One prompt through the current session, as Runtime.run does it: the UserPromptSubmit hooks first (a refusal
// sends nothing and says why), then the prompt with its attachments, the user's `!cmd` output and the hooks'
// added context; the session's time limit (--timeout) aborts a request still running, reported as reason
// "limit" with an error event, not as a user abort.
import type { AgentEvent } from "../agent/events.js";
import type { LoopResult } from "../agent/loop.js";
import { type ContentPart, contentText } from "../agent/messages.js";
import type { Assembly } from "./assemble.js";
import { attachmentBlock, type FileAttachment, promptWith } from "./attach.js";

export interface PromptRun {
  prompt: string | ContentPart[];
  signal?: AbortSignal;
  attachments?: readonly FileAttachment[];
  /** Blocks waiting to go with this prompt (the user's own command output); taken, not copied. */
  pending: string[];
  /** How the time limit was given, for the message (e.g. "10m"). */
  timeoutLabel?: string;
  emit(e: AgentEvent): void;
}

export async function runPrompt(a: Assembly, run: PromptRun): Promise<LoopResult> {
  const gate = await a.hooks.submit(contentText(run.prompt), run.signal);
  if (gate.blocked !== undefined) return refused(a, run, gate.blocked);
  const blocks = [...(run.attachments ?? []).map(attachmentBlock), ...run.pending.splice(0)];
  const input = promptWith(run.prompt, [...blocks, ...gate.context]);
  const timeout = a.limits.timeoutSignal();
  const signals = [run.signal, timeout].filter((s): s is AbortSignal => s !== undefined);
  const result = await a.session.run(input, signals.length ? AbortSignal.any(signals) : undefined);
  if (timeout?.aborted && !run.signal?.aborted) {
    const error = `Stopped: time limit reached (${run.timeoutLabel ?? "configured"}). The session is saved; resume it to continue.`;
    run.emit({ type: "error", message: error });
    return { ...result, reason: "limit", error };
  }
  return result;
}

/** A prompt a UserPromptSubmit hook refused: nothing is sent; the user sees why. */
function refused(a: Assembly, run: PromptRun, reason: string): LoopResult {
  const error = `Prompt blocked by hook: ${reason}`;
  const done = { reason: "error", text: "", turns: 0 } as const;
  run.emit({ type: "error", message: error });
  run.emit({ type: "done", ...done });
  const s = a.session;
  return { ...done, usage: s.usage, costUsd: 0, contextTokens: s.contextTokens, error };
}
