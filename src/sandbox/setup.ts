// Turns the requested mode (flag, config, default) and the probe into the ShellSandbox a session's tools get.
// The probe runs at most once per runtime: `lazyProbe` memoises it, and the runtime passes the same function to
// every session it assembles.
import type { Env } from "../config/paths.js";
import type { PermissionMode } from "../config/schema.js";
import { fallbackWarning, type ProbeOptions, probeSandbox } from "./probe.js";
import { DEFAULT_SANDBOX_MODE, type SandboxMode, type SandboxSupport, type ShellSandbox } from "./types.js";

/** The runtime option `sandbox`. */
export interface SandboxOptions {
  /** From --sandbox; beats the config key. */
  mode?: SandboxMode;
  /** The memoised probe (the runtime fills it in once). */
  probe?: () => Promise<SandboxSupport>;
}

export function lazyProbe(opts: ProbeOptions): () => Promise<SandboxSupport> {
  let p: Promise<SandboxSupport> | undefined;
  return () => {
    p ??= probeSandbox(opts);
    return p;
  };
}

export interface ResolveInput {
  flag?: SandboxMode;
  config?: SandboxMode;
  probe: () => Promise<SandboxSupport>;
  env: Env;
  permissionMode(): PermissionMode;
}

/** The session's sandbox, and the start-up warning when a sandbox was wanted but none can start. */
export async function resolveSandbox(
  input: ResolveInput,
): Promise<{ sandbox: ShellSandbox; warning?: string }> {
  const requested = input.flag ?? input.config ?? DEFAULT_SANDBOX_MODE;
  const base = { requested, env: input.env, permissionMode: input.permissionMode };
  if (requested === "off") return { sandbox: { ...base, mode: "off", fallback: false } };
  const support = await input.probe();
  if (!support.ok) {
    return { sandbox: { ...base, mode: "off", fallback: true }, warning: fallbackWarning(support.reason) };
  }
  return { sandbox: { ...base, mode: requested, fallback: false, support } };
}
