// Which programs a child may find on PATH. A workspace is untrusted (a cloned repository can ship
// node_modules/.bin/git or ./rg), so children get a PATH without empty, relative or in-workspace entries, and
// programs the agent itself starts (git for the classifier, rg for search) are resolved to an absolute path
// outside the workspace. Pure apart from stat calls.
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { isWithin } from "./path-policy.js";

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * PATH without entries that would let the workspace choose the program: empty entries (they mean "."),
 * relative ones and any that resolve inside `workspace` (a realpath).
 */
export function sanitizePath(value: string | undefined, workspace: string): string {
  const kept: string[] = [];
  for (const entry of (value ?? "").split(path.delimiter)) {
    if (entry === "" || !path.isAbsolute(entry)) continue;
    if (isWithin(workspace, real(entry)) || isWithin(workspace, path.resolve(entry))) continue;
    if (!kept.includes(entry)) kept.push(entry);
  }
  return kept.join(path.delimiter);
}

/** The first executable file called `name` on `pathValue` (use a sanitized PATH), or null. */
export function findExecutable(name: string, pathValue: string): string | null {
  for (const dir of pathValue.split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return null;
}
