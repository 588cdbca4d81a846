// The OS sandbox's vocabulary: the modes a user picks, the profile one command runs under, what the probe
// found, and the object the runtime hands to the bash tool (ToolContext.sandbox). Types and constants only.
import type { Env } from "../config/paths.js";
import type { PermissionMode } from "../config/schema.js";

export const SANDBOX_MODES = ["read-only", "workspace-write", "off"] as const;
export type SandboxMode = (typeof SANDBOX_MODES)[number];

/** Used when neither the flag nor the config names a mode (and a sandbox can start). */
export const DEFAULT_SANDBOX_MODE: SandboxMode = "read-only";

/** What one sandboxed command may do: read everything not masked, and write only /tmp (+ the workspace). */
export type SandboxProfile = "read-only" | "workspace-write";

/** The result of the once-per-process probe. */
export type SandboxSupport =
  | { ok: true; kind: "bwrap" | "seatbelt"; binary: string }
  | { ok: false; reason: string };

/** Everything a launcher needs to confine one command; built fresh per command (see policy.ts). */
export interface SandboxPolicy {
  profile: SandboxProfile;
  /** The workspace (realpath); the command starts here unless `cwd` says otherwise. */
  workspace: string;
  cwd: string;
  /** Folders the command may write (workspace-write: the workspace). /tmp is always a private, writable tmpfs. */
  writable: string[];
  /** Folders replaced by an empty, writable, private tmpfs: /tmp first (TMPDIR), then /run and the like. */
  privateDirs: string[];
  /** Folders to keep visible (read-only) that a private tmpfs would hide (a workspace or skill folder under /tmp). */
  visible: string[];
  /** Existing paths inside a writable folder that stay read-only (.git internals, .protoagent/, …). */
  readOnly: string[];
  /** Existing secret folders: an empty, read-only tmpfs is mounted over each. */
  maskedDirs: string[];
  /** Existing secret files: /dev/null is bound over each. */
  maskedFiles: string[];
  /** The complete environment of the command (already scrubbed). */
  env: Record<string, string>;
}

/** The sandbox as the bash tool sees it (ToolContext.sandbox). Absent means `off`, today's behaviour. */
export interface ShellSandbox {
  /** What the user asked for (flag, then config, then the default). */
  requested: SandboxMode;
  /** What applies: `off` when requested so, or when no sandbox can start (then `fallback` is true). */
  mode: SandboxMode;
  /** A sandbox was wanted but cannot start: the stricter fallback classifier applies. */
  fallback: boolean;
  /** The launcher found by the probe (present when `mode` is not `off`). */
  support?: Extract<SandboxSupport, { ok: true }>;
  /** The environment whose HOME/XDG folders are masked (the runtime's). */
  env: Env;
  /** The session's permission mode right now (plan mode never runs unasked writes, even in workspace-write). */
  permissionMode(): PermissionMode;
}

/** One word for the header, /status and the JSON result: "read-only", "off", "off (no sandbox available)". */
export function sandboxLabel(sb: Pick<ShellSandbox, "mode" | "fallback"> | undefined): string {
  if (!sb) return "off";
  return sb.fallback ? "off (no sandbox available)" : sb.mode;
}
