// The launcher of one sandboxed command: the policy for this command (fresh: secrets and protected folders may
// have appeared since the last one), rendered for the platform's sandbox as a program and its leading args.
import { bwrapArgs } from "./bwrap.js";
import { buildPolicy } from "./policy.js";
import { macTempDirs, seatbeltArgs } from "./seatbelt.js";
import type { SandboxProfile, ShellSandbox } from "./types.js";

export interface Launcher {
  /** The sandbox program (bwrap, sandbox-exec). */
  file: string;
  /** Its arguments; the command's own argv (bash -c …) follows them. */
  args: string[];
  /** The environment to spawn the sandbox program with. */
  env: Record<string, string>;
}

export interface LaunchInput {
  profile: SandboxProfile;
  workspace: string;
  cwd?: string;
  readOnlyRoots?: readonly string[];
  /** The command's scrubbed environment. */
  env: Record<string, string>;
}

/** Undefined when the sandbox is off (the command runs as today). */
export function sandboxLauncher(sb: ShellSandbox, input: LaunchInput): Launcher | undefined {
  const support = sb.support;
  if (sb.mode === "off" || !support) return undefined;
  const policy = buildPolicy({ ...input, secretsEnv: sb.env });
  if (support.kind === "bwrap") {
    // bwrap clears and sets the command's environment itself; bwrap gets only what it needs to start.
    return {
      file: support.binary,
      args: bwrapArgs(policy),
      env: { PATH: input.env.PATH ?? "/usr/bin:/bin" },
    };
  }
  return { file: support.binary, args: seatbeltArgs(policy, macTempDirs(input.env)), env: policy.env };
}
