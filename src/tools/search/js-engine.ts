// The pure-JS search engine (used when ripgrep is absent, or the pattern needs JS-only regex features).
// Async walk that prunes hidden and .gitignore'd folders, skips symlinks, files over 1 MB and files with a NUL
// byte; tests each line up to SCAN_MAX_LINE chars; stops at the time budget or on abort. Never blocks long:
// file reads and matching run in slices of SLICE_MS, yielding to the event loop in between.
import type { Dirent } from "node:fs";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { hasNul } from "../../utils/binary.js";
import { GitignoreCache, type IgnoreLayer, matchLayers } from "../../utils/gitignore.js";
import {
  type EngineResult,
  hasExtension,
  JS_TIME_BUDGET_MS,
  MAX_FILE_BYTES,
  PER_FILE_CAP,
  type RawMatch,
  SCAN_MAX_LINE,
  type SearchQuery,
} from "./common.js";

const READ_CONCURRENCY = 16;
const SLICE_MS = 10;

/** Lists the files the query covers, in no particular order (the caller sorts results). */
async function collectFiles(query: SearchQuery, signal: AbortSignal): Promise<string[]> {
  const cache = new GitignoreCache();
  const files: string[] = [];
  const pending: Array<{ dir: string; parentLayers: IgnoreLayer[] | null }> = [
    { dir: query.root, parentLayers: null },
  ];
  const visit = async (dir: string, parentLayers: IgnoreLayer[] | null) => {
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const hasGit = entries.some((e) => e.name === ".git");
    const layers =
      parentLayers === null ? await cache.layersFor(dir) : await cache.childLayers(parentLayers, dir, hasGit);
    for (const e of entries) {
      if (e.name.startsWith(".")) continue; // hidden, including .git
      const full = path.join(dir, e.name);
      const isDir = e.isDirectory();
      if (!isDir && !e.isFile()) continue; // symlinks and special files are not followed
      if (layers.length && matchLayers(layers, full, isDir) === "ignore") continue;
      if (isDir) pending.push({ dir: full, parentLayers: layers });
      else if (hasExtension(e.name, query.extensions)) files.push(full);
    }
  };
  while (pending.length) {
    if (signal.aborted) throw new Error("search_files was cancelled.");
    const batch = pending.splice(0, READ_CONCURRENCY);
    await Promise.all(batch.map((b) => visit(b.dir, b.parentLayers)));
  }
  return files;
}

function scanText(text: string, regex: RegExp, prefilter: RegExp, rel: string, out: RawMatch[]) {
  // One pass over the whole text first: most files of a selective search have no match at all. With the m flag
  // ^ and $ match at every line boundary, so this can only give false positives, never miss a line's match.
  if (!prefilter.test(text)) return;
  let count = 0;
  let start = 0;
  let line = 0;
  while (start <= text.length && count < PER_FILE_CAP) {
    let end = text.indexOf("\n", start);
    if (end === -1) {
      if (start === text.length) break; // the file ended with a newline
      end = text.length;
    }
    line++;
    if (end - start <= SCAN_MAX_LINE) {
      const l = text.slice(start, end);
      if (regex.test(l)) {
        out.push({ path: rel, line, text: l });
        count++;
      }
    }
    start = end + 1;
  }
}

/** Reads a regular file of at most MAX_FILE_BYTES, or undefined (too big, vanished, a symlink swapped in). */
function readSmallFile(file: string, buf: Buffer): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, n);
    return n > MAX_FILE_BYTES ? undefined : buf.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Runs the query in-process. */
export async function searchWithJs(query: SearchQuery, signal: AbortSignal): Promise<EngineResult> {
  const regex = new RegExp(query.source, query.flags);
  const prefilter = new RegExp(query.source, `${query.flags}m`);
  const started = Date.now();
  const files = await collectFiles(query, signal);
  const matches: RawMatch[] = [];
  const buf = Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
  let incomplete: string | undefined;
  // Small synchronous reads are several times faster than the thread pool for many small files; slices of
  // SLICE_MS keep the event loop (UI, abort) responsive in between.
  let sliceStart = Date.now();
  for (let i = 0; i < files.length; i++) {
    if (Date.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = Date.now();
      if (signal.aborted) throw new Error("search_files was cancelled.");
      if (sliceStart - started > JS_TIME_BUDGET_MS) {
        incomplete = `the search stopped after ${JS_TIME_BUDGET_MS / 1000} s with ${files.length - i} files unsearched`;
        break;
      }
    }
    const file = files[i]!;
    const data = readSmallFile(file, buf);
    if (!data || hasNul(data)) continue;
    const rel = path.relative(query.cwd, file).split(path.sep).join("/");
    scanText(data.toString("utf8"), regex, prefilter, rel, matches);
  }
  return { matches, total: matches.length, files: new Set(matches.map((m) => m.path)).size, incomplete };
}
