// Streaming parsers of ripgrep's NUL-separated output: `--count` ("path\0N\n") and `--line-number`
// ("path\0line:text\n"); a NUL cannot occur in a path, so names with ":" are safe. Both apply the shared
// contract — hidden paths, extensions, binary files dropped whole (rg's "stopped searching binary file" notice;
// in count mode rg omits binary files itself) — and the line parser keeps only what can be shown.
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import {
  compareMatches,
  type EngineResult,
  hasExtension,
  isHiddenPath,
  MAX_RESULTS,
  type RawMatch,
  type SearchQuery,
} from "./common.js";

interface CurrentFile {
  raw: Buffer;
  /** Workspace-relative path, or null when the contract excludes the file. */
  rel: string | null;
  text: string;
  count: number;
  /** Sorts after the last showable match: its lines are only counted. */
  beyond: boolean;
}

export class RgCollector {
  private readonly counts = new Map<string, number>();
  private kept: RawMatch[] = [];
  private threshold: string | undefined;
  private pending: Buffer | undefined;
  /** The file whose lines are arriving (rg writes each file's output as one block). */
  private current: CurrentFile | undefined;

  /** `root/` and the root's path relative to the workspace, to relativise rg's paths without path.relative. */
  private readonly rootPrefix: string;
  private readonly relPrefix: string;

  constructor(private readonly query: SearchQuery) {
    this.rootPrefix = query.root.endsWith(path.sep) ? query.root : query.root + path.sep;
    const r = path.relative(query.cwd, query.root).split(path.sep).join("/");
    this.relPrefix = r === "" ? "" : `${r}/`;
  }

  private paths(file: string): { fromRoot: string; rel: string } {
    if (path.sep === "/" && file.startsWith(this.rootPrefix)) {
      const fromRoot = file.slice(this.rootPrefix.length);
      return { fromRoot, rel: this.relPrefix + fromRoot };
    }
    const fromRoot = path.relative(this.query.root, file).split(path.sep).join("/");
    return { fromRoot, rel: path.relative(this.query.cwd, file).split(path.sep).join("/") };
  }

  /** Feeds a chunk of rg's stdout. */
  push(chunk: Buffer): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let start = 0;
    // Lines are handled by offsets into the chunk: no per-line Buffer objects on the hot path.
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      this.line(buf, start, nl);
      start = nl + 1;
    }
    this.pending = start < buf.length ? Buffer.from(buf.subarray(start)) : undefined;
  }

  private fileOf(buf: Buffer, start: number, nul: number): CurrentFile {
    const cur = this.current;
    if (cur && cur.raw.length === nul - start && buf.compare(cur.raw, 0, cur.raw.length, start, nul) === 0)
      return cur;
    this.fileDone();
    const file = buf.toString("utf8", start, nul);
    const p = this.paths(file);
    const ok = !isHiddenPath(p.fromRoot) && hasExtension(path.basename(file), this.query.extensions);
    const rel = ok ? p.rel : null;
    const beyond = rel !== null && this.threshold !== undefined && rel > this.threshold;
    this.current = { raw: Buffer.from(buf.subarray(start, nul)), rel, text: file, count: 0, beyond };
    return this.current;
  }

  private line(buf: Buffer, start: number, end: number): void {
    const nul = buf.indexOf(0, start);
    if (nul === -1 || nul >= end) {
      // "<path>: WARNING: stopped searching binary file after match (found "\0" byte …)" ends that file's block.
      const cur = this.current;
      const msg = buf.toString("utf8", start, end);
      if (cur?.rel != null && msg.startsWith(`${cur.text}: WARNING: stopped searching binary`)) {
        this.kept = this.kept.filter((m) => m.path !== cur.rel);
        cur.rel = null;
      }
      return;
    }
    const file = this.fileOf(buf, start, nul);
    if (file.rel === null) return;
    const colon = buf.indexOf(58, nul + 1);
    file.count++;
    if (file.beyond) return;
    const text = buf.toString("utf8", colon + 1, end);
    this.kept.push({ path: file.rel, line: Number(buf.toString("latin1", nul + 1, colon)), text });
  }

  /** A file's block ended: its matches are final, so the kept list may be cut to what can still be shown. */
  private fileDone(): void {
    const cur = this.current;
    if (cur?.rel != null && cur.count > 0) this.counts.set(cur.rel, cur.count);
    this.current = undefined;
    if (this.kept.length > 4 * MAX_RESULTS) {
      this.kept.sort(compareMatches);
      this.kept.length = MAX_RESULTS;
      this.threshold = this.kept[MAX_RESULTS - 1]!.path;
    }
  }

  result(): EngineResult {
    if (this.pending?.length) this.line(this.pending, 0, this.pending.length);
    this.pending = undefined;
    this.fileDone();
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return { matches: this.kept, total, files: this.counts.size };
  }
}

/** Workspace-relative path of an rg output path, or null when the contract excludes the file. */
function contractPath(query: SearchQuery, file: string): string | null {
  const fromRoot = path.relative(query.root, file).split(path.sep).join("/");
  if (isHiddenPath(fromRoot) || !hasExtension(path.basename(file), query.extensions)) return null;
  return path.relative(query.cwd, file).split(path.sep).join("/");
}

export interface FileCount {
  abs: string;
  rel: string;
  count: number;
}

/** Parses `rg --count --null` output into per-file counts, sorted in the result order (by relative path). */
export class RgCountCollector {
  private readonly files: FileCount[] = [];
  private pending = "";
  /** Keeps a UTF-8 sequence split across two chunks intact. */
  private readonly decoder = new StringDecoder("utf8");

  constructor(private readonly query: SearchQuery) {}

  push(chunk: Buffer): void {
    const text = this.pending + this.decoder.write(chunk);
    const lines = text.split("\n");
    this.pending = lines.pop() ?? "";
    for (const l of lines) this.line(l);
  }

  private line(l: string): void {
    const nul = l.indexOf("\0");
    if (nul === -1) return;
    const abs = l.slice(0, nul);
    const rel = contractPath(this.query, abs);
    const count = Number(l.slice(nul + 1));
    if (rel !== null && count > 0) this.files.push({ abs, rel, count });
  }

  result(): FileCount[] {
    this.pending += this.decoder.end();
    if (this.pending) this.line(this.pending);
    this.pending = "";
    return this.files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  }
}
