// Foundation benchmarks (issue 2): spawns the BUILT CLI (node dist/cli.js) against the in-process fake provider
// (instant replies) and reports medians: --version beside a bare `node -e 0`, a headless hello, 50 sequential
// list_directory calls then an answer, the peak RSS of that run, and a headless ~200 KB answer streamed in 8-character
// chunks (issue 17: wall and CPU of the whole process, start-up and exit included). Every run's output is checked, so a broken
// CLI cannot produce fast numbers. Prints a table; exits 0 (1 only if a run produced a wrong result).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// PROTOAGENT_BENCH_CLI measures another build (e.g. a checkout before a change) with the same harness.
const cli = process.env.PROTOAGENT_BENCH_CLI ?? path.join(root, "dist", "cli.js");
const RUNS = { version: 15, hello: 9, loop: 7, stream: 7 };
const TOOL_CALLS = 50;
const HELLO = "Say hello.";
const HELLO_ANSWER = "Hello! How can I help you today?";
const LOOP = `List the folder small/ ${TOOL_CALLS} times, then say done.`;
const LOOP_ANSWER = `Listed small/ ${TOOL_CALLS} times. Done.`;
const STREAM = "Write the long answer.";
const STREAM_ANSWER = Array.from(
  { length: 4000 },
  (_, i) => `Line ${i}: some **Markdown** and \`code\` to stream.`,
).join("\n");
/**
 * GNU time gives, per child, wall-independent CPU time (user+sys) and the kernel's ru_maxrss (peak RSS, KiB).
 * Without it: wall time only, and peak RSS from an --import hook writing process.resourceUsage().maxRSS at exit.
 */
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

if (!existsSync(cli)) {
  process.stderr.write("bench: dist/cli.js missing, building…\n");
  await spawnTimed(process.execPath, [path.join(root, "scripts", "build.mjs")], root, process.env);
}

const { FakeProvider } = await tsImport("../tests/helpers/fake-provider.ts", import.meta.url);
const { makeTempEnv, writeFakeUserConfig } = await tsImport("../tests/helpers/temp.ts", import.meta.url);

const provider = await FakeProvider.start((req) => {
  const messages = req.body.messages;
  const prompt = messages.find((m) => m.role === "user")?.content;
  if (prompt === STREAM) return { text: STREAM_ANSWER, chunkSize: 8 };
  if (prompt !== LOOP) return { text: HELLO_ANSWER };
  const done = messages.filter((m) => m.role === "tool").length;
  if (done >= TOOL_CALLS) return { text: LOOP_ANSWER };
  return {
    toolCalls: [{ id: `call_${done + 1}`, name: "list_directory", arguments: { directory_path: "small" } }],
  };
});
const tmp = makeTempEnv(
  Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`small/file-${i}.txt`, `file ${i}\n`])),
);
// The loop run repeats one call on purpose (the peers were measured on the same 50 calls): the loop guard, which
// stops a model repeating itself, is off here.
writeFakeUserConfig(tmp, provider.url, { loopGuard: { nudgeAfter: 0, stopAfter: 0 } });
const statsFile = path.join(tmp.root, "stats.txt");

/** Spawns a process; resolves once it exited and its pipes closed. Async, so the in-process server keeps serving. */
function spawnTimed(cmd, args, cwd, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
}

/** Runs `node <args>` in the workspace; adds cpuMs and rssMb when measurable. */
async function node(args, { rss = false } = {}) {
  rmSync(statsFile, { force: true });
  if (GNU_TIME) {
    const r = await spawnTimed(
      GNU_TIME,
      ["-f", "%U %S %M", "-o", statsFile, process.execPath, ...args],
      tmp.cwd,
      tmp.env,
    );
    const [user, sys, kib] = readFileSync(statsFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
    return { ...r, cpuMs: (user + sys) * 1000, rssMb: kib / 1024 };
  }
  const hook = `data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(${JSON.stringify(statsFile)},String(process.resourceUsage().maxRSS)))`;
  const r = await spawnTimed(process.execPath, rss ? ["--import", hook, ...args] : args, tmp.cwd, tmp.env);
  return { ...r, rssMb: rss ? Number(readFileSync(statsFile, "utf8")) / 1024 : undefined };
}

const problems = [];
function check(label, result, expected, requests) {
  const ok =
    result.code === 0 && result.stdout.trim() === expected && (!requests || requests.got === requests.want);
  if (!ok && problems.length < 5)
    problems.push(
      `${label}: exit ${result.code}, stdout ${JSON.stringify(result.stdout.slice(0, 120))}, stderr ${JSON.stringify(result.stderr.slice(0, 300))}${requests ? `, requests ${requests.got}/${requests.want}` : ""}`,
    );
}

async function headless(label, prompt, expected, want, opts) {
  const before = provider.requests.length;
  const result = await node([cli, "-p", prompt], opts);
  check(label, result, expected, { got: provider.requests.length - before, want });
  return result;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// Warm the disk cache and the server once for each kind of run.
await node(["-e", "0"]);
await node([cli, "--version"]);
await headless("warm-up hello", HELLO, HELLO_ANSWER, 1);
await headless("warm-up loop", LOOP, LOOP_ANSWER, TOOL_CALLS + 1);
await headless("warm-up stream", STREAM, STREAM_ANSWER, 1);

// Bare node and --version interleaved, so both see the same machine load.
const bare = [];
const version = [];
const pkgVersion = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version;
for (let i = 0; i < RUNS.version; i++) {
  bare.push(await node(["-e", "0"]));
  const v = await node([cli, "--version"]);
  check("--version", v, pkgVersion);
  version.push(v);
}
const hello = [];
for (let i = 0; i < RUNS.hello; i++) hello.push(await headless("hello", HELLO, HELLO_ANSWER, 1));
const stream = [];
for (let i = 0; i < RUNS.stream; i++) stream.push(await headless("stream 200 KB", STREAM, STREAM_ANSWER, 1));
const loop = [];
for (let i = 0; i < RUNS.loop; i++)
  loop.push(await headless("50 calls", LOOP, LOOP_ANSWER, TOOL_CALLS + 1, { rss: true }));

await provider.close();
tmp.cleanup();

const wall = (rs) => rs.map((r) => r.ms);
const cpu = (rs) => (GNU_TIME ? `${median(rs.map((r) => r.cpuMs)).toFixed(0)} ms` : "n/a");
const delta = median(wall(version)) - median(wall(bare));
const rss = loop.map((r) => r.rssMb);
const rows = [
  ["node -e 0 (baseline)", wall(bare), "ms", cpu(bare), undefined, ""],
  [
    "protoagent --version",
    wall(version),
    "ms",
    cpu(version),
    delta <= 25,
    `≤ node + 25 (Δ ${delta.toFixed(1)})`,
  ],
  ["headless hello", wall(hello), "ms", cpu(hello), median(wall(hello)) <= 300, "≤ 300 ms"],
  [
    `${TOOL_CALLS} × list_directory + answer`,
    wall(loop),
    "ms",
    cpu(loop),
    median(wall(loop)) <= 800,
    "≤ 800 ms",
  ],
  ["headless stream 200 KB / 8 B chunks", wall(stream), "ms", cpu(stream), undefined, ""],
  [`peak RSS, ${TOOL_CALLS}-call run`, rss, "MB", "", median(rss) <= 150, "≤ 150 MB"],
];
const table = [
  ["benchmark", "runs", "median", "min", "max", "cpu (u+s)", "target", "result"],
  ...rows.map(([name, xs, unit, cpuCell, pass, target]) => [
    name,
    String(xs.length),
    `${median(xs).toFixed(1)} ${unit}`,
    Math.min(...xs).toFixed(1),
    Math.max(...xs).toFixed(1),
    cpuCell,
    target,
    pass === undefined ? "" : pass ? "ok" : "OVER",
  ]),
];
const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
for (const [i, r] of table.entries()) {
  process.stdout.write(`${r.map((cell, c) => cell.padEnd(widths[c])).join("  ")}\n`);
  if (i === 0) process.stdout.write(`${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
}
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(" ");
process.stdout.write(
  `\nNode ${process.version}, ${os.cpus().length} CPUs, load average ${load}. Wall time from spawn() to the child's ` +
    `close (pipes drained); fake provider in this process, instant replies. ` +
    (GNU_TIME
      ? "CPU and peak RSS from GNU time (%U+%S, %M = ru_maxrss); the /usr/bin/time wrapper is applied to every run, node -e 0 included.\n"
      : "Peak RSS from an exit hook (process.resourceUsage().maxRSS).\n"),
);
if (problems.length) {
  process.stderr.write(`\nbench: some runs produced wrong results:\n  ${problems.join("\n  ")}\n`);
  process.exit(1);
}
