// Test helpers for the OS sandbox: whether a real bubblewrap sandbox starts here (tests that need one skip with
// the reason otherwise), temp folders outside /tmp (the sandbox's private /tmp would hide them and make a
// masking test pass for the wrong reason), and a ShellSandbox for a tool context.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PermissionMode } from "../../src/config/schema.js";
import type { SandboxMode, ShellSandbox } from "../../src/sandbox/types.js";

function probe(): string | undefined {
  if (process.platform !== "linux") return `needs Linux (this is ${process.platform})`;
  const r = spawnSync(
    "bwrap",
    [
      "--ro-bind",
      "/",
      "/",
      "--dev",
      "/dev",
      "--proc",
      "/proc",
      "--tmpfs",
      "/tmp",
      "--unshare-all",
      "--",
      "true",
    ],
    { encoding: "utf8" },
  );
  if (r.error) return `bubblewrap is not installed (${r.error.message}); CI installs it (.ci/run)`;
  if (r.status !== 0) return `bubblewrap cannot start a sandbox here: ${r.stderr.trim()}`;
  return undefined;
}

/** Why real-bwrap tests cannot run here, or undefined when they can. */
export const noSandboxReason = probe();
export const bwrapPath = (): string =>
  ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"].find((p) => existsSync(p)) ?? "bwrap";

/** A temp folder outside /tmp (under /var/tmp where it exists). */
export function outsideTmp(prefix: string): string {
  const base = existsSync("/var/tmp") ? "/var/tmp" : os.tmpdir();
  return realpathSync(mkdtempSync(path.join(base, prefix)));
}

export function testSandbox(
  mode: SandboxMode,
  env: Record<string, string | undefined>,
  permissionMode: PermissionMode = "default",
): ShellSandbox {
  return {
    requested: mode,
    mode,
    fallback: false,
    support: { ok: true, kind: "bwrap", binary: bwrapPath() },
    env,
    permissionMode: () => permissionMode,
  };
}
