// The FileCheckpoint a session gives its file tools: before a change, save the file's bytes (content-addressed)
// and mode, then append a `checkpoint` record to the session log, then let the tool write. That order means the
// log never names a blob that is not on disk, and a crash between the record and the write leaves a record whose
// `before` equals the file: a rewind finds it already restored. Storage stays under the configured bound.
import { lstat, readFile } from "node:fs/promises";
import type { BodyRecord } from "../store/records.js";
import type { FileCheckpoint } from "../tools/tool.js";
import { type BlobStore, sha256 } from "./blobs.js";
import { shellCheckpointer } from "./shell-checkpoint.js";
import type { SCAN_LIMITS } from "./workspace-scan.js";

export interface CheckpointerOptions {
  blobs: BlobStore;
  /** The session whose folder and log get the snapshot (read per call: it is fixed once the log exists). */
  sessionId: () => string;
  append: (record: BodyRecord) => void;
  /** Upper bound of the whole checkpoint store, in bytes. */
  maxBytes: number;
  /** Bounds of the workspace scan around shell commands (default SCAN_LIMITS). */
  limits?: typeof SCAN_LIMITS;
}

export function createCheckpointer(opts: CheckpointerOptions): FileCheckpoint {
  // One scan when the first snapshot is taken, then a running total: pruning is checked without re-reading.
  let total: number | undefined;
  const stored = (added: number) => {
    total = (total ?? opts.blobs.usage().reduce((n, u) => n + u.bytes, 0)) + added;
    if (total > opts.maxBytes) {
      opts.blobs.prune(opts.maxBytes, [opts.sessionId()]);
      total = undefined;
    }
  };
  const beforeShell = shellCheckpointer({ ...opts, stored });
  return {
    beforeShell,
    async beforeWrite(abs, next, tool) {
      const id = opts.sessionId();
      let before: { sha: string; mode: number; size: number } | null = null;
      try {
        const st = await lstat(abs).catch((err: NodeJS.ErrnoException) => {
          if (err.code === "ENOENT") return undefined;
          throw err;
        });
        if (st && !st.isFile()) throw new Error("not a regular file");
        if (st) {
          const data = await readFile(abs);
          const { sha, added } = await opts.blobs.put(id, data);
          before = { sha, mode: st.mode & 0o7777, size: data.length };
          stored(added);
        }
      } catch (err) {
        throw new Error(
          `Could not save a checkpoint of ${abs} before changing it (${(err as Error).message}); nothing was written.`,
        );
      }
      const after = sha256(typeof next === "string" ? Buffer.from(next, "utf8") : next);
      opts.append({ t: "checkpoint", at: new Date().toISOString(), path: abs, tool, before, after });
    },
  };
}
