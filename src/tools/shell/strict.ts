// The stricter policy used when a sandbox was wanted but none can start (the fallback never gets weaker, only
// narrower): on top of the normal classifier's "auto", a command list runs without asking only if every
// command is on a minimal list of plain readers, no word holds a glob, and nothing recurses or follows
// symlinks. git (it reads repository config), find, awk, sed, rg, jq, tree, du and everything else ask. Pure
// given a parser.
import type { ShellParser } from "./parser.js";
import { extractCommands } from "./structure.js";
import { decodeWord } from "./words.js";

/** Option letters (in a short cluster) and long names that recurse or follow links, per command. */
const STRICT: Record<string, { letters?: string; long?: string[] }> = {
  ls: { letters: "RLH", long: ["recursive", "dereference", "dereference-command-line"] },
  cat: {},
  head: {},
  tail: { letters: "fF", long: ["follow", "retry"] },
  wc: { long: ["files0-from"] },
  grep: { letters: "rRdD", long: ["recursive", "dereference-recursive", "directories", "devices"] },
  pwd: {},
  echo: {},
  stat: { letters: "L", long: ["dereference"] },
  diff: { letters: "rN", long: ["recursive", "new-file", "from-file", "to-file"] },
  cmp: {},
  sort: { long: ["files0-from"] },
  uniq: {},
  cut: {},
  tr: {},
  nl: {},
  tac: {},
  rev: {},
  basename: {},
  dirname: {},
  realpath: {},
  md5sum: {},
  sha1sum: {},
  sha256sum: {},
  true: {},
  false: {},
  date: {},
  whoami: {},
  uname: {},
  which: {},
  cd: {},
};

export const STRICT_COMMANDS: readonly string[] = Object.keys(STRICT);

/** Why the fallback policy asks for a command the normal classifier would auto-run; null when it agrees. */
export function strictReason(parser: ShellParser, command: string): string | null {
  const structure = parser.withTree(command, (root) => extractCommands(root));
  if (!structure.ok) return structure.reason;
  const prefix = "No OS sandbox is available, so a stricter policy applies:";
  for (const words of structure.commands) {
    const decoded = words.map((w) => decodeWord(w));
    const values: string[] = [];
    for (const d of decoded) {
      if (!d.ok) return d.reason;
      if (d.word.glob) return `${prefix} globs ask.`;
      values.push(d.word.value);
    }
    const [name, ...args] = values;
    const rule = name === undefined ? undefined : STRICT[name];
    if (!name || !rule)
      return `${prefix} ${name ?? "this command"} asks (only plain readers run without asking).`;
    for (const a of args) {
      if (a === "--") break;
      if (a.startsWith("--")) {
        const long = a.slice(2).split("=")[0] ?? "";
        if (rule.long?.includes(long)) return `${prefix} ${name} ${a} asks.`;
      } else if (
        a.startsWith("-") &&
        rule.letters &&
        [...a.slice(1)].some((c) => rule.letters?.includes(c))
      ) {
        return `${prefix} ${name} ${a} asks.`;
      }
    }
  }
  return null;
}
