// awk: only programs that cannot run commands, write files or read files of their own choosing. String and
// regex literals and comments are blanked first with awk's own regex-vs-division rule, so quotes inside a
// regex cannot hide code from the checks.
import { parseArgs } from "./argv.js";
import type { ProgramCheck } from "./programs.js";
import { skipBracket } from "./sed.js";

const AWK_REGEX_AFTER_WORD = new Set(["print", "printf", "return", "case", "do", "else", "exit", "delete"]);

/**
 * Blanks string literals, regex literals and comments of an awk program so later checks see only code.
 * Follows awk's own rule for "/": a regex where an operand is expected, a division after an operand.
 * Returns null for an unterminated literal (awk would refuse it; we ask).
 */
export function blankAwkLiterals(program: string): string | null {
  let out = "";
  let prevWord = "";
  let prev = "";
  for (let i = 0; i < program.length; i++) {
    const ch = program[i] as string;
    if (ch === "#") {
      while (i < program.length && program[i] !== "\n") i++;
      out += "\n";
      prev = "\n";
      continue;
    }
    const regexAllowed =
      ch === "/" && !(/[A-Za-z0-9_)\]$"]/.test(prev) && !AWK_REGEX_AFTER_WORD.has(prevWord));
    if (ch === '"' || regexAllowed) {
      let j = i + 1;
      for (; j < program.length; j++) {
        const c = program[j];
        if (c === "\n") return null;
        if (c === "\\") j++;
        else if (ch === "/" && c === "[") {
          const end = skipBracket(program, j);
          if (end < 0) return null;
          j = end - 1;
        } else if (c === ch) break;
      }
      if (j >= program.length) return null;
      out += ch === '"' ? '""' : "0";
      prev = ch === '"' ? '"' : "0";
      prevWord = "";
      i = j;
      continue;
    }
    out += ch;
    if (/\s/.test(ch)) continue;
    if (/[A-Za-z0-9_]/.test(ch)) prevWord = /[A-Za-z0-9_]/.test(prev) ? prevWord + ch : ch;
    else prevWord = "";
    prev = ch;
  }
  return out;
}

/** True when the awk program cannot run commands, write files or read arbitrary input. */
export function isReadOnlyAwkProgram(program: string): boolean {
  // A backslash-newline continues the line, so the whole program is judged as one text.
  const stripped = blankAwkLiterals(program.replace(/\\\r?\n/g, " "));
  if (stripped === null) return false;
  if (/\b(system|getline|close|fflush)\b/.test(stripped)) return false;
  // The environment holds what the scrub keeps from commands that ask (`env` asks too); gawk's PROCINFO,
  // SYMTAB and FUNCTAB reach it and every variable by name.
  if (/\b(ENVIRON|PROCINFO|SYMTAB|FUNCTAB)\b/.test(stripped)) return false;
  if (/[@`]/.test(stripped)) return false;
  // Rewriting ARGV/ARGC makes awk open files that were never on the command line (and never path-checked).
  if (/\bARG[VC]\b/.test(stripped)) return false;
  if (/\|/.test(stripped.replace(/\|\|/g, "  "))) return false;
  // Output redirection: a ">" at paren depth 0 inside a print/printf statement. The statement is taken to run
  // to the next ";" or "}" even across newlines (awk continues a statement after ",", "&&", "{" …): reading
  // too far can only make it ask.
  const re = /\bprintf?\b/g;
  for (let m = re.exec(stripped); m; m = re.exec(stripped)) {
    let depth = 0;
    for (let i = m.index + m[0].length; i < stripped.length; i++) {
      const ch = stripped[i];
      if (ch === "(") depth++;
      else if (ch === ")") depth--;
      else if (depth <= 0 && (ch === ";" || ch === "}")) break;
      else if (depth <= 0 && ch === ">") return false;
    }
  }
  return true;
}

export const checkAwk: ProgramCheck = (args) => {
  const parsed = parseArgs(args, {
    shortValue: "Fv",
    longValue: ["--field-separator", "--assign"],
    permute: false,
  });
  // biome-ignore format: a compact table is easier to review
  const allowed = ["-F", "-v", "--field-separator", "--assign", "-b", "--characters-as-bytes", "-c", "--traditional",
    "-P", "--posix", "-M", "--bignum", "-N", "--use-lc-numeric", "-S", "--sandbox", "-t", "--lint-old"];
  for (const o of parsed.options) {
    if (!allowed.includes(o.name))
      return `awk ${o.name} is not auto-run (it may load a program file or write files).`;
  }
  const [program, ...files] = parsed.operands;
  if (program === undefined) return "awk has no program.";
  if (!isReadOnlyAwkProgram(program)) {
    return "The awk program may run commands (system, pipes, getline) or write files (print > file).";
  }
  return { paths: files };
};
