// "Did you mean" for a path that does not exist: ranks the siblings in the nearest existing folder and the
// files of a bounded workspace walk by edit distance of their names. Bounded in entries and depth so it stays
// fast on huge trees; skips dependency and build folders. Pure apart from directory reads.
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

const SKIP = new Set([
  "node_modules",
  ".git",
  "dist",
  "build",
  "coverage",
  ".next",
  "target",
  "__pycache__",
  ".venv",
]);
const MAX_WALK_ENTRIES = 5000;
const MAX_DEPTH = 8;

/** Levenshtein distance with an early exit once every cell of a row exceeds `max`. */
export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

async function entries(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true }).catch(() => []);
}

function score(wanted: string, name: string): number {
  if (name === wanted) return 0;
  if (name.toLowerCase() === wanted.toLowerCase()) return 0.5;
  const max = Math.max(2, Math.floor(wanted.length / 3));
  const d = levenshtein(wanted.toLowerCase(), name.toLowerCase(), max);
  if (d <= max) return d;
  // Same stem, other extension (config.js vs config.ts) is a common slip.
  const stem = (s: string) => s.replace(/\.[^.]*$/, "").toLowerCase();
  return stem(name) === stem(wanted) && stem(wanted).length > 2 ? max : Number.POSITIVE_INFINITY;
}

/**
 * Up to `limit` workspace-relative paths that the model probably meant by `abs` (which does not exist).
 * Siblings in the nearest existing folder rank first; then same-or-similar names anywhere in the workspace.
 */
export async function suggestPaths(abs: string, cwd: string, limit = 5): Promise<string[]> {
  const wanted = path.basename(abs);
  const found = new Map<string, number>();
  const add = (p: string, s: number) => {
    if (p === abs || !Number.isFinite(s)) return;
    const prev = found.get(p);
    if (prev === undefined || s < prev) found.set(p, s);
  };
  // Nearest existing ancestor: its entries are compared against the first missing component.
  let dir = path.dirname(abs);
  let missing = wanted;
  for (;;) {
    const list = await entries(dir);
    if (list.length || dir === cwd || path.dirname(dir) === dir) {
      for (const e of list) add(path.join(dir, e.name), score(missing, e.name) - 0.25);
      break;
    }
    missing = path.basename(dir);
    dir = path.dirname(dir);
  }
  // Bounded breadth-first walk of the workspace for files with a similar name in other folders.
  const queue: Array<{ dir: string; depth: number }> = [{ dir: cwd, depth: 0 }];
  let seen = 0;
  while (queue.length && seen < MAX_WALK_ENTRIES) {
    const next = queue.shift()!;
    for (const e of await entries(next.dir)) {
      if (++seen > MAX_WALK_ENTRIES) break;
      const full = path.join(next.dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && next.depth < MAX_DEPTH) queue.push({ dir: full, depth: next.depth + 1 });
      } else add(full, score(wanted, e.name));
    }
  }
  return [...found.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([p]) => path.relative(cwd, p) || ".");
}

/** "Did you mean: a, b?" suffix, or "" when nothing is close. */
export async function didYouMean(abs: string, cwd: string): Promise<string> {
  const hits = await suggestPaths(abs, cwd);
  return hits.length ? ` Did you mean: ${hits.join(", ")}?` : "";
}
