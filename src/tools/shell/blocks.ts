// Hard blocks: commands that are never run, not even in bypass mode or after approval. Token-based on the
// parsed tree — every command node anywhere (inside substitutions, subshells, functions, `bash -c '…'`, eval,
// and behind wrappers such as env, nice, timeout, xargs) — so `echo jiu-jitsu` or `grep sudoers a.txt` never
// trip it. Words are decoded loosely (quotes and escapes removed) so spelling tricks do not hide a command.
import type { ShellNode } from "./parser.js";
import { looseDecode } from "./words.js";

export type ReparseFn = (command: string, depth: number) => string | null;

const PRIVILEGE = new Set(["sudo", "doas", "su", "pkexec", "run0", "sudoedit"]);
const POWER = new Set(["shutdown", "reboot", "halt", "poweroff", "kexec"]);
const DISK =
  /^(mkfs(\..*)?|mke2fs|mkswap|mkdosfs|mkntfs|wipefs|fdisk|sfdisk|cfdisk|gdisk|sgdisk|parted|diskutil|format)$/;
const BLOCK_DEVICE =
  /^\/dev\/(sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d|rdisk\d|md\d|dm-\d|mapper\/|loop\d|sr\d)/;
const SYSTEM_DIRS =
  /^\/(bin|boot|dev|etc|home|lib|lib32|lib64|opt|proc|root|sbin|srv|sys|usr|var|System|Users|Applications|Library|private)$/;
const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh", "mksh", "fish", "busybox"]);

/** Normalises a target path: collapses slashes, drops trailing "/" and "/." and a final "/*". */
function normaliseTarget(raw: string): string {
  let t = raw.replace(/\/{2,}/g, "/").replace(/^\$\{HOME\}/, "$HOME");
  for (;;) {
    const before = t;
    t = t.replace(/\/\*$/, "/").replace(/\/\.$/, "/");
    if (t.length > 1 && t.endsWith("/")) t = t.slice(0, -1);
    if (t === before) break;
  }
  return t === "" ? "/" : t;
}

/** True for /, ~, $HOME, /* and top-level system directories, in any spelling. */
export function isCriticalTarget(raw: string): boolean {
  const t = normaliseTarget(raw);
  return (
    t === "/" ||
    t === "~" ||
    /^~[a-z_][a-z0-9_-]*$/i.test(t) ||
    t === "$HOME" ||
    t === "/.." ||
    SYSTEM_DIRS.test(t)
  );
}

function hasShortFlag(args: readonly string[], letters: string): boolean {
  return args.some((a) => /^-[^-]/.test(a) && [...a.slice(1)].some((c) => letters.includes(c)));
}

// biome-ignore format: a compact table is easier to review
const WRAPPER_VALUE_OPTS: Record<string, string> = {
  env: "uCS", nice: "n", timeout: "sk", stdbuf: "ioe", xargs: "IiLlnPsdEa", ionice: "cnp", taskset: "", nohup: "",
  time: "fo", command: "", builtin: "", exec: "a", setsid: "", chrt: "", flock: "wEc", watch: "nd", unbuffer: "",
};

/** Skips a wrapper's own options and returns the wrapped argv (or the argv of a -c / -S string). */
function unwrap(
  name: string,
  args: readonly string[],
  reparse: ReparseFn,
  depth: number,
): string | null | string[] {
  const valueOpts = WRAPPER_VALUE_OPTS[name] ?? "";
  let i = 0;
  while (i < args.length) {
    const a = args[i] as string;
    if (a === "--") {
      i++;
      break;
    }
    if (name === "env" && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
      i++;
      continue;
    }
    if (!a.startsWith("-") || a === "-") break;
    if (
      (name === "env" && (a === "-S" || a.startsWith("--split-string"))) ||
      (name === "flock" && a === "-c")
    ) {
      const str = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[i + 1];
      return str === undefined ? null : reparse(str, depth + 1);
    }
    const letter = a[1] ?? "";
    i += !a.startsWith("--") && valueOpts.includes(letter) && a.length === 2 ? 2 : 1;
  }
  if (name === "timeout" && i < args.length) i++; // the duration
  if (name === "chrt" && i < args.length) i++; // the priority
  if (name === "taskset" && i < args.length) i++; // the mask
  if (name === "watch") return reparse(args.slice(i).join(" "), depth + 1);
  return args.slice(i);
}

/** Returns a hard-block reason for one decoded argv, or null. */
export function checkArgv(argv: readonly string[], reparse: ReparseFn, depth = 0): string | null {
  if (depth > 6 || argv.length === 0) return null;
  const name = (argv[0] as string).split("/").pop() ?? "";
  const args = argv.slice(1);
  if (PRIVILEGE.has(name)) return `${name} (privilege escalation) is never run by the agent.`;
  if (POWER.has(name)) return `${name} is never run by the agent.`;
  if (DISK.test(name)) return `${name} formats or repartitions disks and is never run by the agent.`;
  if ((name === "init" || name === "telinit") && args.some((a) => a === "0" || a === "6")) {
    return `${name} ${args.join(" ")} shuts the machine down.`;
  }
  if (name === "systemctl" && args.some((a) => /^(poweroff|reboot|halt|kexec|emergency|rescue)$/.test(a))) {
    return "systemctl power actions are never run by the agent.";
  }
  if ((name === "kill" || name === "pkill") && args.includes("-1") && args.indexOf("-1") > 0) {
    return "kill -1 signals every process of the user.";
  }
  if (name === "kill" && args.length >= 2 && args[args.length - 1] === "-1") {
    return "kill -1 signals every process of the user.";
  }
  if (name === "rm") {
    if (args.includes("--no-preserve-root")) return "rm --no-preserve-root is never run.";
    const recursive = hasShortFlag(args, "rR") || args.some((a) => a === "--recursive" || a === "--recurs");
    const target = args.find((a) => !a.startsWith("-") && isCriticalTarget(a));
    if (recursive && target !== undefined)
      return `rm -r of ${target} would delete the system or home directory.`;
  }
  if (
    (name === "chmod" || name === "chown" || name === "chgrp") &&
    args.some((a) => !a.startsWith("-") && isCriticalTarget(a))
  ) {
    if (hasShortFlag(args, "R") || args.includes("--recursive") || args.includes("777")) {
      return `${name} on a system or home directory is never run.`;
    }
  }
  if (name === "find" && args.some((a) => isCriticalTarget(a))) {
    const execAt = args.findIndex((a) => /^-(exec|execdir|ok|okdir)$/.test(a));
    const runs = execAt >= 0 ? (args[execAt + 1] ?? "").split("/").pop() : "";
    if (args.includes("-delete") || runs === "rm" || runs === "shred") {
      return "find … -delete / -exec rm over a system or home directory is never run.";
    }
  }
  if (
    name === "mv" &&
    args.some((a) => !a.startsWith("-") && isCriticalTarget(a) && normaliseTarget(a) !== "/dev")
  ) {
    return "mv of a system or home directory is never run.";
  }
  if (
    name === "dd" &&
    args.some((a) => /^of=\/dev\//.test(a) && !/^of=\/dev\/(null|zero|stdout|stderr|tty)$/.test(a))
  ) {
    return "dd onto a device is never run.";
  }
  if (
    /^(cp|mv|tee|shred|ddrescue|cat|pv|truncate|blkdiscard)$/.test(name) &&
    args.some((a) => BLOCK_DEVICE.test(a))
  ) {
    if (name !== "cat" && name !== "pv") return `${name} onto a raw disk device is never run.`;
  }
  if (name in WRAPPER_VALUE_OPTS) {
    if ((name === "command" || name === "builtin") && args.some((a) => a === "-v" || a === "-V")) return null;
    const inner = unwrap(name, args, reparse, depth);
    if (inner === null || typeof inner === "string") return inner;
    return checkArgv(inner, reparse, depth + 1);
  }
  if (name === "eval") return reparse(args.join(" "), depth + 1);
  if (SHELLS.has(name)) {
    const c = args.findIndex((a) => /^-[a-z]*c[a-z]*$/i.test(a));
    if (c >= 0 && args[c + 1] !== undefined) return reparse(args[c + 1] as string, depth + 1);
  }
  return null;
}

const FORK_BOMB = /([\w:.-]+)\(\)\{\1\|\1&\};?\1/;

function walk(node: ShellNode, visit: (n: ShellNode) => string | null): string | null {
  const own = visit(node);
  if (own) return own;
  for (const child of node.children) {
    if (!child) continue;
    const r = walk(child, visit);
    if (r) return r;
  }
  return null;
}

/** Scans a whole parsed command for hard blocks. `source` is the command text the tree came from. */
export function findHardBlock(root: ShellNode, source: string, reparse: ReparseFn, depth = 0): string | null {
  // Textual fallback only when the grammar could not make sense of it; otherwise the tree check below decides.
  if (root.hasError && FORK_BOMB.test(source.replace(/\s+/g, ""))) return "A fork bomb is never run.";
  return walk(root, (node) => {
    if (node.type === "function_definition") {
      const name = node.namedChildren[0]?.text ?? "";
      // A function that calls itself and backgrounds (a lone "&", not "&&") multiplies processes without end.
      const body = (node.namedChildren[1]?.text ?? "").replace(/&&/g, " ");
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const callsItself =
        name !== "" && new RegExp(`(^|[\\s;|&{(])${escaped}($|[\\s;|&})])`).test(body.slice(1));
      if (callsItself && body.includes("&")) return "A fork bomb is never run.";
    }
    if (node.type === "file_redirect") {
      const op = node.children.find((c) => c && !c.isNamed)?.type ?? "";
      const dest = node.namedChildren[node.namedChildren.length - 1];
      if (op.includes(">") && dest && BLOCK_DEVICE.test(looseDecode(dest.text))) {
        return "Writing to a raw disk device is never run.";
      }
    }
    if (node.type === "command") {
      const argv: string[] = [];
      for (const child of node.namedChildren) {
        if (!child || child.type === "variable_assignment" || child.type.endsWith("redirect")) continue;
        argv.push(looseDecode(child.text));
      }
      return checkArgv(argv, reparse, depth);
    }
    return null;
  });
}
