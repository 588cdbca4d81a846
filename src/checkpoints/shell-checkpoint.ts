// Checkpoints around shell commands that may write the workspace (workspace-write sandbox, or no sandbox and a
// command that is not read-only): scan the workspace before (bounded, see workspace-scan.ts) and save every file
// whose content is not already saved for this session, then scan after and record one `checkpoint` (tool "bash")
// per file the command created, changed or deleted. Content already saved is remembered by its stat, so only the
// first command of a session reads the whole workspace. Over the bounds: one `uncovered` record, never a refusal.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { CheckpointRecord } from "../store/records.js";
import { type BlobStore, sha256 } from "./blobs.js";
import { type FileStat, type SCAN_LIMITS, sameStat, scanWorkspace } from "./workspace-scan.js";

export interface ShellCheckpointOptions {
  blobs: BlobStore;
  sessionId: () => string;
  append: (record: CheckpointRecord) => void;
  /** Bytes newly stored (the caller keeps the store under its bound). */
  stored: (bytes: number) => void;
  limits?: typeof SCAN_LIMITS;
}

export function shellCheckpointer(opts: ShellCheckpointOptions) {
  // abs path → the stat at which its content (sha) is known to be in the store.
  const saved = new Map<string, FileStat & { sha: string }>();
  const at = () => new Date().toISOString();
  const uncovered = (cwd: string, command: string, reason: string) =>
    opts.append({
      t: "checkpoint",
      at: at(),
      path: cwd,
      tool: "bash",
      before: null,
      after: null,
      uncovered: command,
      reason,
    });

  return async (cwd: string, command: string): Promise<{ after(): Promise<void> }> => {
    const id = opts.sessionId();
    const before = await scanWorkspace(cwd, opts.limits).catch((e: Error) => ({
      ok: false as const,
      reason: e.message,
    }));
    if (!before.ok) return { after: async () => uncovered(cwd, command, before.reason) };
    const shas = new Map<string, string>();
    try {
      opts.blobs.prepare(id);
      for (const [abs, st] of before.files) {
        const known = saved.get(abs);
        if (known && sameStat(known, st)) {
          shas.set(abs, known.sha);
          continue;
        }
        let data: Buffer;
        try {
          data = readFileSync(abs);
        } catch {
          continue;
        }
        const { sha, added } = opts.blobs.putUnsynced(id, data);
        opts.stored(added);
        saved.set(abs, { ...st, sha });
        shas.set(abs, sha);
      }
    } catch (err) {
      return { after: async () => uncovered(cwd, command, `snapshot failed: ${(err as Error).message}`) };
    }
    return {
      async after() {
        const now = await scanWorkspace(cwd, opts.limits).catch((e: Error) => ({
          ok: false as const,
          reason: e.message,
        }));
        if (!now.ok) return uncovered(cwd, command, now.reason);
        for (const abs of new Set([...before.files.keys(), ...now.files.keys()])) {
          const b = before.files.get(abs);
          const a = now.files.get(abs);
          if (sameStat(a, b)) continue;
          const beforeSha = shas.get(abs);
          // A file that could not be read before cannot be restored: not recorded as the agent's change.
          if (b && !beforeSha) continue;
          const afterSha = a ? await readFile(abs).then(sha256, () => undefined) : null;
          if (afterSha === undefined) continue;
          if (b && a && afterSha === beforeSha && a.mode === b.mode) continue;
          opts.append({
            t: "checkpoint",
            at: at(),
            path: abs,
            tool: "bash",
            before: b && beforeSha ? { sha: beforeSha, mode: b.mode, size: b.size } : null,
            after: afterSha,
          });
        }
      },
    };
  };
}
