// What stays read-only inside a writable workspace: git's internals wherever git really looks (the .git
// folder, the folder a `.git` file or symlink points to, the common dir of a worktree, the core.hooksPath
// folder) and the folders other programs execute or trust from (.protoagent/, .vscode/, .husky/, …).
// Only existing paths are returned; `missingProtected` lists the names a sandboxed command must not create.
import { lstatSync } from "node:fs";
import path from "node:path";
import { gitProtectedRoots, real } from "../utils/git-locations.js";
import { PROTECTED_DIR_NAMES } from "../utils/path-policy.js";

export { gitDirs } from "../utils/git-locations.js";

/** Workspace-relative names kept read-only in workspace-write (and removed again if a sandboxed command creates them). */
// The path policy's protected folders, plus the files other programs run or trust from at the root.
export const PROTECTED_NAMES = [...PROTECTED_DIR_NAMES, ".mcp.json", ".envrc"];

/** Whether anything (even a dangling link) is at `p`. */
export const exists = (p: string): boolean => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

/** Existing protected paths of the workspace, resolved (symlinks followed), for read-only binds. */
export function protectedPaths(workspace: string): string[] {
  // Only existing paths: bwrap needs a target to bind over.
  const out = new Set(gitProtectedRoots(workspace).filter(exists));
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
