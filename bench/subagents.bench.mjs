// Parallel sub-agents: wall time of one parent turn that delegates to 4 children of 10 tool calls each, against one
// that delegates to a single child of 10 tool calls, through the local fake provider answering every request after a
// fixed latency (a small, realistic time to first byte). Run serially, 4 children take ~4× as long; in parallel
// (subAgents.maxParallel, default 4) about as long as one. Reports the median wall time of each and their ratio.
// Uses the Runtime API directly (no TUI). Run: npx tsx bench/subagents.bench.mjs [--runs 5] [--latency 40]
import { performance } from "node:perf_hooks";
import { Runtime } from "../src/runtime/runtime.ts";
import { FakeProvider } from "../tests/helpers/fake-provider.ts";
import { isChildRequest } from "../tests/helpers/sub-agents.ts";
import { makeTempEnv, writeFakeUserConfig } from "../tests/helpers/temp.ts";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg("runs", 5);
const LATENCY_MS = arg("latency", 40);
const CALLS = 10;

const t = makeTempEnv();
for (let i = 0; i < CALLS; i++) t.write(`src/m${i}.ts`, `export const v${i} = ${i};\n`);

let children = 1;
const provider = await FakeProvider.start((request) => {
  const { body } = request;
  if (!isChildRequest(request)) {
    // The parent: delegate once, then answer once every result is in.
    if (body.messages.some((m) => m.role === "tool")) return { text: "done", delayMs: LATENCY_MS };
    const toolCalls = Array.from({ length: children }, (_, i) => ({
      id: `call_${i}`,
      name: "sub_agent",
      arguments: { task: `Read the modules (${i}).` },
    }));
    return { toolCalls, delayMs: LATENCY_MS };
  }
  // A child: one read_file per request until it has made CALLS calls, then its report.
  const made = body.messages.filter((m) => m.role === "tool").length;
  if (made >= CALLS) return { text: `Read ${made} modules.`, delayMs: LATENCY_MS };
  return {
    toolCalls: [{ name: "read_file", arguments: { file_path: `src/m${made}.ts` } }],
    delayMs: LATENCY_MS,
  };
});
writeFakeUserConfig(t, provider.url);

async function once(n) {
  children = n;
  const rt = await Runtime.open({ cwd: t.cwd, env: t.env, headless: true, version: "bench" });
  const before = provider.requests.length;
  const t0 = performance.now();
  const result = await rt.run("Delegate.");
  const ms = performance.now() - t0;
  await rt.close();
  const requests = provider.requests.length - before;
  if (result.text !== "done" || requests !== 2 + n * (CALLS + 1))
    throw new Error(`unexpected run: ${result.reason} "${result.text}", ${requests} requests`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await once(1); // warm-up (module loading, first connections)
const one = [];
const four = [];
for (let i = 0; i < RUNS; i++) {
  one.push(await once(1));
  four.push(await once(4));
}
const m1 = median(one);
const m4 = median(four);
process.stdout.write(
  `per-response latency ${LATENCY_MS} ms, ${CALLS} tool calls per child, median of ${RUNS} runs\n` +
    `1 child:  ${m1.toFixed(0)} ms\n` +
    `4 children: ${m4.toFixed(0)} ms\n` +
    `ratio 4 children / 1 child: ${(m4 / m1).toFixed(2)} (serial would be ~${((2 + 4 * (CALLS + 1)) / (2 + CALLS + 1)).toFixed(1)})\n`,
);
await provider.close();
t.cleanup();
