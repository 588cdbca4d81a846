// Builds the policy of one sandboxed command from the profile, the workspace and the environment: what is
// writable, what stays read-only inside it, which secrets are masked, and the environment inside. Reads the
// file system (existence checks, a shallow scan for .env files); everything after this is pure text.
import path from "node:path";
import type { Env } from "../config/paths.js";
import { gitDirs, protectedPaths } from "./protected.js";
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
  const roots = input.readOnlyRoots ?? [];
  // Under /tmp the private tmpfs would hide the workspace, skill folders and a git dir kept outside the workspace.
  const visible = [workspace, ...roots, ...gitDirs(workspace)].filter(
    (p) => inside(p, tmp) && (p === workspace || !inside(p, workspace)),
  );
  const home = userSecrets(input.secretsEnv);
  const ws = workspaceSecrets(workspace);
  // Only what lies inside the writable workspace needs re-binding; everything else is read-only already (and
  // re-binding a device such as /dev/null from the host would make it unusable).
  const readOnly =
    input.profile === "workspace-write"
      ? [...new Set([...protectedPaths(workspace), ...roots])].filter(
          (p) => p !== workspace && inside(p, workspace),
        )
      : [];
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
