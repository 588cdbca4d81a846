// Shell policy classification speed. Run: node --import tsx bench/shell.bench.mjs
// Loads the grammar once (reported as cold start), warms up, then classifies a mixed corpus of read-only,
// asking and hard-blocked commands many times in a temp workspace; prints median and p99 per command, in wall
// time and in process CPU time (the honest figure on a shared, oversubscribed machine).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { classifyWithParser, loadShellParser } from "../src/tools/shell/index.js";

// biome-ignore format: a compact table is easier to review
const CORPUS = [
  "ls -la", "git status", "git log --oneline -n 20", "git diff --stat HEAD~1", "cat package.json | jq .version",
  "grep -rn TODO src", "rg -n 'fn main' --type rust", "find . -name '*.ts' -not -path './node_modules/*'",
  "sed -n 1,40p src/index.ts", "awk -F, '{print $2}' data.csv", "head -n 50 README.md", "wc -l src/*.ts",
  "cd src && ls -la && cat index.ts", "sort notes.txt | uniq -c | sort -rn | head", "git branch -a",
  "tree -L 2 src", "du -sh .", "node --version", "npm ls --depth=0", "[ -f package.json ] && echo yes",
  "npm test", "npm run build", "rm -rf ./build", "git commit -m 'fix: thing'", "echo $(whoami)", "ls > out.txt",
  "python3 script.py", "curl https://example.com", "cat ~/.ssh/id_rsa", "find . -delete", "sed -i s/a/b/ x",
  "rm -rf /", "sudo apt-get install x", "bash -c 'rm -rf ~'", ":(){ :|:& };:", "dd if=/dev/zero of=/dev/sda",
  "git log --format='%h %an %s' --since='2 weeks ago' -- src | head -50",
  "grep -E 'error|warn' logs/app.log | sort | uniq -c | sort -rn | head -20",
];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "protoagent-shell-bench-")));
try {
  for (const f of [
    "package.json",
    "README.md",
    "notes.txt",
    "data.csv",
    "src/index.ts",
    "src/a.ts",
    "logs/app.log",
  ]) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), "x\n");
  }
  const roots = { cwd: root };
  const t0 = performance.now();
  const parser = await loadShellParser();
  const coldMs = performance.now() - t0;
  for (let i = 0; i < 20; i++) for (const c of CORPUS) classifyWithParser(parser, c, roots);
  // The machine may be shared: wall time includes time the process was descheduled, CPU time does not.
  // Each sample is the mean over a batch of BATCH classifications of one command.
  const BATCH = 25;
  const ROUNDS = 20;
  const wall = [];
  const cpu = [];
  const perCommand = new Map();
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of CORPUS) {
      const w0 = performance.now();
      const c0 = process.cpuUsage();
      for (let i = 0; i < BATCH; i++) classifyWithParser(parser, c, roots);
      const used = process.cpuUsage(c0);
      const cpuMs = (used.user + used.system) / 1000 / BATCH;
      const wallMs = (performance.now() - w0) / BATCH;
      wall.push(wallMs);
      cpu.push(cpuMs);
      perCommand.set(c, (perCommand.get(c) ?? 0) + cpuMs / ROUNDS);
    }
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const decisions = { auto: 0, ask: 0, deny: 0 };
  for (const c of CORPUS) decisions[classifyWithParser(parser, c, roots).decision]++;
  const slowest = [...perCommand.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const row = (xs) => ({
    median: xs[Math.floor(xs.length / 2)].toFixed(4),
    p99: percentile(xs, 99).toFixed(4),
    max: xs[xs.length - 1].toFixed(4),
  });
  console.log(
    `shell policy classification (ms per command; grammar load, cold, once: ${coldMs.toFixed(1)} ms)`,
  );
  console.table({ "wall time": row(wall), "CPU time": row(cpu) });
  console.log(
    `corpus: ${CORPUS.length} commands (auto ${decisions.auto}, ask ${decisions.ask}, deny ${decisions.deny}), ` +
      `${ROUNDS} rounds x batches of ${BATCH}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`,
  );
  for (const [c, ms] of slowest) console.log(`slowest (CPU): ${ms.toFixed(4)} ms  ${c}`);
  console.log(
    percentile(cpu, 99) < 1 ? "target met: p99 CPU time < 1 ms" : "target MISSED: p99 CPU time >= 1 ms",
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
