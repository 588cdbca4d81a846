// A small, exact .gitignore matcher shared by list_directory and the JS search engine. It follows the rules
// ripgrep applies with --no-require-git: .gitignore files of the folder and its ancestors count, up to and
// including the first folder that holds a `.git` entry (or the filesystem root); deeper files and later lines
// win; a `!` line re-includes. Stateless apart from the per-instance cache of parsed files.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

export interface IgnoreRule {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** One parsed .gitignore and the folder its patterns are relative to. */
export interface IgnoreLayer {
  base: string;
  rules: IgnoreRule[];
}

function globToRegex(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/";
        const atEnd = i + 2 === glob.length || glob[i + 2] === "/";
        if (atStart && atEnd) {
          if (i + 2 === glob.length) out += ".*";
          else {
            out += "(?:.*/)?";
            i++; // also consume the slash after **
          }
          i++;
          continue;
        }
        i++; // "**" next to other characters behaves like "*"
      }
      out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close === -1) out += "\\[";
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else if (c === "\\" && i + 1 < glob.length) {
      i++;
      out += glob[i]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return out;
}

/** Parses .gitignore text into rules matched against paths relative to the file's folder ("a/b.txt"). */
export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, "");
    if (line === "" || line.startsWith("#")) continue;
    let negate = false;
    if (line.startsWith("!")) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith("\\!") || line.startsWith("\\#")) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith("/") && line.length > 1) {
      dirOnly = true;
      line = line.slice(0, -1);
    }
    if (line === "" || line === "/") continue;
    const anchored = line.includes("/");
    if (line.startsWith("/")) line = line.slice(1);
    const body = globToRegex(line);
    const prefix = anchored || line.startsWith("**/") ? "^" : "(?:^|/)";
    try {
      rules.push({ regex: new RegExp(`${prefix}${body}$`), negate, dirOnly });
    } catch {
      // An unparsable line is skipped, as git does.
    }
  }
  return rules;
}

/** Verdict of the deepest, last matching rule: "ignore", "include" (a `!` line matched) or undefined. */
export function matchLayers(
  layers: readonly IgnoreLayer[],
  abs: string,
  isDir: boolean,
): "ignore" | "include" | undefined {
  for (const layer of layers) {
    const rel = path.relative(layer.base, abs).split(path.sep).join("/");
    for (let i = layer.rules.length - 1; i >= 0; i--) {
      const rule = layer.rules[i]!;
      if (rule.dirOnly && !isDir) continue;
      if (rule.regex.test(rel)) return rule.negate ? "include" : "ignore";
    }
  }
  return undefined;
}

/** Loads and caches .gitignore layers; create one per operation (or per session) and pass it down. */
export class GitignoreCache {
  private readonly files = new Map<string, Promise<IgnoreRule[]>>();

  /** Rules of `dir/.gitignore` (empty when absent or unreadable). */
  rules(dir: string): Promise<IgnoreRule[]> {
    let p = this.files.get(dir);
    if (!p) {
      p = readFile(path.join(dir, ".gitignore"), "utf8").then(parseGitignore, () => []);
      this.files.set(dir, p);
    }
    return p;
  }

  /**
   * Layers that govern entries directly inside `dir`, deepest first: `dir` and its ancestors up to and
   * including the first one that contains `.git`.
   */
  async layersFor(dir: string): Promise<IgnoreLayer[]> {
    const layers: IgnoreLayer[] = [];
    let current = dir;
    for (;;) {
      const rules = await this.rules(current);
      if (rules.length) layers.push({ base: current, rules });
      const hasGit = await stat(path.join(current, ".git")).then(
        () => true,
        () => false,
      );
      const parent = path.dirname(current);
      if (hasGit || parent === current) return layers;
      current = parent;
    }
  }

  /** Layers for a child folder, given its parent's layers and whether the child holds `.git`. */
  async childLayers(
    parentLayers: IgnoreLayer[],
    child: string,
    childHasGit: boolean,
  ): Promise<IgnoreLayer[]> {
    const rules = await this.rules(child);
    const own = rules.length ? [{ base: child, rules }] : [];
    return childHasGit ? own : [...own, ...parentLayers];
  }
}
