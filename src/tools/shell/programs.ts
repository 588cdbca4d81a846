// Validators for allowlisted commands that carry a little language of their own (find expressions, date
// operands, version queries, pip listing; sed and awk live in sed.ts / awk.ts). Each returns a reason to ask,
// or the operands that must pass the path check. Strict by construction: anything not recognised asks.
import { findDenied, hasOption, looksLikePath, parseArgs } from "./argv.js";

/**
 * A program's verdict on its arguments: the path operands to check (read-only use), a reason to ask, or
 * `unlisted`: the only objection is that this subcommand is not on the read-only list — the one objection a
 * skill's allowed-tools or a prefix allow rule may lift (never a denied option, an outside path, a config risk).
 */
export type ProgramCheck = (args: readonly string[]) => string | { paths: string[] } | { unlisted: string };

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
const FIND_PATH_1 = new Set(["-newer", "-anewer", "-cnewer", "-samefile"]);
// -files0-from reads the starting points from a file, so they would escape the path check.
const FIND_DENIED = /^-(exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls|files0-from)$/;

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

// --- test, [ ], [[ ]] --------------------------------------------------------------------------------------

const ARITHMETIC_OPS = new Set(["-eq", "-ne", "-lt", "-le", "-gt", "-ge"]);

/**
 * test / [ ] / [[ ]]: bash evaluates the operands of -eq … -ge inside [[ ]] and the name given to -v (and -R)
 * everywhere as arithmetic, and arithmetic runs `$(…)` found in an array subscript even in a quoted word. So
 * those operands must be plain integers (-v/-R: a plain variable name); anything else asks.
 */
export const checkTest: ProgramCheck = (args) => {
  for (const [i, a] of args.entries()) {
    if (ARITHMETIC_OPS.has(a)) {
      if ([args[i - 1], args[i + 1]].some((op) => op === undefined || !/^[+-]?\d{1,18}$/.test(op))) {
        return `test ${a} evaluates its operands as arithmetic (which can run commands); only plain integers run without asking.`;
      }
    } else if ((a === "-v" || a === "-R") && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(args[i + 1] ?? "")) {
      return `test ${a} with anything but a plain variable name evaluates an array subscript (which can run commands).`;
    }
  }
  return { paths: args.filter((a) => !a.startsWith("-") && looksLikePath(a)) };
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
      : { unlisted: "Only version queries of this program run without asking." };
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
