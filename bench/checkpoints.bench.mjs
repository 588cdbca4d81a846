// Checkpoint benchmarks (issue 14). Run: npx tsx bench/checkpoints.bench.mjs [--edits 1000]
// What one snapshot costs an edit, measured through the real edit_file tool (path policy, staleness guard, match,
// diff, atomic write) with and without a checkpointer in its context:
// 1. a 1 MB file: median of 21 edits each way (every edit makes new content, so every snapshot is a new blob);
// 2. 1,000 small edits of a 2 KB file: total and per edit each way, and the store's size afterwards;
// 3. rewinding all of those 1,000 edits (timeline, plan by sha256, restore): one run;
// 4. a shell command's snapshot (scan before + after) in a workspace of 1,000 files × 2 KB: the session's first
//    command (reads and stores everything) and the median of 10 later ones (stat scan only, one file changed).
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BlobStore } from "../src/checkpoints/blobs.ts";
import { createCheckpointer } from "../src/checkpoints/checkpointer.ts";
import { applyRestore, planRestore } from "../src/checkpoints/restore.ts";
import { buildTimeline } from "../src/checkpoints/timeline.ts";
import { editFileTool } from "../src/tools/edit-file.ts";
import { readFileTool } from "../src/tools/read-file.ts";
import { makeContext } from "../tests/helpers/tool-context.ts";

const editsArg = process.argv.indexOf("--edits");
const EDITS = editsArg > 0 ? Number(process.argv[editsArg + 1]) : 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(2)} ms`;

const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "pa-bench-cp-")));
const blobs = new BlobStore(path.join(root, "checkpoints"));

/** A fresh workspace folder holding f.txt with `content`; returns the file's path. */
function workspace(name, content) {
  const dir = path.join(root, "work", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "f.txt");
  writeFileSync(file, content);
  return file;
}

/** Runs `n` edits (TOKEN<i> → TOKEN<i+1>) through edit_file; returns each edit's time and the records. */
async function edits(file, n, withCheckpoints) {
  const ctx = makeContext(path.dirname(file));
  const records = [{ t: "msg", at: "", m: { role: "user", content: "edit" } }];
  const id = randomUUID();
  if (withCheckpoints) {
    ctx.checkpoint = createCheckpointer({
      blobs,
      sessionId: () => id,
      append: (r) => records.push(r),
      maxBytes: 10 * 1024 ** 3,
    });
  }
  await readFileTool.execute({ file_path: "f.txt", limit: 1 }, ctx);
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await editFileTool.execute(
      { file_path: "f.txt", old_string: `TOKEN${i}`, new_string: `TOKEN${i + 1}` },
      ctx,
    );
    times.push(performance.now() - t0);
  }
  return { times, records, id, ctx };
}

const big = `TOKEN0\n${"a line of source code that is long enough to look real, with some words in it;\n".repeat(13_000)}`;
const small = `TOKEN0\n${"short line of text here\n".repeat(85)}`;

// 1. 1 MB file.
const out = [];
for (const withCp of [false, true, false, true]) {
  const r = await edits(workspace("big", big), 21, withCp);
  out.push({ withCp, median: median(r.times.slice(1)) });
}
const bigOff = median(out.filter((o) => !o.withCp).map((o) => o.median));
const bigOn = median(out.filter((o) => o.withCp).map((o) => o.median));
console.log(
  `1 MB file (${(big.length / 1024 / 1024).toFixed(2)} MB), edit_file median of 20 (2 rounds each):`,
);
console.log(
  `  without checkpoints ${ms(bigOff)} · with ${ms(bigOn)} · snapshot cost ${ms(bigOn - bigOff)} per edit`,
);

// 2. 1,000 small edits.
let small1;
const totals = {};
for (const withCp of [false, true]) {
  const file = workspace(withCp ? "small-cp" : "small", small);
  const r = await edits(file, EDITS, withCp);
  totals[withCp] = r.times.reduce((a, b) => a + b, 0);
  if (withCp) small1 = { ...r, file };
}
console.log(`${EDITS} small edits of a ${(small.length / 1024).toFixed(1)} KB file through edit_file:`);
console.log(
  `  without checkpoints ${ms(totals.false)} (${ms(totals.false / EDITS)}/edit) · with ${ms(totals.true)} (${ms(totals.true / EDITS)}/edit) · snapshot cost ${ms((totals.true - totals.false) / EDITS)} per edit`,
);
console.log(`  store after: ${(blobs.sessionBytes(small1.id) / 1024).toFixed(0)} KB in ${EDITS} blobs`);

// 3. Rewind all of them.
const t0 = performance.now();
const turns = buildTimeline(small1.records);
const roots = { cwd: path.dirname(small1.file), readOnlyRoots: [], protectedRoots: [] };
const plan = await planRestore(turns[0].changes, { blobs, sessionId: small1.id, roots });
const res = await applyRestore(plan, { blobs, sessionId: small1.id });
const rewindMs = performance.now() - t0;
const ok = readFileSync(small1.file, "utf8") === small && res.restored.length === 1;
console.log(
  `rewind of ${EDITS} edits (timeline + plan + restore): ${ms(rewindMs)}${ok ? "" : "  WRONG CONTENT"}`,
);

// 4. Shell snapshots.
const shellWs = path.join(root, "work", "shell");
for (let i = 0; i < 1000; i++) {
  mkdirSync(path.join(shellWs, `d${i % 20}`), { recursive: true });
  writeFileSync(path.join(shellWs, `d${i % 20}`, `f${i}.txt`), `${"x".repeat(2040)}${i}\n`);
}
const shellId = randomUUID();
const shellRecords = [];
const cp = createCheckpointer({
  blobs,
  sessionId: () => shellId,
  append: (r) => shellRecords.push(r),
  maxBytes: 10 * 1024 ** 3,
});
const shellRun = async (i) => {
  const t1 = performance.now();
  const watch = await cp.beforeShell(shellWs, "make");
  writeFileSync(path.join(shellWs, "d0", "f0.txt"), `changed ${i}\n`);
  await watch.after();
  return performance.now() - t1;
};
const firstShell = await shellRun(0);
const laterShell = [];
for (let i = 1; i <= 10; i++) laterShell.push(await shellRun(i));
console.log(
  `shell command snapshot, 1,000 files × 2 KB: first of the session ${ms(firstShell)} · later median ${ms(median(laterShell))} · ${shellRecords.length} changes recorded`,
);
rmSync(root, { recursive: true, force: true });
if (!ok) process.exit(1);
