// The read-only allowlist as data: one entry per command with its option syntax, the options that make it
// write or execute (deny → ask), how its operands are treated (paths get the containment check) and, where a
// command has a little language of its own (sed, awk, find, date), a validator from programs.ts.
// A command not in this table is never auto-run.
import type { OptionSyntax } from "./argv.js";
import { checkAwk } from "./awk.js";
import {
  checkDate,
  checkFind,
  checkPip,
  checkTest,
  checkVersionQuery,
  type ProgramCheck,
} from "./programs.js";
import { checkSed } from "./sed.js";

export type OperandKind = "paths" | "text" | "pathlike";

export interface CommandRule {
  syntax?: OptionSyntax;
  /** Options that write, execute or escape (an entry "--output" also catches "--out=…"). */
  deny?: readonly string[];
  /** When set, every option must be one of these (for commands whose other options are risky). */
  only?: readonly string[];
  operands?: OperandKind;
  /** The first N operands are text (a pattern, script or filter) unless one of `textFrom` options is given. */
  leadingText?: number;
  textFrom?: readonly string[];
  maxOperands?: number;
  /** Validates the leading text operands (a filter or pattern); returns a reason to ask. */
  validateText?: (text: string) => string | null;
  /** A command with its own language: replaces the generic handling; returns a reason to ask or the paths. */
  check?: ProgramCheck;
}

// biome-ignore format: a compact table is easier to review
const grepSyntax: OptionSyntax = {
  shortValue: "efmABCdDX",
  longValue: [
    "--regexp", "--file", "--max-count", "--after-context", "--before-context", "--context", "--directories",
    "--devices", "--exclude", "--include", "--exclude-dir", "--exclude-from", "--label", "--binary-files",
  ],
};
// -R / --dereference-recursive follow symlinks, which can lead out of the workspace (-r does not).
const grep: CommandRule = {
  syntax: grepSyntax,
  deny: ["-R", "--dereference-recursive"],
  leadingText: 1,
  textFrom: ["-e", "-f", "--regexp", "--file"],
};

// biome-ignore format: a compact table is easier to review
const rg: CommandRule = {
  syntax: {
    shortValue: "efgtTmABCMjdErE",
    longValue: [
      "--regexp", "--file", "--glob", "--iglob", "--type", "--type-not", "--type-add", "--type-clear",
      "--max-count", "--after-context", "--before-context", "--context", "--max-columns", "--threads",
      "--max-depth", "--max-filesize", "--encoding", "--sort", "--sortr", "--color", "--colors",
      "--path-separator", "--context-separator", "--field-match-separator", "--field-context-separator",
      "--replace", "--ignore-file", "--engine", "--dfa-size-limit", "--regex-size-limit", "--max-columns-preview",
      "--generate",
    ],
  },
  deny: ["--pre", "--pre-glob", "--hostname-bin", "-z", "--search-zip", "-L", "--follow"],
  leadingText: 1,
  textFrom: ["-e", "-f", "--regexp", "--file", "--files", "--type-list", "--version", "--help", "-h", "-V"],
};

// biome-ignore format: a compact table is easier to review
const ls: CommandRule = {
  syntax: {
    shortValue: "IwT",
    longValue: ["--hide", "--ignore", "--width", "--tabsize", "--block-size", "--format", "--sort", "--time",
      "--time-style", "--quoting-style", "--indicator-style"],
  },
  // -L follows every symlink met while listing (with -R into whatever a committed link points at).
  deny: ["-L", "--dereference"],
};

// biome-ignore format: a compact table is easier to review
const headTail: CommandRule = {
  syntax: { shortValue: "ncs", longValue: ["--lines", "--bytes", "--sleep-interval", "--pid", "--max-unchanged-stats"] },
  // Following a file never ends on its own: it would sit until the timeout.
  deny: ["-f", "-F", "--follow", "--retry", "--pid"],
};

const find: CommandRule = { check: checkFind };
const sed: CommandRule = { check: checkSed };
const awk: CommandRule = { check: checkAwk };

// biome-ignore format: a compact table is easier to review
const sort: CommandRule = {
  syntax: {
    shortValue: "koStT",
    longValue: ["--key", "--output", "--buffer-size", "--field-separator", "--temporary-directory", "--parallel",
      "--files0-from", "--batch-size", "--compress-program", "--random-source", "--sort"],
  },
  // --files0-from reads the names of the files to sort from a file, so those names escape the path check.
  deny: ["-o", "--output", "--compress-program", "-T", "--temporary-directory", "--files0-from"],
};

const text: CommandRule = { operands: "text" };
const noOperands: CommandRule = { operands: "text", maxOperands: 0 };
const plain: CommandRule = {};

// biome-ignore format: a compact table is easier to review
const jq: CommandRule = {
  syntax: { shortValue: "fL", longValue: ["--from-file", "--indent", "--arg", "--argjson", "--slurpfile", "--rawfile"] },
  leadingText: 1,
  textFrom: ["-f", "--from-file", "--version", "--help", "-h"],
  // --args/--jsonargs turn the remaining operands into values, which this rule would misread as paths.
  deny: ["--args", "--jsonargs", "--arg", "--argjson", "--slurpfile", "--rawfile"],
  // Modules are read from search paths outside the workspace.
  validateText: (filter) => {
    if (/\b(import|include)\b/.test(filter)) return "jq import/include reads modules from outside the workspace.";
    // `env` and `$ENV` print the environment, which `env` the command would ask for.
    if (/(^|[^.\w$])env\b|\$ENV\b/.test(filter)) return "jq env/$ENV prints the environment.";
    return null;
  },
};

// biome-ignore format: a compact table is easier to review
export const RULES: Readonly<Record<string, CommandRule>> = {
  ls, dir: ls, vdir: ls,
  cat: { syntax: {} }, tac: plain, nl: { syntax: { shortValue: "bdfhilnsvw" } }, rev: plain,
  head: headTail, tail: headTail,
  wc: { deny: ["--files0-from"] },
  grep, egrep: grep, fgrep: grep,
  rg,
  find,
  fd: {
    syntax: {
      shortValue: "edtEScjg",
      longValue: ["--extension", "--max-depth", "--min-depth", "--exact-depth", "--type", "--exclude", "--size",
        "--color", "--threads", "--ignore-file", "--changed-within", "--changed-before", "--owner",
        "--base-directory", "--search-path", "--max-results", "--path-separator", "--format", "--and"],
    },
    deny: ["-x", "--exec", "-X", "--exec-batch", "-l", "--list-details", "-L", "--follow"],
    leadingText: 1,
  },
  sed, awk, gawk: awk, mawk: awk, nawk: awk,
  sort,
  uniq: { syntax: { shortValue: "fsw", longValue: ["--skip-fields", "--skip-chars", "--check-chars", "--group", "--all-repeated"] }, maxOperands: 1 },
  cut: { syntax: { shortValue: "bcfd", longValue: ["--bytes", "--characters", "--fields", "--delimiter", "--output-delimiter"] } },
  tr: text,
  paste: { syntax: { shortValue: "d", longValue: ["--delimiters"] } },
  join: { syntax: { shortValue: "toej12", longValue: [] }, maxOperands: 2 },
  comm: { maxOperands: 2 },
  fold: { syntax: { shortValue: "w", longValue: ["--width"] } },
  fmt: { syntax: { shortValue: "wpg", longValue: ["--width", "--prefix", "--goal"] } },
  expand: { syntax: { shortValue: "t", longValue: ["--tabs"] } },
  unexpand: { syntax: { shortValue: "t", longValue: ["--tabs"] } },
  column: { syntax: { shortValue: "cstoNRHWdEl", longValue: ["--table-columns", "--separator", "--output-separator", "--output-width", "--table-name"] } },
  diff: {
    syntax: {
      shortValue: "CUFIXxWSL",
      longValue: ["--context", "--unified", "--show-function-line", "--ignore-matching-lines", "--exclude-from",
        "--exclude", "--width", "--starting-file", "--label", "--tabsize", "--from-file", "--to-file", "--color",
        "--palette", "--line-format", "--old-line-format", "--new-line-format", "--unchanged-line-format",
        "--horizon-lines"],
    },
    // GNU diff follows symlinks while recursing, which can lead out of the workspace.
    deny: ["-r", "--recursive"],
  },
  cmp: { syntax: { shortValue: "in", longValue: ["--ignore-initial", "--bytes"] }, maxOperands: 4 },
  file: { syntax: { shortValue: "mfFeP", longValue: ["--magic-file", "--files-from", "--separator", "--exclude", "--parameter"] }, deny: ["-C", "--compile", "-z", "-Z", "--uncompress", "--uncompress-noreport", "-f", "--files-from"] },
  stat: { syntax: { shortValue: "cf", longValue: ["--format", "--printf"] } },
  du: { syntax: { shortValue: "dBtX", longValue: ["--max-depth", "--block-size", "--threshold", "--exclude", "--exclude-from", "--files0-from", "--time", "--time-style"] },
    // -L follows symlinks met while walking, so a committed link to ~ would be measured and listed.
    deny: ["--files0-from", "-L", "--dereference"] },
  df: { syntax: { shortValue: "tBx", longValue: ["--type", "--block-size", "--exclude-type", "--output"] } },
  tree: {
    syntax: { shortValue: "LPIHToU", longValue: ["--filelimit", "--charset", "--sort", "--timefmt", "--fromfile", "--prune"] },
    // -l follows symlinks to directories (a committed link into ~ would be listed).
    deny: ["-o", "-R", "--fromfile", "-l"],
  },
  pwd: noOperands, whoami: noOperands, id: text, groups: text, uname: noOperands, uptime: noOperands,
  nproc: noOperands, arch: noOperands, logname: noOperands, tty: noOperands, locale: text, cal: text,
  hostname: { operands: "text", maxOperands: 0, only: ["-s", "--short", "-f", "--fqdn", "-d", "--domain", "-i", "-I", "-A"] },
  date: { check: checkDate },
  // ps is left out on purpose: `ps e` prints other processes' environments, including this agent's keys.
  free: noOperands,
  which: text, whereis: text, type: text,
  echo: text, printf: { operands: "text", deny: ["-v"] },
  basename: text, dirname: text, realpath: plain, readlink: plain,
  true: text, false: text, test: { check: checkTest }, sleep: { operands: "text", maxOperands: 1 },
  seq: text, expr: text,
  jq,
  md5sum: plain, sha1sum: plain, sha224sum: plain, sha256sum: plain, sha384sum: plain, sha512sum: plain,
  b2sum: plain, cksum: plain, sum: plain,
  base64: { syntax: { shortValue: "w", longValue: ["--wrap"] }, deny: ["-o", "--output", "-i", "--input"], maxOperands: 1 },
  xxd: { syntax: { shortValue: "lcgsoen", longValue: [] }, maxOperands: 1 },
  hexdump: { syntax: { shortValue: "nsef", longValue: [] } },
  od: { syntax: { shortValue: "AtNjwS", longValue: ["--address-radix", "--format", "--read-bytes", "--skip-bytes", "--width", "--strings"] } },
  strings: { syntax: { shortValue: "ntTe", longValue: ["--bytes", "--radix", "--encoding", "--target"] } },
  node: { check: checkVersionQuery(["--version", "-v"]) },
  python: { check: checkVersionQuery(["--version", "-V"]) },
  python3: { check: checkVersionQuery(["--version", "-V"]) },
  tsc: { check: checkVersionQuery(["--version", "-v"]) },
  // Version queries that read no project file. Left out on purpose: cargo/rustc (rust-toolchain.toml may name a
  // toolchain path inside the repo), go (go.mod may download a toolchain), yarn/pnpm (yarnPath, packageManager).
  java: { check: checkVersionQuery(["-version", "--version"]) },
  javac: { check: checkVersionQuery(["-version", "--version"]) },
  ruby: { check: checkVersionQuery(["--version"]) },
  perl: { check: checkVersionQuery(["--version", "-v"]) },
  gcc: { check: checkVersionQuery(["--version"]) }, "g++": { check: checkVersionQuery(["--version"]) },
  cc: { check: checkVersionQuery(["--version"]) }, clang: { check: checkVersionQuery(["--version"]) },
  make: { check: checkVersionQuery(["--version", "-v"]) }, cmake: { check: checkVersionQuery(["--version"]) },
  deno: { check: checkVersionQuery(["--version", "-V"]) }, docker: { check: checkVersionQuery(["--version", "-v"]) },
  bash: { check: checkVersionQuery(["--version"]) }, zsh: { check: checkVersionQuery(["--version"]) },
  // Socket listings; ss -K kills sockets, -D writes a dump, -F reads a filter file.
  ss: { operands: "text", deny: ["-K", "--kill", "-D", "--diag", "-F", "--filter"] },
  netstat: { operands: "text" },
  pip: { check: checkPip }, pip3: { check: checkPip },
  lsb_release: noOperands, sw_vers: noOperands, lscpu: noOperands, getconf: text,
};

/** Option values that are never paths even when they contain "/" (date formats, separators, regexes). */
export const TEXT_VALUED = new Set([
  "-e",
  "--regexp",
  "-d",
  "--delimiter",
  "--format",
  "--printf",
  "-c",
  "-t",
  "-F",
  "-I",
]);
