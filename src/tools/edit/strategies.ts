// The matcher strategies of the edit cascade, strictest first. Each finds non-overlapping regions of the file
// (logical text: LF, no BOM) that old_string denotes, with the replacement text for each. The invariant that keeps
// edits in the right place: only `exact` may match text that starts or ends inside a line when old_string spans
// lines; every looser strategy matches whole lines, or (for a one-line old_string without a line break) a part
// of one line — never part of a line as if it were whole lines. Pure functions, no IO.
import { foldLine, fragmentPattern, unescapeLiteral } from "./normalise.js";

export type MatchStrategy = "exact" | "line-trimmed" | "look-alike" | "escape-normalised";

export interface Found {
  start: number;
  end: number;
  replacement: string;
}

export type Finder = (content: string, oldStr: string, newStr: string) => Found[];

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];
export const isBlank = (line: string) => line.trim() === "";

/** Shifts one line from base indentation `from` to `to`, keeping its indentation relative to the base. */
export function shiftIndent(line: string, from: string, to: string): string {
  if (isBlank(line)) return line;
  const lead = indentOf(line);
  if (lead.startsWith(from)) return to + line.slice(from.length);
  // The line sits left of the base: drop the missing part from the target indentation.
  const missing = from.length - lead.length;
  const body = line.slice(lead.length);
  return to.length > missing ? to.slice(0, to.length - missing) + body : body;
}

/** Re-indents `text` so that lines at indentation `from` land at `to`. */
export function reindent(text: string, from: string, to: string): string {
  if (from === to) return text;
  return text
    .split("\n")
    .map((l) => shiftIndent(l, from, to))
    .join("\n");
}

/**
 * new_string for an exact match that starts after a line's indentation while old_string carried none: a model
 * that already typed the indentation in new_string gets it once, not twice, and a one-line old_string's later
 * new lines follow the line's indentation like its first.
 */
function afterIndent(before: string, oldStr: string, newStr: string): string {
  const [first = "", ...rest] = newStr.split("\n");
  if (first.startsWith(before)) return [first.slice(before.length), ...rest].join("\n");
  if (oldStr.replace(/\n$/, "").includes("\n")) return newStr;
  return [first, ...rest.map((l) => shiftIndent(l, "", before))].join("\n");
}

export const exactFinder: Finder = (content, oldStr, newStr) => {
  const out: Found[] = [];
  if (oldStr === "") return out;
  const indented = !/^\s/.test(oldStr);
  for (let i = content.indexOf(oldStr); i !== -1; i = content.indexOf(oldStr, i + oldStr.length)) {
    const before = content.slice(content.lastIndexOf("\n", i - 1) + 1, i);
    const shifted = indented && before !== "" && isBlank(before);
    let replacement = shifted ? afterIndent(before, oldStr, newStr) : newStr;
    // old_string's leading line break matched the end of a line with text, not a blank line: it was padding, and
    // dropping it (new_string has none) would join that line to the replacement.
    if (oldStr.startsWith("\n") && !newStr.startsWith("\n") && i > 0 && content[i - 1] !== "\n") {
      replacement = `\n${replacement}`;
    }
    out.push({ start: i, end: i + oldStr.length, replacement });
  }
  return out;
};

/** Splits text into lines, remembering whether it ended with a line break (which then belongs to the region). */
function splitLines(text: string): { lines: string[]; nl: boolean } {
  const lines = text.split("\n");
  const nl = lines.length > 1 && lines[lines.length - 1] === "";
  if (nl) lines.pop();
  return { lines, nl };
}

function joinLines(lines: readonly string[], nl: boolean): string {
  return lines.join("\n") + (nl ? "\n" : "");
}

/** Drops up to `lead` leading and `trail` trailing blank lines of new_string (the padding old_string carried). */
function dropPadding(newStr: string, lead: number, trail: number): string {
  const { lines, nl } = splitLines(newStr);
  let a = 0;
  let b = lines.length;
  while (a < lead && a < b && isBlank(lines[a]!)) a++;
  while (lines.length - b < trail && b > a && isBlank(lines[b - 1]!)) b--;
  return joinLines(lines.slice(a, b), nl && b > a);
}

/** Longest common subsequence of equal lines: which new lines are old lines the model left as they were. */
function unchangedPairs(oldLines: readonly string[], newLines: readonly string[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const n = oldLines.length;
  const m = newLines.length;
  if (n * m > 250_000) return pairs;
  const t = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      t[i]![j] = oldLines[i] === newLines[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (oldLines[i] === newLines[j]) pairs.set(j++, i++);
    else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * The replacement for a whole-line window: new_string moved to the window's indentation (unless the model already
 * wrote it there), with every line the model left unchanged taken from the file as it is, so a tolerated
 * difference (trailing spaces, a curly quote) never rewrites a line the edit did not mean to touch.
 */
function lineReplacement(window: readonly string[], oldLines: readonly string[], newStr: string): string {
  const k = oldLines.findIndex((l) => !isBlank(l));
  const from = indentOf(oldLines[k]!);
  const to = indentOf(window[k]!);
  const { lines: newLines, nl } = splitLines(newStr);
  const firstNew = newLines.find((l) => !isBlank(l));
  const alreadyThere = firstNew !== undefined && indentOf(firstNew) === to;
  const keep = unchangedPairs(oldLines, newLines);
  const out = newLines.map((l, j) => {
    const i = keep.get(j);
    if (i !== undefined) return window[i]!;
    return alreadyThere ? l : shiftIndent(l, from, to);
  });
  return joinLines(out, nl);
}

type LineEq = (fileLine: string, oldLine: string) => boolean;

function scanWindows(content: string, oldLines: string[], nl: boolean, newStr: string, eq: LineEq): Found[] {
  const lines = content.split("\n");
  const starts: number[] = [];
  let pos = 0;
  for (const l of lines) {
    starts.push(pos);
    pos += l.length + 1;
  }
  const n = oldLines.length;
  const out: Found[] = [];
  for (let i = 0; i + n <= lines.length; i++) {
    const window = lines.slice(i, i + n);
    if (!window.every((l, j) => eq(l, oldLines[j]!))) continue;
    const start = starts[i]!;
    let end = starts[i + n - 1]! + lines[i + n - 1]!.length;
    let replacement = lineReplacement(window, oldLines, newStr);
    if (nl) {
      // old_string ended with a line break: it belongs to the region unless new_string keeps one too.
      if (replacement.endsWith("\n")) replacement = replacement.slice(0, -1);
      else if (end < content.length) end += 1;
    }
    out.push({ start, end, replacement });
    i += n - 1;
  }
  return out;
}

/** Whole-line matching with `eq`; blank lines old_string carries at either end may be absent from the file. */
function lineFinder(eq: LineEq): Finder {
  return (content, oldStr, newStr) => {
    const { lines, nl } = splitLines(oldStr);
    if (lines.every(isBlank)) return [];
    const found = scanWindows(content, lines, nl, newStr, eq);
    if (found.length > 0) return found;
    let a = 0;
    let b = lines.length;
    while (isBlank(lines[a]!)) a++;
    while (isBlank(lines[b - 1]!)) b--;
    if (a === 0 && b === lines.length) return [];
    const trimmedNew = dropPadding(newStr, a, lines.length - b);
    return scanWindows(content, lines.slice(a, b), nl, trimmedNew, eq);
  };
}

/** Lines equal but for indentation and trailing whitespace. */
export const lineTrimmedFinder = lineFinder((f, o) => f.trim() === o.trim());

const foldedLines = lineFinder((f, o) => foldLine(f) === foldLine(o));

/**
 * Lines equal once typographic look-alikes fold to ASCII (’ ‘ “ ” – — … NBSP) and whitespace runs collapse. A
 * one-line old_string without a line break may also be a fragment of a line, matched the same way inside it.
 */
export const lookAlikeFinder: Finder = (content, oldStr, newStr) => {
  if (oldStr.includes("\n")) return foldedLines(content, oldStr, newStr);
  const fragment = oldStr.trim();
  if (fragment === "") return [];
  const lead = oldStr.slice(0, oldStr.indexOf(fragment));
  const trail = oldStr.slice(lead.length + fragment.length);
  // Padding the match leaves out is left out of new_string too, when new_string carries the same padding.
  const padded =
    newStr.startsWith(lead) && newStr.endsWith(trail) && newStr.length >= lead.length + trail.length;
  const body = padded ? newStr.slice(lead.length, newStr.length - trail.length) : newStr;
  const out: Found[] = [];
  for (const m of content.matchAll(fragmentPattern(fragment))) {
    const lineStart = content.lastIndexOf("\n", m.index - 1) + 1;
    const before = content.slice(lineStart, m.index);
    let replacement = body;
    if (isBlank(before)) {
      // At the start of a line the first new line takes the match's place; later lines follow its indentation.
      const [first = "", ...rest] = body.split("\n");
      const shifted = reindent(rest.join("\n"), indentOf(lead), before);
      replacement = rest.length ? `${first.trimStart()}\n${shifted}` : first.trimStart();
    }
    out.push({ start: m.index, end: m.index + m[0].length, replacement });
  }
  return out;
};

/** old_string arrived over-escaped (\n for a line break, \" for a quote): the stricter strategies, unescaped. */
export const escapeNormalisedFinder: Finder = (content, oldStr, newStr) => {
  const unescaped = unescapeLiteral(oldStr);
  if (unescaped === oldStr) return [];
  const newUnescaped = unescapeLiteral(newStr);
  // Exact text of a multi-line unescaped old_string must still cover whole lines: the unescaping is a guess.
  const aligned = (f: Found) =>
    isBlank(content.slice(content.lastIndexOf("\n", f.start - 1) + 1, f.start)) &&
    (f.end === content.length || content[f.end - 1] === "\n" || content[f.end] === "\n");
  const exactLines: Finder = (c, o, n) => {
    const found = exactFinder(c, o, n);
    return o.includes("\n") ? found.filter(aligned) : found;
  };
  for (const find of [exactLines, lineTrimmedFinder, lookAlikeFinder]) {
    const found = find(content, unescaped, newUnescaped);
    if (found.length > 0) return found;
  }
  return [];
};

export const CASCADE: ReadonlyArray<readonly [MatchStrategy, Finder]> = [
  ["exact", exactFinder],
  ["line-trimmed", lineTrimmedFinder],
  ["look-alike", lookAlikeFinder],
  ["escape-normalised", escapeNormalisedFinder],
];
