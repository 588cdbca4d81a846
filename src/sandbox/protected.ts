// What stays read-only inside a writable workspace: git's internals wherever git really looks (the .git
// folder, the folder a `.git` file or symlink points to, the common dir of a worktree, the core.hooksPath
// folder) and the folders other programs execute or trust from (.protoagent/, .vscode/, .husky/, …).
// Only existing paths are returned; `missingProtected` lists the names a sandboxed command must not create.
import { spawnSync } from "node:child_process";
import { lstatSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";

/** Workspace-relative names kept read-only in workspace-write (and removed again if a sandboxed command creates them). */
// biome-ignore format: a compact table is easier to review
export const PROTECTED_NAMES = [
  ".git", ".protoagent", ".mcp.json", ".vscode", ".idea", ".agents", ".claude", ".husky", ".envrc",
];

/** Whether anything (even a dangling link) is at `p`. */
export const exists = (p: string): boolean => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

const real = (p: string): string | undefined => {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
};

const readText = (p: string): string | undefined => {
  try {
    return readFileSync(p, "utf8");
  } catch {
    return undefined;
  }
};

/** The git dir behind `<workspace>/.git` (a folder, a symlink, or a `gitdir:` file) and its common dir. */
export function gitDirs(workspace: string): string[] {
  const dotgit = path.join(workspace, ".git");
  const target = real(dotgit);
  if (!target) return [];
  const out = new Set<string>([target]);
  let gitDir = target;
  try {
    if (lstatSync(target).isFile()) {
      const line = /^gitdir:\s*(.+?)\s*$/m.exec(readText(target) ?? "")?.[1];
      const resolved = line ? real(path.resolve(workspace, line)) : undefined;
      if (resolved) {
        out.add(resolved);
        gitDir = resolved;
      }
    }
  } catch {
    // Gone meanwhile: nothing more to protect.
  }
  const common = readText(path.join(gitDir, "commondir"))?.trim();
  const commonDir = common ? real(path.resolve(gitDir, common)) : undefined;
  if (commonDir) out.add(commonDir);
  return [...out];
}

/**
 * core.hooksPath as git resolves it for this workspace. The repository's config files are read directly (fast);
 * only when one uses `[include]`/`[includeIf]` is git itself asked (it runs no program for `git config`).
 */
export function hooksPath(workspace: string, dirs: readonly string[]): string | undefined {
  const configs = dirs.map((d) => readText(path.join(d, "config")) ?? "");
  let value: string | undefined;
  if (configs.some((c) => /^\s*\[\s*include/im.test(c))) {
    const r = spawnSync("git", ["config", "--includes", "--get", "core.hooksPath"], {
      cwd: workspace,
      encoding: "utf8",
      timeout: 2000,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "/",
        GIT_CONFIG_NOSYSTEM: "1",
      },
    });
    value = r.status === 0 ? r.stdout.trim() : undefined;
  } else {
    for (const c of configs) {
      const hit = [...c.matchAll(/^\s*hookspath\s*=\s*"?([^"\n]*?)"?\s*$/gim)].at(-1)?.[1];
      if (hit) value = hit;
    }
  }
  return value ? path.resolve(workspace, value) : undefined;
}

/** Existing protected paths of the workspace, resolved (symlinks followed), for read-only binds. */
export function protectedPaths(workspace: string): string[] {
  const out = new Set<string>();
  const dirs = gitDirs(workspace);
  for (const d of dirs) out.add(d);
  const hooks = hooksPath(workspace, dirs);
  const hooksReal = hooks ? real(hooks) : undefined;
  if (hooksReal) out.add(hooksReal);
  for (const name of PROTECTED_NAMES) {
    const p = path.join(workspace, name);
    const r = real(p);
    if (r) out.add(r);
  }
  return [...out];
}

/** Protected names that do not exist now: a sandboxed command that creates one has it removed afterwards. */
export function missingProtected(workspace: string): string[] {
  return PROTECTED_NAMES.map((n) => path.join(workspace, n)).filter((p) => !exists(p));
}
