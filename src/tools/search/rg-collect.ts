// Streaming parser of ripgrep's `--null --line-number --with-filename` output ("path\0line:text\n"; a NUL
// cannot occur in a path, so names with ":" are safe). Applies the shared contract — hidden paths, extensions,
// long lines, binary files dropped whole (rg's "stopped searching binary file" notice) — and keeps only what can
// be shown: once MAX_RESULTS matches of finished files sort before a path, later lines are only counted.
import path from "node:path";
import {
  compareMatches,
  type EngineResult,
  hasExtension,
  isHiddenPath,
  MAX_RESULTS,
  type RawMatch,
  SCAN_MAX_LINE,
  type SearchQuery,
} from "./common.js";

export class RgCollector {
  private readonly counts = new Map<string, number>();
  private kept: RawMatch[] = [];
  private threshold: string | undefined;
  private pending: Buffer | undefined;
  /** The file whose lines are arriving (rg writes each file's output as one block). */
  private current: { raw: Buffer; rel: string | null; text: string } | undefined;

  constructor(private readonly query: SearchQuery) {}

  /** Feeds a chunk of rg's stdout. */
  push(chunk: Buffer): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      this.line(buf.subarray(start, nl));
      start = nl + 1;
    }
    buf = buf.subarray(start);
    this.pending = buf.length ? Buffer.from(buf) : undefined;
  }

  private fileOf(raw: Buffer): { raw: Buffer; rel: string | null; text: string } {
    if (this.current?.raw.equals(raw)) return this.current;
    this.fileDone();
    const file = raw.toString("utf8");
    const fromRoot = path.relative(this.query.root, file).split(path.sep).join("/");
    const ok = !isHiddenPath(fromRoot) && hasExtension(path.basename(file), this.query.extensions);
    const rel = ok ? path.relative(this.query.cwd, file).split(path.sep).join("/") : null;
    this.current = { raw: Buffer.from(raw), rel, text: file };
    return this.current;
  }

  private line(bytes: Buffer): void {
    const nul = bytes.indexOf(0);
    if (nul === -1) {
      // "<path>: WARNING: stopped searching binary file after match (found "\0" byte …)" ends that file's block.
      const cur = this.current;
      if (
        cur?.rel != null &&
        bytes.toString("utf8").startsWith(`${cur.text}: WARNING: stopped searching binary`)
      ) {
        this.counts.delete(cur.rel);
        this.kept = this.kept.filter((m) => m.path !== cur.rel);
        cur.rel = null;
      }
      return;
    }
    const file = this.fileOf(bytes.subarray(0, nul));
    const rel = file.rel;
    if (rel === null) return;
    const colon = bytes.indexOf(58, nul + 1);
    const body = bytes.subarray(colon + 1);
    let text: string | undefined;
    if (body.length > SCAN_MAX_LINE) {
      text = body.toString("utf8");
      if (text.length > SCAN_MAX_LINE) return;
    }
    this.counts.set(rel, (this.counts.get(rel) ?? 0) + 1);
    if (this.threshold !== undefined && rel > this.threshold) return;
    text ??= body.toString("utf8");
    const line = Number(bytes.subarray(nul + 1, colon).toString("latin1"));
    this.kept.push({ path: rel, line, text });
  }

  /** A file's block ended: its matches are final, so the kept list may be cut to what can still be shown. */
  private fileDone(): void {
    if (this.kept.length > 4 * MAX_RESULTS) {
      this.kept.sort(compareMatches);
      this.kept.length = MAX_RESULTS;
      this.threshold = this.kept[MAX_RESULTS - 1]!.path;
    }
  }

  result(): EngineResult {
    if (this.pending?.length) this.line(this.pending);
    this.pending = undefined;
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return { matches: this.kept, total, files: this.counts.size };
  }
}
