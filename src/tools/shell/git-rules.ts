// git's read-only surface as data: which subcommands may run without asking and with which options. No global
// options before the subcommand (-c, -C, --git-dir, --work-tree, --exec-path, --config-env … all ask), and
// nothing that writes files, runs external diff/textconv drivers, pages through a program or touches the network.
import { findDenied, hasOption, type ParsedArgs, parseArgs } from "./argv.js";
import type { ProgramCheck } from "./programs.js";

// biome-ignore format: a compact table is easier to review
const LOG_VALUES = [
  "-n", "--max-count", "--skip", "--since", "--after", "--until", "--before", "--author", "--committer", "--grep",
  "-S", "-G", "--format", "--pretty", "--date", "--abbrev", "--diff-filter", "-L", "--encoding", "--decorate-refs",
  "--decorate-refs-exclude", "-U", "--unified", "--stat-width", "--relative", "-O", "--color", "--word-diff",
  "--word-diff-regex", "--find-renames", "-M", "-C", "--inter-hunk-context", "--anchored", "--exclude",
  "--glob", "--branches", "--tags", "--remotes", "--min-parents", "--max-parents", "--submodule", "--src-prefix",
  "--dst-prefix", "--line-prefix", "--stat", "--dirstat", "--ws-error-highlight", "--diff-algorithm",
];
// biome-ignore format: a compact table is easier to review
const COMMON_DENY = [
  "--output", "--output-directory", "--ext-diff", "--textconv", "--no-index", "--exec", "--upload-pack",
  "--receive-pack", "--show-signature", "--paginate", "--open-files-in-pager",
];

interface GitRule {
  /** Options that take a separate value. */
  values?: readonly string[];
  deny?: readonly string[];
  /** Extra validation on the parsed args; returns a reason to ask. */
  /** A reason to ask, or `unlisted` when the call is a write form (a new branch or tag) of a listing command. */
  check?: (parsed: ParsedArgs) => string | { unlisted: string } | null;
  /** Operands are revisions or patterns, not paths (still, path-looking ones are checked). */
  operandsAreRefs?: boolean;
}

const SHORT_VALUES = "nSGLUOMCe";

const listOnly =
  (allowed: readonly string[], listFlags: readonly string[], what: string) =>
  (parsed: ParsedArgs): { unlisted: string } | null => {
    for (const o of parsed.options) {
      if (
        !allowed.some((a) => o.name === a || (a.startsWith("--") && o.name.startsWith("--") && a === o.name))
      ) {
        if (!/^--(no-)?(color|column|abbrev)$/.test(o.name)) {
          return { unlisted: `git ${what} ${o.name} changes refs; only listing runs without asking.` };
        }
      }
    }
    if (parsed.operands.length > 0 && !hasOption(parsed, listFlags)) {
      return {
        unlisted: `git ${what} with a name creates or changes a ${what}; only listing runs without asking.`,
      };
    }
    return null;
  };

// biome-ignore format: a compact table is easier to review
const BRANCH_OK = ["-a", "--all", "-r", "--remotes", "-l", "--list", "-v", "-vv", "--verbose", "--show-current",
  "--contains", "--no-contains", "--merged", "--no-merged", "--points-at", "--sort", "--format", "-i",
  "--ignore-case", "--omit-empty", "-q", "--quiet"];
// biome-ignore format: a compact table is easier to review
const TAG_OK = ["-l", "--list", "-n", "--contains", "--no-contains", "--merged", "--no-merged", "--points-at",
  "--sort", "--format", "-i", "--ignore-case", "--omit-empty"];

const subcommandOnly =
  (allowed: readonly string[], what: string, defaultOk: boolean) =>
  (parsed: ParsedArgs): { unlisted: string } | null => {
    const sub = parsed.operands[0];
    if (sub === undefined)
      return defaultOk ? null : { unlisted: `git ${what} needs a read-only subcommand.` };
    return allowed.includes(sub) ? null : { unlisted: `git ${what} ${sub} is not a read-only subcommand.` };
  };

const log: GitRule = { values: LOG_VALUES, operandsAreRefs: true };

// biome-ignore format: a compact table is easier to review
export const GIT_RULES: Readonly<Record<string, GitRule>> = {
  status: {},
  log, show: log, diff: log, whatchanged: log, shortlog: log,
  "diff-tree": log, "diff-index": log, "diff-files": log, "range-diff": log, cherry: log,
  blame: { values: ["-L", "-S", "--contents", "--ignore-rev", "--ignore-revs-file", "-C", "-M", "--abbrev", "--date"], operandsAreRefs: true },
  annotate: { values: ["-L"], operandsAreRefs: true },
  grep: {
    values: ["-e", "-f", "-A", "-B", "-C", "-m", "--max-depth", "--threads", "--max-count", "--context"],
    // -O runs a pager program; --untracked / --no-exclude-standard reach files git does not track (a .env).
    deny: ["-O", "--open-files-in-pager", "--untracked", "--no-exclude-standard"],
    operandsAreRefs: true,
  },
  "ls-files": { values: ["-x", "--exclude", "-X", "--exclude-from", "--exclude-per-directory", "--with-tree", "--format", "--abbrev"] },
  "ls-tree": { values: ["--format", "--abbrev"], operandsAreRefs: true },
  "cat-file": { deny: ["--filters", "--textconv", "--path"], operandsAreRefs: true },
  "rev-parse": { operandsAreRefs: true },
  "rev-list": { values: LOG_VALUES, operandsAreRefs: true },
  describe: { values: ["--match", "--exclude", "--abbrev", "--candidates"], operandsAreRefs: true },
  "name-rev": { operandsAreRefs: true },
  "merge-base": { operandsAreRefs: true },
  "show-ref": { operandsAreRefs: true },
  "for-each-ref": { values: ["--format", "--sort", "--count", "--points-at", "--merged", "--no-merged", "--contains"], operandsAreRefs: true },
  "count-objects": {},
  "check-ignore": {},
  "check-attr": { operandsAreRefs: true },
  "verify-pack": {},
  version: {},
  branch: { values: ["--contains", "--no-contains", "--merged", "--no-merged", "--points-at", "--sort", "--format"], check: listOnly(BRANCH_OK, ["-l", "--list"], "branch"), operandsAreRefs: true },
  tag: { values: ["--contains", "--no-contains", "--merged", "--no-merged", "--points-at", "--sort", "--format"], check: listOnly(TAG_OK, ["-l", "--list"], "tag"), operandsAreRefs: true },
  remote: {
    operandsAreRefs: true,
    check: (parsed) => {
      if (parsed.options.some((o) => o.name !== "-v" && o.name !== "--verbose")) return "git remote with these options changes remotes.";
      const [sub, ...rest] = parsed.operands;
      if (sub === undefined) return null;
      if (sub === "get-url" && rest.length <= 1) return null;
      return `git remote ${sub} changes remotes or contacts the network.`;
    },
  },
  stash: { values: LOG_VALUES, check: subcommandOnly(["list", "show"], "stash", false), operandsAreRefs: true },
  worktree: { check: subcommandOnly(["list"], "worktree", false) },
  reflog: { values: LOG_VALUES, check: (p) => (["expire", "delete", "write", "drop"].includes(p.operands[0] ?? "") ? "git reflog expire/delete changes the reflog." : null), operandsAreRefs: true },
  "symbolic-ref": {
    check: (p) => (p.operands.length > 1 || hasOption(p, ["-d", "--delete"]) ? "git symbolic-ref with a target changes a ref." : null),
    operandsAreRefs: true,
  },
  config: {
    operandsAreRefs: true,
    check: (p) => {
      // Listings print every setting, tokens in remote URLs and credential settings included.
      const listing = ["-l", "--list", "--get-regexp", "--get-urlmatch"];
      if (p.operands[0] === "list" || p.options.some((o) => listing.includes(o.name))) {
        return "git config listings print every setting, including tokens and credentials; it asks.";
      }
      const readFlags = ["--get", "--get-all", "--show-origin", "--show-scope", "--local", "--global", "--system",
        "--worktree", "-z", "--null", "--type", "--bool", "--int", "--path", "--includes", "--no-includes"];
      const bad = p.options.find((o) => !readFlags.includes(o.name));
      if (bad) return `git config ${bad.name} may change configuration.`;
      const keys = p.operands[0] === "get" ? p.operands.slice(1) : p.operands;
      if (keys.length !== 1) return "git config with a value sets configuration.";
      if (/url|token|pass|secret|auth|header|credential|cookie|helper/i.test(keys[0] ?? "")) {
        return `git config ${keys[0]} may print a credential; it asks.`;
      }
      return null;
    },
  },
};

/** Option values that are patterns, formats or dates, never files. */
const GIT_TEXT_VALUES = new Set([
  "--format",
  "--pretty",
  "--grep",
  "-S",
  "-G",
  "--author",
  "--committer",
  "--date",
  "--since",
  "--until",
  "--before",
  "--after",
  "--word-diff-regex",
  "--decorate-refs",
  "--decorate-refs-exclude",
  "--glob",
  "--exclude",
  "--branches",
  "--tags",
  "--remotes",
  "-e",
  "--match",
  "--sort",
  "-L",
  "--line-prefix",
  "--src-prefix",
  "--dst-prefix",
  "-x",
]);

const GLOBAL_OK = ["--no-pager", "-P", "--no-optional-locks", "--literal-pathspecs", "--no-replace-objects"];

/** Validates a git argv (without the leading "git"). */
export const checkGit: ProgramCheck = (args) => {
  let i = 0;
  while (i < args.length && (args[i] as string).startsWith("-")) {
    const opt = args[i] as string;
    if (opt === "--version" && args.length === 1) return { paths: [] };
    if (!GLOBAL_OK.includes(opt))
      return `git global option ${opt} can change which repository or config is used.`;
    i++;
  }
  const sub = args[i];
  if (sub === undefined) return "git without a subcommand is not auto-run.";
  const rule = GIT_RULES[sub];
  const rest = args.slice(i + 1);
  if (rest.some((a) => /^--(output|ext-diff|textconv|no-index|exec|upload-pack|receive-pack)(=|$)/.test(a))) {
    return `git ${sub} with that option writes files or runs external programs.`;
  }
  if (!rule) return { unlisted: `git ${sub} is not a read-only git subcommand.` };
  const parsed = parseArgs(rest, { shortValue: SHORT_VALUES, longValue: rule.values ?? [] });
  const denied = findDenied(parsed, [...COMMON_DENY, ...(rule.deny ?? [])]);
  if (denied) return `git ${sub} ${denied} writes files, runs programs or uses the network.`;
  const reason = rule.check?.(parsed);
  if (reason) return reason;
  const paths = parsed.operands.filter(
    (op) => !rule.operandsAreRefs || op.includes("/") || op.startsWith("."),
  );
  for (const o of parsed.options) {
    if (o.value !== undefined && !GIT_TEXT_VALUES.has(o.name)) paths.push(o.value);
  }
  return { paths };
};
