// macOS: a sandbox-exec (Seatbelt, SBPL) profile for one policy. Pure text, unit-tested as text; it cannot run
// here (no macOS in CI). Deny by default; read everything except the masked secrets; write only the temp
// folders, /dev/null and the writable folders minus their read-only paths; no network at all. In SBPL the last
// matching rule wins, so every deny comes after the allow it narrows. macOS has no private /tmp or PID
// namespace: the temp folders are the real, shared ones.
import type { SandboxPolicy } from "./types.js";

/** A string literal in SBPL (a Scheme string): backslash and double quote escaped. */
export const sbplString = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

const subpaths = (paths: readonly string[]) => paths.map((p) => `(subpath ${sbplString(p)})`).join(" ");
const literals = (paths: readonly string[]) => paths.map((p) => `(literal ${sbplString(p)})`).join(" ");

/** The temp folders a command may write on macOS (TMPDIR is a per-user folder under /private/var/folders). */
export function macTempDirs(env: Record<string, string | undefined>): string[] {
  const out = ["/private/tmp", "/private/var/tmp"];
  const t = env.TMPDIR?.replace(/\/+$/, "");
  if (t?.startsWith("/")) out.push(t.startsWith("/var/") ? `/private${t}` : t);
  return [...new Set(out)];
}

export function seatbeltProfile(p: SandboxPolicy, tempDirs: readonly string[]): string {
  const lines = [
    "(version 1)",
    "(deny default)",
    "(allow process-exec process-fork process-info* signal)",
    "(allow sysctl-read)",
    "(allow mach-lookup ipc-posix-shm* ipc-posix-sem)",
    "(allow pseudo-tty file-ioctl)",
    "(allow file-read*)",
  ];
  const masked = [...p.maskedDirs.map((d) => `(subpath ${sbplString(d)})`), literals(p.maskedFiles)]
    .filter(Boolean)
    .join(" ");
  if (masked) lines.push(`(deny file-read* ${masked})`);
  const writable = [
    subpaths([...tempDirs, ...p.writable]),
    literals(["/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr"]),
    '(regex #"^/dev/tty")',
  ]
    .filter(Boolean)
    .join(" ");
  lines.push(`(allow file-write* ${writable})`);
  const readOnly = [subpaths(p.readOnly), masked].filter(Boolean).join(" ");
  if (readOnly) lines.push(`(deny file-write* ${readOnly})`);
  lines.push("(deny network*)");
  return `${lines.join("\n")}\n`;
}

/** Arguments placed before the command's argv (`sandbox-exec <these> <argv…>`); the env is passed by spawn. */
export function seatbeltArgs(p: SandboxPolicy, tempDirs: readonly string[]): string[] {
  return ["-p", seatbeltProfile(p, tempDirs)];
}
