// Benchmark of search_files on a generated 20k-file tree: the JS engine, the rg engine (through the tool, as
// the agent runs it) and plain `rg` for the same query. Medians of 9 runs after one warm-up; the rg engine
// and plain rg runs alternate so that load from other processes hits both alike.
// Run: npx tsx bench/files.bench.mjs   (imports the TypeScript sources through tsx; exits 0)
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createRgDetector } from "../src/tools/search/rg-engine.ts";
import { createSearchFilesTool } from "../src/tools/search-files.ts";
import { createToolState } from "../src/tools/tool.ts";

const DIRS = 200;
const FILES_PER_DIR = 100;
const RUNS = 9;

async function makeTree() {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), "pa-bench-files-")));
  await mkdir(path.join(root, ".git"));
  await writeFile(path.join(root, ".gitignore"), "node_modules/\n*.log\n");
  const words = [
    "const",
    "return",
    "function",
    "value",
    "import",
    "export",
    "await",
    "config",
    "result",
    "items",
  ];
  for (let d = 0; d < DIRS; d++) {
    const dir = path.join(root, `pkg${d % 20}`, `mod${d}`);
    await mkdir(dir, { recursive: true });
    const writes = [];
    for (let f = 0; f < FILES_PER_DIR; f++) {
      const n = d * FILES_PER_DIR + f;
      const lines = [];
      for (let l = 0; l < 40; l++) {
        lines.push(`  ${words[(n + l) % 10]} x${l} = ${words[(n * 7 + l) % 10]}(${n}, ${l}); // line ${l}`);
      }
      if (n % 400 === 0) lines.push(`  const marker = "needle_${n}";`);
      writes.push(writeFile(path.join(dir, `file${f}.ts`), `${lines.join("\n")}\n`));
    }
    await Promise.all(writes);
  }
  await mkdir(path.join(root, "node_modules", "dep"), { recursive: true });
  await writeFile(path.join(root, "node_modules", "dep", "index.js"), 'const x = "needle_0";\n');
  return root;
}

function plainRg(root, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn("rg", ["--no-config", "-n", pattern, root], { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.resume();
    child.on("error", reject);
    child.on("close", resolve);
  });
}

/** Medians of RUNS timed runs of each function, run alternately after one warm-up each. */
async function medians(...fns) {
  for (const fn of fns) await fn();
  const times = fns.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      times[k].push(performance.now() - t);
    }
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

const root = await makeTree();
try {
  const ctx = {
    cwd: root,
    readOnlyRoots: [],
    signal: new AbortController().signal,
    sessionId: "bench",
    callId: "bench",
    state: createToolState(),
    approve: async () => ({ approved: false, reason: "bench" }),
    update() {},
  };
  const hasRg = (await createRgDetector().find()) !== null;
  const queries = [
    ["rare: needle_\\d+", "needle_\\d+"],
    ["common: return (capped)", "return"],
  ];
  const rows = [];
  for (const [label, pattern] of queries) {
    const jsTool = createSearchFilesTool({ engine: "js" });
    const [js] = await medians(() => jsTool.execute({ search_term: pattern }, ctx));
    let rgTool = Number.NaN;
    let rgPlain = Number.NaN;
    if (hasRg) {
      const tool = createSearchFilesTool({ engine: "rg" });
      [rgTool, rgPlain] = await medians(
        () => tool.execute({ search_term: pattern }, ctx),
        () => plainRg(root, pattern),
      );
    }
    rows.push({ label, js, rgTool, rgPlain });
  }
  const f = (ms) => (Number.isNaN(ms) ? "n/a" : `${ms.toFixed(0)} ms`);
  console.log(`search_files on ${DIRS * FILES_PER_DIR} files (${RUNS} runs, median)`);
  console.log("query                      | JS engine | rg engine | plain rg | rg engine / plain rg");
  for (const r of rows) {
    const ratio = Number.isNaN(r.rgPlain) ? "n/a" : `${(r.rgTool / r.rgPlain).toFixed(2)}x`;
    console.log(
      `${r.label.padEnd(26)} | ${f(r.js).padStart(9)} | ${f(r.rgTool).padStart(9)} | ${f(r.rgPlain).padStart(8)} | ${ratio}`,
    );
  }
  if (!hasRg) console.log("(ripgrep not on PATH: only the JS engine was measured)");
} finally {
  await rm(root, { recursive: true, force: true });
}
