// Benchmarks for the approvals area: rule parsing, engine decisions, tool-call pre-checks, URL policy checks,
// HTML conversion and a local end-to-end webfetch. Run: npx tsx bench/approvals.bench.mjs
// Method: warm-up, then N iterations timed with process.hrtime.bigint(); prints a table; always exits 0.
import http from "node:http";
import { createApprovalEngine } from "../src/approval/engine.js";
import { parseRule } from "../src/approval/rules.js";
import { createToolState } from "../src/tools/tool.js";
import { createWebfetchTool } from "../src/tools/webfetch.js";
import { htmlToMarkdown, htmlToText } from "../src/utils/html-to-markdown.js";
import { checkUrl } from "../src/utils/net-guard.js";
import { builtinSpecifiers } from "../tests/helpers/specifiers.js";

const rows = [];
async function bench(name, iterations, fn) {
  for (let i = 0; i < Math.min(200, iterations); i++) await fn(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn(i);
  const ns = Number(process.hrtime.bigint() - t0) / iterations;
  rows.push({
    name,
    iterations,
    perOp: ns < 1e6 ? `${(ns / 1e3).toFixed(2)} µs` : `${(ns / 1e6).toFixed(2)} ms`,
  });
}

const ruleStrings = [];
for (let i = 0; i < 20; i++) {
  ruleStrings.push(`bash(tool${i} sub:*)`, `write_file(src/mod${i}/**)`, `webfetch(domain:site${i}.example)`);
}
await bench("parseRule", 20_000, (i) => parseRule(ruleStrings[i % ruleStrings.length], builtinSpecifiers));

const engine = createApprovalEngine({
  mode: "default",
  rules: {
    allow: ruleStrings,
    ask: ["bash(git push:*)"],
    deny: ["bash(rm:*)", "read_file(.env*)", "mcp_evil_*"],
  },
  headless: true,
  cwd: "/ws",
  specifierOf: builtinSpecifiers,
});
const signal = new AbortController().signal;
const requests = [
  { tool: "bash", kind: "shell", title: "t", detail: "tool7 sub --flag x", command: "tool7 sub --flag x" },
  { tool: "bash", kind: "shell", title: "t", detail: "ls && rm -rf x", command: "ls && rm -rf x" },
  { tool: "bash", kind: "shell", title: "t", detail: "npm run unknown", command: "npm run unknown" },
  { tool: "write_file", kind: "write", title: "t", detail: "d", path: "/ws/src/mod13/a/b.ts" },
  {
    tool: "webfetch",
    kind: "fetch",
    title: "t",
    detail: "https://a.site19.example/x",
    url: "https://a.site19.example/x",
  },
];
await bench("engine.approve (60 rules, mixed)", 20_000, (i) =>
  engine.approve(requests[i % requests.length], signal),
);
await bench("engine.denyCheck (pre-run deny rules)", 50_000, (i) =>
  engine.denyCheck(
    i % 2 ? "read_file" : "bash",
    i % 2 ? { path: "/ws/src/x.ts" } : { command: "git status" },
  ),
);

const urls = [
  "https://docs.rs/serde",
  "http://2130706433/",
  "http://[::ffff:7f00:1]/",
  "http://169.254.169.254/",
  "https://[2606:4700::1111]/",
];
await bench("checkUrl (policy, no DNS)", 50_000, (i) => {
  try {
    checkUrl(urls[i % urls.length]);
  } catch {}
});

const section =
  "<h2>Section</h2><p>Some <b>bold</b> text with <a href='/x'>a link</a> and <code>code</code>.</p><ul><li>one</li><li>two</li></ul><pre><code>const a = 1;</code></pre>";
const page = `<html><head><title>x</title><script>var a=1</script></head><body>${section.repeat(Math.ceil(1_000_000 / section.length))}</body></html>`;
await bench(`htmlToMarkdown (${(page.length / 1e6).toFixed(1)} MB HTML)`, 5, () => htmlToMarkdown(page));
await bench(`htmlToText (${(page.length / 1e6).toFixed(1)} MB HTML)`, 5, () => htmlToText(page));

const server = http.createServer((_req, res) =>
  res.writeHead(200, { "content-type": "text/html" }).end(page),
);
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const port = server.address().port;
const tool = createWebfetchTool({
  lookup: async () => [{ address: "127.0.0.1", family: 4 }],
  allowAddress: (ip) => ip === "127.0.0.1",
});
const allowAll = createApprovalEngine({ mode: "bypass", rules: {}, headless: true, cwd: "/ws" });
const ctx = {
  cwd: "/ws",
  readOnlyRoots: [],
  signal,
  sessionId: "b",
  callId: "c",
  state: createToolState(),
  approve: (r) => allowAll.approve(r, signal),
  update() {},
};
await bench("webfetch local 1 MB page → markdown", 5, () =>
  tool.execute({ url: `http://bench.test:${port}/`, format: "markdown" }, ctx),
);
server.close();

console.log(`approvals benchmarks (node ${process.version})`);
console.table(rows);
