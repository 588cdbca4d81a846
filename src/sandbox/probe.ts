// Finds and tries the platform's sandbox once per process (the runtime keeps the result): bubblewrap on Linux,
// sandbox-exec on macOS. The binary is looked up by absolute path only — never through an empty, relative or
// in-workspace PATH entry, so a repository cannot ship its own `bwrap`. PROTOAGENT_BWRAP names another binary
// (tests point it at a missing one to exercise the fallback).
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import type { Env } from "../config/paths.js";
import { BWRAP_ISOLATION } from "./bwrap.js";
import type { SandboxSupport } from "./types.js";

export const SANDBOX_FIX =
  "install bubblewrap (apt install bubblewrap, dnf install bubblewrap) or enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; on Ubuntu 23.10+ sysctl kernel.apparmor_restrict_unprivileged_userns=0)";

const executable = (p: string): boolean => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** The first executable `name` in PATH's absolute entries outside `workspace`, then the system folders. */
export function findBinary(name: string, env: Env, workspace: string): string | undefined {
  const entries = (env.PATH ?? "")
    .split(path.delimiter)
    .filter((e) => path.isAbsolute(e) && !inside(e, workspace));
  for (const dir of [...entries, "/usr/bin", "/bin", "/usr/local/bin"]) {
    const p = path.join(dir, name);
    if (executable(p)) return p;
  }
  return undefined;
}

function trial(binary: string, args: string[]): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    let stderr = "";
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"], timeout: 5000 });
    } catch (err) {
      resolve({ ok: false, detail: err instanceof Error ? err.message : String(err) });
      return;
    }
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", (err) => resolve({ ok: false, detail: err.message }));
    child.on("close", (code, signal) =>
      resolve({
        ok: code === 0,
        detail: stderr.trim().split("\n")[0] || (signal ? `killed by ${signal}` : `exit ${code}`),
      }),
    );
  });
}

export interface ProbeOptions {
  env: Env;
  /** The workspace (PATH entries inside it are never used). */
  cwd: string;
  platform?: NodeJS.Platform;
}

/** Tries to start an empty sandbox the way commands will use it; never throws. */
export async function probeSandbox(opts: ProbeOptions): Promise<SandboxSupport> {
  const platform = opts.platform ?? process.platform;
  if (platform === "linux") {
    const wanted = opts.env.PROTOAGENT_BWRAP;
    const binary = wanted ? path.resolve(wanted) : findBinary("bwrap", opts.env, opts.cwd);
    if (!binary || !executable(binary))
      return { ok: false, reason: `bubblewrap (bwrap) was not found${wanted ? ` at ${binary}` : ""}` };
    const args = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"];
    const r = await trial(binary, [...args, ...BWRAP_ISOLATION, "--", "true"]);
    return r.ok
      ? { ok: true, kind: "bwrap", binary }
      : { ok: false, reason: `bubblewrap could not start a sandbox (${r.detail})` };
  }
  if (platform === "darwin") {
    const binary = "/usr/bin/sandbox-exec";
    const r = await trial(binary, ["-p", "(version 1)(allow default)", "/usr/bin/true"]);
    return r.ok
      ? { ok: true, kind: "seatbelt", binary }
      : { ok: false, reason: `sandbox-exec could not start (${r.detail})` };
  }
  return { ok: false, reason: `there is no OS sandbox for ${platform}` };
}

/** The one start-up warning when a sandbox was wanted but none can start. */
export function fallbackWarning(reason: string, platform: NodeJS.Platform = process.platform): string {
  const fix = platform === "linux" ? ` Fix: ${SANDBOX_FIX}.` : "";
  return `No OS sandbox: ${reason}. Commands run unsandboxed, so a stricter policy applies: only plain ls/cat/head/tail/wc/grep-like commands without globs run without asking; git, find, awk, sed and everything else ask.${fix} (--sandbox off runs without a sandbox under the usual policy and silences this warning.)`;
}
