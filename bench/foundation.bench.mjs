// Foundation benchmarks (issue 2): spawns the BUILT CLI (node dist/cli.js) against the in-process fake provider
// (instant replies) and reports medians: --version beside a bare `node -e 0`, a headless hello, 50 sequential
// list_directory calls then an answer, and the peak RSS of that run. Every run's output is checked, so a broken
// CLI cannot produce fast numbers. Prints a table; exits 0 (1 only if a run produced a wrong result).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "dist", "cli.js");
const RUNS = { version: 15, hello: 9, loop: 7, rss: 5 };
const TOOL_CALLS = 50;
const HELLO = "Say hello.";
const HELLO_ANSWER = "Hello! How can I help you today?";
const LOOP = `List the folder small/ ${TOOL_CALLS} times, then say done.`;
const LOOP_ANSWER = `Listed small/ ${TOOL_CALLS} times. Done.`;

if (!existsSync(cli)) {
  process.stderr.write("bench: dist/cli.js missing, building…\n");
  await run(process.execPath, [path.join(root, "scripts", "build.mjs")], { cwd: root });
}

const { FakeProvider } = await tsImport("../tests/helpers/fake-provider.ts", import.meta.url);
const { makeTempEnv, writeFakeUserConfig } = await tsImport("../tests/helpers/temp.ts", import.meta.url);

const provider = await FakeProvider.start((req) => {
  const messages = req.body.messages;
  const prompt = messages.find((m) => m.role === "user")?.content;
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
writeFakeUserConfig(tmp, provider.url);
const rssFile = path.join(tmp.root, "rss.txt");

/** Spawns a process and resolves when it has exited and its pipes closed; never blocks the event loop. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? tmp.cwd,
      env: opts.env ?? tmp.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
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

const problems = [];
function check(label, result, expected, requests) {
  const ok =
    result.code === 0 && result.stdout.trim() === expected && (requests === undefined || requests.ok);
  if (!ok && problems.length < 5)
    problems.push(
      `${label}: exit ${result.code}, stdout ${JSON.stringify(result.stdout.slice(0, 120))}, stderr ${JSON.stringify(result.stderr.slice(0, 300))}${requests ? `, requests ${requests.got}/${requests.want}` : ""}`,
    );
}

async function cliRun(label, prompt, expected, wantRequests, wrap) {
  const before = provider.requests.length;
  const args = [cli, "-p", prompt];
  const result = wrap ? await wrap(args) : await run(process.execPath, args);
  const got = provider.requests.length - before;
  check(label, result, expected, { ok: got === wantRequests, got, want: wantRequests });
  return result;
}

/**
 * Peak RSS of the child: GNU time's %M (the kernel's ru_maxrss of the waited-for child, in KiB) when
 * /usr/bin/time exists; otherwise an --import hook that writes process.resourceUsage().maxRSS at exit.
 */
const rssMethod = existsSync("/usr/bin/time")
  ? "/usr/bin/time -f %M (ru_maxrss)"
  : "exit hook resourceUsage().maxRSS";
async function withPeakRss(args) {
  rmSync(rssFile, { force: true });
  const result = existsSync("/usr/bin/time")
    ? await run("/usr/bin/time", ["-f", "%M", "-o", rssFile, process.execPath, ...args])
    : await run(process.execPath, [
        "--import",
        `data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`,
        ...args,
      ]);
  const kib = Number.parseInt(readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "", 10);
  return { ...result, mb: kib / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// Warm the disk cache and the server once for each kind of run.
await run(process.execPath, ["-e", "0"]);
await run(process.execPath, [cli, "--version"]);
await cliRun("warm-up hello", HELLO, HELLO_ANSWER, 1);
await cliRun("warm-up loop", LOOP, LOOP_ANSWER, TOOL_CALLS + 1);

// Bare node and --version interleaved, so both see the same machine load.
const nodeMs = [];
const versionMs = [];
const pkgVersion = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version;
for (let i = 0; i < RUNS.version; i++) {
  nodeMs.push((await run(process.execPath, ["-e", "0"])).ms);
  const v = await run(process.execPath, [cli, "--version"]);
  check("--version", v, pkgVersion);
  versionMs.push(v.ms);
}
const helloMs = [];
for (let i = 0; i < RUNS.hello; i++) helloMs.push((await cliRun("hello", HELLO, HELLO_ANSWER, 1)).ms);
const loopMs = [];
for (let i = 0; i < RUNS.loop; i++)
  loopMs.push((await cliRun("50 calls", LOOP, LOOP_ANSWER, TOOL_CALLS + 1)).ms);
const rssMb = [];
for (let i = 0; i < RUNS.rss; i++)
  rssMb.push((await cliRun("50 calls (rss)", LOOP, LOOP_ANSWER, TOOL_CALLS + 1, withPeakRss)).mb);

await provider.close();
tmp.cleanup();

const node = median(nodeMs);
const version = median(versionMs);
const rows = [
  ["node -e 0 (baseline)", nodeMs, "ms", undefined, ""],
  [
    "protoagent --version",
    versionMs,
    "ms",
    version - node <= 25,
    `≤ node + 25 (Δ ${(version - node).toFixed(1)} ms)`,
  ],
  ["headless hello", helloMs, "ms", median(helloMs) <= 300, "≤ 300 ms"],
  [`${TOOL_CALLS} × list_directory + answer`, loopMs, "ms", median(loopMs) <= 800, "≤ 800 ms"],
  [`peak RSS, ${TOOL_CALLS}-call run`, rssMb, "MB", median(rssMb) <= 150, "≤ 150 MB"],
];
const fmt = (x) => x.toFixed(1);
const table = [
  ["benchmark", "runs", "median", "min", "max", "target", "result"],
  ...rows.map(([name, xs, unit, pass, target]) => [
    name,
    String(xs.length),
    `${fmt(median(xs))} ${unit}`,
    fmt(Math.min(...xs)),
    fmt(Math.max(...xs)),
    target,
    pass === undefined ? "" : pass ? "ok" : "OVER",
  ]),
];
const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
for (const [i, r] of table.entries()) {
  process.stdout.write(`${r.map((cell, c) => cell.padEnd(widths[c])).join("  ")}\n`);
  if (i === 0) process.stdout.write(`${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
}
process.stdout.write(
  `\nNode ${process.version}, ${os.cpus().length} CPUs. Wall time from spawn() to the child's close (pipes drained); ` +
    `the fake provider runs in this process with instant replies. Peak RSS via ${rssMethod}.\n`,
);
if (problems.length) {
  process.stderr.write(`\nbench: some runs produced wrong results:\n  ${problems.join("\n  ")}\n`);
  process.exit(1);
}
