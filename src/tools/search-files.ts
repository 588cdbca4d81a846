// search_files: regex search over the workspace. Uses ripgrep when it is on PATH (found lazily, once per tool
// instance) and the JS engine otherwise or when the pattern needs JS-only features; both follow the contract in
// search/common.ts and share finalize(), so they return identical results. Build it with createSearchFilesTool.
import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { didYouMean } from "../utils/path-suggestions.js";
import { resolveToolPath, rootsOf } from "../utils/workspace-path.js";
import { pathFacts } from "./describe.js";
import {
  displayLine,
  type EngineResult,
  finalize,
  MAX_FILE_BYTES,
  MAX_RESULTS,
  type SearchQuery,
  withoutDenied,
} from "./search/common.js";
import { searchWithJs } from "./search/js-engine.js";
import { compilePattern } from "./search/regex.js";
import { createRgDetector, type RgDetector, RgUnsupportedPattern, searchWithRg } from "./search/rg-engine.js";
import { defineTool, type Tool } from "./tool.js";

export const SEARCH_FILES_DESCRIPTION = `Search file contents line by line with a JavaScript regular expression (a plain word works; escape ( [ . * to match them literally). Returns "path:line: text" sorted by path and line, at most ${MAX_RESULTS} matches; when there are more, the header says so: narrow with directory_path or file_extensions. Skips hidden and .gitignored files, symlinks, binary files and files over ${MAX_FILE_BYTES / 1024 / 1024} MB.`;

const parameters = z.object({
  search_term: z.string().describe('The regex, e.g. "function\\s+load"; a leading (?i) ignores case.'),
  directory_path: z.string().optional().describe("Folder to search (default: the workspace root)."),
  file_extensions: z.array(z.string()).optional().describe('Only these extensions, e.g. ["ts", "tsx"].'),
  case_sensitive: z.boolean().optional().describe("Default true."),
});

export type SearchEngineChoice = "auto" | "rg" | "js";

export interface SearchFilesOptions {
  /** "auto" (default): rg when available, else JS. "rg"/"js" force an engine (tests, benchmarks). */
  engine?: SearchEngineChoice;
  /** Share one detector across tools of a session; a new one is made otherwise. */
  detector?: RgDetector;
}

function normaliseExtensions(list: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const raw of list ?? []) {
    const ext = raw.trim().replace(/^\*?\./, "");
    if (ext === "") continue;
    if (!/^[A-Za-z0-9_+\-.]+$/.test(ext)) {
      throw new Error(
        `file_extensions entry "${raw}" is not an extension; use plain names like "ts" or ".py".`,
      );
    }
    out.add(ext.toLowerCase());
  }
  return [...out];
}

/** Creates the search_files tool; each instance detects ripgrep at most once. */
export function createSearchFilesTool(opts: SearchFilesOptions = {}): Tool<typeof parameters> {
  const choice = opts.engine ?? "auto";
  const detector = opts.detector ?? createRgDetector();
  return defineTool({
    name: "search_files",
    description: SEARCH_FILES_DESCRIPTION,
    parameters,
    readOnly: true,
    ruleSpecifier: "path",
    describe: (args, env) => {
      const dir = args.directory_path?.trim();
      const subject = dir ? `${args.search_term} in ${dir}` : args.search_term;
      return { title: `Search ${subject}`, kind: "search", subject, ...pathFacts(env, dir || ".") };
    },
    async execute(args, ctx) {
      const input = args.directory_path?.trim() || ".";
      const { abs, rel } = resolveToolPath(input, rootsOf(ctx), false);
      const st = await stat(abs).catch(async () => {
        throw new Error(`Folder not found: ${rel}.${await didYouMean(abs, ctx.cwd)}`);
      });
      if (!st.isDirectory()) {
        throw new Error(
          `${rel} is a file; directory_path must be a folder. Use read_file to read a single file.`,
        );
      }
      const pattern = compilePattern(args.search_term, args.case_sensitive ?? true);
      const query: SearchQuery = {
        cwd: ctx.cwd,
        root: abs,
        source: pattern.source,
        flags: pattern.flags,
        caseSensitive: pattern.caseSensitive,
        extensions: normaliseExtensions(args.file_extensions),
      };
      let engine = "js";
      let result: EngineResult | undefined;
      const rg = choice === "js" ? null : await detector.find(ctx.cwd);
      if (choice === "rg" && !rg) throw new Error("ripgrep (rg) is not installed or not on PATH.");
      if (rg) {
        try {
          result = await searchWithRg(query, rg, ctx.signal);
          engine = "rg";
        } catch (err) {
          // Patterns rg cannot run, or an rg that vanished/broke since detection: the JS engine answers.
          const code = (err as NodeJS.ErrnoException).code;
          const fallback = err instanceof RgUnsupportedPattern || code === "ENOENT" || code === "EACCES";
          if (!fallback || choice === "rg") throw err;
        }
      }
      const denied = withoutDenied(result ?? (await searchWithJs(query, ctx.signal)), (file: string) =>
        ctx.denied?.(path.resolve(ctx.cwd, file)),
      );
      result = denied.result;
      const summary = finalize(result);
      const where = rel === "." ? "the workspace" : rel;
      const shownTerm = `/${args.search_term}/${pattern.caseSensitive ? "" : "i"}`;
      let note = result.incomplete ? `\n(Incomplete: ${result.incomplete}; narrow the search.)` : "";
      if (denied.files.length)
        note += `\n(Left out ${denied.files.length} file${denied.files.length === 1 ? "" : "s"} a deny rule covers (${denied.rules.join(", ")}).)`;
      if (result.skipped?.length) {
        const names = result.skipped.slice(0, 5).join(", ") + (result.skipped.length > 5 ? ", …" : "");
        note += `\n(Skipped ${result.skipped.length} credential file${result.skipped.length === 1 ? "" : "s"} that matched: ${names}. Their lines are not shown; read_file asks the user before showing such a file.)`;
      }
      const details = {
        kind: "search" as const,
        query: args.search_term,
        matches: summary.total,
        files: summary.files,
        truncated: summary.truncated,
        engine,
      };
      if (summary.total === 0) {
        return { content: `No matches for ${shownTerm} in ${where}.${note}`, summary: "no matches", details };
      }
      const head = summary.truncated
        ? `Found ${summary.total} matches in ${summary.files} files for ${shownTerm} in ${where}; showing the first ${MAX_RESULTS} (sorted by path). Narrow the search with directory_path or file_extensions to see the rest.`
        : `Found ${summary.total} match${summary.total === 1 ? "" : "es"} in ${summary.files} file${summary.files === 1 ? "" : "s"} for ${shownTerm} in ${where}:`;
      const body = summary.shown.map((m) => `${m.path}:${m.line}: ${displayLine(m.text)}`).join("\n");
      return {
        content: `${head}\n${body}${note}`,
        summary: `${summary.total} matches in ${summary.files} files`,
        details,
      };
    },
  });
}
