// The one writer of a session log. Holds the lock for its lifetime; every append is one write(2) of complete
// lines at the end of the file (O_APPEND), so cost is O(size of the batch) and a crash can tear at most the last
// line. fsync policy: records are written immediately (they survive a process crash or kill -9 through the page
// cache); `sync()` (fdatasync) is called at turn boundaries so completed turns also survive power loss.
import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { SessionReadError } from "./errors.js";
import { acquireLock, type Lock } from "./lock.js";
import type { BodyRecord, HeaderRecord } from "./records.js";
import type { Redactor } from "./redact.js";

export class SessionWriter {
  private closed = false;
  private dirty = false;

  private constructor(
    readonly id: string,
    readonly file: string,
    private readonly fd: number,
    private readonly lock: Lock,
    private readonly redactor: Redactor | undefined,
  ) {}

  /** Creates a new log with its header (fails if the file exists). The header is synced with its directory. */
  static create(file: string, header: HeaderRecord, redactor?: Redactor): SessionWriter {
    const lock = acquireLock(`${file}.lock`, header.id);
    let fd: number | undefined;
    try {
      fd = openSync(file, "wx", 0o600);
      const writer = new SessionWriter(header.id, file, fd, lock, redactor);
      writer.writeLines([redactor ? redactor.value(header) : header]);
      fsyncSync(fd);
      syncDir(path.dirname(file));
      return writer;
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      lock.release();
      throw err;
    }
  }

  /** Opens an existing log for appending. A torn last line from an earlier crash is cut off first. */
  static append(file: string, id: string, redactor?: Redactor): SessionWriter {
    const lock = acquireLock(`${file}.lock`, id);
    let fd: number | undefined;
    try {
      fd = openSync(file, "a+", 0o600);
      trimTornTail(fd, file);
      return new SessionWriter(id, file, fd, lock, redactor);
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      lock.release();
      if (err instanceof SessionReadError) throw err;
      throw new SessionReadError(`Cannot open session ${id} for writing: ${(err as Error).message}`);
    }
  }

  /** Appends records as one write. Redaction happens here, so nothing unredacted is ever written. */
  append(records: readonly BodyRecord[]): void {
    if (records.length === 0) return;
    if (this.closed) throw new Error(`session ${this.id} is closed`);
    this.writeLines(this.redactor ? records.map((r) => this.redactor!.value(r)) : records);
    this.dirty = true;
  }

  /** Makes everything appended so far durable (called at turn ends and before exit). */
  sync(): void {
    if (this.closed || !this.dirty) return;
    fdatasyncSync(this.fd);
    this.dirty = false;
  }

  close(): void {
    if (this.closed) return;
    try {
      this.sync();
    } finally {
      this.closed = true;
      closeSync(this.fd);
      this.lock.release();
    }
  }

  private writeLines(records: readonly object[]): void {
    let text = "";
    for (const r of records) text += `${JSON.stringify(r)}\n`;
    const buf = Buffer.from(text, "utf8");
    let off = 0;
    // write(2) may be partial for very large buffers; O_APPEND keeps each chunk at the end.
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
  }
}

function trimTornTail(fd: number, file: string): void {
  const size = fstatSync(fd).size;
  if (size === 0) throw new SessionReadError(`Session file ${file} is empty (no header).`);
  const chunk = Buffer.alloc(Math.min(size, 64 * 1024));
  let end = size;
  // Walk back to the last "\n"; everything after it is a torn line.
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const idx = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (idx >= 0) {
      const keep = start + idx + 1;
      if (keep < size) ftruncateSync(fd, keep);
      return;
    }
    end = start;
  }
  throw new SessionReadError(`Session file ${file} has no complete header line.`);
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be fsynced on some platforms (Windows); the file itself is synced.
  }
}
