// The pure-JS search engine (used when ripgrep is absent, or the pattern needs JS-only regex features).
// Async walk that prunes hidden and .gitignore'd folders, skips symlinks, files over 1 MB and files with a NUL
// byte; stops at the time budget or on abort. Never blocks long: files are read in slices of SLICE_MS and
// matched in a RegexWorker, whose per-batch deadline stops catastrophic patterns.
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
  type RawMatch,
  type SearchQuery,
  withoutCredentials,
} from "./common.js";
import { type FileText, RegexWorker } from "./regex-worker.js";

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

const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_FILES = 1000;

/** Runs the query in-process: reads here, matches in a RegexWorker (one batch in flight while the next is read). */
export async function searchWithJs(
  query: SearchQuery,
  signal: AbortSignal,
  opts: { batchTimeoutMs?: number } = {},
): Promise<EngineResult> {
  const started = Date.now();
  const files = await collectFiles(query, signal);
  let worker: RegexWorker | undefined; // started on the first batch: a search of no files costs no thread
  const matches: RawMatch[] = [];
  const buf = Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
  let incomplete: string | undefined;
  let inFlight: Promise<RawMatch[]> | undefined;
  const drain = async () => {
    if (inFlight) for (const m of await inFlight) matches.push(m);
    inFlight = undefined;
  };
  const send = (batch: FileText[]) => {
    worker ??= new RegexWorker(query.source, query.flags, opts.batchTimeoutMs);
    inFlight = worker.scan(batch, signal);
    // Awaited in drain(); until then a rejection must not count as unhandled.
    inFlight.catch(() => undefined);
  };
  let batch: FileText[] = [];
  let batchBytes = 0;
  try {
    // Small synchronous reads are several times faster than the thread pool for many small files; slices of
    // SLICE_MS keep the event loop (UI, abort) responsive in between.
    let sliceStart = Date.now();
    for (let i = 0; i <= files.length; i++) {
      const last = i === files.length;
      if (last || batchBytes > BATCH_BYTES || batch.length >= BATCH_FILES) {
        await drain();
        if (batch.length) send(batch);
        batch = [];
        batchBytes = 0;
        if (last) break;
      }
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
      batch.push({
        rel: path.relative(query.cwd, file).split(path.sep).join("/"),
        text: data.toString("utf8"),
      });
      batchBytes += data.length;
    }
    await drain();
    if (batch.length) {
      send(batch); // what was read before the time budget ran out
      await drain();
    }
  } finally {
    await worker?.close();
  }
  const fileCount = new Set(matches.map((m) => m.path)).size;
  return withoutCredentials({ matches, total: matches.length, files: fileCount, incomplete });
}
