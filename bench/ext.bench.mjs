// Benchmark for the ext area: MCP start-up must never delay the session. Compares a session-like caller with
// no MCP servers against one with three stdio servers, one of which never answers the MCP handshake.
// Measures (median and max over N runs): McpManager.start() return time; "prompt built": the caller's tool
// list is assembled synchronously after start() (where the TUI renders its prompt); "first input turn": the
// caller's first event-loop turn (where the TUI would handle a key); the worst event-loop delay in the first
// second; and when the two working servers became ready in the background. Runs the TypeScript sources through tsx. Usage:
//   node bench/ext.bench.mjs [runs]
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const runs = Number(process.argv[2] ?? 10);
const { McpManager } = await tsImport("../src/mcp/manager.ts", import.meta.url);
const fixture = fileURLToPath(new URL("../tests/fixtures/mcp/server.mjs", import.meta.url));

const threeServers = {
  one: { command: process.execPath, args: [fixture, "stdio"] },
  two: { command: process.execPath, args: [fixture, "stdio"] },
  silent: { command: process.execPath, args: ["-e", "setInterval(() => {}, 1000)"], timeoutMs: 5000 },
};

const nextTask = () => new Promise((resolve) => setImmediate(resolve));

async function once(servers) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  const manager = new McpManager();
  let tools = [];
  let readyAt = null;
  manager.start(servers, {
    cwd: process.cwd(),
    onToolsChanged: (t) => {
      tools = t;
    },
    onStatus: () => {
      const states = manager.status();
      if (readyAt === null && states.filter((s) => s.state === "ready").length >= 2)
        readyAt = performance.now() - t0;
    },
  });
  const started = performance.now() - t0;
  // The session-like caller: builds its tool list from built-ins plus whatever MCP has so far, then yields
  // once to the event loop (where Ink would render the prompt and start reading keys).
  const registry = [{ name: "read_file" }, ...tools];
  const rendered = performance.now() - t0;
  await nextTask();
  const usable = performance.now() - t0;
  const silentState = manager.status().find((s) => s.name === "silent")?.state ?? "-";
  await new Promise((resolve) => setTimeout(resolve, 1000));
  delay.disable();
  await manager.close();
  return {
    started,
    rendered,
    usable,
    readyAt,
    silentState,
    maxDelay: delay.max / 1e6,
    registry: registry.length,
  };
}

const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
};
const fmt = (n) => (n === null || n === undefined ? "-" : n.toFixed(2));

const rows = [];
for (const [label, servers] of [
  ["no MCP servers", {}],
  ["3 stdio servers (1 silent)", threeServers],
]) {
  await once(servers); // warm-up (module caches, first spawn)
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once(servers));
  const s = stats(results.map((r) => r.started));
  const r = stats(results.map((x) => x.rendered));
  const u = stats(results.map((r) => r.usable));
  const d = stats(results.map((r) => r.maxDelay));
  const ready = results.map((r) => r.readyAt).filter((x) => x !== null);
  rows.push({
    scenario: label,
    "start() ms (med/max)": `${fmt(s.median)} / ${fmt(s.max)}`,
    "prompt built ms (med/max)": `${fmt(r.median)} / ${fmt(r.max)}`,
    "first input turn ms (med/max)": `${fmt(u.median)} / ${fmt(u.max)}`,
    "max loop delay ms (med/max)": `${fmt(d.median)} / ${fmt(d.max)}`,
    "2 servers ready ms (med)": ready.length ? fmt(stats(ready).median) : "-",
    "silent at usable": results[0].silentState,
  });
}
console.log(`ext bench: ${runs} runs per scenario, node ${process.version}, ${process.platform}`);
console.table(rows);
