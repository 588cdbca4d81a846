// Reads just the header line of a session log (bounded), so `--continue` can find the latest session of a folder
// without parsing every log in full.
import { closeSync, openSync, readSync } from "node:fs";

/** Reads only the header line (in 16 KB steps, at most 1 MB) to learn the session's cwd. */
export function readHeaderCwd(file: string): string | undefined {
  const fd = openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let pos = 0;
    while (pos < 1024 * 1024) {
      const buf = Buffer.alloc(16 * 1024);
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) return undefined;
      const nl = buf.subarray(0, n).indexOf(0x0a);
      chunks.push(buf.subarray(0, nl >= 0 ? nl : n));
      if (nl >= 0) {
        const h = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { cwd?: unknown };
        return typeof h.cwd === "string" ? h.cwd : undefined;
      }
      pos += n;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
