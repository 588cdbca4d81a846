// Where git really looks, resolved once per session: the git directory behind a `.git` symlink or gitfile
// (`gitdir: …`, worktrees and submodules), its common dir, and the repository's `core.hooksPath` folder. Writes
// there run code on the user's next commit, so they are protected like `.git/` itself, wherever they live.
import { execFileSync } from "node:child_process";
import { lstatSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";

const real = (p: string): string | undefined => {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
};

/** The real git dir a worktree's `.git` entry points to (dir, symlink or `gitdir:` file), if any. */
function gitDirOf(cwd: string): string | undefined {
  const dotGit = path.join(cwd, ".git");
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(dotGit);
  } catch {
    return undefined;
  }
  if (st.isSymbolicLink() || st.isDirectory()) return real(dotGit);
  if (!st.isFile()) return undefined;
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, "utf8").slice(0, 4096));
  return m?.[1] ? real(path.resolve(cwd, m[1])) : undefined;
}

/** `core.hooksPath` as git itself reads it (runs nothing: `git config --get` only reads config files). */
function hooksPathOf(cwd: string): string | undefined {
  try {
    const out = execFileSync("git", ["-C", cwd, "config", "--get", "core.hooksPath"], {
      encoding: "utf8",
      timeout: 3000,
      stdio: ["ignore", "pipe", "ignore"],
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "/",
        GIT_CONFIG_NOSYSTEM: "1",
      },
    }).trim();
    if (!out) return undefined;
    const expanded = out.startsWith("~/") ? path.join(process.env.HOME ?? "/", out.slice(2)) : out;
    return real(path.resolve(cwd, expanded)) ?? path.resolve(cwd, expanded);
  } catch {
    return undefined;
  }
}

/** Absolute folders to protect besides the names `.git/`, `.protoagent/`, …: deduplicated real paths. */
export function gitProtectedRoots(cwd: string): string[] {
  const out = new Set<string>();
  const gitDir = gitDirOf(cwd);
  if (gitDir) {
    out.add(gitDir);
    try {
      const common = readFileSync(path.join(gitDir, "commondir"), "utf8").trim();
      const resolved = common ? real(path.resolve(gitDir, common)) : undefined;
      if (resolved) out.add(resolved);
    } catch {
      // Not a linked worktree.
    }
  }
  const hooks = hooksPathOf(cwd);
  if (hooks) out.add(hooks);
  return [...out];
}
