// Validators for allowlisted commands that carry a little language of their own (find expressions, sed
// scripts, awk programs, date operands). Each returns a reason to ask, or the operands that must pass the
// path check. Strict by construction: anything not recognised asks.
import { findDenied, hasOption, looksLikePath, parseArgs } from "./argv.js";

export type ProgramCheck = (args: readonly string[]) => string | { paths: string[] };

// biome-ignore format: a compact table is easier to review
const FIND_FLAGS_0 = new Set([
  "-print", "-print0", "-ls", "-prune", "-quit", "-true", "-false", "-empty", "-readable", "-writable",
  "-executable", "-nouser", "-nogroup", "-depth", "-mount", "-xdev", "-noleaf", "-daystart",
  "-ignore_readdir_race", "-noignore_readdir_race", "-warn", "-nowarn", "-not", "-a", "-and", "-o", "-or", "!",
  "(", ")", ",", "-help", "--help", "-version", "--version",
]);
// biome-ignore format: a compact table is easier to review
const FIND_TEXT_1 = new Set([
  "-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", "-lname", "-ilname",
  "-type", "-xtype", "-maxdepth", "-mindepth", "-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-size",
  "-perm", "-user", "-group", "-uid", "-gid", "-links", "-inum", "-fstype", "-used", "-printf", "-regextype",
]);
const FIND_PATH_1 = new Set(["-newer", "-anewer", "-cnewer", "-samefile", "-files0-from"]);
const FIND_DENIED = /^-(exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/;

export const checkFind: ProgramCheck = (args) => {
  let i = 0;
  while (i < args.length && /^-[HPDO]/.test(args[i] as string)) {
    const opt = args[i] as string;
    if (opt === "-D" || opt === "-O") i++;
    else if (opt !== "-H" && opt !== "-P") return `find ${opt} is not auto-run.`;
    i++;
  }
  const paths: string[] = [];
  while (i < args.length) {
    const a = args[i] as string;
    if (a.startsWith("-") || a === "(" || a === "!" || a === ")") break;
    paths.push(a);
    i++;
  }
  if (paths.length === 0) paths.push(".");
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (FIND_DENIED.test(a)) return `find ${a} runs commands, deletes or writes files.`;
    if (FIND_FLAGS_0.has(a)) continue;
    if (FIND_TEXT_1.has(a)) {
      if (++i >= args.length) return `find ${a} is missing its value.`;
      continue;
    }
    if (FIND_PATH_1.has(a) || /^-newer[aBcmt][aBcmtt]$/.test(a)) {
      const v = args[++i];
      if (v === undefined) return `find ${a} is missing its value.`;
      if (FIND_PATH_1.has(a) || looksLikePath(v)) paths.push(v);
      continue;
    }
    return `find ${a} is not on the list of read-only find expressions.`;
  }
  return { paths };
};

// --- sed --------------------------------------------------------------------------------------------------

/** Index just past a bracket expression starting at `start` ("["), or -1. */
function skipBracket(s: string, start: number): number {
  let j = start + 1;
  if (s[j] === "^") j++;
  if (s[j] === "]") j++;
  for (; j < s.length; j++) {
    const c = s[j];
    if (c === "\n") return -1;
    if (c === "[" && (s[j + 1] === ":" || s[j + 1] === "." || s[j + 1] === "=")) {
      const close = s.indexOf(`${s[j + 1]}]`, j + 2);
      if (close < 0) return -1;
      j = close + 1;
    } else if (c === "]") return j + 1;
  }
  return -1;
}

/**
 * Index just past the closing delimiter, or -1. In a regex (`regex`), the delimiter is literal inside a bracket
 * expression, as GNU sed reads it — missing that would let `s/[/]/;p;/w out/p` hide a `w` flag.
 */
function readDelimited(s: string, start: number, delim: string, regex: boolean): number {
  for (let i = start; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (regex && s[i] === "[") {
      const end = skipBracket(s, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (s[i] === delim) return i + 1;
    else if (s[i] === "\n") return -1;
  }
  return -1;
}

function readAddress(s: string, i: number): number {
  const m = /^(\d+~\d+|\d+|\$|[+~]\d+)/.exec(s.slice(i));
  if (m) return i + m[0].length;
  if (s[i] === "/" || s[i] === "\\") {
    const delim = s[i] === "/" ? "/" : s[i + 1];
    if (!delim || delim === "\n" || delim === "\\") return -1;
    let end = readDelimited(s, s[i] === "/" ? i + 1 : i + 2, delim, true);
    if (end < 0) return -1;
    while (s[end] === "I" || s[end] === "M") end++;
    return end;
  }
  return i;
}

/** True when every command of the sed script only prints, deletes from the output stream or substitutes. */
export function isReadOnlySedScript(script: string): boolean {
  let i = 0;
  const skip = () => {
    while (i < script.length && /[ \t]/.test(script[i] as string)) i++;
  };
  while (i < script.length) {
    skip();
    if (script[i] === ";" || script[i] === "\n") {
      i++;
      continue;
    }
    if (i >= script.length) break;
    let next = readAddress(script, i);
    if (next < 0) return false;
    if (next > i && script[next] === ",") {
      const after = readAddress(script, next + 1);
      if (after <= next + 1) return false;
      next = after;
    }
    i = next;
    skip();
    if (script[i] === "!") i++;
    skip();
    const fn = script[i];
    i++;
    if (fn === undefined) return false;
    if ("pP=ldDnNgGhHxz".includes(fn)) {
      // no argument
    } else if (fn === "q" || fn === "Q") {
      while (/\d/.test(script[i] ?? "")) i++;
    } else if (fn === "s" || fn === "y") {
      const delim = script[i];
      if (!delim || delim === "\n" || delim === "\\" || delim === " ") return false;
      const mid = readDelimited(script, i + 1, delim, fn === "s");
      if (mid < 0) return false;
      const end = readDelimited(script, mid, delim, false);
      if (end < 0) return false;
      i = end;
      if (fn === "s") {
        // Flags e (execute) and w (write) are exactly what must never be auto-run.
        while (/[gpiImM0-9]/.test(script[i] ?? "")) i++;
      }
    } else {
      return false;
    }
    skip();
    if (i < script.length && script[i] !== ";" && script[i] !== "\n") return false;
  }
  return true;
}

export const checkSed: ProgramCheck = (args) => {
  const parsed = parseArgs(args, { shortValue: "el", longValue: ["--expression", "--line-length"] });
  // biome-ignore format: a compact table is easier to review
  const allowed = ["-n", "--quiet", "--silent", "-E", "-r", "--regexp-extended", "-z", "--null-data", "-s",
    "--separate", "-u", "--unbuffered", "--posix", "--debug", "--sandbox", "-e", "--expression", "-l", "--line-length"];
  for (const o of parsed.options) {
    if (!allowed.includes(o.name))
      return `sed ${o.name} is not auto-run (it may edit files or read a script).`;
  }
  const scripts = parsed.options
    .filter((o) => o.name === "-e" || o.name === "--expression")
    .map((o) => o.value ?? "");
  const operands = [...parsed.operands];
  if (scripts.length === 0) {
    const first = operands.shift();
    if (first === undefined) return "sed has no script.";
    scripts.push(first);
  }
  for (const script of scripts) {
    if (!isReadOnlySedScript(script))
      return "The sed script uses commands that may write files or run programs.";
  }
  return { paths: operands };
};

// --- awk --------------------------------------------------------------------------------------------------

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
  const stripped = blankAwkLiterals(program);
  if (stripped === null) return false;
  if (/\b(system|getline|close|fflush)\b/.test(stripped)) return false;
  if (/[@`]/.test(stripped)) return false;
  // Rewriting ARGV/ARGC makes awk open files that were never on the command line (and never path-checked).
  if (/\bARG[VC]\b/.test(stripped)) return false;
  if (/\|/.test(stripped.replace(/\|\|/g, "  "))) return false;
  // Output redirection: a ">" at paren depth 0 inside a print/printf statement.
  const re = /\bprintf?\b/g;
  for (let m = re.exec(stripped); m; m = re.exec(stripped)) {
    let depth = 0;
    for (let i = m.index + m[0].length; i < stripped.length; i++) {
      const ch = stripped[i];
      if (ch === "(") depth++;
      else if (ch === ")") depth--;
      else if (depth <= 0 && (ch === ";" || ch === "}" || ch === "\n")) break;
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

// --- date, version queries ----------------------------------------------------------------------------------

export const checkDate: ProgramCheck = (args) => {
  const parsed = parseArgs(args, {
    shortValue: "dfrI",
    longValue: ["--date", "--file", "--reference"],
  });
  if (findDenied(parsed, ["-s", "--set"])) return "date --set changes the system clock.";
  const paths: string[] = [];
  for (const o of parsed.options) {
    if (["-f", "--file", "-r", "--reference"].includes(o.name) && o.value !== undefined) paths.push(o.value);
    else if (
      !/^(-u|--utc|--universal|-d|--date|-I.*|--iso-8601|-R|--rfc-email|--rfc-3339|--debug)$/.test(o.name)
    ) {
      return `date ${o.name} is not auto-run.`;
    }
  }
  if (parsed.operands.length > 1 || parsed.operands.some((op) => !op.startsWith("+"))) {
    return "date with an operand that is not +FORMAT sets the clock.";
  }
  if (hasOption(parsed, ["--set"])) return "date --set changes the system clock.";
  return { paths };
};

export function checkVersionQuery(flags: readonly string[]): ProgramCheck {
  return (args) =>
    args.length === 1 && flags.includes(args[0] as string)
      ? { paths: [] }
      : "Only version queries of this program run without asking.";
}

/** pip: version and listing only (list, show, freeze read installed metadata; nothing is downloaded or run). */
export const checkPip: ProgramCheck = (args) => {
  const [sub, ...rest] = args;
  if (args.length === 1 && (sub === "--version" || sub === "-V")) return { paths: [] };
  if (sub === "list" || sub === "show" || sub === "freeze") {
    const bad = rest.find(
      (a) =>
        a.startsWith("-") &&
        !/^(-l|--local|--user|-o|--outdated|-u|--uptodate|--format(=\w+)?|--not-required|-v|--verbose|-f|--files|--all|--exclude-editable|--include-editable)$/.test(
          a,
        ),
    );
    if (bad) return `pip ${sub} ${bad} is not auto-run.`;
    if (
      rest.includes("-o") ||
      rest.includes("--outdated") ||
      rest.includes("-u") ||
      rest.includes("--uptodate")
    ) {
      return "pip list --outdated contacts the package index.";
    }
    return { paths: [] };
  }
  return "Only pip --version, list, show and freeze run without asking.";
};
