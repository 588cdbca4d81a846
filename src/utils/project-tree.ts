// A bounded, gitignore-aware overview of the project for the system prompt. Built once per session with a plain
// synchronous readdir walk (no glob library on the start-up path): breadth-limited per folder, depth-limited,
// and nested .gitignore files apply below their folder.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type IgnoreLayer, matchLayers, parseGitignore } from "./gitignore.js";

const ALWAYS_IGNORED = new Set([
  ".git",
  "node_modules",
  "dist",
  "build",
  "coverage",
  "__pycache__",
  ".venv",
  "venv",
  "target",
  ".next",
  ".cache",
]);

export interface TreeOptions {
  maxDepth?: number;
  maxEntries?: number;
  perDir?: number;
}

function layerFor(dir: string): IgnoreLayer | undefined {
  try {
    const rules = parseGitignore(readFileSync(path.join(dir, ".gitignore"), "utf8"));
    return rules.length ? { base: dir, rules } : undefined;
  } catch {
    return undefined;
  }
}

/** Renders an indented tree (folders first, sorted), at most `maxEntries` lines, `perDir` per folder. */
export function projectTree(cwd: string, opts: TreeOptions = {}): string {
  const maxDepth = opts.maxDepth ?? 3;
  const maxEntries = opts.maxEntries ?? 200;
  const perDir = opts.perDir ?? 25;
  const lines: string[] = [];
  const walk = (dir: string, depth: number, layers: IgnoreLayer[]) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const own = layerFor(dir);
    const active = own ? [own, ...layers] : layers;
    const visible = entries
      .filter((e) => !e.name.startsWith(".") && !ALWAYS_IGNORED.has(e.name))
      .filter((e) => matchLayers(active, path.join(dir, e.name), e.isDirectory()) !== "ignore")
      .sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name));
    for (const [i, e] of visible.entries()) {
      if (lines.length >= maxEntries) return;
      if (i >= perDir) {
        lines.push(`${"  ".repeat(depth)}… (${visible.length - perDir} more)`);
        return;
      }
      lines.push(`${"  ".repeat(depth)}${e.name}${e.isDirectory() ? "/" : ""}`);
      if (e.isDirectory() && depth + 1 < maxDepth) walk(path.join(dir, e.name), depth + 1, active);
    }
  };
  walk(cwd, 0, []);
  if (lines.length >= maxEntries) lines.push(`… (tree truncated at ${maxEntries} entries)`);
  return lines.join("\n");
}
