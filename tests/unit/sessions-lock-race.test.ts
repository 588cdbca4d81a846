// Several real processes race to take over the same stale lock: exactly one may win, the others must be told
// the session is in use (the takeover goes through a rename that only one of them can perform on the stale file).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const LOCK_MODULE = fileURLToPath(new URL("../../src/store/lock.ts", import.meta.url));
let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "pa-lock-race-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A child that waits for "go", tries the lock, prints won/locked, and holds it until its stdin closes. */
function contender(lockPath: string) {
  const code = `
    const { acquireLock } = await import(${JSON.stringify(LOCK_MODULE)});
    process.stdin.once("data", () => {
      let result;
      try { acquireLock(${JSON.stringify(lockPath)}, "s"); result = "won"; } catch (e) { result = e.name === "SessionLockedError" ? "locked" : "error " + e.message; }
      process.stdout.write(result + "\\n");
      process.stdin.once("end", () => process.exit(0));
      process.stdin.resume();
    });
    process.stdout.write("ready\\n");`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  child.stdout.on("data", (d: Buffer) => {
    lines.push(...d.toString().trim().split("\n"));
    for (const w of waiters.splice(0)) w();
  });
  const line = (n: number) =>
    new Promise<string>((resolve) => {
      const check = () => (lines.length >= n ? resolve(lines[n - 1]!) : waiters.push(check));
      check();
    });
  return { child, line };
}

describe("lock takeover race", () => {
  it("exactly one of several processes takes over a stale lock", async () => {
    const lockPath = path.join(root, "s.jsonl.lock");
    // A lock left by a process that no longer exists on this host.
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => dead.once("exit", r));
    writeFileSync(lockPath, JSON.stringify({ pid: dead.pid, host: os.hostname(), started: "then" }));
    const racers = Array.from({ length: 4 }, () => contender(lockPath));
    await Promise.all(racers.map((r) => r.line(1)));
    for (const r of racers) r.child.stdin.write("go\n");
    const results = await Promise.all(racers.map((r) => r.line(2)));
    for (const r of racers) r.child.stdin.end();
    await Promise.all(racers.map((r) => new Promise((res) => r.child.once("exit", res))));
    expect(results.filter((x) => x === "won")).toHaveLength(1);
    expect(results.filter((x) => x === "locked")).toHaveLength(3);
  });
});
