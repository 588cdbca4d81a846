// Headless mode (-p): one prompt, no prompts to the user (anything that would ask is denied), output as text,
// one JSON result, or a JSON line per event. Diagnostics go to stderr only; stdout carries the result.

import type { AgentEvent } from "../agent/events.js";
import { UserError } from "../errors.js";
import { bootstrap } from "../runtime/assemble.js";
import { version } from "../version.js";
import type { CliOptions } from "./options.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Prompt from the argument and/or piped stdin; both → stdin is appended as context. */
export async function headlessPrompt(arg: string | undefined, stdinIsTTY: boolean): Promise<string> {
  const piped = stdinIsTTY ? "" : (await readStdin()).trim();
  const prompt = (arg ?? "").trim();
  if (prompt && piped) return `${prompt}\n\n<stdin>\n${piped}\n</stdin>`;
  if (prompt || piped) return prompt || piped;
  throw new UserError('No prompt given: use protoagent -p "your task", or pipe the task on stdin.');
}

export async function runHeadless(opts: CliOptions): Promise<number> {
  const started = Date.now();
  const prompt = await headlessPrompt(
    typeof opts.print === "string" ? opts.print : undefined,
    Boolean(process.stdin.isTTY),
  );
  const { session, warnings, log, mcp, sessionLog, limits } = await bootstrap({
    cwd: opts.cwd,
    env: process.env,
    headless: true,
    model: opts.model,
    mode: opts.dangerouslySkipPermissions ? "bypass" : opts.mode,
    maxTurns: opts.maxTurns,
    allow: opts.allow,
    deny: opts.deny,
    trustProject: opts.trustProject,
    logLevel: opts.logLevel,
    resume: { session: opts.session, continue: opts.continue, fork: opts.forkSession },
    version: version(),
    limitFlags: { maxCost: opts.maxCost, maxTokens: opts.maxTokens, timeout: opts.timeout },
  });
  for (const w of warnings) process.stderr.write(`protoagent: warning: ${w}\n`);
  const format = opts.outputFormat;
  const writeLine = (obj: unknown) => process.stdout.write(`${JSON.stringify(obj)}\n`);
  session.subscribe((e: AgentEvent) => {
    if (format === "stream-json") writeLine(e);
    if (e.type === "error") process.stderr.write(`protoagent: ${e.message}\n`);
    else if (e.type === "notice" && e.level === "warn") process.stderr.write(`protoagent: ${e.message}\n`);
    else if (e.type === "retry")
      process.stderr.write(
        `protoagent: ${e.reason} — retrying in ${Math.round(e.delayMs / 100) / 10}s (${e.attempt}/${e.maxAttempts - 1})\n`,
      );
  });
  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (signalled) process.exit(sig === "SIGINT" ? 130 : 143);
    signalled = sig;
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    // Headless runs see every MCP tool that could connect (each server has its own connect timeout).
    await mcp.settled();
    const timeout = limits.timeoutSignal();
    const ran = await session.run(
      prompt,
      timeout ? AbortSignal.any([controller.signal, timeout]) : controller.signal,
    );
    // A request still running when the time limit hit was aborted: report it as the limit, not a user abort.
    const timedOut = Boolean(timeout?.aborted) && !signalled;
    const result = timedOut
      ? {
          ...ran,
          reason: "limit" as const,
          error: `Stopped: time limit reached (${opts.timeout}). The session is saved; resume it to continue.`,
        }
      : ran;
    if (timedOut) process.stderr.write(`protoagent: ${result.error}\n`);
    const isError = result.reason !== "completed";
    if (format === "text") {
      if (result.text) process.stdout.write(result.text.endsWith("\n") ? result.text : `${result.text}\n`);
    } else {
      writeLine({
        type: "result",
        result: result.text,
        is_error: isError,
        stop_reason: result.reason,
        ...(result.error ? { error: result.error } : {}),
        session_id: session.id,
        num_turns: result.turns,
        usage: {
          input_tokens: session.usage.inputTokens,
          output_tokens: session.usage.outputTokens,
          cached_tokens: session.usage.cachedTokens,
        },
        cost_usd: Number(session.costUsd.toFixed(6)),
        duration_ms: Date.now() - started,
      });
    }
    if (result.reason === "aborted")
      process.stderr.write(`protoagent: aborted${signalled ? ` (${signalled})` : ""}\n`);
    if (signalled) return signalled === "SIGINT" ? 130 : 143;
    return isError ? 1 : 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    sessionLog.close();
    await Promise.all([mcp.close(), log.close()]);
  }
}
