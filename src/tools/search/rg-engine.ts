// The ripgrep engine: spawns rg asynchronously (never execFileSync), reads NUL-separated output so file names with
// ":" survive, and normalises rg's behaviour to the shared contract in common.ts (binary files dropped
// whole, hidden paths dropped). --no-config keeps RIPGREP_CONFIG_PATH (and its --pre)
// out. A detector created per session finds rg once, lazily, and caches the answer in its closure.
import { spawn } from "node:child_process";
import path from "node:path";
import { isCredentialFile } from "../../utils/credential-files.js";
import { findExecutable, sanitizePath } from "../../utils/exec-path.js";
import { type EngineResult, MAX_RESULTS, PER_FILE_CAP, RG_TIMEOUT_MS, type SearchQuery } from "./common.js";
import { toRustRegex } from "./regex.js";
import { RgCollector, RgCountCollector } from "./rg-collect.js";

/** Raised when ripgrep cannot run this pattern; the caller answers with the JS engine instead. */
export class RgUnsupportedPattern extends Error {}

export interface RgDetector {
  /**
   * The absolute path of the rg executable to use, or null when ripgrep is not found. A bare name is looked up
   * on PATH without empty, relative or in-`workspace` entries, so a repository's node_modules/.bin/rg never
   * runs. Resolved once per detector.
   */
  find(workspace?: string): Promise<string | null>;
}

/** A detector whose first call resolves rg and spawns `rg --version`; later calls reuse the same promise. */
export function createRgDetector(command = "rg"): RgDetector {
  let found: Promise<string | null> | undefined;
  return {
    find(workspace = process.cwd()) {
      found ??= new Promise((resolve) => {
        const exe = command.includes(path.sep)
          ? command
          : findExecutable(command, sanitizePath(process.env.PATH, workspace));
        if (!exe) return resolve(null);
        const child = spawn(exe, ["--version"], { stdio: ["ignore", "ignore", "ignore"] });
        child.on("error", () => resolve(null));
        child.on("close", (code) => resolve(code === 0 ? exe : null));
      });
      return found;
    },
  };
}

/** A case-insensitive glob for one extension: "ts" → "*.[tT][sS]". */
function extGlob(ext: string): string {
  return `*.${[...ext].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch)).join("")}`;
}

/** Flags shared by both passes: the contract's ignore, size, binary and case rules, NUL-separated paths. */
export function rgBaseArgs(query: SearchQuery): string[] {
  return [
    "--null",
    "--no-heading",
    "--with-filename",
    "--color",
    "never",
    "--no-config",
    "--no-require-git",
    "--no-ignore-global",
    "--no-ignore-exclude",
    "--no-ignore-dot",
    "--no-mmap",
    "--encoding",
    "none",
    "--max-filesize",
    "1M",
    "--max-count",
    String(PER_FILE_CAP),
    query.caseSensitive ? "--case-sensitive" : "--ignore-case",
  ];
}

/** Pass 1: matching-line counts per file under the search folder. */
export function rgCountArgs(query: SearchQuery, rustPattern: string): string[] {
  const args = [...rgBaseArgs(query), "--count"];
  // Types (unlike --glob) apply after the ignore rules, so .gitignore'd files stay excluded.
  for (const ext of query.extensions) args.push("--type-add", `pasel:${extGlob(ext)}`);
  if (query.extensions.length) args.push("--type", "pasel");
  args.push("--regexp", rustPattern, "--", query.root);
  return args;
}

/** Runs rg, feeding stdout chunks to `onChunk`; resolves with the exit code (null when killed). */
async function runRg(
  rg: string,
  args: string[],
  cwd: string,
  signal: AbortSignal,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  if (signal.aborted) throw new Error("search_files was cancelled.");
  const child = spawn(rg, args, {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RIPGREP_CONFIG_PATH: "" },
  });
  const kill = () => child.kill("SIGKILL");
  signal.addEventListener("abort", kill, { once: true });
  const timer = setTimeout(kill, RG_TIMEOUT_MS);
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  // Observed later; a spawn error may arrive while stdout is still being read.
  exited.catch(() => undefined);
  let sawOutput = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      sawOutput = true;
      onChunk(chunk);
    }
    const code = await exited;
    if (signal.aborted) throw new Error("search_files was cancelled.");
    if (code === null)
      throw new Error(`ripgrep did not finish within ${RG_TIMEOUT_MS / 1000} s; narrow the search.`);
    if (code === 2 && !sawOutput && /regex|parse error|syntax/i.test(stderr)) {
      throw new RgUnsupportedPattern(stderr.trim());
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", kill);
  }
}

/**
 * Runs the query with ripgrep at `rg` in two passes: per-file counts over the whole tree (small output even for
 * a broad pattern), then the matching lines of only the first files in path order that hold the first
 * MAX_RESULTS matches. Throws RgUnsupportedPattern when rg rejects the translated pattern.
 */
export async function searchWithRg(
  query: SearchQuery,
  rg: string,
  signal: AbortSignal,
): Promise<EngineResult> {
  const pattern = toRustRegex(query.source);
  if (pattern === null) throw new RgUnsupportedPattern("pattern uses JavaScript-only regex features");
  const counts = new RgCountCollector(query);
  await runRg(rg, rgCountArgs(query, pattern), query.cwd, signal, (c) => counts.push(c));
  const all = counts.result();
  const perFile = all.filter((f) => !isCredentialFile(f.rel));
  const skipped = all.filter((f) => isCredentialFile(f.rel)).map((f) => f.rel);
  const pick: string[] = [];
  let covered = 0;
  for (const f of perFile) {
    if (covered >= MAX_RESULTS) break;
    pick.push(f.abs);
    covered += f.count;
  }
  const lines = new RgCollector(query);
  if (pick.length) {
    const args = [...rgBaseArgs(query), "--line-number", "--regexp", pattern, "--", ...pick];
    await runRg(rg, args, query.cwd, signal, (c) => lines.push(c));
  }
  const total = perFile.reduce((n, f) => n + f.count, 0);
  const result: EngineResult = { matches: lines.result().matches, total, files: perFile.length };
  return skipped.length ? { ...result, skipped } : result;
}
