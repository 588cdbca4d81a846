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
  /** Where the private, writable /tmp goes (tests on other systems may change it). */
  tmp?: string;
}

/**
 * Runtime folders replaced by an empty private tmpfs: they hold local service sockets (Docker, containerd,
 * D-Bus and the systemd user manager, databases, ssh/gpg agents) that would reach past "no network".
 */
export function runtimeDirs(env: Env): string[] {
  const xdg = env.XDG_RUNTIME_DIR;
  return [...new Set(["/run", ...(xdg && path.isAbsolute(xdg) && !inside(xdg, "/run") ? [xdg] : [])])];
}

/** Variables that point at agent or bus sockets: meaningless inside (their folders are hidden), so dropped. */
const SOCKET_VARS = [
  "SSH_AUTH_SOCK",
  "DBUS_SESSION_BUS_ADDRESS",
  "GPG_AGENT_INFO",
  "DOCKER_HOST",
  "XDG_RUNTIME_DIR",
];

const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
};

function withoutSockets(env: Record<string, string>): Record<string, string> {
  const out = { ...env };
  for (const name of SOCKET_VARS) delete out[name];
  return out;
}

export function buildPolicy(input: PolicyInput): SandboxPolicy {
  const tmp = input.tmp ?? "/tmp";
  const privateDirs = [tmp, ...runtimeDirs(input.secretsEnv)];
  const workspace = input.workspace;
  const writable = input.profile === "workspace-write" ? [workspace] : [];
  const roots = input.readOnlyRoots ?? [];
  // A private tmpfs would hide a workspace, skill folder or outside git dir under /tmp (or /run/media/…).
  const visible = [workspace, ...roots, ...gitDirs(workspace)].filter(
    (p) => privateDirs.some((d) => inside(p, d)) && (p === workspace || !inside(p, workspace)),
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
    privateDirs,
    visible,
    readOnly,
    // A masked folder holding the workspace itself (a project inside ~/.config/…) would hide the workspace.
    maskedDirs: [...home.dirs, ...ws.dirs].filter((d) => !inside(workspace, d)),
    maskedFiles: [...home.files, ...ws.files],
    // Temp files go to the private /tmp, whatever TMPDIR pointed at outside.
    env: { ...withoutSockets(input.env), TMPDIR: tmp },
  };
}
