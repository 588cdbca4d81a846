// Streaming reader of `rg --json` output that applies the shared contract (hidden paths, extensions, long
// lines, binary files dropped whole) and keeps only what can be shown: once MAX_RESULTS matches of files that
// have ended sort before a path, later matches of greater paths are counted from the raw line, never parsed.
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

interface RgText {
  text?: string;
  bytes?: string;
}

interface RgMessage {
  type: string;
  data: { path?: RgText; lines?: RgText; line_number?: number; binary_offset?: number | null };
}

const decode = (v: RgText | undefined) => v?.text ?? (v?.bytes ? Buffer.from(v.bytes, "base64").toString("utf8") : "");

export class RgCollector {
  private readonly counts = new Map<string, number>();
  /** rg path → workspace-relative path, or null when the contract excludes the file. */
  private readonly accepted = new Map<string, string | null>();
  private kept: RawMatch[] = [];
  private threshold: string | undefined;

  constructor(private readonly query: SearchQuery) {}

  private relOf(file: string): string | null {
    let rel = this.accepted.get(file);
    if (rel === undefined) {
      const fromRoot = path.relative(this.query.root, file).split(path.sep).join("/");
      const ok = !isHiddenPath(fromRoot) && hasExtension(path.basename(file), this.query.extensions);
      rel = ok ? path.relative(this.query.cwd, file).split(path.sep).join("/") : null;
      this.accepted.set(file, rel);
    }
    return rel;
  }

  /** Feeds one line of rg's JSON output. */
  line(raw: string): void {
    if (raw.startsWith('{"type":"match"')) this.match(raw);
    else if (raw.startsWith('{"type":"end"')) this.end(JSON.parse(raw) as RgMessage);
  }

  private match(raw: string): void {
    // The path object comes first and a JSON string cannot contain an unescaped `,"lines":`.
    const from = raw.indexOf('"path":') + 7;
    const to = raw.indexOf(',"lines":', from);
    const file = decode(JSON.parse(raw.slice(from, to)) as RgText);
    const rel = this.relOf(file);
    if (rel === null) return;
    let msg: RgMessage | undefined;
    const text = () => {
      msg ??= JSON.parse(raw) as RgMessage;
      const t = decode(msg.data.lines);
      return t.endsWith("\n") ? t.slice(0, -1) : t;
    };
    // JSON escaping only lengthens a line, so a short raw line holds a short text line.
    if (raw.length > SCAN_MAX_LINE && text().length > SCAN_MAX_LINE) return;
    this.counts.set(rel, (this.counts.get(rel) ?? 0) + 1);
    if (this.threshold !== undefined && rel > this.threshold) return;
    const t = text();
    this.kept.push({ path: rel, line: msg!.data.line_number ?? 0, text: t });
  }

  private end(msg: RgMessage): void {
    const rel = this.relOf(decode(msg.data.path));
    if (rel === null) return;
    if (msg.data.binary_offset != null) {
      // rg stopped at a NUL byte; the contract skips binary files entirely.
      this.counts.delete(rel);
      this.kept = this.kept.filter((m) => m.path !== rel);
      return;
    }
    if (this.kept.length > 4 * MAX_RESULTS) {
      // Every kept file has ended, so the first MAX_RESULTS are final: greater paths can never be shown.
      this.kept.sort(compareMatches);
      this.kept.length = MAX_RESULTS;
      this.threshold = this.kept[MAX_RESULTS - 1]!.path;
    }
  }

  result(): EngineResult {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return { matches: this.kept, total, files: this.counts.size };
  }
}
