// Resolves a tool's path argument through the path policy and then to the file that will really be touched:
// a symlink inside the workspace is followed to its (policy-checked) target so writes keep the link intact.
// Throws the policy's reason as an Error, which the executor hands to the model.
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { checkPath, isProtectedPath, type PathRoots } from "./path-policy.js";

export interface ResolvedPath {
  /** The real path that is read or written (symlinks followed). */
  abs: string;
  /** How to show it: workspace-relative with forward slashes, or absolute outside the workspace. */
  rel: string;
  protected: boolean;
  readOnly: boolean;
}

/** The path roots of a tool call: the workspace, read-only skill folders, protected git locations. */
export function rootsOf(ctx: {
  cwd: string;
  readOnlyRoots: readonly string[];
  protectedRoots?: readonly string[];
}): PathRoots {
  return { cwd: ctx.cwd, readOnlyRoots: ctx.readOnlyRoots, protectedRoots: ctx.protectedRoots ?? [] };
}

export function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === "") return ".";
  if (rel.startsWith("..") || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join("/");
}

/** Checks `input` (write access when `write`) and returns the path to operate on. */
export function resolveToolPath(input: string, roots: PathRoots, write: boolean): ResolvedPath {
  if (input.trim() === "") throw new Error("The path is empty; pass a file path relative to the workspace.");
  const check = checkPath(input, roots, { write });
  if (!check.ok) throw new Error(check.reason);
  let abs = check.path;
  try {
    if (lstatSync(abs).isSymbolicLink()) {
      try {
        abs = realpathSync(abs);
      } catch {
        // Dangling link: checkPath already proved its target is inside; operate on that target.
        abs = path.resolve(path.dirname(abs), readlinkSync(abs));
        const again = checkPath(abs, roots, { write });
        if (!again.ok) throw new Error(again.reason);
        abs = again.path;
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw err;
  }
  // A link may point at a protected file (.git/config): judge the target too.
  const isProtected =
    check.protected ||
    (!check.readOnly && abs !== check.path && isProtectedPath(check.root, abs, roots.protectedRoots));
  return { abs, rel: displayPath(roots.cwd, abs), protected: isProtected, readOnly: check.readOnly };
}
