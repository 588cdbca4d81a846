// "old_string not found" diagnostics: locates the region of the file closest to old_string and says, line by
// line, what differs (indentation, whitespace or text), so the model can fix its old_string instead of
// guessing. Bounded work: the window scan is capped and similarity is a cheap token overlap.
import { collapse, isBlank } from "./strategies.js";

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

function difference(file: string, yours: string): string {
  if (file.trim() === yours.trim()) return "indentation differs";
  if (collapse(file) === collapse(yours)) return "whitespace differs";
  return "text differs";
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
      diffs.push(
        `  line ${bestAt + j + 1} (${difference(f, y)}):\n    file:  ${cut(f)}\n    yours: ${cut(y)}`,
      );
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
