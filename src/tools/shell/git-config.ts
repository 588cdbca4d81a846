// Looks at the repository's own git config before a git command is auto-run: a hostile checkout can configure
// programs that even read-only commands start — diff drivers, textconv, clean/smudge filters, fsmonitor, gpg —
// or point git elsewhere (core.worktree, include.path). The config is judged through git itself
// (`git config --list --show-scope --includes --null`, which runs nothing), so every syntax git accepts —
// one-line sections, includes, a committed bare repository — is seen as git sees it. Only the repository's own
// scopes count: the user's global and system files are theirs. Any failure asks.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { findExecutable } from "../../utils/exec-path.js";
import { shellEnvironment } from "./env.js";

// Keys as git prints them: section and name lower-cased, the subsection as written.
const RISKY_KEY = new RegExp(
  [
    "^core\\.(fsmonitor|hookspath|sshcommand|pager|editor|gitproxy|askpass|worktree|attributesfile|alternaterefscommand)$",
    "^include\\.path$",
    "^includeif\\.",
    "^filter\\.",
    "^diff\\.external$",
    "^diff\\..+\\.(textconv|command)$",
    "^merge\\..+\\.driver$",
    "^gpg\\.(.+\\.)?program$",
    "^credential\\.(.+\\.)?helper$",
    "^sequence\\.editor$",
    "^pager\\.",
    "^uploadpack\\.packobjectshook$",
    "^log\\.showsignature$",
    "^blame\\.ignorerevsfile$",
    "^remote\\..+\\.(uploadpack|receivepack|proxy)$",
  ].join("|"),
);

/** Submodule git dirs below `dir`'s repository: git status recurses into them, each with its own config. */
function submoduleConfigs(dir: string): string[] {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      if (statSync(path.join(current, ".git")).isDirectory()) {
        const modules = path.join(current, ".git", "modules");
        return readdirSync(modules).map((m) => path.join(modules, m, "config"));
      }
    } catch {
      // No .git here (or no modules): keep walking up.
    }
    if (path.dirname(current) === current) return [];
  }
}

function runGit(dir: string, args: string[], workspace: string): string {
  const env = shellEnvironment(process.env, workspace);
  const git = findExecutable("git", env.PATH ?? "");
  if (!git) throw new Error("git was not found outside the workspace");
  return execFileSync(git, args, {
    cwd: dir,
    env,
    encoding: "utf8",
    timeout: 5_000,
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 4 * 1024 * 1024,
  });
}

/** The risky keys in NUL-separated `git config --list --null` output (with `scoped`, only local/worktree). */
function riskyKeys(output: string, scoped: boolean, found: string[]): boolean {
  const fields = output.split("\0");
  let local = false;
  for (let i = 0; i < fields.length; i++) {
    let scope = "local";
    if (scoped) scope = fields[i++] ?? "";
    const entry = fields[i] ?? "";
    const key = entry.split("\n", 1)[0] ?? "";
    if (scope !== "local" && scope !== "worktree") continue;
    local = true;
    if (RISKY_KEY.test(key)) found.push(key);
  }
  return local;
}

const LIST = ["--includes", "--list", "--null"];

/**
 * Returns a reason when git, started in `dir`, could run programs or read outside the repository because of
 * the repository's config (or when that cannot be established), else null. `workspace` is a realpath.
 */
export function gitConfigRisk(dir: string, workspace: string): string | null {
  const found: string[] = [];
  try {
    const inRepo = riskyKeys(runGit(dir, ["config", "--show-scope", ...LIST], workspace), true, found);
    // No repository config: either no repository at all (git fails by itself), or one git refuses to use,
    // like a bare repository under safe.bareRepository=explicit; rev-parse tells them apart.
    if (!inRepo) runGit(dir, ["rev-parse", "--git-dir"], workspace);
    for (const file of submoduleConfigs(dir)) {
      riskyKeys(runGit(dir, ["config", "--file", file, ...LIST], workspace), false, found);
    }
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? "").trim();
    if (/not a git repository/i.test(stderr)) return null;
    const why = stderr.split("\n")[0] || (err as Error).message;
    return `The repository's git config could not be checked (${why}); git commands ask here.`;
  }
  if (found.length === 0) return null;
  return `The repository's git config sets ${[...new Set(found)].join(", ")}, which can make git run programs or read outside the workspace; git commands ask here.`;
}
