// Atomic file replacement: write a temp file in the target's own folder, fsync, then rename over the target.
// Invariants: readers never see a half-written file; an existing file keeps its permission bits (0755 stays
// 0755) and, where the process may, its owner; a new file gets 0666 & ~umask (the kernel applies the umask).
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import path from "node:path";

export interface AtomicWriteOptions {
  /** Permission bits to keep (from the file being replaced). Omit for a new file. */
  mode?: number;
  /** Owner to keep; applied best-effort (only root may give files away). */
  uid?: number;
  gid?: number;
}

/** Creates missing parent folders, then replaces `target` atomically with `data`. */
export async function atomicWrite(target: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}) {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(4).toString("hex")}.protoagent.tmp`);
  // "wx" = O_CREAT|O_EXCL: never follows or reuses an existing path at the temp name.
  const handle = await open(temp, "wx", 0o666);
  let renamed = false;
  try {
    await handle.writeFile(data);
    if (opts.mode !== undefined) await handle.chmod(opts.mode & 0o7777);
    if (opts.uid !== undefined && opts.gid !== undefined) {
      await handle.chown(opts.uid, opts.gid).catch(() => undefined);
    }
    await handle.sync();
    await handle.close();
    await rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
}
