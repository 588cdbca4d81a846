// The search pattern dialect: JavaScript regular expressions are canonical (that is what the JS engine runs).
// For ripgrep the pattern is translated to Rust regex syntax with JS semantics kept: ASCII \d \w \b, JS's \s
// set, "." not matching CR. Features Rust lacks (look-around, back-references) return null and the caller
// falls back to the JS engine, so both engines always answer the same query the same way.

export interface CompiledPattern {
  regex: RegExp;
  source: string;
  flags: string;
  caseSensitive: boolean;
}

/** Compiles search_term; a leading "(?i)" (Rust/PCRE habit) means case-insensitive. Throws a model-facing error. */
export function compilePattern(term: string, caseSensitive: boolean): CompiledPattern {
  let source = term;
  let cs = caseSensitive;
  if (source.startsWith("(?i)")) {
    source = source.slice(4);
    cs = false;
  }
  if (source === "")
    throw new Error("search_term is empty; pass a regular expression or a plain word to look for.");
  const base = cs ? "" : "i";
  for (const flags of [`${base}u`, base]) {
    try {
      return { regex: new RegExp(source, flags), source, flags, caseSensitive: cs };
    } catch {
      // Retry without the u flag: it rejects identity escapes like \- that models often write.
    }
  }
  try {
    new RegExp(source, base);
  } catch (err) {
    throw new Error(
      `search_term is not a valid regular expression: ${(err as Error).message}. Escape special characters ` +
        "(\\( \\[ \\. \\*) to search for them literally.",
    );
  }
  throw new Error("search_term could not be compiled.");
}

const JS_SPACE =
  "\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";
const CLASS_BODY: Record<string, string> = { d: "0-9", w: "0-9A-Za-z_", s: JS_SPACE };

const hex = (code: number) => `\\x{${code.toString(16).toUpperCase()}}`;

/** Translates an escape (the character after "\\" at `i`) to Rust; returns [text, consumed] or null. */
function translateEscape(src: string, i: number, inClass: boolean): [string, number] | null {
  const c = src[i];
  if (c === undefined) return null;
  const lower = c.toLowerCase();
  if (lower in CLASS_BODY) {
    const body = CLASS_BODY[lower]!;
    const negated = c !== lower;
    if (inClass) return [negated ? `[^${body}]` : body, 1];
    return [`[${negated ? "^" : ""}${body}]`, 1];
  }
  if (c === "b" || c === "B") return inClass ? (c === "b" ? [hex(8), 1] : null) : [`(?-u:\\${c})`, 1];
  if (/[1-9]/.test(c) || c === "k") return null; // back-references
  if ("nrtfv".includes(c)) return [`\\${c === "v" ? "x0B" : c}`, 1];
  if (c === "0" && !/[0-9]/.test(src[i + 1] ?? "")) return [hex(0), 1];
  if (c === "x" && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 1, i + 3)))
    return [hex(Number.parseInt(src.slice(i + 1, i + 3), 16)), 3];
  if (c === "u") {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(i + 1));
    if (braced) return [hex(Number.parseInt(braced[1]!, 16)), braced[0].length + 1];
    const four = /^[0-9a-fA-F]{4}/.exec(src.slice(i + 1));
    if (four) {
      const code = Number.parseInt(four[0], 16);
      return code >= 0xd800 && code <= 0xdfff ? null : [hex(code), 5];
    }
  }
  if (c === "c" && /[A-Za-z]/.test(src[i + 1] ?? "")) return [hex(src.charCodeAt(i + 1) % 32), 2];
  if (c === "p" || c === "P") {
    const m = /^\{[^}]*\}/.exec(src.slice(i + 1));
    return m ? [`\\${c}${m[0]}`, m[0].length + 1] : null;
  }
  // Any other escaped character stands for itself; a hex escape is valid in every Rust context.
  return [hex(src.codePointAt(i)!), c.length];
}

/** JS regex source → Rust regex source for ripgrep, or null when Rust cannot express it. */
export function toRustRegex(src: string): string | null {
  let out = "";
  let inClass = false;
  let classStart = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === "\\") {
      const t = translateEscape(src, i + 1, inClass);
      if (!t) return null;
      out += t[0];
      i += t[1];
      classStart = false;
      continue;
    }
    if (inClass) {
      if (c === "]" && !classStart) inClass = false;
      else if (c === "]" || c === "[" || c === "&" || c === "~") {
        out += hex(c.charCodeAt(0));
        classStart = false;
        continue;
      } else if (c === "-" && out.endsWith("-")) {
        out += "\\-";
        continue;
      }
      if (classStart && c === "^") {
        out += c;
        continue;
      }
      classStart = false;
      out += c;
      continue;
    }
    if (c === "[") {
      if (src.startsWith("[]", i) || src.startsWith("[^]", i)) return null; // JS-only "nothing" / "anything"
      inClass = true;
      classStart = true;
      out += c;
      continue;
    }
    if (c === "(" && src[i + 1] === "?") {
      const rest = src.slice(i + 2);
      if (rest.startsWith(":")) {
        out += "(?:";
        i += 2;
        continue;
      }
      const named = /^<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        out += `(?P<${named[1]}>`;
        i += 1 + named[0].length;
        continue;
      }
      return null; // look-around and inline flags
    }
    if (c === ".") {
      out += "[^\\n\\r\\x{2028}\\x{2029}]";
      continue;
    }
    if (c === "#" || c === " ") {
      out += hex(c.charCodeAt(0)); // literal even if ripgrep's verbose mode were ever on
      continue;
    }
    out += c;
  }
  return inClass ? null : out;
}
