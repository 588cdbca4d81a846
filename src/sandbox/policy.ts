// Builds the policy of one sandboxed command from the profile, the workspace and the environment: what is
// writable, what stays read-only inside it, which secrets are masked, and the environment inside. Reads the
// file system (existence checks, a shallow scan for .env files); everything after this is pure text.
import path from "node:path";
import type { Env } from "../config/paths.js";
import { protectedPaths } from "./protected.js";
import { userSecrets, workspaceSecrets } from "./secrets.js";
import type { SandboxPolicy, SandboxProfile } from "./types.js";

export interface PolicyInput {
  profile: SandboxProfile;
  workspace: string;
  /** Where the command starts (defaults to the workspace). */
  cwd?: string;
  /** Skill folders and other read-only roots the command may read. */
  readOnlyRoots?: readonly string[];
  /** The scrubbed environment of the command (shell/env.ts). */
  env: Record<string, string>;
  /** The environment whose HOME and XDG folders hold the secrets to mask (the runtime's). */
  secretsEnv: Env;
  /** Where the private tmpfs goes (tests on other systems may change it). */
  tmp?: string;
}

const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
};

export function buildPolicy(input: PolicyInput): SandboxPolicy {
  const tmp = input.tmp ?? "/tmp";
  const workspace = input.workspace;
  const writable = input.profile === "workspace-write" ? [workspace] : [];
  const visible = [workspace, ...(input.readOnlyRoots ?? [])].filter((p) => inside(p, tmp));
  const home = userSecrets(input.secretsEnv);
  const ws = workspaceSecrets(workspace);
  const readOnly = input.profile === "workspace-write" ? protectedPaths(workspace) : [];
  return {
    profile: input.profile,
    workspace,
    cwd: input.cwd ?? workspace,
    writable,
    visible,
    readOnly,
    // A masked folder holding the workspace itself (a project inside ~/.config/…) would hide the workspace.
    maskedDirs: [...home.dirs, ...ws.dirs].filter((d) => !inside(workspace, d)),
    maskedFiles: [...home.files, ...ws.files],
    // Temp files go to the private /tmp, whatever TMPDIR pointed at outside.
    env: { ...input.env, TMPDIR: tmp },
  };
}
