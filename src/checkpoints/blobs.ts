// The checkpoint store: file contents saved before the agent changed them, one folder per session under
// `<data>/protoagent/checkpoints/<session id>/`, each blob named by its sha256 (so an unchanged file saved twice
// costs nothing). Folders are 0700, blobs 0600 (they hold the user's files). Never touches the workspace or git.
// Storage is bounded: the oldest sessions' folders are pruned first; a session in use is never pruned.
import { createHash, randomBytes } from "node:crypto";
import { linkSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { open, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { type Env, isFullId, sessionsDir } from "../store/paths.js";
import { ensurePrivateDir } from "../utils/private-dir.js";

export const DEFAULT_MAX_MB = 500;

const SHA = /^[0-9a-f]{64}$/;

/** `<data>/protoagent/checkpoints`, beside the sessions folder. */
export const checkpointsDir = (env: Env): string => path.join(path.dirname(sessionsDir(env)), "checkpoints");

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

export interface SessionUsage {
  id: string;
  bytes: number;
  /** Last change of the folder (a new blob updates it). */
  mtimeMs: number;
}

export class BlobStore {
  constructor(readonly root: string) {}

  /** The session's folder; ids are validated before any path is built. */
  dir(sessionId: string): string {
    if (!isFullId(sessionId)) throw new Error(`"${sessionId}" is not a session id.`);
    return path.join(this.root, sessionId);
  }

  /** Saves `data` (unless the same content is there) and returns its sha256 and the bytes newly stored. */
  async put(sessionId: string, data: Uint8Array): Promise<{ sha: string; added: number }> {
    const sha = sha256(data);
    const dir = this.prepare(sessionId);
    const file = path.join(dir, sha);
    if (
      await stat(file).then(
        (s) => s.size === data.length,
        () => false,
      )
    )
      return { sha, added: 0 };
    const temp = path.join(dir, `.${sha}.${randomBytes(4).toString("hex")}.tmp`);
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(data);
      // The log record that names this blob may be synced at the turn's end; the blob must be there first.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file).catch(async (err) => {
      await unlink(temp).catch(() => undefined);
      throw err;
    });
    return { sha, added: data.length };
  }

  /**
   * `put` without fsync and without promises, for a workspace-wide shell snapshot (thousands of small files,
   * where per-file async steps and fsyncs dominate). After a power loss such a blob may read as damaged; `get`
   * then refuses it and a rewind reports the file as not restorable instead of writing garbage. Call `prepare`
   * once first (the folder is not created here: that would be two syscalls more per file).
   */
  putUnsynced(sessionId: string, data: Uint8Array): { sha: string; added: number } {
    const sha = sha256(data);
    const dir = this.dir(sessionId);
    const file = path.join(dir, sha);
    try {
      if (statSync(file).size === data.length) return { sha, added: 0 };
    } catch {
      // Not stored yet.
    }
    const temp = path.join(dir, `.${sha}.${randomBytes(4).toString("hex")}.tmp`);
    writeFileSync(temp, data, { mode: 0o600, flag: "wx" });
    try {
      renameSync(temp, file);
    } catch (err) {
      rmSync(temp, { force: true });
      throw err;
    }
    return { sha, added: data.length };
  }

  /** The session's folder, created private (0700 under a 0700 root). */
  prepare(sessionId: string): string {
    ensurePrivateDir(this.root);
    return ensurePrivateDir(this.dir(sessionId));
  }

  /** The saved content, or undefined when it is gone (pruned) or does not match its name (damaged). */
  async get(sessionId: string, sha: string): Promise<Buffer | undefined> {
    if (!SHA.test(sha)) return undefined;
    const data = await readFile(path.join(this.dir(sessionId), sha)).catch(() => undefined);
    return data && sha256(data) === sha ? data : undefined;
  }

  /** Bytes a session's checkpoints take (0 when it has none). */
  sessionBytes(sessionId: string): number {
    return this.usage().find((u) => u.id === sessionId)?.bytes ?? 0;
  }

  /** Every session folder with its size. */
  usage(): SessionUsage[] {
    let names: string[];
    try {
      names = readdirSync(this.root);
    } catch {
      return [];
    }
    const out: SessionUsage[] = [];
    for (const id of names.filter(isFullId)) {
      const dir = path.join(this.root, id);
      try {
        let bytes = 0;
        for (const f of readdirSync(dir)) bytes += statSync(path.join(dir, f)).size;
        out.push({ id, bytes, mtimeMs: statSync(dir).mtimeMs });
      } catch {
        // A folder removed while we looked: not counted.
      }
    }
    return out;
  }

  /**
   * Removes whole session folders, oldest first, until the total is at most `maxBytes`. Sessions in `keep`
   * (the ones in use) are never removed; returns the ids removed.
   */
  prune(maxBytes: number, keep: readonly string[]): string[] {
    const all = this.usage();
    let total = all.reduce((n, u) => n + u.bytes, 0);
    const removed: string[] = [];
    for (const u of all.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
      if (total <= maxBytes) break;
      if (keep.includes(u.id)) continue;
      rmSync(path.join(this.root, u.id), { recursive: true, force: true });
      total -= u.bytes;
      removed.push(u.id);
    }
    return removed;
  }

  /** Removes a session's snapshots (when the session is deleted). */
  removeSession(sessionId: string): void {
    rmSync(this.dir(sessionId), { recursive: true, force: true });
  }

  /** A fork shares its source's snapshots: hard links (a copy where links fail), so pruning one keeps the other. */
  copySession(from: string, to: string): void {
    const src = this.dir(from);
    let names: string[];
    try {
      names = readdirSync(src).filter((n) => SHA.test(n));
    } catch {
      return;
    }
    const dst = this.prepare(to);
    for (const n of names) {
      try {
        linkSync(path.join(src, n), path.join(dst, n));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST") continue;
        // Another filesystem or no link support: a private copy (the blob is new here, EEXIST was skipped).
        writeFileSync(path.join(dst, n), readFileSync(path.join(src, n)), { mode: 0o600, flag: "wx" });
      }
    }
  }
}
