// `@path` completion: lists project files once (git ls-files when in a repo, so .gitignore is honoured;
// otherwise fast-glob with node_modules/.git and the root .gitignore's simple patterns excluded) and ranks
// candidates for a typed fragment. The file list is cached on the object, never in module state.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fg from "fast-glob";

const MAX_FILES = 50_000;

function gitFiles(cwd: string): Promise<string[] | null> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["ls-files", "--cached", "--others", "--exclude-standard", "-z"],
      { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 5000 },
      (err, stdout) => resolve(err ? null : stdout.split("\0").filter(Boolean).slice(0, MAX_FILES)),
    );
  });
}

async function globFiles(cwd: string): Promise<string[]> {
  const ignore = ["**/node_modules/**", "**/.git/**"];
  try {
    const gi = await readFile(join(cwd, ".gitignore"), "utf8");
    for (const raw of gi.split("\n")) {
      const l = raw.trim();
      if (!l || l.startsWith("#") || l.startsWith("!")) continue;
      const p = l.replace(/^\//, "").replace(/\/$/, "");
      ignore.push(l.startsWith("/") ? p : `**/${p}`, l.startsWith("/") ? `${p}/**` : `**/${p}/**`);
    }
  } catch {
    // no .gitignore
  }
  const files = await fg("**/*", {
    cwd,
    ignore,
    dot: true,
    onlyFiles: true,
    suppressErrors: true,
    followSymbolicLinks: false,
  });
  return files.slice(0, MAX_FILES);
}

export interface PathCompleter {
  complete(fragment: string, limit?: number): Promise<string[]>;
}

export function createPathCompleter(cwd: string): PathCompleter {
  let files: Promise<string[]> | null = null;
  const load = () => {
    files ??= gitFiles(cwd).then(async (g) => {
      const list = g ?? (await globFiles(cwd));
      const dirs = new Set<string>();
      for (const f of list) {
        let i = f.lastIndexOf("/");
        while (i > 0) {
          dirs.add(`${f.slice(0, i)}/`);
          i = f.lastIndexOf("/", i - 1);
        }
      }
      return [...dirs, ...list];
    });
    return files;
  };
  return {
    async complete(fragment, limit = 8) {
      return rankPaths(await load(), fragment, limit);
    },
  };
}

/** Ranks paths: prefix of the whole path, then prefix of the basename, then substring; shorter first. */
export function rankPaths(paths: readonly string[], fragment: string, limit: number): string[] {
  const f = fragment.toLowerCase();
  const scored: { p: string; s: number }[] = [];
  for (const p of paths) {
    const lp = p.toLowerCase();
    const base = lp.slice(lp.replace(/\/$/, "").lastIndexOf("/") + 1);
    let s: number;
    if (lp.startsWith(f)) s = 0;
    else if (base.startsWith(f)) s = 1;
    else if (lp.includes(f)) s = 2;
    else continue;
    scored.push({ p, s });
  }
  scored.sort((a, b) => a.s - b.s || a.p.length - b.p.length || a.p.localeCompare(b.p));
  return scored.slice(0, limit).map((x) => x.p);
}
