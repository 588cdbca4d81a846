// Project instructions from AGENTS.md files, loaded once per session into the stable system prompt: the global
// file in the user config dir, then one file per folder from the git root down to the cwd (deeper files last,
// so they take precedence), CLAUDE.md where a folder has no AGENTS.md. A total size cap keeps the prompt
// bounded; what is cut is named so the model can read it on demand. A file is loaded only when its real path
// stays inside the repository (the global one: inside the config folder), so a committed
// `AGENTS.md -> ~/.ssh/id_rsa` or `-> /proc/self/environ` never reaches the prompt. Reads files; holds no state.
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { isWithin } from "../utils/path-policy.js";

export const DEFAULT_INSTRUCTIONS_MAX_BYTES = 32 * 1024;

export interface ProjectInstructions {
  /** Concatenated files, each wrapped in <project_instructions path="…">; "" when there are none. */
  text: string;
  /** Absolute paths of the files included (fully or cut), in prompt order. */
  files: string[];
  /** Size-cap and read problems, for the user (TUI notice, headless stderr). */
  warnings: string[];
}

export interface LoadInstructionsOptions {
  cwd: string;
  /** The user config dir (e.g. ~/.config/protoagent); its AGENTS.md is the global file. */
  configDir: string;
  maxBytes?: number;
}

/** The nearest ancestor of `cwd` (itself included) holding `.git` (a folder, or a file in worktrees). */
export function findGitRoot(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The git root (or cwd outside a repository): project instruction files must resolve inside it. */
function projectRoot(cwd: string): string {
  const leaf = path.resolve(cwd);
  return findGitRoot(leaf) ?? leaf;
}

/** Folders from the git root down to cwd (just cwd outside a repository). */
function foldersToScan(cwd: string): string[] {
  const leaf = path.resolve(cwd);
  const root = projectRoot(leaf);
  const folders = [leaf];
  for (let dir = leaf; dir !== root; ) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    folders.unshift(parent);
    dir = parent;
  }
  return folders;
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

function instructionFile(folder: string): string | null {
  for (const name of ["AGENTS.md", "CLAUDE.md"]) {
    const file = path.join(folder, name);
    if (isFile(file)) return file;
  }
  return null;
}

/** Cuts UTF-8 text to at most `bytes` bytes without splitting a character. */
function cutToBytes(text: string, bytes: number): string {
  const cut = Buffer.from(text, "utf8").subarray(0, Math.max(0, bytes)).toString("utf8");
  return cut.replace(/\uFFFD$/, "");
}

export function loadProjectInstructions(opts: LoadInstructionsOptions): ProjectInstructions {
  const maxBytes = opts.maxBytes ?? DEFAULT_INSTRUCTIONS_MAX_BYTES;
  const realOf = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const globalFile = path.join(opts.configDir, "AGENTS.md");
  const projectReal = realOf(projectRoot(opts.cwd));
  const configReal = realOf(opts.configDir);
  const candidates = [globalFile, ...foldersToScan(opts.cwd).map(instructionFile)];
  const seen = new Set<string>();
  const parts: string[] = [];
  const files: string[] = [];
  const warnings: string[] = [];
  let used = 0;
  for (const file of candidates) {
    if (!file || !isFile(file)) continue;
    const real = realpathSync(file);
    const within = file === globalFile ? configReal : projectReal;
    if (!isWithin(within, real)) {
      warnings.push(`${file} was not loaded: it is a link to ${real}, outside ${within}.`);
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    let content: string;
    try {
      content = readFileSync(file, "utf8").trim();
    } catch (error) {
      warnings.push(`Could not read ${file}: ${(error as Error).message}`);
      continue;
    }
    if (!content) continue;
    const size = Buffer.byteLength(content, "utf8");
    const room = maxBytes - used;
    if (room <= 0) {
      warnings.push(
        `${file} (${size} bytes) was left out: project instructions are capped at ${maxBytes} bytes.`,
      );
      parts.push(
        `<project_instructions path="${file}" omitted="size cap; read the file if it is relevant" />`,
      );
      files.push(file);
      continue;
    }
    let body = content;
    if (size > room) {
      body = `${cutToBytes(content, room)}\n[… cut at the ${maxBytes}-byte limit; read ${file} for the rest]`;
      warnings.push(
        `${file} was cut to ${room} of ${size} bytes: project instructions are capped at ${maxBytes} bytes.`,
      );
    }
    used += Math.min(size, room);
    parts.push(`<project_instructions path="${file}">\n${body}\n</project_instructions>`);
    files.push(file);
  }
  return { text: parts.join("\n\n"), files, warnings };
}

/** The message /init sends: the agent explores the project and writes or updates AGENTS.md. */
export function initAgentsMdPrompt(): string {
  return `Create or update AGENTS.md at the root of this project: a concise guide for AI coding agents (and new
contributors) working in this repository.

First study the project instead of guessing:
- Read the existing AGENTS.md (or CLAUDE.md, .cursorrules, .github/copilot-instructions.md, CONTRIBUTING.md,
  README.md) if present. When updating, keep what is still correct and preserve the author's structure.
- Look at the manifest and tooling files (package.json, pyproject.toml, Cargo.toml, go.mod, Makefile,
  CI workflows, lint and formatter configs) to find the real commands.
- List the top-level folders and skim the main entry points to understand the architecture.

Then write AGENTS.md in Markdown with these sections, only where you found real content:
1. Project overview: what it is, the main technologies, in two or three sentences.
2. Commands: exact commands to install, build, run, test (all tests and a single test), lint, format and
   type-check, as verified from the config files.
3. Layout: the key folders and files and what lives where.
4. Conventions: code style, naming, error handling, import rules, patterns to follow and to avoid, as
   evidenced by the code and configs.
5. Testing: framework, where tests live, how to write a new one, fixtures or services needed.
6. Workflow: branch, commit message and PR conventions if the history or docs show them; anything that must
   be done before a commit (generated files, changelog).
7. Gotchas: non-obvious things that would trip up a newcomer (environment variables, required services,
   slow or flaky parts, files never to edit by hand).

Keep it short and specific (aim for under 150 lines): every line should save a future reader time. Do not
invent commands or rules you could not verify, do not include secrets, and do not repeat generic advice.
When done, summarise what you wrote or changed.`;
}
