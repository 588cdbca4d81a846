// The shell policy: deny (hard block, never runs), auto (provably read-only) or ask. Hard blocks are checked
// first and on every input, so a cap or a parse error can only turn "auto" into "ask", never hide a block.
// Given a loaded parser the classification is synchronous; it reads the file system only to resolve paths,
// expand globs and look at the repository's git config.
import path from "node:path";
import type { PathRoots } from "../../utils/path-policy.js";
import { findHardBlock } from "./blocks.js";
import { evaluateCommand } from "./evaluate.js";
import { type CommandFacts, commandFacts } from "./facts.js";
import { loadShellParser, type ShellParser } from "./parser.js";
import { screenCharacters } from "./screen.js";
import { extractCommands, type Structure } from "./structure.js";
import { decodeWord } from "./words.js";

export interface ShellVerdict {
  decision: "deny" | "auto" | "ask";
  reason: string;
  /**
   * "ask" only: every objection is "not on the read-only list" (no denied option, outside path, credential file,
   * config risk or unparsable structure). A skill's allowed-tools or a prefix allow rule may lift only these.
   */
  onlyUnlisted?: boolean;
  /** Every command's decoded words and why the command is opaque, for deny rules (absent for empty input). */
  facts?: CommandFacts;
  /** A command prefix the user may approve for the rest of the session ("npm test", "git commit"). */
  prefix?: string;
  /**
   * Auto only: the text to run instead of the command, when hardening flags were added (git log/show/diff/blame
   * get --no-textconv --no-ext-diff, so no configured driver can start, whatever the config says by then).
   */
  run?: string;
}

/** git subcommands that render diffs or blame through textconv and external diff drivers. */
const GIT_DIFFERS = new Set([
  "log",
  "show",
  "diff",
  "whatchanged",
  "blame",
  "annotate",
  "diff-tree",
  "diff-index",
  "diff-files",
]);

/** Inserts the flags after the subcommand of each auto-run git command that renders diffs. */
function hardenGit(command: string, structure: Extract<Structure, { ok: true }>): string {
  const inserts: number[] = [];
  structure.commands.forEach((words, i) => {
    if (words[0] !== "git") return;
    const at = words.findIndex((w, j) => j > 0 && !w.startsWith("-"));
    const sub = decodeWord(words[at] ?? "");
    const end = structure.ends[i]?.[at];
    if (sub.ok && GIT_DIFFERS.has(sub.word.value) && end !== undefined) inserts.push(end);
  });
  let out = command;
  for (const end of inserts.sort((a, b) => b - a)) {
    out = `${out.slice(0, end)} --no-textconv --no-ext-diff${out.slice(end)}`;
  }
  return out;
}

/** Beyond this size a command is not even parsed for hard blocks, so it can never run. */
export const MAX_CHECKABLE_LENGTH = 1_000_000;

// biome-ignore format: a compact table is easier to review
const MULTI_LEVEL = new Set([
  "git", "npm", "pnpm", "yarn", "bun", "npx", "cargo", "go", "docker", "podman", "kubectl", "make", "pip", "pip3",
  "uv", "poetry", "dotnet", "gradle", "mvn", "deno", "rustup", "brew", "apt", "apt-get", "helm", "terraform", "gh",
  "systemctl", "composer", "bundle", "rake", "mix", "swift", "nx", "turbo", "just", "task", "pipenv", "conda",
]);
const RUNNERS = new Set(["npm", "pnpm", "yarn", "bun"]);

function suggestPrefix(structure: Structure): string | undefined {
  if (!structure.ok || structure.commands.length !== 1) return undefined;
  const words: string[] = [];
  for (const src of structure.commands[0] ?? []) {
    const d = decodeWord(src);
    if (!d.ok || d.word.glob) break;
    words.push(d.word.value);
  }
  const [name, first, second] = words;
  if (!name) return undefined;
  if (!MULTI_LEVEL.has(name) || !first || first.startsWith("-")) return name;
  if (RUNNERS.has(name) && (first === "run" || first === "run-script") && second && !second.startsWith("-")) {
    return `${name} ${first} ${second}`;
  }
  return `${name} ${first}`;
}

/** Classifies with an already loaded parser (synchronous). */
export function classifyWithParser(parser: ShellParser, command: string, roots: PathRoots): ShellVerdict {
  if (command.trim() === "") return { decision: "ask", reason: "The command is empty." };
  if (command.length > MAX_CHECKABLE_LENGTH) {
    return {
      decision: "deny",
      reason: `The command is over ${MAX_CHECKABLE_LENGTH} characters and cannot be checked.`,
    };
  }
  const reparse = (source: string, depth: number): string | null =>
    depth > 6 ? null : parser.withTree(source, (root) => findHardBlock(root, source, reparse, depth));
  // One parse serves both the verdict and the facts deny rules match (the decoded words of every command).
  let facts: CommandFacts | undefined;
  const scan = parser.withTree(command, (root) => {
    facts = commandFacts(root);
    const block = findHardBlock(root, command, reparse, 0);
    return block ? { block } : { structure: extractCommands(root) };
  });
  const verdict = judge(scan, command, roots);
  return facts ? { ...verdict, facts } : verdict;
}

function judge(
  scan: { block: string } | { structure: Structure },
  command: string,
  roots: PathRoots,
): ShellVerdict {
  if ("block" in scan) return { decision: "deny", reason: `Blocked: ${scan.block}` };
  const { structure } = scan;
  const prefix = suggestPrefix(structure);
  const withPrefix = (reason: string): ShellVerdict =>
    prefix ? { decision: "ask", reason, prefix } : { decision: "ask", reason };
  const screened = screenCharacters(command);
  if (screened) return { decision: "ask", reason: screened };
  if (!structure.ok) return withPrefix(structure.reason);
  let bases: string[] = [roots.cwd];
  const names: string[] = [];
  // Every command is judged, even after an unlisted one, so a later outside path is never hidden behind it.
  let unlisted: string | undefined;
  for (const [index, words] of structure.commands.entries()) {
    const result = evaluateCommand(words, roots, bases, structure.inputs[index] ?? []);
    if (!result.ok && !result.unlisted) return withPrefix(result.reason);
    if (!result.ok) unlisted ??= result.reason;
    if (result.ok && result.cd !== undefined) {
      const cd = result.cd;
      bases = [...new Set([...bases, ...bases.map((b) => path.resolve(b, cd))])];
    }
    const name = decodeWord(words[0] ?? "");
    if (name.ok && !names.includes(name.word.value)) names.push(name.word.value);
  }
  if (unlisted) return { ...withPrefix(unlisted), onlyUnlisted: true };
  const verdict: ShellVerdict = { decision: "auto", reason: `Read-only: ${names.join(", ")}.` };
  const run = hardenGit(command, structure);
  return run === command ? verdict : { ...verdict, run };
}

/** Classifies a command; loads the bash grammar on first use. */
export async function classifyCommand(command: string, roots: PathRoots): Promise<ShellVerdict> {
  return classifyWithParser(await loadShellParser(), command, roots);
}
