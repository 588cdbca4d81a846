// sed: only scripts that print, delete from the output stream or substitute (no w/W/r/R/e commands, no e/w
// flags, no -i/-f). A strict little parser of the script, bracket-expression aware like GNU sed, so the
// validator and sed agree on where each regex ends.
import { parseArgs } from "./argv.js";
import type { ProgramCheck } from "./programs.js";

/** Index just past a bracket expression starting at `start` ("["), or -1. */
export function skipBracket(s: string, start: number): number {
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
