// Judges one simple command (its literal words) against the allowlist: decodes and glob-expands the words the
// way bash will, applies the command's rule, and runs every path-like argument through the workspace
// containment check. `cd` inside the workspace is followed, so later relative paths resolve from there.
import path from "node:path";
import { isCredentialFile } from "../../utils/credential-files.js";
import { checkPath, type PathRoots } from "../../utils/path-policy.js";
import { findDenied, hasOption, looksLikePath, parseArgs } from "./argv.js";
import { gitConfigRisk } from "./git-config.js";
import { checkGit } from "./git-rules.js";
import { expandGlob } from "./glob.js";
import type { ProgramCheck } from "./programs.js";
import { type CommandRule, RULES, TEXT_VALUED } from "./rules.js";
import { searchReachesSecrets } from "./secret-search.js";
import { decodeWord } from "./words.js";

/** `unlisted`: the only objection is that the program or subcommand is not on the read-only list. */
export type Evaluation = { ok: true; cd?: string } | { ok: false; reason: string; unlisted?: boolean };

const SEARCHES = new Set(["grep", "egrep", "fgrep", "rg"]);
const NPM_LS = ["ls", "list", "la", "ll"];

const checkNpm: ProgramCheck = (args) => {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) return { paths: [] };
  if (NPM_LS.includes(args[0] ?? "")) {
    const bad = args
      .slice(1)
      .find(
        (a) =>
          a.startsWith("-") &&
          !/^--?(all|a|json|long|l|parseable|p|depth(=\d+)?|prod|production|dev|development|omit=\w+|include=\w+|link|global|g|unicode|no-unicode|package-lock-only)$/.test(
            a,
          ),
      );
    return bad ? `npm ls ${bad} is not auto-run.` : { paths: [] };
  }
  return {
    unlisted:
      "Only `npm ls` and `npm --version` run without asking (other npm commands run scripts or use the network).",
  };
};

const checkCommandQuery: ProgramCheck = (args) =>
  args.length >= 2 && (args[0] === "-v" || args[0] === "-V") && args.slice(1).every((a) => !a.startsWith("-"))
    ? { paths: [] }
    : "`command` runs its argument; only `command -v NAME` runs without asking.";

const SPECIAL: Record<string, ProgramCheck> = { git: checkGit, npm: checkNpm, command: checkCommandQuery };

function genericCheck(rule: CommandRule, args: readonly string[]): ReturnType<ProgramCheck> {
  const parsed = parseArgs(args, rule.syntax ?? {});
  if (rule.only) {
    const bad = parsed.options.find((o) => !rule.only?.includes(o.name));
    if (bad) return `The option ${bad.name} is not on this command's read-only list.`;
  }
  const denied = findDenied(parsed, rule.deny ?? []);
  if (denied) return `The option ${denied} can write files, run programs or never finish.`;
  const operands = parsed.operands;
  if (rule.maxOperands !== undefined && operands.length > rule.maxOperands) {
    return `With more than ${rule.maxOperands} operand(s) this command writes to a file or changes settings.`;
  }
  const mode = rule.operands ?? "paths";
  const textCount = rule.leadingText && !hasOption(parsed, rule.textFrom ?? []) ? rule.leadingText : 0;
  const paths: string[] = [];
  for (const op of operands.slice(0, textCount)) {
    const bad = rule.validateText?.(op);
    if (bad) return bad;
  }
  operands.forEach((op, i) => {
    if (i < textCount) return;
    if (mode === "paths" || (mode === "pathlike" && looksLikePath(op))) paths.push(op);
  });
  for (const o of parsed.options) {
    // Checking every value costs nothing for plain words (they resolve inside the workspace) and catches
    // option values that name files, including symlinks that lead out.
    if (o.value !== undefined && !TEXT_VALUED.has(o.name)) paths.push(o.value);
  }
  return { paths };
}

/** System files outside the workspace that hold no secrets and are commonly read to learn about the machine. */
const SAFE_SYSTEM_FILES = new Set([
  "/dev/null",
  "/etc/os-release",
  "/usr/lib/os-release",
  "/etc/lsb-release",
  "/etc/debian_version",
  "/etc/redhat-release",
  "/etc/alpine-release",
  "/etc/hostname",
  "/etc/timezone",
  "/etc/shells",
  "/proc/cpuinfo",
  "/proc/meminfo",
  "/proc/version",
  "/proc/loadavg",
  "/proc/uptime",
]);

function checkPaths(paths: readonly string[], roots: PathRoots, bases: readonly string[]): string | null {
  for (const p of paths) {
    if (p === "-" || p === "" || (path.isAbsolute(p) && SAFE_SYSTEM_FILES.has(path.normalize(p)))) continue;
    if (isCredentialFile(p)) {
      return `${p} may contain credentials; reading it needs your approval.`;
    }
    for (const base of bases) {
      const result = checkPath(path.resolve(base, p), roots);
      if (!result.ok) return result.reason;
    }
  }
  return null;
}

/** Evaluates one command's source words. `bases` are the directories relative paths may resolve from. */
export function evaluateCommand(
  sources: readonly string[],
  roots: PathRoots,
  bases: readonly string[],
  inputSources: readonly string[] = [],
): Evaluation {
  const inputs: string[] = [];
  for (const src of inputSources) {
    const decoded = decodeWord(src);
    if (!decoded.ok) return decoded;
    if (decoded.word.glob) return { ok: false, reason: "An input redirection from a glob asks." };
    inputs.push(decoded.word.value);
  }
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/.test(sources[0] ?? "")) {
    return {
      ok: false,
      reason: "The command name is quoted, escaped or a path; only plain names run without asking.",
    };
  }
  const argv: string[] = [];
  for (const [index, src] of sources.entries()) {
    const decoded = decodeWord(src);
    if (!decoded.ok) return decoded;
    const { value, glob } = decoded.word;
    if (!glob) {
      argv.push(value);
      continue;
    }
    if (index === 0) return { ok: false, reason: "The command name contains a glob." };
    if (bases.length > 1) return { ok: false, reason: "A glob after `cd` cannot be checked in advance." };
    const expanded = expandGlob(glob, bases[0] as string);
    if (!expanded) return { ok: false, reason: `The glob ${value} matches too many files to check.` };
    // An unmatched glob stays the literal word (bash without nullglob), which is what the rule then sees.
    if (expanded.optionLike)
      return {
        ok: false,
        reason: `The glob ${value} can expand to "${expanded.optionLike}", which would be read as an option.`,
      };
    argv.push(...expanded.words);
  }
  const [name, ...args] = argv as [string, ...string[]];
  if (name.includes("/")) return { ok: false, reason: "Programs given by path are not auto-run." };
  if (name === "cd") {
    const target = args[0];
    if (args.length !== 1 || target === undefined || target.startsWith("-")) {
      return { ok: false, reason: "cd without a workspace folder (home, -, options) asks." };
    }
    const reason = checkPaths([target, ...inputs], roots, bases);
    return reason ? { ok: false, reason } : { ok: true, cd: target };
  }
  const rule = RULES[name];
  const check = SPECIAL[name] ?? rule?.check;
  const result =
    !check && !rule
      ? { unlisted: `${name} is not on the read-only allowlist.` }
      : check
        ? check(args)
        : genericCheck(rule as CommandRule, args);
  if (typeof result === "string") return { ok: false, reason: result };
  if (name === "git") {
    for (const base of bases) {
      const risk = gitConfigRisk(base, roots.cwd);
      if (risk) return { ok: false, reason: risk };
    }
  }
  if ("unlisted" in result) {
    // Unknown semantics, so every path-like word (operands and option values) must stay inside the workspace
    // and name no credential file; only then is "not on the list" the sole objection.
    const pathLike = args.flatMap((a) => {
      const value = /^--?[^=]+=(.*)$/s.exec(a)?.[1] ?? a;
      return looksLikePath(value) ? [value] : [];
    });
    const outside = checkPaths([...pathLike, ...inputs], roots, bases);
    return outside ? { ok: false, reason: outside } : { ok: false, reason: result.unlisted, unlisted: true };
  }
  const reason = checkPaths([...result.paths, ...inputs], roots, bases);
  if (reason) return { ok: false, reason };
  if (SEARCHES.has(name)) {
    for (const base of bases) {
      const secret = searchReachesSecrets(name, args, base);
      if (secret) return { ok: false, reason: secret };
    }
  }
  return { ok: true };
}
