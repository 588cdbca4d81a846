// Path containment for every file tool and every path-like shell argument. Pure and stateless: the roots come
// in as arguments. Resolves symlinks of the longest existing ancestor (so new nested folders work), refuses a
// final component that is a symlink leading outside (even dangling), compares by path segment, and flags
// protected locations (.git/, .env*, …) that always need the user's explicit consent to write.
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";

export interface PathRoots {
  /** Workspace root; must already be a realpath. */
  cwd: string;
  /** Extra roots that may be read but never written (skill folders); realpaths. */
  readOnlyRoots?: readonly string[];
  /** Absolute folders that are protected wherever they are (the real git dir, `core.hooksPath`); realpaths. */
  protectedRoots?: readonly string[];
}

export type PathCheck =
  | { ok: true; path: string; root: string; readOnly: boolean; protected: boolean }
  | { ok: false; reason: string };

/** True when `child` equals `parent` or lies below it, compared segment by segment. */
export function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  if (rel === "") return true;
  if (path.isAbsolute(rel)) return false;
  const first = rel.split(path.sep)[0];
  return first !== "..";
}

/** Realpath of the longest existing ancestor joined with the not-yet-existing remainder. */
export function resolveExisting(abs: string): string {
  const rest: string[] = [];
  let current = abs;
  for (;;) {
    try {
      const real = realpathSync(current);
      return rest.length ? path.join(real, ...rest.reverse()) : real;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return abs;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

// Folders whose files configure tools that run code later (git hooks, editors, agents, MCP servers).
export const PROTECTED_DIR_NAMES = [
  ".git",
  ".protoagent",
  ".vscode",
  ".idea",
  ".husky",
  ".agents",
  ".claude",
];
const PROTECTED_DIRS = new Set(PROTECTED_DIR_NAMES);
const PROTECTED_FILES = [
  /^\.env/,
  /^\.npmrc$/,
  /^\.envrc$/,
  /^\.pypirc$/,
  /^\.netrc$/,
  /^\.gitmodules$/,
  /^\.mcp\.json$/,
];

/** Protected paths are writable only with an explicit, per-action user approval. */
export function isProtectedPath(cwd: string, abs: string, protectedRoots: readonly string[] = []): boolean {
  if (protectedRoots.some((root) => isWithin(root, abs))) return true;
  const rel = path.relative(cwd, abs);
  const parts = rel.split(path.sep);
  if (parts.some((p) => PROTECTED_DIRS.has(p))) return true;
  const base = parts[parts.length - 1] ?? "";
  return PROTECTED_FILES.some((re) => re.test(base));
}

/**
 * Resolves `input` against the workspace and checks containment.
 * `write` requires a writable root (the workspace), never a read-only one.
 */
export function checkPath(input: string, roots: PathRoots, opts: { write?: boolean } = {}): PathCheck {
  if (input.includes("\0")) return { ok: false, reason: "Path contains a NUL byte." };
  if (input === "~" || input.startsWith("~/") || input.startsWith("~")) {
    return { ok: false, reason: `Paths starting with "~" are not expanded; use a path inside ${roots.cwd}.` };
  }
  const abs = path.resolve(roots.cwd, input);
  const resolved = resolveExisting(abs);
  // The last component may itself be a symlink: follow it (even when dangling) and check its target too.
  let target = resolved;
  try {
    const st = lstatSync(resolved);
    if (st.isSymbolicLink()) {
      const link = readlinkSync(resolved);
      target = resolveExisting(path.resolve(path.dirname(resolved), link));
    }
  } catch {
    // Does not exist yet: the ancestor check below is what matters.
  }
  // Read-only roots first: a skill folder inside the workspace (.agents/skills/…) stays read-only.
  const candidates: Array<{ root: string; readOnly: boolean }> = [
    ...(roots.readOnlyRoots ?? []).map((root) => ({ root, readOnly: true })),
    { root: roots.cwd, readOnly: false },
  ];
  for (const { root, readOnly } of candidates) {
    if (isWithin(root, resolved) && isWithin(root, target)) {
      if (opts.write && readOnly) {
        return { ok: false, reason: `${input} is in a read-only folder (${root}); it cannot be written.` };
      }
      return {
        ok: true,
        path: resolved,
        root,
        readOnly,
        protected:
          !readOnly &&
          (isProtectedPath(root, resolved, roots.protectedRoots) ||
            isProtectedPath(root, target, roots.protectedRoots)),
      };
    }
  }
  const outside = isWithin(roots.cwd, resolved) ? `its symlink target ${target}` : resolved;
  return {
    ok: false,
    reason: `${input} resolves to ${outside}, which is outside the workspace ${roots.cwd}.`,
  };
}
