// What a shell command changed in the workspace, for checkpoints: a bounded walk that records each regular file's
// size, mtime, inode and mode (not its content). `.git` and `node_modules` are not walked (git state is never
// ours to restore; dependency folders are rebuilt, not undone). Over the bounds the scan gives up and says why,
// so the command is reported as "not covered" rather than half covered.
import { type Dirent, lstatSync, readdirSync } from "node:fs";
import path from "node:path";

export const SCAN_LIMITS = { maxFiles: 5_000, maxBytes: 64 * 1024 * 1024 };
const SKIP = new Set([".git", "node_modules"]);

export interface FileStat {
  size: number;
  mtimeMs: number;
  ino: number;
  mode: number;
}

export type Scan = { ok: true; files: Map<string, FileStat> } | { ok: false; reason: string };

/**
 * Synchronous on purpose: thousands of promise-wrapped lstat calls cost ~10x more than the walk itself, and the
 * walk is bounded (it blocks for a few milliseconds per thousand files).
 */
export async function scanWorkspace(root: string, limits = SCAN_LIMITS): Promise<Scan> {
  const files = new Map<string, FileStat>();
  let bytes = 0;
  const dirs = [root];
  while (dirs.length > 0) {
    const dir = dirs.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (SKIP.has(e.name)) continue;
      const abs = path.join(dir, e.name);
      // Symlinks are not followed: what they point to is outside this walk (and maybe outside the workspace).
      if (e.isDirectory()) dirs.push(abs);
      if (!e.isFile()) continue;
      let st: ReturnType<typeof lstatSync>;
      try {
        st = lstatSync(abs);
      } catch {
        continue;
      }
      files.set(abs, { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, mode: st.mode & 0o7777 });
      bytes += st.size;
      if (files.size > limits.maxFiles) return { ok: false, reason: `more than ${limits.maxFiles} files` };
      if (bytes > limits.maxBytes)
        return { ok: false, reason: `more than ${Math.round(limits.maxBytes / 1024 / 1024)} MB of files` };
    }
  }
  return { ok: true, files };
}

export const sameStat = (a: FileStat | undefined, b: FileStat | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.size === b.size &&
  a.mtimeMs === b.mtimeMs &&
  a.ino === b.ino &&
  a.mode === b.mode;
