// Runs the JS engine's regex matching in a worker thread, so a catastrophic pattern ((a+)+$ on a long line) can
// be stopped: each batch has a deadline, and the worker is terminated when it passes or the search is aborted.
// The main thread stays free for the UI meanwhile. The worker code is a self-contained string (no imports).
import { Worker } from "node:worker_threads";
import { PER_FILE_CAP, type RawMatch } from "./common.js";

export const REGEX_BATCH_TIMEOUT_MS = 10_000;

export interface FileText {
  rel: string;
  text: string;
}

// Per line, as in the contract: lines split on "\n" (a CR stays), the last empty segment after a final newline
// is not a line, at most cap matches per file. The whole-text prefilter
// (m flag: ^ and $ at every line boundary) can only give false positives, so it never hides a line's match.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const regex = new RegExp(workerData.source, workerData.flags);
const prefilter = new RegExp(workerData.source, workerData.flags + "m");
const { cap } = workerData;
parentPort.on("message", (batch) => {
  const out = [];
  for (const { rel, text } of batch) {
    if (!prefilter.test(text)) continue;
    let count = 0, start = 0, line = 0;
    while (start <= text.length && count < cap) {
      let end = text.indexOf("\\n", start);
      if (end === -1) {
        if (start === text.length) break;
        end = text.length;
      }
      line++;
      const l = text.slice(start, end);
      if (regex.test(l)) { out.push({ path: rel, line, text: l }); count++; }
      start = end + 1;
    }
  }
  parentPort.postMessage(out);
});
`;

/** One worker per search. `scan` resolves with the batch's matches or rejects on timeout/abort. */
export class RegexWorker {
  private readonly worker: Worker;

  constructor(
    source: string,
    flags: string,
    private readonly timeoutMs = REGEX_BATCH_TIMEOUT_MS,
  ) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { source, flags, cap: PER_FILE_CAP },
    });
    this.worker.unref();
  }

  scan(batch: FileText[], signal: AbortSignal): Promise<RawMatch[]> {
    return new Promise((resolve, reject) => {
      const finish = (err: Error | undefined, result?: RawMatch[]) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        this.worker.off("message", onMessage);
        this.worker.off("error", onError);
        if (err) {
          void this.worker.terminate();
          reject(err);
        } else resolve(result ?? []);
      };
      const onMessage = (m: RawMatch[]) => finish(undefined, m);
      const onError = (e: Error) => finish(new Error(`search_files failed: ${e.message}`));
      const onAbort = () => finish(new Error("search_files was cancelled."));
      const timer = setTimeout(() => {
        const where = batch[0] ? ` (in ${batch[0].rel} or the files after it)` : "";
        finish(
          new Error(
            `search_term took more than ${this.timeoutMs / 1000} s to match${where}; it probably backtracks ` +
              "catastrophically (nested quantifiers such as (a+)+ or (.*)*). Simplify the pattern.",
          ),
        );
      }, this.timeoutMs);
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      this.worker.on("message", onMessage);
      this.worker.on("error", onError);
      this.worker.postMessage(batch);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
