// Linux: the bubblewrap argv for one policy. Pure text. Order matters — later mounts cover earlier ones:
// the whole file system read-only, fresh /dev and /proc, a private /tmp and /run, folders the tmpfs would hide,
// the writable folders, then the read-only re-binds inside them, then the masks over secrets.
import type { SandboxPolicy } from "./types.js";

/** Namespaces and process hygiene shared by the probe and every command. */
export const BWRAP_ISOLATION = ["--unshare-all", "--die-with-parent", "--new-session"] as const;

/** Arguments placed before the command's own argv (`bwrap <these> <argv…>`). */
export function bwrapArgs(p: SandboxPolicy): string[] {
  const args: string[] = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"];
  for (const dir of p.privateDirs) args.push("--tmpfs", dir);
  for (const dir of p.visible) args.push("--ro-bind", dir, dir);
  for (const dir of p.writable) args.push("--bind", dir, dir);
  for (const dir of p.readOnly) args.push("--ro-bind", dir, dir);
  for (const dir of p.maskedDirs) args.push("--tmpfs", dir, "--remount-ro", dir);
  for (const file of p.maskedFiles) args.push("--ro-bind", "/dev/null", file);
  args.push(...BWRAP_ISOLATION, "--clearenv");
  for (const [name, value] of Object.entries(p.env)) args.push("--setenv", name, value);
  args.push("--chdir", p.cwd, "--");
  return args;
}
