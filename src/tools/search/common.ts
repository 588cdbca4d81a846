// Shared contract of the two search engines (ripgrep and pure JS). Both produce RawMatch lists under the same
// rules — hidden paths skipped, .gitignore honoured (ripgrep's --no-require-git rules), files over 1 MB and
// files containing a NUL byte skipped, at most PER_FILE_CAP matching lines per file — and `finalize` sorts, caps
// and formats them identically, so the engines cannot diverge in output. Matches in credential-named files are
// left out (and named as skipped): read_file asks for those, so a search must not show their lines either.
import { isCredentialFile } from "../../utils/credential-files.js";

export const MAX_RESULTS = 100;
export const PER_FILE_CAP = 100;
export const MAX_FILE_BYTES = 1024 * 1024;
export const LINE_DISPLAY_CAP = 500;
export const JS_TIME_BUDGET_MS = 20_000;
export const RG_TIMEOUT_MS = 30_000;

export interface SearchQuery {
  /** Workspace root (realpath); result paths are relative to it. */
  cwd: string;
  /** Folder to search (realpath, inside a root). */
  root: string;
  /** The pattern as a JavaScript regular expression source (the canonical dialect). */
  source: string;
  /** JS flags the pattern compiled with: "u" or "" (plus "i" when case-insensitive). */
  flags: string;
  caseSensitive: boolean;
  /** Normalised extensions without the dot ("ts", "d.ts"), empty = all files. */
  extensions: string[];
}

export interface RawMatch {
  /** Path relative to the workspace root, forward slashes. */
  path: string;
  line: number;
  /** The line as read, without its "\n" (a CR of a CRLF file is still there). */
  text: string;
}

export interface EngineResult {
  /** Every match, or at least the first MAX_RESULTS in finalize() order (the rg engine keeps only those). */
  matches: RawMatch[];
  /** All matches counted under the contract (≤ PER_FILE_CAP per file). */
  total: number;
  /** Files with at least one match. */
  files: number;
  /** Set when the JS engine stopped early (time budget). */
  incomplete?: string;
  /** Credential-named files (.env, keys …) that matched but were left out of matches, total and files. */
  skipped?: string[];
}

export interface SearchSummary {
  shown: RawMatch[];
  total: number;
  files: number;
  truncated: boolean;
}

/** True when `name` has one of the wanted extensions (case-insensitive). */
export function hasExtension(name: string, extensions: readonly string[]): boolean {
  if (extensions.length === 0) return true;
  const lower = name.toLowerCase();
  return extensions.some((e) => lower.endsWith(`.${e}`) && lower.length > e.length + 1);
}

/** True when some component of `rel` (relative to the search root, no "." or ".." parts) starts with a dot. */
export function isHiddenPath(rel: string): boolean {
  return rel.startsWith(".") || rel.includes("/.");
}

/** The one result order: path, then line; code-unit comparison, so it is locale-free and deterministic. */
export function compareMatches(a: RawMatch, b: RawMatch): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
}

/** Drops the matches of credential-named files, recording those files as skipped. */
export function withoutCredentials(result: EngineResult): EngineResult {
  const skipped = new Set(result.matches.filter((m) => isCredentialFile(m.path)).map((m) => m.path));
  if (skipped.size === 0) return result;
  const matches = result.matches.filter((m) => !skipped.has(m.path));
  const files = new Set(matches.map((m) => m.path)).size;
  return { ...result, matches, total: matches.length, files, skipped: [...skipped].sort() };
}

/** Drops the matches of files a deny rule covers (`isDenied` names the rule), reporting which and why. */
export function withoutDenied(
  result: EngineResult,
  isDenied: (file: string) => string | undefined,
): { result: EngineResult; files: string[]; rules: string[] } {
  const rules = new Map<string, string>();
  for (const m of result.matches) {
    if (rules.has(m.path)) continue;
    const rule = isDenied(m.path);
    if (rule) rules.set(m.path, rule);
  }
  if (rules.size === 0) return { result, files: [], rules: [] };
  const matches = result.matches.filter((m) => !rules.has(m.path));
  const files = new Set(matches.map((m) => m.path)).size;
  return {
    result: { ...result, matches, total: matches.length, files },
    files: [...rules.keys()].sort(),
    rules: [...new Set(rules.values())],
  };
}

/** Sorts and applies the global cap. */
export function finalize(result: EngineResult): SearchSummary {
  const shown = [...result.matches].sort(compareMatches).slice(0, MAX_RESULTS);
  return { shown, total: result.total, files: result.files, truncated: result.total > MAX_RESULTS };
}

/** How a matched line is shown: trimmed, cut at LINE_DISPLAY_CAP characters. */
export function displayLine(text: string): string {
  const t = text.trim();
  return t.length > LINE_DISPLAY_CAP ? `${t.slice(0, LINE_DISPLAY_CAP)}… [truncated]` : t;
}
