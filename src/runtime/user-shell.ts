// The user's own shell command (`!cmd` in the TUI). It is not the model's bash tool: the user typed it, so it
// asks no approval and runs outside the sandbox, in the workspace, with the user's environment — but like bash
// it runs in its own process group (an abort kills everything it started), stdin is /dev/null, and the output is
// sanitised and bounded (head + tail). What reaches the model is a marked block with at most the last 10 KB.
import type { Env } from "../config/paths.js";
import { runShell } from "../tools/shell/run.js";

/** The most of a command's output (its tail) added to the model's context. */
export const SHELL_CONTEXT_CHARS = 10_000;
/** setTimeout's maximum: the user's command has no time limit (Esc ends it). */
const NO_TIMEOUT_MS = 2 ** 31 - 1;

export interface UserShellResult {
  command: string;
  exitCode: number | null;
  signal: string | null;
  /** Ended by the user (Esc / Ctrl+C). */
  aborted: boolean;
  durationMs: number;
  /** Sanitised combined stdout/stderr; very long output keeps its head and tail with a marker between. */
  output: string;
  truncated: boolean;
  /** Whether the output will be sent with the next prompt. */
  addedToContext: boolean;
}

/** What a front-end passes to Runtime.shell. */
export interface UserShellOptions {
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
  /** Send the output with the next prompt (default true). */
  addToContext?: boolean;
}

interface UserShellRun {
  command: string;
  cwd: string;
  env: Env;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
}

/** Runs the command to its end (or until `signal` aborts it). Rejects only when bash cannot be started. */
export async function runUserShell(o: UserShellRun): Promise<Omit<UserShellResult, "addedToContext">> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.env)) if (v !== undefined) env[k] = v;
  // No terminal is attached: pagers would wait on a missing tty.
  Object.assign(env, { PAGER: "cat", GIT_PAGER: "cat" });
  const r = await runShell({
    command: o.command,
    cwd: o.cwd,
    env,
    timeoutMs: NO_TIMEOUT_MS,
    signal: o.signal ?? new AbortController().signal,
    onChunk: o.onOutput,
  });
  return {
    command: o.command,
    exitCode: r.exitCode,
    signal: r.signal,
    aborted: r.aborted,
    durationMs: r.durationMs,
    output: r.output.text,
    truncated: r.output.truncated,
  };
}

/** The block the model receives with the next prompt: clearly the user's command and output, not a tool call. */
export function shellContextBlock(r: Omit<UserShellResult, "addedToContext">): string {
  const out = r.output.trimEnd();
  const cut = out.length > SHELL_CONTEXT_CHARS;
  const status = r.aborted
    ? "stopped by the user before it finished"
    : r.exitCode !== null
      ? `exit code ${r.exitCode}`
      : `killed by ${r.signal ?? "a signal"}`;
  return [
    "<user_shell_command>",
    "The user ran this command themselves in the workspace (it was not one of your tool calls).",
    `$ ${r.command}`,
    `(${status})`,
    cut ? `Output (the last ${SHELL_CONTEXT_CHARS} characters):` : "Output:",
    cut ? out.slice(-SHELL_CONTEXT_CHARS) : out || "(no output)",
    "</user_shell_command>",
  ].join("\n");
}
