// Looks at the repository's own git config before a git command is auto-run: a hostile checkout (an unpacked
// archive with its .git directory) can configure programs that even read-only commands start — diff drivers,
// textconv, clean/smudge filters, fsmonitor, gpg for signatures. If any such key is present, git asks.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const RISKY_KEY =
  /^\s*(fsmonitor|pager|textconv|command|external|sshcommand|askpass|editor|program|clean|smudge|process|showsignature|hookspath|gitproxy|packobjectshook|attributesfile|helper)\s*(=|$)/im;
const RISKY_SECTION = /^\s*\[\s*(include|includeif|filter|pager|diff\s+"|merge\s+")/im;

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** The config files of the repository containing `dir` (repo config, worktree config, common dir config). */
export function repoConfigFiles(dir: string): string[] {
  let current = dir;
  for (;;) {
    const dotGit = path.join(current, ".git");
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(dotGit);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      // Submodules run git with their own config (git status recurses into them).
      let modules: string[] = [];
      try {
        modules = readdirSync(path.join(dotGit, "modules")).map((m) =>
          path.join(dotGit, "modules", m, "config"),
        );
      } catch {
        modules = [];
      }
      return [path.join(dotGit, "config"), path.join(dotGit, "config.worktree"), ...modules];
    }
    if (st?.isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(readText(dotGit));
      if (!m) return [];
      const gitDir = path.resolve(current, (m[1] as string).trim());
      const common = readText(path.join(gitDir, "commondir")).trim();
      const files = [path.join(gitDir, "config"), path.join(gitDir, "config.worktree")];
      if (common) files.push(path.join(path.resolve(gitDir, common), "config"));
      return files;
    }
    const parent = path.dirname(current);
    if (parent === current) return [];
    current = parent;
  }
}

/** Returns a reason when the repository's config can make git start programs, else null. */
export function gitConfigRisk(dir: string): string | null {
  for (const file of repoConfigFiles(dir)) {
    const text = readText(file);
    if (!text) continue;
    const key = RISKY_KEY.exec(text) ?? RISKY_SECTION.exec(text);
    if (key) {
      return `The repository's git config (${file}) sets "${(key[1] ?? "").trim()}", which can make git run programs; git commands ask here.`;
    }
  }
  return null;
}
