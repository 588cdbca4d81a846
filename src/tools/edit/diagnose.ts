// "old_string not found" diagnostics: locates the region of the file closest to old_string and says, line by
// line, what differs (indentation, whitespace or text), so the model can fix its old_string instead of
// guessing. Each differing line names the first character that differs, with its code point, because a curly
// quote, an NBSP or a tab looks like its ASCII twin in an excerpt. Bounded work: the window scan is capped and
// similarity is a cheap token overlap.
import { nameChar } from "./normalise.js";
import { isBlank } from "./strategies.js";

const MAX_CELLS = 3_000_000;
const MAX_SHOWN = 6;
const EXCERPT = 120;

function tokens(s: string): Set<string> {
  return new Set(s.split(/[^A-Za-z0-9_$]+/).filter(Boolean));
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common / Math.max(a.size, b.size);
}

const cut = (s: string) => JSON.stringify(s.length > EXCERPT ? `${s.slice(0, EXCERPT)}…` : s);

const indentName = (s: string) => {
  const tabs = [...s].filter((c) => c === "\t").length;
  const spaces = s.length - tabs;
  const parts = [
    tabs && `${tabs} tab${tabs === 1 ? "" : "s"}`,
    spaces && `${spaces} space${spaces === 1 ? "" : "s"}`,
  ];
  return parts.filter(Boolean).join(" and ") || "no indentation";
};

/** What differs between a file line and the model's line, precisely enough to fix it. */
export function difference(file: string, yours: string): string {
  const fi = /^[ \t]*/.exec(file)![0];
  const yi = /^[ \t]*/.exec(yours)![0];
  if (file.trim() === yours.trim()) {
    if (fi !== yi) return `indentation differs: the file has ${indentName(fi)}, you sent ${indentName(yi)}`;
    return "trailing whitespace differs";
  }
  const f = [...file.slice(fi.length)];
  const y = [...yours.slice(yi.length)];
  let i = 0;
  while (i < f.length && i < y.length && f[i] === y[i]) i++;
  const column = [...fi].length + i + 1;
  return `at column ${column} the file has ${nameChar(f[i])} where you sent ${nameChar(y[i])}`;
}

/** Describes the closest region to `oldStr` in `content` (logical text) for a not-found error. */
export function describeClosest(content: string, oldStr: string): string {
  const lines = content.split("\n");
  const old = oldStr.replace(/\n$/, "").split("\n");
  const n = old.length;
  if (lines.length === 0 || oldStr.trim() === "") return "";
  const oldTokens = old.map(tokens);
  const lineTokens = new Map<number, Set<string>>();
  const tok = (i: number) => {
    let t = lineTokens.get(i);
    if (!t) {
      t = tokens(lines[i]!);
      lineTokens.set(i, t);
    }
    return t;
  };
  const windows = Math.max(1, lines.length - n + 1);
  const step = Math.max(1, Math.ceil((windows * n) / MAX_CELLS));
  let best = -1;
  let bestAt = 0;
  for (let i = 0; i < windows; i += step) {
    let score = 0;
    for (let j = 0; j < n && i + j < lines.length; j++) {
      const l = lines[i + j]!;
      if (l.trim() === old[j]!.trim()) score += 1;
      else if (!isBlank(l)) score += 0.9 * overlap(tok(i + j), oldTokens[j]!);
    }
    if (score > best) {
      best = score;
      bestAt = i;
    }
  }
  if (best <= 0) return " No region of the file resembles it.";
  const end = Math.min(lines.length, bestAt + n);
  let exactLines = 0;
  const diffs: string[] = [];
  for (let j = 0; bestAt + j < end; j++) {
    const f = lines[bestAt + j]!;
    const y = old[j]!;
    if (f === y) {
      exactLines++;
      continue;
    }
    if (diffs.length < MAX_SHOWN) {
      diffs.push(`  line ${bestAt + j + 1}: ${difference(f, y)}\n    file:  ${cut(f)}\n    yours: ${cut(y)}`);
    }
  }
  const more =
    n - exactLines - diffs.length > 0
      ? `\n  … and ${n - exactLines - diffs.length} more differing lines`
      : "";
  return (
    ` The closest region is lines ${bestAt + 1}-${end}, where ${exactLines} of ${n} lines match exactly:\n` +
    `${diffs.join("\n")}${more}`
  );
}
