// Turns one argument's source text into the word bash would pass, for literal words only. Anything bash would
// expand at run time ($, backticks, brace lists, a tilde prefix) is refused so the caller asks; glob
// characters are reported (with quoted/escaped ones neutralised) so the caller can expand them itself. Pure.

export interface LiteralWord {
  /** The word with quotes and escapes removed (what bash passes when no glob matches). */
  value: string;
  /** Present when the word holds an active glob: the pattern with literal glob characters backslash-escaped. */
  glob?: string;
}

export type WordResult = { ok: true; word: LiteralWord } | { ok: false; reason: string };

const GLOB_CHARS = new Set(["*", "?", "["]);
const PATTERN_SPECIAL = new Set(["*", "?", "[", "]", "\\"]);

function fail(reason: string): WordResult {
  return { ok: false, reason };
}

/** Decodes a word made of unquoted text, '…' and "…" parts (already vetted by the grammar walk). */
export function decodeWord(src: string): WordResult {
  let value = "";
  let pattern = "";
  let hasGlob = false;
  let unquoted = "";
  const lit = (ch: string) => {
    value += ch;
    pattern += PATTERN_SPECIAL.has(ch) ? `\\${ch}` : ch;
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) return fail("Unterminated single quote.");
      for (const c of src.slice(i + 1, end)) lit(c);
      i = end + 1;
    } else if (ch === '"') {
      i++;
      for (;;) {
        if (i >= src.length) return fail("Unterminated double quote.");
        const c = src[i] as string;
        if (c === '"') break;
        if (c === "$" || c === "`")
          return fail("The command uses an expansion or substitution inside quotes.");
        if (c === "\\") {
          const next = src[i + 1];
          if (next === undefined) return fail("Trailing backslash.");
          if (next === "\n") {
            i += 2;
            continue;
          }
          if ('$`"\\'.includes(next)) {
            lit(next);
            i += 2;
            continue;
          }
        }
        lit(c);
        i++;
      }
      i++;
    } else if (ch === "\\") {
      const next = src[i + 1];
      if (next === undefined) return fail("Trailing backslash.");
      if (next !== "\n") lit(next);
      i += 2;
    } else {
      if (ch === "$" || ch === "`")
        return fail("The command uses a variable expansion or command substitution.");
      if (ch === "~" && (i === 0 || src[i - 1] === "=" || src[i - 1] === ":")) {
        return fail("An unquoted ~ expands to a home directory, outside the workspace.");
      }
      unquoted += ch;
      value += ch;
      if (GLOB_CHARS.has(ch)) hasGlob = true;
      pattern += ch;
      i++;
    }
  }
  if (unquoted.includes("{") && /\{[^}]*(,|\.\.)[^}]*\}/.test(unquoted)) {
    return fail("The command uses brace expansion.");
  }
  if (hasGlob) {
    if (value.startsWith("[") && !value.includes("]")) return { ok: true, word: { value } };
    return { ok: true, word: { value, glob: pattern } };
  }
  return { ok: true, word: { value } };
}

/**
 * Best-effort decoding for hard-block detection: strips quotes and escapes but keeps $VAR, ~ and globs
 * verbatim, so `"r"m -rf '/'` reads as rm -rf /. Never used to allow anything.
 */
export function looseDecode(src: string): string {
  let out = "";
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else out += ch;
    } else if (ch === "\\" && i + 1 < src.length) {
      out += src[++i];
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === "$" && src[i + 1] === "'") {
      // $'…' (ANSI-C quoting): drop the $, keep the body.
    } else {
      out += ch;
    }
  }
  return out;
}
