// The `bash` tool: classifies the command (deny / auto / ask), asks the approval engine once with that verdict
// (auto → request.safe, so ask rules still reach read-only commands), then runs it through shell/run.ts with a
// scrubbed, git-hardened environment. A non-zero exit is a normal result (the
// model needs to see failing tests); isError is reserved for timeouts, aborts and commands that cannot start.

import path from "node:path";
import { z } from "zod";
import { type ApprovalRequest, ToolDeniedError } from "../approval/types.js";
import { isProtectedPath, isWithin } from "../utils/path-policy.js";
import { maskUrlCredentials } from "../utils/url-credentials.js";
import { blockedMessage, gitHooksNote, truncatedNote } from "./bash-notes.js";
import { afterRun, authorize, launch, SANDBOX_PARAM_DESCRIPTION } from "./bash-sandbox.js";
import { runInTerminal, type TerminalRunResult } from "./bash-terminal.js";
import { firstLine as clippedLine } from "./describe.js";
import { defineTool, type ToolContext, type ToolResult } from "./tool.js";

export const DEFAULT_TIMEOUT_MS = 120_000;
export const MAX_TIMEOUT_MS = 600_000;
export const OUTPUT_HEAD_CHARS = 15_000;
export const OUTPUT_TAIL_CHARS = 15_000;

// What the model needs to choose and call the tool. The policy's details reach it where they apply: the denial
// text of a blocked command, the reason in a refusal or headless denial, the sandbox note after a failure, and
// notes after a run (truncated output, git hooks that did not run).
export const BASH_DESCRIPTION = `Run a command with bash in the workspace folder; returns stdout and stderr combined and the exit code (a non-zero exit is a normal result). Read-only commands made of plain words (ls, cat, grep, rg, find, git status/log/diff …) run at once; anything else (builds, tests, installs, writes, network, $(…), redirections, interpreters) asks the user first, and a few destructive commands are always blocked. Prefer the file tools for reading, searching and editing files. Each call is a fresh shell without stdin or TTY: cd and variables do not carry over (chain with &&), prompts end at once (pass --yes), secret-looking environment variables are removed. Output keeps the first and last ${OUTPUT_HEAD_CHARS} characters. Do not start servers or watchers.`;

const parameters = z.object({
  command: z.string().min(1).describe("Exactly as it would be typed."),
  timeout_ms: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(`Milliseconds (default ${DEFAULT_TIMEOUT_MS}, max ${MAX_TIMEOUT_MS}).`),
  sandbox: z.boolean().optional().describe(SANDBOX_PARAM_DESCRIPTION),
});

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${Number.isInteger(ms / 1000) ? ms / 1000 : (ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}

const loadShell = () => import("./shell/runtime.js");

/** Whether any word of the command resolves to a protected path inside the workspace. */
function namesProtectedPath(commands: readonly string[][], ctx: ToolContext): boolean {
  return commands.some((words) =>
    words.some((w) => {
      if (w === "" || w.includes("\0")) return false;
      const abs = path.resolve(ctx.cwd, w);
      return isWithin(ctx.cwd, abs) && isProtectedPath(ctx.cwd, abs, ctx.protectedRoots);
    }),
  );
}

// The UI and rules see the raw command; the TUI marks invisible characters itself.
const describeBash = (command: string) => ({
  title: `Run: ${clippedLine(command)}`,
  kind: "execute" as const,
  subject: clippedLine(command),
  command,
});

export const bashTool = defineTool({
  name: "bash",
  description: BASH_DESCRIPTION,
  parameters,
  readOnly: false,
  approvesItself: true,
  ruleSpecifier: "command",
  describe: (args) => describeBash(args.command),
  async execute(args, ctx): Promise<ToolResult> {
    const { command } = args;
    const shell = await loadShell();
    const { classifyCommand, formatBytes, runShell, shellEnvironment, visibleEscapes } = shell;
    let verdict: Awaited<ReturnType<typeof classifyCommand>>;
    try {
      verdict = await classifyCommand(command, { cwd: ctx.cwd, readOnlyRoots: ctx.readOnlyRoots });
    } catch (err) {
      // Fail closed: without the grammar nothing can be checked, so nothing runs.
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(
        `The shell policy could not load the bash grammar (${message}); no command can run. Reinstall protoagent (web-tree-sitter and tree-sitter-bash must be installed).`,
      );
    }
    if (verdict.decision === "deny") {
      throw new ToolDeniedError(blockedMessage(verdict.reason));
    }
    // What deny rules match besides the raw text: every command's decoded words, or why it cannot be decoded.
    const facts = verdict.facts ?? { commands: [] };
    const request: ApprovalRequest = {
      tool: "bash",
      kind: "shell",
      title: `Run: ${clippedLine(visibleEscapes(command))}`,
      detail: visibleEscapes(command),
      command,
      commands: facts.commands,
      ...(facts.opaque ? { opaque: facts.opaque } : {}),
      ...(verdict.onlyUnlisted ? { onlyUnlisted: true } : {}),
      ...(verdict.prefix ? { prefix: verdict.prefix } : {}),
      // A command that may change things and names a protected path (.git/hooks, .protoagent/, the real git dir,
      // core.hooksPath …) always asks, bypass and accept-edits included (headless: denied).
      ...(verdict.decision !== "auto" && namesProtectedPath(facts.commands, ctx)
        ? { protectedPath: true }
        : {}),
    };
    // The call's one approval (and where it runs): authorize() asks once, marking an auto-run command safe so
    // that only a deny or ask rule stops it, and picks the sandbox profile.
    const strict = async () => shell.strictReason(await shell.loadShellParser(), command);
    const profile = await authorize({ verdict, sandboxParam: args.sandbox, ctx, request, strict });
    if (ctx.signal.aborted) {
      return { content: "Command aborted by user (before it started).", summary: "aborted", isError: true };
    }
    const requested = args.timeout_ms ?? DEFAULT_TIMEOUT_MS;
    const timeoutMs = Math.min(requested, MAX_TIMEOUT_MS);
    const notes: string[] = [];
    if (requested > MAX_TIMEOUT_MS) {
      notes.push(
        `timeout_ms ${requested} is above the maximum; used ${MAX_TIMEOUT_MS} (${formatDuration(MAX_TIMEOUT_MS)}).`,
      );
    }
    const env = shellEnvironment(process.env, ctx.cwd);
    const sandboxed = launch(ctx, profile, env);
    let run: TerminalRunResult;
    // A command that may write the workspace (its sandbox lets it, or there is none and it is not read-only) is
    // snapshotted around its run, so /rewind can undo what it changed (or list it as not covered).
    const mayWrite = profile === "workspace-write" || (profile === undefined && verdict.decision !== "auto");
    const watch = mayWrite ? await ctx.checkpoint?.beforeShell?.(ctx.cwd, command) : undefined;
    const options = {
      command: verdict.decision === "auto" ? (verdict.run ?? command) : command,
      cwd: ctx.cwd,
      env,
      ...(sandboxed.launcher ? { launcher: sandboxed.launcher } : {}),
      timeoutMs,
      signal: ctx.signal,
      headChars: OUTPUT_HEAD_CHARS,
      tailChars: OUTPUT_TAIL_CHARS,
    };
    try {
      // The front-end's terminal (an editor's) runs the same argv when it offers one; else it is spawned here.
      run = ctx.terminal
        ? await runInTerminal(ctx.terminal, ctx.callId, options)
        : await runShell({ ...options, onChunk: (chunk) => ctx.update(chunk) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(
        `Could not start bash in ${ctx.cwd}: ${message}. Check that bash is installed and the folder exists.`,
      );
    }
    await watch?.after();
    // A token embedded in a URL (`git remote -v`, a clone URL in a log) never reaches the model.
    const output = maskUrlCredentials(run.output.text);
    notes.push(...afterRun(ctx, profile, sandboxed.missing, run.exitCode, output));
    const shown = output.trim() === "" ? "(no output)" : output.replace(/\n+$/, "");
    if (run.leftRunning)
      notes.push(
        "Background processes kept running and holding the output; their later output was not captured.",
      );
    if (run.output.truncated) notes.push(run.outputNote ?? truncatedNote(formatBytes(run.output.totalBytes)));
    const hooks = gitHooksNote(facts.commands);
    if (hooks) notes.push(hooks);
    let content: string;
    let summary: string;
    let isError = false;
    if (run.aborted) {
      content = `Command aborted by user.\nOutput so far:\n${shown}`;
      summary = "aborted";
      isError = true;
    } else if (run.timedOut) {
      content = `Command timed out after ${formatDuration(timeoutMs)}; output so far:\n${shown}\n\nThe whole process group was killed. Raise timeout_ms (max ${MAX_TIMEOUT_MS}) or narrow the command; servers and watchers never finish, so do not start them here.`;
      summary = "timed out";
      isError = true;
    } else if (run.exitCode === null) {
      content = `${shown}\n\nKilled by signal ${run.signal ?? "unknown"}.`;
      summary = `signal ${run.signal ?? "?"}`;
    } else {
      content = `${shown}\n\nExit code: ${run.exitCode}`;
      summary = `exit ${run.exitCode}`;
    }
    if (notes.length) content += `\n${notes.map((n) => `Note: ${n}`).join("\n")}`;
    if (profile) summary += ` · sandboxed${profile === "workspace-write" ? " (workspace-write)" : ""}`;
    return {
      content,
      summary,
      isError,
      details: {
        kind: "shell",
        command,
        exitCode: run.exitCode,
        signal: run.signal,
        output,
        timedOut: run.timedOut,
        truncated: run.output.truncated,
        totalBytes: run.output.totalBytes,
        durationMs: Math.round(run.durationMs),
        ...(profile && sandboxed.launcher ? { sandbox: profile } : {}),
      },
    };
  },
});
