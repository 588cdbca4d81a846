// The matcher strategies of the edit cascade, strictest first. Each finds non-overlapping regions of the file
// (logical text: LF, no BOM) that old_string denotes, and the replacement text for each region — re-indented to
// the region when the match was found at a different indentation. Pure functions, no IO.

export type MatchStrategy =
  | "exact"
  | "line-trimmed"
  | "indentation-flexible"
  | "whitespace-normalised"
  | "escape-normalised"
  | "trimmed-boundary";

export interface Found {
  start: number;
  end: number;
  replacement: string;
}

export type Finder = (content: string, oldStr: string, newStr: string) => Found[];

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];
const isBlank = (line: string) => line.trim() === "";
const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

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

function commonIndent(lines: readonly string[]): string {
  let common: string | undefined;
  for (const l of lines) {
    if (isBlank(l)) continue;
    const ind = indentOf(l);
    if (common === undefined) common = ind;
    else {
      let k = 0;
      while (k < common.length && k < ind.length && common[k] === ind[k]) k++;
      common = common.slice(0, k);
    }
  }
  return common ?? "";
}

export const exactFinder: Finder = (content, oldStr, newStr) => {
  const out: Found[] = [];
  if (oldStr === "") return out;
  for (let i = content.indexOf(oldStr); i !== -1; i = content.indexOf(oldStr, i + oldStr.length)) {
    out.push({ start: i, end: i + oldStr.length, replacement: newStr });
  }
  return out;
};

type WindowEq = (window: readonly string[], old: readonly string[]) => boolean;

/** Slides a window of old_string's line count over the file; `eq` decides whether a window matches. */
function lineWindowFinder(eq: WindowEq): Finder {
  return (content, oldStr, newStr) => {
    const oldLines = oldStr.split("\n");
    let trailingNewline = false;
    if (oldLines.length > 1 && oldLines[oldLines.length - 1] === "") {
      oldLines.pop();
      trailingNewline = true;
    }
    if (oldLines.every(isBlank)) return [];
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
      if (!eq(window, oldLines)) continue;
      const start = starts[i]!;
      let end = starts[i + n - 1]! + lines[i + n - 1]!.length;
      let replacement = newStr;
      // Map old_string's base indentation onto the file's, using the first non-blank line pair.
      const k = oldLines.findIndex((l) => !isBlank(l));
      replacement = reindent(replacement, indentOf(oldLines[k]!), indentOf(window[k]!));
      if (trailingNewline) {
        if (replacement.endsWith("\n")) replacement = replacement.slice(0, -1);
        else if (end < content.length) end += 1; // new_string drops the line break old_string had
      }
      out.push({ start, end, replacement });
      i += n - 1;
    }
    return out;
  };
}

export const lineTrimmedFinder = lineWindowFinder((w, o) => w.every((l, j) => l.trim() === o[j]!.trim()));

export const indentationFlexibleFinder = lineWindowFinder((w, o) => {
  const wi = commonIndent(w);
  const oi = commonIndent(o);
  return w.every((l, j) => (isBlank(l) ? isBlank(o[j]!) : l.slice(wi.length) === o[j]!.slice(oi.length)));
});

/** Tokens joined by \s+: tolerates any whitespace differences, including line breaks, inside the match. */
export const whitespaceNormalisedFinder: Finder = (content, oldStr, newStr) => {
  const tokens = oldStr.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return [];
  const re = new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+"), "g");
  const oldFirst = oldStr.split("\n").find((l) => !isBlank(l)) ?? "";
  const out: Found[] = [];
  for (const m of content.matchAll(re)) {
    const start = m.index;
    const lineStart = content.lastIndexOf("\n", start - 1) + 1;
    const before = content.slice(lineStart, start);
    let replacement = newStr.trim() === "" ? "" : stripPadding(oldStr, newStr);
    if (isBlank(before)) {
      // The match starts a line: the first new line goes where the old one was, later lines shift by the delta.
      const [first = "", ...rest] = replacement.split("\n");
      const shifted = reindent(rest.join("\n"), indentOf(oldFirst), before);
      replacement = rest.length ? `${first.trimStart()}\n${shifted}` : first.trimStart();
    }
    out.push({ start, end: start + m[0].length, replacement });
  }
  return out;
};

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  '"': '"',
  "'": "'",
  "`": "`",
  "\\": "\\",
  $: "$",
};
export function unescapeLiteral(s: string): string {
  return s.replace(/\\([ntr"'`\\$])/g, (_, c: string) => ESCAPES[c]!);
}

/** old_string arrived over-escaped ("\\n" for a newline, \" for a quote): match its unescaped form. */
export const escapeNormalisedFinder: Finder = (content, oldStr, newStr) => {
  const unescaped = unescapeLiteral(oldStr);
  if (unescaped === oldStr) return [];
  const newUnescaped = unescapeLiteral(newStr);
  return exactFinder(content, unescaped, newUnescaped);
};

/** When the match excludes old_string's outer padding, drop the same padding from new_string. */
function stripPadding(oldStr: string, newStr: string): string {
  const trimmed = oldStr.trim();
  const lead = oldStr.slice(0, oldStr.indexOf(trimmed));
  const trail = oldStr.slice(lead.length + trimmed.length);
  if (newStr.startsWith(lead) && newStr.endsWith(trail) && newStr.length >= lead.length + trail.length) {
    return newStr.slice(lead.length, newStr.length - trail.length);
  }
  return newStr;
}

/** old_string carried stray leading/trailing blank space or lines: match it trimmed. */
export const trimmedBoundaryFinder: Finder = (content, oldStr, newStr) => {
  const trimmed = oldStr.trim();
  if (trimmed === oldStr || trimmed === "") return [];
  return exactFinder(content, trimmed, stripPadding(oldStr, newStr));
};

export const CASCADE: ReadonlyArray<readonly [MatchStrategy, Finder]> = [
  ["exact", exactFinder],
  ["line-trimmed", lineTrimmedFinder],
  ["indentation-flexible", indentationFlexibleFinder],
  ["whitespace-normalised", whitespaceNormalisedFinder],
  ["escape-normalised", escapeNormalisedFinder],
  ["trimmed-boundary", trimmedBoundaryFinder],
];

export { collapse, isBlank };
