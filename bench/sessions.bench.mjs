// Session persistence benchmarks. Run: npx tsx bench/sessions.bench.mjs [--runs 50]
// 1. resume: load + replay (messages, transcript, totals) of a 10,000-message session: first load in the process
//    (cold JIT) and median of 7 more (target ≤ 300 ms)
// 2. per-turn append cost at 100 vs 10,000 messages (write only, and write + fdatasync), median of 200 turns
// 3. kill -9 at random moments during N runs of a real Session writer (fake provider): every file must load and
//    hold every turn the child reported complete.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SessionStore } from "../src/store/store.ts";
import { FakeProvider } from "../tests/helpers/fake-provider.ts";
import { makeTempEnv, writeFakeUserConfig } from "../tests/helpers/temp.ts";

const runsArg = process.argv.indexOf("--runs");
const KILL_RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 50;
const at = new Date().toISOString();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(2)} ms`;

/** One realistic turn: prompt, tool call, tool output (~2 KB, every 10th ~20 KB), answer, usage. 5 records. */
function turn(i) {
  const out = `line ${i} of some tool output that looks like source code or logs\n`.repeat(
    i % 10 === 0 ? 300 : 30,
  );
  return [
    {
      t: "msg",
      at,
      m: { role: "user", content: `Please look at module ${i} and fix the failing test. `.repeat(3) },
    },
    {
      t: "msg",
      at,
      m: {
        role: "assistant",
        content: "Reading it.",
        toolCalls: [
          { id: `c${i}`, name: "read_file", arguments: JSON.stringify({ file_path: `src/m${i}.ts` }) },
        ],
      },
    },
    { t: "msg", at, m: { role: "tool", toolCallId: `c${i}`, name: "read_file", content: out } },
    {
      t: "msg",
      at,
      m: { role: "assistant", content: `Fixed module ${i}: the off-by-one in the loop bound.` },
    },
    {
      t: "usage",
      at,
      usage: { inputTokens: 5000, outputTokens: 200, cachedTokens: 4000 },
      costUsd: 0.002,
      contextTokens: 5200,
      contextWindow: 200000,
    },
  ];
}

function buildSession(store, messages) {
  const w = store.create({ cwd: "/bench", model: "fake/m1" });
  w.append([{ t: "msg", at, m: { role: "system", content: "system prompt ".repeat(500) } }]);
  let n = 1;
  for (let i = 0; n < messages; i++) {
    const recs = turn(i);
    w.append(recs);
    n += 4;
  }
  return w;
}

const root = mkdtempSync(path.join(os.tmpdir(), "pa-bench-sessions-"));
const rows = [];
try {
  const store = new SessionStore({ dir: path.join(root, "sessions"), version: "bench" });

  // 1. Resume of a 10,000-message session.
  const big = buildSession(store, 10_000);
  big.close();
  const size = statSync(path.join(store.dir, `${big.id}.jsonl`)).size;
  const loads = [];
  let count = 0;
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    const s = store.load(big.id);
    loads.push(performance.now() - t0);
    count = s.state.messages.length;
  }
  const cold = loads.shift();
  const reopen = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const w = store.openForAppend(big.id);
    store.load(big.id);
    reopen.push(performance.now() - t0);
    w.close();
  }
  rows.push([
    `resume: load+replay ${count} messages (${(size / 1e6).toFixed(1)} MB), first`,
    ms(cold),
    "≤ 300 ms",
  ]);
  rows.push(["resume: load+replay, median of 7 more", ms(median(loads)), "≤ 300 ms"]);
  rows.push(["resume incl. lock + torn-tail check, median of 7", ms(median(reopen)), "≤ 300 ms"]);

  // 2. Per-turn append cost, small vs large session.
  for (const n of [100, 10_000]) {
    const w = n === 100 ? buildSession(store, 100) : store.openForAppend(big.id);
    const plain = [];
    const synced = [];
    for (let i = 0; i < 200; i++) {
      const recs = turn(i + 1);
      let t0 = performance.now();
      w.append(recs);
      plain.push(performance.now() - t0);
      t0 = performance.now();
      w.append(turn(i + 2));
      w.sync();
      synced.push(performance.now() - t0);
    }
    w.close();
    rows.push([`append one turn at ${n} messages (write)`, ms(median(plain)), "flat"]);
    rows.push([`append one turn at ${n} messages (write + fdatasync)`, ms(median(synced)), "flat"]);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

// 3. kill -9 during real Session runs.
const provider = await FakeProvider.start((req) => {
  const last = req.body.messages.at(-1);
  if (last?.role === "user") return { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] };
  return { text: `Answer after ${req.body.messages.length} messages.` };
});
const child = fileURLToPath(new URL("./sessions-writer-child.ts", import.meta.url));
let ok = 0;
let turnsChecked = 0;
const failures = [];
for (let run = 0; run < KILL_RUNS; run++) {
  const t = makeTempEnv({ "a.txt": "alpha\n".repeat(200) });
  writeFakeUserConfig(t, provider.url);
  try {
    const result = await new Promise((resolve) => {
      const p = spawn(process.execPath, ["--import", "tsx", child, t.cwd, t.dataHome], {
        env: t.env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let id;
      let done = 0;
      let buf = "";
      let timer;
      p.stdout.on("data", (d) => {
        buf += d.toString();
        let nl = buf.indexOf("\n");
        while (nl >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.startsWith("id ")) {
            id = line.slice(3);
            timer = setTimeout(() => p.kill("SIGKILL"), 20 + Math.random() * 400);
          } else if (line.startsWith("done ")) done = Number(line.slice(5));
          nl = buf.indexOf("\n");
        }
      });
      let stderr = "";
      p.stderr.on("data", (d) => (stderr += d.toString()));
      p.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ id, done, code, signal, stderr });
      });
    });
    if (!result.id) throw new Error(`child never started: ${result.stderr.slice(0, 300)}`);
    const store = new SessionStore({
      dir: path.join(t.dataHome, "protoagent", "sessions"),
      version: "bench",
    });
    const s = store.load(result.id);
    const users = s.state.messages.filter((m) => m.role === "user").map((m) => m.content);
    for (let n = 1; n <= result.done; n++) {
      const idx = s.state.messages.findIndex((m) => m.role === "user" && m.content === `turn ${n}`);
      const answer = s.state.messages
        .slice(idx + 1)
        .find((m) => m.role === "assistant" && m.content.startsWith("Answer"));
      if (idx < 0 || !answer)
        throw new Error(`turn ${n} of ${result.done} missing (have ${users.length} prompts)`);
      turnsChecked++;
    }
    // Reopening for append must also work (torn tail trimmed, stale lock from the dead pid taken over).
    store.openForAppend(result.id).close();
    ok++;
  } catch (err) {
    failures.push(String(err.message ?? err));
  } finally {
    t.cleanup();
  }
}
await provider.close();
rows.push([
  `kill -9 runs: sessions that load, reopen and hold every completed turn`,
  `${ok}/${KILL_RUNS}`,
  `all`,
]);
rows.push(["completed turns verified across those runs", String(turnsChecked), ""]);

const w0 = Math.max(...rows.map((r) => r[0].length));
console.log(`${"measure".padEnd(w0)}  ${"result".padStart(12)}  target`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(12)}  ${c}`);
for (const f of failures) console.log(`failure: ${f}`);
process.exit(0);
