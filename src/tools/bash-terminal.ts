// The bash tool's other runner: the front-end's terminal (an editor's, over ACP) runs the very argv runShell
// would spawn — the sandbox launcher's program and arguments first when the command is sandboxed, then
// `bash --noprofile --norc -c <command>` — with the same scrubbed environment, folder, timeout and abort.
// The result has runShell's shape, so bash.ts reports both the same way. Called only after the approval.

import { OutputCapture, sanitizeOutput } from "./shell/output.js";
import type { RunOptions, RunResult } from "./shell/run.js";
import type { TerminalPort } from "./tool.js";

export type TerminalRunResult = RunResult & {
  /** Why the output is incomplete, when the terminal dropped its beginning. */
  outputNote?: string;
};

/** The program, arguments and environment runShell would spawn for these options. */
export function shellArgv(opts: Pick<RunOptions, "command" | "env" | "launcher">): {
  file: string;
  args: string[];
  env: Record<string, string>;
} {
  const bash = ["--noprofile", "--norc", "-c", opts.command];
  const l = opts.launcher;
  if (l) return { file: l.file, args: [...l.args, "bash", ...bash], env: l.env };
  // Unsandboxed, `env -i` makes the scrubbed environment the whole environment: an editor may merge its own
  // variables (tokens included) into what it was given. bwrap does the same with --clearenv when sandboxed.
  const pairs = Object.entries(opts.env).map(([k, v]) => `${k}=${v}`);
  return { file: "env", args: ["-i", ...pairs, "bash", ...bash], env: opts.env };
}

export async function runInTerminal(
  terminal: TerminalPort,
  callId: string,
  opts: Pick<RunOptions, "command" | "cwd" | "env" | "launcher" | "timeoutMs" | "signal"> & {
    headChars: number;
    tailChars: number;
  },
): Promise<TerminalRunResult> {
  const started = performance.now();
  const argv = shellArgv(opts);
  const outputLimit = opts.headChars + opts.tailChars;
  const r = await terminal.run({
    callId,
    ...argv,
    cwd: opts.cwd,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
    outputLimit,
  });
  const capture = new OutputCapture(opts.headChars, opts.tailChars);
  const text = sanitizeOutput(r.output);
  capture.add(text, Buffer.byteLength(r.output));
  const output = capture.result();
  return {
    exitCode: r.exitCode,
    signal: r.signal,
    timedOut: r.timedOut,
    aborted: r.aborted,
    output: r.truncated ? { ...output, truncated: true } : output,
    durationMs: performance.now() - started,
    pgid: undefined,
    leftRunning: false,
    ...(r.truncated
      ? {
          outputNote: `The editor's terminal kept only the last ${outputLimit} bytes of output; the beginning was left out.`,
        }
      : {}),
  };
}
