// Which files a code rewind changes, and changing them. A file goes back to what it was before the earliest
// change being undone, but only when it still holds what the agent last wrote (sha256): anything else means it
// was changed outside protoagent since, and it is left alone unless the caller confirms it. Paths go through the
// workspace path policy again (symlinks resolved), so a restore never writes outside the workspace.
import { lstat, readFile, unlink } from "node:fs/promises";
import type { FileSnap } from "../store/records.js";
import { atomicWrite } from "../utils/atomic-write.js";
import type { PathRoots } from "../utils/path-policy.js";
import { displayPath, resolveToolPath } from "../utils/workspace-path.js";
import { type BlobStore, sha256 } from "./blobs.js";
import type { FileChange } from "./timeline.js";

/**
 * restore: written back (content and mode) · remove: the agent created it, it is deleted · unchanged: already
 * as it was · conflict: changed outside protoagent after the agent's edit · lost: the snapshot is gone (pruned)
 * · refused: the path no longer passes the workspace policy.
 */
export type FileAction = "restore" | "remove" | "unchanged" | "conflict" | "lost" | "refused";

export interface FilePlan {
  path: string;
  /** Workspace-relative for display. */
  rel: string;
  action: FileAction;
  /** Why, for conflict / lost / refused. */
  reason?: string;
  /** What the file goes back to (null: it did not exist). */
  target: FileSnap | null;
}

interface Current {
  sha: string;
  mode: number;
}

async function current(abs: string): Promise<Current | null | "other"> {
  const st = await lstat(abs).catch(() => undefined);
  if (!st) return null;
  if (!st.isFile()) return "other";
  return { sha: sha256(await readFile(abs)), mode: st.mode & 0o7777 };
}

/** Plans undoing `changes` (chronological): per file, back to the first change's `before`. */
export async function planRestore(
  changes: readonly FileChange[],
  deps: { blobs: BlobStore; sessionId: string; roots: PathRoots },
): Promise<FilePlan[]> {
  const byPath = new Map<string, { target: FileSnap | null; expected: string | null }>();
  for (const c of changes) {
    const seen = byPath.get(c.path);
    byPath.set(c.path, { target: seen ? seen.target : c.before, expected: c.after });
  }
  const plans: FilePlan[] = [];
  for (const [p, { target, expected }] of byPath) {
    const rel = displayPath(deps.roots.cwd, p);
    const plan = (action: FileAction, reason?: string): FilePlan => ({
      path: p,
      rel,
      action,
      target,
      ...(reason ? { reason } : {}),
    });
    let abs: string;
    try {
      abs = resolveToolPath(p, deps.roots, true).abs;
    } catch (err) {
      plans.push(plan("refused", (err as Error).message));
      continue;
    }
    if (abs !== p) {
      plans.push(plan("refused", "the path is now a symbolic link"));
      continue;
    }
    const now = await current(p);
    // What the agent left: `expected` null means its last change deleted the file (a shell command).
    const asLeft = now !== "other" && (expected === null ? now === null : now?.sha === expected);
    if (now === "other") {
      plans.push(plan("conflict", "it is no longer a regular file"));
    } else if (target === null) {
      if (now === null) plans.push(plan("unchanged"));
      else if (asLeft) plans.push(plan("remove"));
      else plans.push(plan("conflict", "changed outside protoagent after the agent created it"));
    } else if (now && now.sha === target.sha) {
      plans.push(plan(now.mode === target.mode ? "unchanged" : "restore"));
    } else if (!(await deps.blobs.get(deps.sessionId, target.sha))) {
      plans.push(plan("lost", "its checkpoint was pruned or damaged"));
    } else if (asLeft) {
      plans.push(plan("restore"));
    } else if (now === null) {
      plans.push(plan("conflict", "deleted outside protoagent after the agent's edit"));
    } else {
      plans.push(plan("conflict", "changed outside protoagent after the agent's edit"));
    }
  }
  return plans;
}

export interface RestoreOutcome {
  /** Files written back or removed (confirmed conflicts included). */
  restored: FilePlan[];
  /** Files left as they are: unconfirmed conflicts, lost snapshots, refused paths, failures. */
  kept: FilePlan[];
}

/** Carries out a plan. `confirm` names conflicting paths (absolute or as shown) to overwrite anyway, or "all". */
export async function applyRestore(
  plans: readonly FilePlan[],
  deps: { blobs: BlobStore; sessionId: string },
  confirm: readonly string[] | "all" = [],
): Promise<RestoreOutcome> {
  const out: RestoreOutcome = { restored: [], kept: [] };
  const confirmed = (p: FilePlan) => confirm === "all" || confirm.includes(p.path) || confirm.includes(p.rel);
  for (const p of plans) {
    const go = p.action === "restore" || p.action === "remove" || (p.action === "conflict" && confirmed(p));
    if (!go) {
      if (p.action !== "unchanged") out.kept.push(p);
      continue;
    }
    try {
      if (p.target === null) {
        await unlink(p.path).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== "ENOENT") throw err;
        });
      } else {
        const data = await deps.blobs.get(deps.sessionId, p.target.sha);
        if (!data) throw new Error("its checkpoint was pruned or damaged");
        await atomicWrite(p.path, data, { mode: p.target.mode });
      }
      out.restored.push(p);
    } catch (err) {
      out.kept.push({ ...p, action: "refused", reason: (err as Error).message });
    }
  }
  return out;
}
