// Where git really looks: the git dir behind `<workspace>/.git` (a folder, a symlink, or a `gitdir:` file of a
// worktree or submodule), its common dir, and the `core.hooksPath` folder. Writes there run code on the user's
// next commit, so the path policy protects them like `.git/` and the sandbox keeps them read-only. Computed once
// per session (start-up path): config files are read directly; git is asked only when one uses `[include]`.
import { spawnSync } from "node:child_process";
import { lstatSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";

/** The real path of `p`, or undefined when it does not exist. */
export const real = (p: string): string | undefined => {
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

/** The user's global git config files, in git's order (a later file wins). */
function globalConfigs(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME;
  const xdg = env.XDG_CONFIG_HOME || (home ? path.join(home, ".config") : undefined);
  return [xdg ? path.join(xdg, "git", "config") : "", home ? path.join(home, ".gitconfig") : ""].filter(
    Boolean,
  );
}

/**
 * core.hooksPath as git resolves it for this workspace: global config first, the repository's last (a relative
 * value, even a global one, is relative to the workspace). Only when a config file uses `[include]`/`[includeIf]`
 * is git itself asked (`git config` runs no program).
 */
export function hooksPath(
  workspace: string,
  dirs: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const configs = [...globalConfigs(env), ...dirs.map((d) => path.join(d, "config"))].map(
    (f) => readText(f) ?? "",
  );
  let value: string | undefined;
  if (configs.some((c) => /^\s*\[\s*include/im.test(c))) {
    const r = spawnSync("git", ["config", "--includes", "--get", "core.hooksPath"], {
      cwd: workspace,
      encoding: "utf8",
      timeout: 2000,
      env: { PATH: env.PATH ?? "/usr/bin:/bin", HOME: env.HOME ?? "/", GIT_CONFIG_NOSYSTEM: "1" },
    });
    value = r.status === 0 ? r.stdout.trim() : undefined;
  } else {
    for (const c of configs) {
      const hit = [...c.matchAll(/^\s*hookspath\s*=\s*"?([^"\n]*?)"?\s*$/gim)].at(-1)?.[1];
      if (hit) value = hit;
    }
  }
  if (!value) return undefined;
  const expanded = value.startsWith("~/") && env.HOME ? path.join(env.HOME, value.slice(2)) : value;
  return path.resolve(workspace, expanded);
}

/** The git dirs and the hooks folder, resolved: folders to protect besides the names `.git/`, `.protoagent/` … */
export function gitProtectedRoots(workspace: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = gitDirs(workspace);
  const hooks = hooksPath(workspace, dirs, env);
  const out = new Set(dirs);
  if (hooks) out.add(real(hooks) ?? hooks);
  return [...out];
}
