// Benchmark runner: runs every bench/*.bench.mjs in turn (alphabetically), or only the ones named on the command
// line (`node bench/run.mjs foundation tools`), each in its own Node process so one cannot skew another.
// `npm run bench` builds dist/ first. Exits non-zero only when a benchmark crashed.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.mjs"))
  .sort();
const wanted = process.argv.slice(2).map((a) => path.basename(a).replace(/(\.bench)?\.mjs$/, ""));
const unknown = wanted.filter((w) => !available.includes(`${w}.bench.mjs`));
if (unknown.length) {
  process.stderr.write(
    `bench: unknown benchmark(s): ${unknown.join(", ")}. Available: ${available.join(", ")}\n`,
  );
  process.exit(2);
}
const selected = wanted.length ? wanted.map((w) => `${w}.bench.mjs`) : available;

const failed = [];
for (const file of selected) {
  process.stdout.write(`\n== ${file} ==\n`);
  const code = await new Promise((resolve) => {
    // Benches import the TypeScript sources directly, so every bench runs with the tsx loader.
    const child = spawn(process.execPath, ["--import", "tsx", path.join(dir, file)], { stdio: "inherit" });
    child.on("close", (c, signal) => resolve(signal ? 1 : (c ?? 1)));
  });
  if (code !== 0) failed.push(`${file} (exit ${code})`);
}
if (failed.length) {
  process.stderr.write(`\nbench: failed: ${failed.join(", ")}\n`);
  process.exit(1);
}
