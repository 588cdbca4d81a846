// A unified diff (write_file / edit_file details) rendered for reading: every hunk, old and new line numbers in a
// gutter, added/removed/context colours and, on paired −/+ lines, the changed words highlighted. Pure: the same
// diff, width and painter give the same rows, and no row is wider than the width (long lines wrap under the
// gutter), so the transcript viewer can count rows exactly. Diff text is tool output: it is sanitised here, and
// tabs become spaces, so indentation is shown as it is in the file.
import { diffWordsWithSpace } from "diff";
import { type Painter, type Style, visibleWidth } from "./ansi.js";
import { sanitizeForTerminal } from "./sanitize.js";
import { expandTabs } from "./wrap.js";

export interface DiffLine {
  kind: "add" | "del" | "ctx" | "note";
  text: string;
  oldNo?: number;
  newNo?: number;
}

export interface DiffHunk {
  header: string;
  lines: DiffLine[];
}

const HUNK_RE = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** Parses the hunks of a unified diff (file headers are skipped; the caller knows the path). */
export function parseUnifiedDiff(diff: string): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let cur: DiffHunk | undefined;
  let oldNo = 0;
  let newNo = 0;
  for (const raw of diff.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const m = HUNK_RE.exec(line);
    if (m) {
      cur = { header: line, lines: [] };
      hunks.push(cur);
      oldNo = Number(m[1]);
      newNo = Number(m[2]);
      continue;
    }
    // Lines before the first hunk are the ---/+++ headers (or "Index:" lines).
    if (!cur) continue;
    const sign = line[0];
    const text = line.slice(1);
    if (sign === "+") cur.lines.push({ kind: "add", text, newNo: newNo++ });
    else if (sign === "-") cur.lines.push({ kind: "del", text, oldNo: oldNo++ });
    else if (sign === " ") cur.lines.push({ kind: "ctx", text, oldNo: oldNo++, newNo: newNo++ });
    else if (sign === "\\") cur.lines.push({ kind: "note", text: line });
    // An empty line at the very end is the diff's final newline, not a context line.
  }
  return hunks;
}

/** "+12 −3 in 2 hunks": what a collapsed diff says about itself. */
export function diffSummary(diff: string): string {
  const hunks = parseUnifiedDiff(diff);
  let added = 0;
  let removed = 0;
  for (const h of hunks)
    for (const l of h.lines) {
      if (l.kind === "add") added++;
      else if (l.kind === "del") removed++;
    }
  return `+${added} −${removed} in ${hunks.length} hunk${hunks.length === 1 ? "" : "s"}`;
}

interface Seg {
  text: string;
  styles: Style[];
}

// Pairs further apart than this (share of unchanged characters) are rewrites: highlighting words would mark
// almost everything and help nobody, so such lines keep their plain colour.
const MIN_COMMON = 0.35;
const MAX_WORD_DIFF_CHARS = 2000;

/** Segments of a removed and an added line with the words that differ highlighted, or undefined. */
function wordSegments(before: string, after: string, base: { del: Style; add: Style }) {
  if (before.length + after.length > MAX_WORD_DIFF_CHARS) return undefined;
  const parts = diffWordsWithSpace(before, after);
  const common = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.length, 0);
  if (common / Math.max(1, Math.max(before.length, after.length)) < MIN_COMMON) return undefined;
  const del: Seg[] = [];
  const add: Seg[] = [];
  for (const p of parts) {
    if (!p.added) del.push({ text: p.value, styles: p.removed ? [base.del, "inverse"] : [base.del] });
    if (!p.removed) add.push({ text: p.value, styles: p.added ? [base.add, "inverse"] : [base.add] });
  }
  return { del, add };
}

/** Splits styled segments into rows at most `width` cells wide (hard wrap: diffs are read by column). */
function cutRows(segs: Seg[], width: number): Seg[][] {
  const rows: Seg[][] = [[]];
  let used = 0;
  for (const seg of segs) {
    let piece = "";
    for (const ch of seg.text) {
      const w = visibleWidth(ch);
      if (used + w > width && used > 0) {
        if (piece) rows[rows.length - 1]?.push({ text: piece, styles: seg.styles });
        rows.push([]);
        piece = "";
        used = 0;
      }
      piece += ch;
      used += w;
    }
    if (piece) rows[rows.length - 1]?.push({ text: piece, styles: seg.styles });
  }
  return rows;
}

/** Joins neighbouring segments of the same style, so a line is one styled run where it can be. */
function merge(row: Seg[]): Seg[] {
  const out: Seg[] = [];
  for (const seg of row) {
    const last = out[out.length - 1];
    if (last && last.styles.join() === seg.styles.join())
      out[out.length - 1] = { ...last, text: last.text + seg.text };
    else out.push(seg);
  }
  return out;
}

const clean = (text: string) => expandTabs(sanitizeForTerminal(text));

export interface DiffViewOptions {
  width: number;
  painter: Painter;
}

/** All rows of a diff: hunk headers, then numbered lines; nothing is left out. */
export function renderDiff(diff: string, opts: DiffViewOptions): string[] {
  const p = opts.painter;
  const hunks = parseUnifiedDiff(diff);
  let maxNo = 1;
  for (const h of hunks) for (const l of h.lines) maxNo = Math.max(maxNo, l.oldNo ?? 0, l.newNo ?? 0);
  const numW = String(maxNo).length;
  const gutterW = numW * 2 + 4; // "old new │ "
  const textW = Math.max(4, opts.width - gutterW - 1);
  const num = (n: number | undefined) => (n === undefined ? " ".repeat(numW) : String(n).padStart(numW));
  const paintRow = (row: Seg[]) =>
    merge(row)
      .map((s) => p.paint(s.text, ...s.styles))
      .join("");
  const out: string[] = [];
  const emit = (l: DiffLine, segs: Seg[]) => {
    const sign = l.kind === "add" ? "+" : l.kind === "del" ? "-" : " ";
    const color: Style | undefined = l.kind === "add" ? "green" : l.kind === "del" ? "red" : undefined;
    cutRows(segs, textW).forEach((row, i) => {
      const gutter = i === 0 ? `${num(l.oldNo)} ${num(l.newNo)} │ ` : `${" ".repeat(numW * 2 + 1)} ┆ `;
      const mark: Seg = { text: i === 0 ? sign : " ", styles: color ? [color] : [] };
      out.push(`${p.paint(gutter, "gray")}${paintRow([mark, ...row])}`);
    });
  };
  hunks.forEach((h, hi) => {
    const title = `${clean(h.header)}${hunks.length > 1 ? `  (hunk ${hi + 1}/${hunks.length})` : ""}`;
    for (const row of cutRows([{ text: title, styles: ["cyan"] }], opts.width)) out.push(paintRow(row));
    const lines = h.lines;
    for (let i = 0; i < lines.length; ) {
      const l = lines[i] as DiffLine;
      if (l.kind !== "del") {
        const styles: Style[] = l.kind === "add" ? ["green"] : l.kind === "note" ? ["gray"] : [];
        if (l.kind === "note")
          out.push(...cutRows([{ text: clean(l.text), styles }], opts.width).map(paintRow));
        else emit(l, [{ text: clean(l.text), styles }]);
        i++;
        continue;
      }
      // A run of removed lines followed by a run of added lines: pair them in order for word highlights.
      let j = i;
      while (lines[j]?.kind === "del") j++;
      let k = j;
      while (lines[k]?.kind === "add") k++;
      const dels = lines.slice(i, j);
      const adds = lines.slice(j, k);
      const pairs = dels.map((d, n) => {
        const a = adds[n];
        return a ? wordSegments(clean(d.text), clean(a.text), { del: "red", add: "green" }) : undefined;
      });
      dels.forEach((d, n) => {
        emit(d, pairs[n]?.del ?? [{ text: clean(d.text), styles: ["red"] }]);
      });
      adds.forEach((a, n) => {
        emit(a, pairs[n]?.add ?? [{ text: clean(a.text), styles: ["green"] }]);
      });
      i = k;
    }
  });
  return out;
}
