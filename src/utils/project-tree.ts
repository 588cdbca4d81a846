// A bounded, gitignore-aware overview of the project for the system prompt. Built once per session.
import { readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";

const ALWAYS_IGNORED = [
  "**/node_modules/**",
  "**/.git/**",
  "**/dist/**",
  "**/build/**",
  "**/coverage/**",
  "**/__pycache__/**",
  "**/.venv/**",
  "**/target/**",
];

/** Root .gitignore lines turned into fast-glob ignore patterns (simple subset: names, dirs, globs). */
function gitignorePatterns(cwd: string): string[] {
  let text = "";
  try {
    text = readFileSync(path.join(cwd, ".gitignore"), "utf8");
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("!")) continue;
    const anchored = line.startsWith("/");
    const body = line.replace(/^\//, "").replace(/\/$/, "");
    const prefix = anchored || body.includes("/") ? "" : "**/";
    out.push(`${prefix}${body}`, `${prefix}${body}/**`);
  }
  return out;
}

export interface TreeOptions {
  maxDepth?: number;
  maxEntries?: number;
  perDir?: number;
}

/** Renders an indented tree (folders first, sorted), at most `maxEntries` lines, `perDir` per folder. */
export function projectTree(cwd: string, opts: TreeOptions = {}): string {
  const maxDepth = opts.maxDepth ?? 3;
  const maxEntries = opts.maxEntries ?? 200;
  const perDir = opts.perDir ?? 25;
  const entries = fg.sync("**", {
    cwd,
    deep: maxDepth,
    onlyFiles: false,
    markDirectories: true,
    dot: false,
    followSymbolicLinks: false,
    ignore: [...ALWAYS_IGNORED, ...gitignorePatterns(cwd)],
    suppressErrors: true,
  });
  const children = new Map<string, string[]>();
  for (const e of entries) {
    const clean = e.endsWith("/") ? e.slice(0, -1) : e;
    const parent = path.posix.dirname(clean);
    const key = parent === "." ? "" : parent;
    const list = children.get(key) ?? [];
    list.push(e);
    children.set(key, list);
  }
  const lines: string[] = [];
  const walk = (dir: string, depth: number) => {
    const list = (children.get(dir) ?? []).sort(
      (a, b) => Number(b.endsWith("/")) - Number(a.endsWith("/")) || a.localeCompare(b),
    );
    for (const [i, e] of list.entries()) {
      if (lines.length >= maxEntries) return;
      if (i >= perDir) {
        lines.push(`${"  ".repeat(depth)}… (${list.length - perDir} more)`);
        return;
      }
      const name = path.posix.basename(e.endsWith("/") ? e.slice(0, -1) : e) + (e.endsWith("/") ? "/" : "");
      lines.push(`${"  ".repeat(depth)}${name}`);
      if (e.endsWith("/")) walk(e.slice(0, -1), depth + 1);
    }
  };
  walk("", 0);
  if (lines.length >= maxEntries) lines.push(`… (tree truncated at ${maxEntries} entries)`);
  return lines.join("\n");
}
