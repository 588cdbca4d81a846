// Expands a glob word the way bash does by default (no dotglob, nullglob, extglob or globstar), so the policy
// checks the argv the command will really get — including file names that start with "-" and would be read as
// options. Bounded: past MAX_MATCHES the caller asks instead. Reads directories only.
import { lstatSync, readdirSync } from "node:fs";
import path from "node:path";

export const MAX_MATCHES = 2_000;

function hasActiveGlob(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i];
    if (ch === "\\") i++;
    else if (ch === "*" || ch === "?" || ch === "[") return true;
  }
  return false;
}

function unescapePattern(segment: string): string {
  return segment.replace(/\\(.)/g, "$1");
}

// The POSIX classes, as in the C locale (bash matches by code point; file names that could be read as options
// start with an ASCII "-", which every locale classifies alike).
const CLASSES: Record<string, string> = {
  alpha: "A-Za-z",
  digit: "0-9",
  alnum: "0-9A-Za-z",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\v\\f\\r",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  graph: "!-~",
  print: " -~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
  word: "0-9A-Za-z_",
};

const lit = (ch: string): string => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`;

/**
 * Parses the bracket expression starting at `segment[start]` ("["), returning the RegExp class and the index
 * after its "]", or null when it is not closed (bash then takes the "[" literally), or "bad" for a class
 * name bash does not know.
 */
function bracket(segment: string, start: number): { re: string; end: number } | null | "bad" {
  let j = start + 1;
  let negate = false;
  if (segment[j] === "!" || segment[j] === "^") {
    negate = true;
    j++;
  }
  let body = "";
  let first = true;
  while (j < segment.length) {
    let ch = segment[j] as string;
    if (ch === "]" && !first) return { re: `[${negate ? "^" : ""}${body}]`, end: j + 1 };
    first = false;
    if (ch === "[" && /[:=.]/.test(segment[j + 1] ?? "")) {
      const kind = segment[j + 1] as string;
      const close = segment.indexOf(`${kind}]`, j + 2);
      if (close >= 0) {
        const name = segment.slice(j + 2, close);
        if (kind === ":") {
          const cls = CLASSES[name];
          if (cls === undefined) return "bad";
          body += cls;
        } else body += [...name].map(lit).join("");
        j = close + 2;
        continue;
      }
    }
    if (ch === "\\" && j + 1 < segment.length) ch = segment[++j] as string;
    j++;
    // A range: "a-z", unless the "-" is last (then both are literal members).
    if (segment[j] === "-" && j + 1 < segment.length && segment[j + 1] !== "]") {
      let to = segment[j + 1] as string;
      j += 2;
      if (to === "\\" && j < segment.length) to = segment[j++] as string;
      // bash matches a reversed range against nothing.
      if ((to.codePointAt(0) ?? 0) >= (ch.codePointAt(0) ?? 0)) body += `${lit(ch)}-${lit(to)}`;
      continue;
    }
    body += lit(ch);
  }
  return null;
}

/**
 * Converts one path segment of a bash pattern into an anchored RegExp (null for a class bash rejects). With
 * `loose`, every bracket expression matches any one character: a superset used to spot option-like names.
 */
function segmentRegex(segment: string, loose = false): RegExp | null {
  let re = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (ch === "\\") re += lit(segment[++i] ?? "\\");
    else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const b = bracket(segment, i);
      if (b === "bad") return null;
      if (b === null) re += lit("[");
      else {
        re += loose ? "[^/]" : b.re;
        i = b.end - 1;
      }
    } else re += lit(ch);
  }
  return new RegExp(`^${re}$`, "su");
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

export interface GlobExpansion {
  /** The words bash passes: the matches, or the unescaped pattern itself when nothing matches. */
  words: string[];
  /** Set when the pattern matched something, or might by a looser reading, that would read as an option. */
  optionLike?: string;
}

/**
 * Expands `pattern` relative to `base` exactly as bash prints the words; null when there are more than
 * MAX_MATCHES or the pattern holds a class bash rejects (the caller asks).
 */
export function expandGlob(pattern: string, base: string): GlobExpansion | null {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/");
  let partials: string[] = [absolute ? "/" : ""];
  let globbed = false;
  let optionLike: string | undefined;
  const join = (p: string, name: string) => (p === "" || p.endsWith("/") ? p + name : `${p}/${name}`);
  for (let index = absolute ? 1 : 0; index < segments.length; index++) {
    const segment = segments[index] as string;
    if (segment === "") {
      partials = partials.map((p) => (p.endsWith("/") || p === "" ? p : `${p}/`));
      continue;
    }
    const next: string[] = [];
    if (!hasActiveGlob(segment)) {
      for (const p of partials) {
        const candidate = join(p, unescapePattern(segment));
        // After a glob, bash keeps only paths that exist.
        if (!globbed || exists(path.resolve(base, candidate))) next.push(candidate);
      }
    } else {
      globbed = true;
      const re = segmentRegex(segment);
      const loose = segmentRegex(segment, true);
      if (!re || !loose) return null;
      // A dot at the start of a name must be matched by a literal dot (no dotglob).
      const allowDot = unescapePattern(segment).startsWith(".");
      for (const p of partials) {
        for (const name of listDir(path.resolve(base, p || "."))) {
          if (name.startsWith(".") && !allowDot) continue;
          const word = join(p, name);
          // Belt and braces: a name bash could read as an option is reported even if only the superset matches.
          if (p === "" && name.startsWith("-") && loose.test(name)) optionLike ??= word;
          if (!re.test(name)) continue;
          next.push(word);
          if (next.length > MAX_MATCHES) return null;
        }
      }
    }
    partials = next;
    if (partials.length === 0) break;
  }
  const words = partials.length === 0 ? [unescapePattern(pattern)] : partials;
  return optionLike ? { words, optionLike } : { words };
}
