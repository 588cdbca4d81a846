// Character-level tolerance for the edit cascade: the typographic look-alikes models swap for ASCII (and back),
// over-escaped string literals, and a short name for any character in messages. Pure functions, no IO.

/** Typographic characters and the ASCII text a model types for them. Both directions fold to the ASCII side. */
const LOOKALIKES: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2026": "...",
};

/** Spaces that look like a space: NBSP, the en/em/thin family, narrow NBSP, ideographic space. */
const ODD_SPACE = "[\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]";
const ODD_SPACES = new RegExp(ODD_SPACE, "g");
const IS_ODD_SPACE = new RegExp(`^${ODD_SPACE}$`);

/** Folds look-alikes to ASCII and collapses whitespace runs: two lines that fold equal "look the same". */
export function foldLine(line: string): string {
  let out = "";
  for (const ch of line.replace(ODD_SPACES, " ")) out += LOOKALIKES[ch] ?? ch;
  return out.replace(/\s+/g, " ").trim();
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every character that folds to `ascii`, as a regex alternative. */
function altsFor(ascii: string): string {
  const chars = Object.entries(LOOKALIKES)
    .filter(([, a]) => a === ascii)
    .map(([c]) => c);
  return `[${escapeRe(ascii)}${chars.join("")}]`;
}

/**
 * A regex that finds `fragment` (one line, already trimmed) inside a line of the file, tolerating look-alikes in
 * either direction and different runs of spaces or tabs, but never a line break.
 */
export function fragmentPattern(fragment: string): RegExp {
  let src = "";
  const chars = [...fragment.replace(ODD_SPACES, " ")];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (/\s/.test(ch)) {
      while (i + 1 < chars.length && /\s/.test(chars[i + 1]!)) i++;
      src += "[^\\S\\n]+";
      continue;
    }
    if (ch === "." && chars[i + 1] === "." && chars[i + 2] === ".") {
      src += "(?:\\.\\.\\.|\u2026)";
      i += 2;
      continue;
    }
    const ascii = LOOKALIKES[ch] ?? ch;
    if (ascii === "...") src += "(?:\\.\\.\\.|\u2026)";
    else if (ascii === "'" || ascii === '"' || ascii === "-") src += altsFor(ascii);
    else src += escapeRe(ch);
  }
  return new RegExp(src, "gu");
}

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

/** Undoes one level of string-literal escaping (\n, \t, \", \\ …), as over-escaping models send it. */
export function unescapeLiteral(s: string): string {
  return s.replace(/\\([ntr"'`\\$])/g, (_, c: string) => ESCAPES[c]!);
}

/** A character as a reader can tell it apart: `’ (U+2019)`, `a tab`, `end of line`. */
export function nameChar(ch: string | undefined): string {
  if (ch === undefined) return "end of line";
  if (ch === "\t") return "a tab";
  if (ch === " ") return "a space";
  const cp = ch.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase().padStart(4, "0");
  const shown = cp < 0x20 || IS_ODD_SPACE.test(ch) ? "" : `${ch} `;
  return `${shown}(U+${hex})`;
}
