// Recursive searches must not hand credential files to the model without the user seeing it: `cat .env` asks,
// so `grep -r PASSWORD .` or `rg --hidden KEY` over a tree holding a .env (or keys, .npmrc, .netrc) asks too.
// Walks the folders the search would enter (bounded; .git and node_modules skipped, symlinks not followed, as
// grep -r and rg do), honouring only rg's hidden-file default. Reads directory listings only.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isCredentialFile } from "../../utils/credential-files.js";
import { hasOption, parseArgs } from "./argv.js";
import { RULES } from "./rules.js";

const MAX_ENTRIES = 20_000;
const SKIP_DIRS = new Set([".git", "node_modules"]);

/** The first credential-named file below `root`, "too many" past the bound, or null. */
function findCredential(root: string, hidden: boolean): string | null {
  const stack = [root];
  let seen = 0;
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return "too many";
      if (!hidden && e.name.startsWith(".")) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(full);
      } else if (isCredentialFile(e.name)) return full;
    }
  }
  return null;
}

/** Returns a reason to ask when grep -r / rg would read a credential-named file, else null. */
export function searchReachesSecrets(name: string, args: readonly string[], base: string): string | null {
  const rule = RULES[name];
  if (!rule) return null;
  const parsed = parseArgs(args, rule.syntax ?? {});
  const isRg = name === "rg";
  const recursive =
    isRg ||
    hasOption(parsed, ["-r", "--recursive"]) ||
    parsed.options.some((o) => ["-d", "--directories"].includes(o.name) && o.value === "recurse");
  if (
    !recursive ||
    (isRg && hasOption(parsed, ["--files", "--type-list", "--version", "--help", "-h", "-V"]))
  ) {
    return null;
  }
  const textCount = hasOption(parsed, ["-e", "-f", "--regexp", "--file"]) ? 0 : 1;
  const operands = parsed.operands.slice(textCount);
  const uCount = parsed.shortLetters.filter((l) => l === "u").length;
  const hidden = !isRg || uCount >= 2 || hasOption(parsed, ["--hidden", "-."]);
  for (const op of operands.length > 0 ? operands : ["."]) {
    const root = path.resolve(base, op);
    try {
      if (!statSync(root).isDirectory()) continue;
    } catch {
      continue;
    }
    const hit = findCredential(root, hidden);
    if (hit === "too many")
      return `${name} would search more than ${MAX_ENTRIES} files, too many to check for credential files; it asks.`;
    if (hit) {
      return `${name} would search ${path.relative(base, hit) || hit}, which may contain credentials; it asks (name the files to search, or exclude it).`;
    }
  }
  return null;
}
