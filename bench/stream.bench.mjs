// Stream benchmark (issue 17), in-process: the fake provider serves a ~200 KB answer in 8-character content
// chunks (~25,000 SSE events, ~4 MB on the wire) as one prebuilt body, so the server costs almost nothing and the
// figure is the client's: the real SDK request, the stream reader, the per-event JSON parse and the StreamEvents
// the loop consumes. Reports the median wall and CPU (process.cpuUsage, user+sys) from the request to `done`.
// `STREAM_BENCH_PROFILE=1` runs only the measured loop (for `node --cpu-prof --import tsx bench/stream.bench.mjs`).
import { performance } from "node:perf_hooks";
import { tsImport } from "tsx/esm/api";

const RUNS = Number(process.env.STREAM_BENCH_RUNS ?? 9);
const { FakeProvider, replyChunks } = await tsImport("../tests/helpers/fake-provider.ts", import.meta.url);
const { fakeModel } = await tsImport("../tests/loop/harness.ts", import.meta.url);
const { createStreamFn } = await tsImport("../src/providers/openai-stream.ts", import.meta.url);

function answer(bytes) {
  const line = (i) => `Line ${i}: some **Markdown** with \`code\` and words to stream.\n`;
  let s = "";
  for (let i = 0; s.length < bytes; i++) s += line(i);
  return s;
}
const text = answer(200_000);
const body = `${replyChunks({ text, chunkSize: 8 }, "m1")
  .map((p) => `data: ${JSON.stringify(p)}\n\n`)
  .join("")}data: [DONE]\n\n`;
const provider = await FakeProvider.start(() => ({
  replay: { status: 200, headers: { "content-type": "text/event-stream" }, body },
}));
const stream = createStreamFn(fakeModel(provider.url));

async function once() {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let deltas = 0;
  let done;
  for await (const ev of stream({
    messages: [{ role: "user", content: "go" }],
    tools: [],
    signal: new AbortController().signal,
  })) {
    if (ev.type === "text_delta") deltas++;
    else if (ev.type === "done") done = ev;
  }
  const c = process.cpuUsage(c0);
  if (done?.stopReason !== "stop" || done.message.content !== text)
    throw new Error(`wrong result: ${done?.stopReason}`);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, deltas };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await once(); // warm-up: JIT, the connection
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
await provider.close();
const row = (name, v, note) => console.log(`${name.padEnd(44)} ${v.padEnd(10)} ${note}`);
row(`body`, `${(body.length / 1e6).toFixed(2)} MB`, `${text.length} chars of answer, 8 per event`);
row(
  `stream parse, 200 KB / 8 B chunks: wall`,
  `${median(runs.map((r) => r.ms)).toFixed(1)} ms`,
  `median of ${RUNS}`,
);
const cpu = median(runs.map((r) => r.cpuMs));
row(
  `stream parse, 200 KB / 8 B chunks: CPU`,
  `${cpu.toFixed(1)} ms`,
  `goal ≤ 80 ms: ${cpu <= 80 ? "ok" : "OVER"} (user+sys of the whole process, server included)`,
);
row(`text_delta events`, String(runs[0].deltas), `per 200 KB`);
console.log(
  `\nNode ${process.version}; in-process fake provider (prebuilt body, one write), real SDK request.`,
);
