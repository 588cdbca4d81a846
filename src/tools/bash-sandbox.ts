// How the bash tool meets the OS sandbox (src/sandbox/): which commands ask, which run sandboxed and under which
// profile, and what the model is told afterwards. bash.ts calls `authorize` where it used to ask, `launch` for
// the runner's launcher and `afterRun` for notes.
//   off (or no sandbox): today's behaviour; when a sandbox was wanted but cannot start, the stricter fallback
//     policy turns more "auto" verdicts into "ask".
//   read-only: auto-run commands and commands allowed without the user seeing them (rules, skill grants,
//     bypass, an "any command" approval) run in the read-only sandbox; commands the user approved run as today.
//   workspace-write: every command runs in the workspace-write sandbox without asking (hard blocks and
//     deny/ask rules still apply: the executor checks rules first); plan mode falls back to read-only rules.
//   `sandbox: false` asks to run outside the sandbox: always a prompt (bypass mode may allow it).

import { type ApprovalRequest, ToolDeniedError } from "../approval/types.js";
import {
  cleanupCreated,
  type Launcher,
  missingProtected,
  type SandboxProfile,
  sandboxFailureNote,
  sandboxLauncher,
  userSawCommand,
} from "../sandbox/index.js";
import type { ToolContext } from "./tool.js";

export const SANDBOX_PARAM_DESCRIPTION =
  "false runs the command outside the OS sandbox, always after asking the user. Only after a result says the sandbox caused the failure.";

export interface Verdict {
  /** "deny" never reaches here (bash.ts throws first); anything but "auto" asks. */
  decision: "auto" | "ask" | "deny";
  reason: string;
}

/** The request for a command the policy lets run without asking: only a deny or ask rule stops it. */
const silent = (request: ApprovalRequest, readOnly: boolean): ApprovalRequest => ({
  ...request,
  safe: true,
  ...(readOnly ? { readOnly: true } : {}),
});
const asking = (request: ApprovalRequest, reason: string): ApprovalRequest => ({ ...request, reason });

async function approveOrThrow(ctx: ToolContext, request: ApprovalRequest): Promise<string> {
  const outcome = await ctx.approve(request);
  if (!outcome.approved) throw new ToolDeniedError(outcome.reason, outcome.feedback);
  return outcome.by;
}

/**
 * The call's one approval, and the profile: undefined runs the command unsandboxed. Throws ToolDeniedError when
 * the approval is refused. `strict` is the fallback policy's reason to ask, when it has one. Every path asks the
 * engine exactly once, so deny and ask rules reach auto-run and sandboxed commands too.
 */
export async function authorize(input: {
  verdict: Verdict;
  sandboxParam: boolean | undefined;
  ctx: ToolContext;
  request: ApprovalRequest;
  strict: () => Promise<string | null>;
}): Promise<SandboxProfile | undefined> {
  const { ctx, request } = input;
  const sb = ctx.sandbox;
  if (!sb || sb.mode === "off") {
    let verdict = input.verdict;
    if (sb?.fallback && verdict.decision === "auto") {
      const why = await input.strict();
      if (why) verdict = { decision: "ask", reason: why };
    }
    await approveOrThrow(
      ctx,
      verdict.decision === "auto" ? silent(request, true) : asking(request, verdict.reason),
    );
    return undefined;
  }
  if (input.sandboxParam === false) {
    await approveOrThrow(ctx, {
      ...request,
      reason: `Runs OUTSIDE the sandbox (full file system and network access), as the model asked. ${input.verdict.reason}`,
      unsandboxed: true,
    });
    return undefined;
  }
  if (sb.mode === "workspace-write" && sb.permissionMode() !== "plan") {
    await approveOrThrow(ctx, silent(request, input.verdict.decision === "auto"));
    return "workspace-write";
  }
  if (input.verdict.decision === "auto") {
    const by = await approveOrThrow(ctx, silent(request, true));
    // An ask rule showed it to the user: it runs as an approved command does.
    return userSawCommand(by) ? undefined : "read-only";
  }
  const by = await approveOrThrow(ctx, asking(request, input.verdict.reason));
  return userSawCommand(by) ? undefined : "read-only";
}

/** The launcher for a sandboxed command, plus what to clean up after it. */
export function launch(
  ctx: ToolContext,
  profile: SandboxProfile | undefined,
  env: Record<string, string>,
): { launcher?: Launcher; missing: string[] } {
  if (!profile || !ctx.sandbox) return { missing: [] };
  const launcher = sandboxLauncher(ctx.sandbox, {
    profile,
    workspace: ctx.cwd,
    readOnlyRoots: ctx.readOnlyRoots,
    env,
  });
  return { launcher, missing: profile === "workspace-write" ? missingProtected(ctx.cwd) : [] };
}

/** Notes for the model after a sandboxed run: protected paths it created (removed) and sandbox-like failures. */
export function afterRun(
  ctx: ToolContext,
  profile: SandboxProfile | undefined,
  missing: readonly string[],
  exitCode: number | null,
  output: string,
): string[] {
  if (!profile) return [];
  const notes: string[] = [];
  const removed = cleanupCreated(ctx.cwd, missing);
  if (removed.length)
    notes.push(
      `The sandbox does not let commands create ${removed.join(", ")} (protected: git internals, agent and editor settings); ${removed.length > 1 ? "they were" : "it was"} removed. To create it, run the command with "sandbox": false (asks the user) or use the file tools.`,
    );
  const note = sandboxFailureNote(profile, exitCode, output);
  if (note) notes.push(note);
  return notes;
}
