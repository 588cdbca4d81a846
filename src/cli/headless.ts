// Headless mode (-p): one prompt, no prompts to the user (anything that would ask is denied), output as text,
// one JSON result, or a JSON line per event. Diagnostics go to stderr only; stdout carries the result.

import { UserError } from "../errors.js";
import { type AgentEvent, Runtime, runtimeOptionsFromCli } from "../runtime/index.js";
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
  const runtime = await Runtime.open(
    runtimeOptionsFromCli(opts, process.env, { headless: true, version: version() }),
  );
  for (const w of runtime.warnings) process.stderr.write(`protoagent: warning: ${w}\n`);
  const format = opts.outputFormat;
  const writeLine = (obj: unknown) => process.stdout.write(`${JSON.stringify(obj)}\n`);
  runtime.subscribe((e: AgentEvent) => {
    if (format === "stream-json") writeLine(e);
    if (e.type === "error") process.stderr.write(`protoagent: ${e.message}\n`);
    // A sub-agent's failure or stop reaches the model as its result; the user sees which child it was.
    else if (e.type === "subagent" && e.event.type === "error")
      process.stderr.write(`protoagent: ${e.agent.label}: ${e.event.message}\n`);
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
    await runtime.mcpSettled();
    const result = await runtime.run(prompt, { signal: controller.signal });
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
        session_id: runtime.id,
        sandbox: runtime.sandbox,
        num_turns: result.turns,
        usage: {
          input_tokens: runtime.usage.inputTokens,
          output_tokens: runtime.usage.outputTokens,
          cached_tokens: runtime.usage.cachedTokens,
        },
        cost_usd: Number(runtime.costUsd.toFixed(6)),
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
    await runtime.close();
  }
}
