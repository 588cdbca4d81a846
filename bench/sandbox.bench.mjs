// OS sandbox overhead. Run: node --import tsx bench/sandbox.bench.mjs (or `npm run bench sandbox`).
// Runs `true` and `ls` through the bash tool's runner (shell/run.ts) 50 times each, unsandboxed and inside the
// read-only bwrap sandbox, interleaved so machine load hits both alike; the sandboxed figure includes building
// the per-command policy (secret scan, protected paths) and the launcher argv. Prints medians and the extra
// cost; target: at most 15 ms extra per command (median). Skips with the reason where bwrap cannot start.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sandboxLauncher } from "../src/sandbox/launch.js";
import { probeSandbox } from "../src/sandbox/probe.js";
import { runShell, shellEnvironment } from "../src/tools/shell/index.js";

const RUNS = 50;
const TARGET_MS = 15;

const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "protoagent-sandbox-bench-")));
try {
  for (const f of ["package.json", "README.md", ".env", "src/index.ts", "src/a.ts"]) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), "x\n");
  }
  const support = await probeSandbox({ env: process.env, cwd: root });
  if (!support.ok) {
    console.log(`sandbox overhead: skipped (${support.reason})`);
  } else {
    const sandbox = {
      requested: "read-only",
      mode: "read-only",
      fallback: false,
      support,
      env: process.env,
      permissionMode: () => "default",
    };
    const env = shellEnvironment(process.env);
    const signal = new AbortController().signal;
    const once = async (command, sandboxed) => {
      const t0 = performance.now();
      const launcher = sandboxed
        ? sandboxLauncher(sandbox, { profile: "read-only", workspace: root, env })
        : undefined;
      const r = await runShell({
        command,
        cwd: root,
        env,
        timeoutMs: 10_000,
        signal,
        ...(launcher ? { launcher } : {}),
      });
      if (r.exitCode !== 0) throw new Error(`${command} failed: ${r.output.text}`);
      return performance.now() - t0;
    };
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rows = {};
    let worst = 0;
    for (const command of ["true", "ls"]) {
      for (let i = 0; i < 5; i++) await Promise.all([once(command, false), once(command, true)]);
      const plain = [];
      const boxed = [];
      for (let i = 0; i < RUNS; i++) {
        plain.push(await once(command, false));
        boxed.push(await once(command, true));
      }
      const extra = median(boxed) - median(plain);
      worst = Math.max(worst, extra);
      rows[command] = {
        "unsandboxed median ms": median(plain).toFixed(1),
        "sandboxed median ms": median(boxed).toFixed(1),
        "extra ms": extra.toFixed(1),
      };
    }
    const p0 = performance.now();
    for (let i = 0; i < RUNS; i++)
      sandboxLauncher(sandbox, { profile: "workspace-write", workspace: root, env });
    const policyMs = (performance.now() - p0) / RUNS;
    console.log(`sandbox overhead (${support.binary}, read-only profile, ${RUNS} runs each, interleaved)`);
    console.table(rows);
    console.log(
      `policy + argv build alone: ${policyMs.toFixed(2)} ms per command; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`,
    );
    console.log(
      worst <= TARGET_MS
        ? `target met: at most ${TARGET_MS} ms extra (worst median extra ${worst.toFixed(1)} ms)`
        : `target MISSED: ${worst.toFixed(1)} ms extra > ${TARGET_MS} ms`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
