// `npm run conformance:mcp [scenario...]`: runs the official MCP conformance suite's client scenarios against
// protoagent's MCP client (scripts/mcp-conformance-client.ts, run from source with tsx). The suite needs
// Node >= 22, so it runs under npx's node@22 package; protoagent itself keeps supporting Node 20. Downloads the
// suite on first use, so it is not part of `npm test`. Prints one Markdown row per scenario (checks passed,
// failed check ids and the client's last stderr line) and exits 1 when any scenario failed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const SUITE = "@modelcontextprotocol/conformance@0.1.16";
const NPX = ["-y", "-p", "node@22", "-p", SUITE, "--"];
const CLIENT = "node --import tsx scripts/mcp-conformance-client.ts";

const npx = (args) => spawnSync("npx", [...NPX, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });

function scenarios() {
  const listed = npx(["conformance", "list"]).stdout;
  const client = listed.slice(listed.indexOf("Client scenarios"));
  return [...client.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]);
}

/** Newest folder under `dir` holding checks.json (the suite names them <scenario>-<timestamp>). */
function newestResult(dir) {
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name === "checks.json") found.push(d);
    }
  };
  walk(dir);
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

const wanted = process.argv.slice(2);
const list = wanted.length ? wanted : scenarios();
const out = mkdtempSync(path.join(os.tmpdir(), "protoagent-conformance-results-"));
let failed = 0;
console.log("| scenario | result | checks | failing checks | client said |\n|---|---|---|---|---|");
for (const scenario of list) {
  const dir = path.join(out, scenario.replace(/\//g, "_"));
  const run = npx(["conformance", "client", "--command", CLIENT, "--scenario", scenario, "-o", dir]);
  const text = `${run.stdout}\n${run.stderr}`;
  const passed = /OVERALL: PASSED/.test(text);
  if (!passed) failed++;
  const result = newestResult(dir);
  const checks = result ? JSON.parse(readFileSync(path.join(result, "checks.json"), "utf8")) : [];
  const counted = checks.filter((c) => c.status === "SUCCESS" || c.status === "FAILURE");
  const bad = checks
    .filter((c) => c.status === "FAILURE" || c.status === "WARNING")
    .map((c) => `${c.id} (${c.status})`);
  const said = result
    ? (readFileSync(path.join(result, "stderr.txt"), "utf8").trim().split("\n").filter(Boolean).at(-1) ?? "")
    : (text.match(/Error: .*/)?.[0] ?? "");
  const ok = counted.filter((c) => c.status === "SUCCESS").length;
  console.log(
    `| ${scenario} | ${passed ? "pass" : "FAIL"} | ${ok}/${counted.length} | ${bad.join(", ")} | ${said.replace(/\|/g, "\\|").slice(0, 160)} |`,
  );
}
console.log(`\nresults: ${out}`);
process.exitCode = failed ? 1 : 0;
