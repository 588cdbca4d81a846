// TUI benchmark: drives the built CLI inside tmux against the local fake OpenAI server and measures
//   1. time to an interactive prompt (spawn → prompt visible), median of 5 runs;
//   2. CPU time of the protoagent process while streaming a ~200 KB Markdown answer in 8-byte chunks at 80x24
//      and 120x40, bytes written to the terminal (pipe-pane), CSI 3J count (must be 0), Ink render count and
//      the longest render / event-loop stall (PROTOAGENT_TUI_STATS instrumentation);
//   3. CPU use over 10 s idle after an answer, and CPU / bytes written over 10 s of an open approval;
//   4. RSS/heap over 500 scripted turns (every 5th with a tool call), sampled every 50 turns.
// Usage: npm run build && node bench/tui.bench.mjs   (PROTOAGENT_TUI_CLI=<file> overrides dist/cli.js;
//   TUI_BENCH_STREAMS=5 streams five times per size; TUI_BENCH_PHASES=stream runs only that phase)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = process.env.PROTOAGENT_TUI_CLI ?? path.join(ROOT, "dist", "cli.js");
const TURNS = Number(process.env.TUI_BENCH_TURNS ?? 500);
// Streams per terminal size (the stall moves with the machine's load: several runs give a median and a range).
const STREAMS = Number(process.env.TUI_BENCH_STREAMS ?? 1);
// Phases to run (comma-separated): prompt, stream, idle, memory. All by default.
const PHASES = new Set((process.env.TUI_BENCH_PHASES ?? "prompt,stream,idle,memory").split(","));
const TICK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (spawnSync("tmux", ["-V"]).status !== 0) {
  console.log("tui bench: tmux not found, skipped");
  process.exit(0);
}

// A private tmux server (never the user's or another process's), kept alive by a keeper session so killing
// the last measured session cannot race with creating the next one.
const SOCKET = `pa-bench-${process.pid}`;
const tmux = (...a) => execFileSync("tmux", ["-L", SOCKET, ...a], { encoding: "utf8" });
tmux("new-session", "-d", "-s", "keeper", "sleep 3600");
process.on("exit", () => spawnSync("tmux", ["-L", SOCKET, "kill-server"]));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));
const screen = (s) => tmux("capture-pane", "-p", "-J", "-t", s);
async function waitFor(s, text, timeoutMs = 60_000, pollMs = 10) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (screen(s).includes(text)) return Date.now();
    if (Date.now() > deadline) throw new Error(`timeout waiting for ${text}\n${screen(s)}`);
    await sleep(pollMs);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuTicks = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(f[11]) + Number(f[12]);
};
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;

async function startFake(replies, repeat) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa-bench-fake-"));
  const file = path.join(dir, "script.json");
  writeFileSync(file, JSON.stringify({ replies, repeat }));
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/fake-provider-main.ts", file], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Never leave the server behind, even when a phase throws.
  process.on("exit", () => child.kill("SIGTERM"));
  const url = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(String(d).trim())));
  const stop = () => {
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, stop };
}

function workspace(url) {
  const root = mkdtempSync(path.join(os.tmpdir(), "pa-bench-"));
  const cwd = path.join(root, "work");
  mkdirSync(path.join(root, "config", "protoagent"), { recursive: true });
  mkdirSync(cwd);
  writeFileSync(
    path.join(cwd, "big.txt"),
    Array.from({ length: 300 }, (_, i) => `line ${i} of a file`).join("\n"),
  );
  const config = {
    model: "fake/m1",
    providers: { fake: { baseURL: url, apiKey: "k", models: { m1: { contextWindow: 200000 } } } },
  };
  writeFileSync(path.join(root, "config", "protoagent", "protoagent.jsonc"), JSON.stringify(config));
  return {
    root,
    cwd,
    env: { XDG_CONFIG_HOME: path.join(root, "config"), XDG_DATA_HOME: path.join(root, "data") },
  };
}

let n = 0;
function launch(ws, extraEnv = {}, cols = 100, rows = 40) {
  const name = `pa-bench-${process.pid}-${n++}`;
  const env = Object.entries({ ...ws.env, ...extraEnv })
    .map(([k, v]) => `${k}='${v}'`)
    .join(" ");
  tmux(
    "new-session",
    "-d",
    "-s",
    name,
    "-x",
    String(cols),
    "-y",
    String(rows),
    "-c",
    ws.cwd,
    `env ${env} node ${CLI}; sleep 600`,
  );
  const panePid = tmux("list-panes", "-t", name, "-F", "#{pane_pid}").trim();
  const pid = () => spawnSync("pgrep", ["-P", panePid], { encoding: "utf8" }).stdout.trim().split("\n")[0];
  return { name, pid, kill: () => spawnSync("tmux", ["-L", SOCKET, "kill-session", "-t", name]) };
}
const send = (s, text) => {
  tmux("send-keys", "-t", s, "-l", text);
  tmux("send-keys", "-t", s, "Enter");
};

function bigAnswer(bytes) {
  const block = (i) =>
    `## Section ${i}\n\nThis paragraph explains **step ${i}** with \`inline code\`, a [link](https://example.com/${i}) and a glob like src/*.ts.\n\n- first point about ${i}\n- second point with *emphasis*\n- third point\n\n| key | value |\n|---|---:|\n| a${i} | ${i * 3} |\n| b${i} | ${i * 7} |\n\n\`\`\`ts\nexport function f${i}(x: number): number {\n  return x * ${i};\n}\n\`\`\`\n\n`;
  let s = "";
  for (let i = 0; s.length < bytes; i++) s += block(i);
  return `${s}END-OF-ANSWER\n`;
}

const results = [];
const stalls = [];
/** Ends the try block early when later phases are not selected (the finally still stops the server). */
class SkipRest extends Error {}
const report = (row) => {
  results.push(row);
  console.error(`  ${row.join(" · ")}`);
};
const fake = await startFake(
  [
    ...Array.from({ length: PHASES.has("stream") ? 2 * STREAMS : 0 }, () => ({
      text: bigAnswer(200_000),
      chunkSize: 8,
    })),
    { text: "short answer READY-IDLE\n" },
    { toolCalls: [{ name: "write_file", arguments: { file_path: "out.txt", content: "hello\n" } }] },
  ],
  false,
);
const ws = workspace(fake.url);
try {
  // 1. Time to interactive prompt.
  const starts = [];
  for (let i = 0; i < (PHASES.has("prompt") ? 5 : 0); i++) {
    const t0 = Date.now();
    const s = launch(ws);
    starts.push((await waitFor(s.name, "Ask anything", 30_000, 5)) - t0);
    s.kill();
  }
  if (starts.length)
    report(["time to prompt (median of 5)", `${median(starts)} ms`, `runs: ${starts.join(", ")} ms`]);

  // 2. Streaming 200 KB in 8-byte chunks, at 80x24 and 120x40, with the raw terminal bytes captured.
  const sizes = [
    [80, 24],
    [120, 40],
  ];
  for (const [cols, rows] of PHASES.has("stream") ? sizes : [])
    for (let run = 0; run < STREAMS; run++) {
      const statsFile = path.join(ws.root, `stats-${cols}-${run}.jsonl`);
      const s = launch(ws, { PROTOAGENT_TUI_STATS: statsFile }, cols, rows);
      await waitFor(s.name, "Ask anything");
      const pid = s.pid();
      const raw = path.join(ws.root, `stream-${cols}.raw`);
      writeFileSync(raw, "");
      tmux("pipe-pane", "-t", s.name, "-o", `cat >> '${raw}'`);
      await sleep(200);
      process.kill(Number(pid), "SIGUSR2");
      const c0 = cpuTicks(pid);
      const t0 = Date.now();
      send(s.name, "write the long answer");
      await waitFor(s.name, "END-OF-ANSWER", 300_000, 50);
      await waitFor(s.name, "last turn", 30_000, 50);
      const cpu = (cpuTicks(pid) - c0) / TICK;
      const wall = (Date.now() - t0) / 1000;
      process.kill(Number(pid), "SIGUSR2");
      await sleep(300);
      const snaps = readFileSync(statsFile, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const st = snaps.at(-1);
      const bytes = readFileSync(raw, "latin1");
      const erases = bytes.split("\u001b[3J").length - 1;
      stalls.push({ size: `${cols}x${rows}`, ms: st.loopMaxMs, cpu });
      if (run > 0) {
        s.kill();
        continue;
      }
      report([
        `stream 200 KB / 8 B chunks ${cols}x${rows}: CPU`,
        `${cpu.toFixed(2)} s`,
        `wall ${wall.toFixed(1)} s, ${(bytes.length / 1024).toFixed(0)} KB written, CSI 3J ${erases} (stripped ${st.scrollbackErases})`,
      ]);
      report([
        "  Ink renders / longest render",
        `${st.renders} / ${st.renderMaxMs} ms`,
        `total render ${st.renderTotalMs} ms`,
      ]);
      report([
        "  longest event-loop stall",
        `${st.loopMaxMs} ms`,
        `p99 ${st.loopP99Ms} ms; rss ${st.rssMb} MB`,
      ]);
      s.kill();
    }
  for (const [cols, rows] of STREAMS > 1 ? sizes : []) {
    const mine = stalls.filter((x) => x.size === `${cols}x${rows}`);
    report([
      `longest stall ${cols}x${rows}, ${STREAMS} streams`,
      `median ${median(mine.map((x) => x.ms))} ms`,
      `runs: ${mine.map((x) => x.ms).join(", ")} ms; CPU median ${median(mine.map((x) => x.cpu)).toFixed(2)} s`,
    ]);
  }
  if (!PHASES.has("idle")) throw new SkipRest();

  // 3. Idle CPU for 10 s after an answer (no instrumentation running).
  const idle = launch(ws);
  await waitFor(idle.name, "Ask anything");
  const ipid = idle.pid();
  send(idle.name, "say something");
  await waitFor(idle.name, "READY-IDLE", 60_000, 50);
  await waitFor(idle.name, "last turn", 30_000, 50);
  await sleep(500);
  const i0 = cpuTicks(ipid);
  await sleep(10_000);
  const idlePct = ((cpuTicks(ipid) - i0) / TICK / 10) * 100;
  report([
    "idle 10 s after the answer: CPU",
    `${idlePct.toFixed(2)} %`,
    `${cpuTicks(ipid) - i0} ticks of 1/${TICK} s`,
  ]);
  idle.kill();

  // 3b. An open approval for 10 s: waiting for the user is idle too (goal: 0 CPU, 0 bytes written).
  const wait = launch(ws, {}, 80, 24);
  await waitFor(wait.name, "Ask anything");
  const wpid = wait.pid();
  send(wait.name, "write out.txt");
  await waitFor(wait.name, "Yes, once", 60_000, 50);
  await sleep(500);
  const raw = path.join(ws.root, "approval.raw");
  writeFileSync(raw, "");
  tmux("pipe-pane", "-t", wait.name, "-o", `cat >> '${raw}'`);
  await sleep(200);
  const b0 = readFileSync(raw).length;
  const w0 = cpuTicks(wpid);
  await sleep(10_000);
  const waitPct = ((cpuTicks(wpid) - w0) / TICK / 10) * 100;
  const bytes = readFileSync(raw).length - b0;
  report(["open approval 10 s (80x24): CPU / bytes", `${waitPct.toFixed(2)} % / ${bytes} B`, "goal 0 / 0"]);
  wait.kill();
} catch (err) {
  if (!(err instanceof SkipRest)) throw err;
} finally {
  fake.stop();
}

// 4. Memory over scripted turns.
const replies = [];
const curve = [];
if (PHASES.has("memory")) {
  for (let i = 1; i <= TURNS; i++) {
    if (i % 5 === 0)
      replies.push({ toolCalls: [{ name: "read_file", arguments: { file_path: "big.txt" } }] });
    replies.push({
      text: `Turn **${i}** done:\n\n- item one\n- item two\n\n\`\`\`js\nconsole.log(${i});\n\`\`\`\n\nreply-${i}-end\n`,
    });
  }
  const fake2 = await startFake(replies, false);
  const ws2 = workspace(fake2.url);
  try {
    const statsFile = path.join(ws2.root, "mem.jsonl");
    const m = launch(ws2, { PROTOAGENT_TUI_STATS: statsFile, NODE_OPTIONS: "--expose-gc" });
    await waitFor(m.name, "Ask anything");
    const pid = m.pid();
    // Complete lines only: the reader may see the file between its creation and the write.
    const lines = () =>
      existsSync(statsFile) ? readFileSync(statsFile, "utf8").split("\n").slice(0, -1) : [];
    const sample = async (turn) => {
      const before = lines().length;
      process.kill(Number(pid), "SIGUSR2");
      while (lines().length === before) await sleep(10);
      const snap = JSON.parse(lines().at(-1));
      curve.push([turn, rssMb(pid), snap.heapMb]);
    };
    await sample(0);
    for (let i = 1; i <= TURNS; i++) {
      send(m.name, `turn ${i}`);
      await waitFor(m.name, `reply-${i}-end`, 60_000, 5);
      if (i % 50 === 0) await sample(i);
    }
    m.kill();
  } finally {
    fake2.stop();
  }
  report([
    `RSS over ${TURNS} turns`,
    `${curve[0][1].toFixed(0)} → ${curve.at(-1)[1].toFixed(0)} MB`,
    curve.map(([t, r]) => `${t}:${r.toFixed(0)}`).join(" "),
  ]);
  report([
    `live JS heap (after gc) over ${TURNS} turns`,
    `${curve[0][2]} → ${curve.at(-1)[2]} MB`,
    curve.map(([t, , h]) => `${t}:${h}`).join(" "),
  ]);
  rmSync(ws2.root, { recursive: true, force: true });
}

console.log("\nTUI benchmark (tmux, fake provider)");
for (const [k, v, note] of results) console.log(`${k.padEnd(40)} ${String(v).padEnd(18)} ${note}`);
rmSync(ws.root, { recursive: true, force: true });
