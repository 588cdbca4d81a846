// Rewinds that are interrupted, and the headless `protoagent sessions rewind`: a log cut at any byte of the
// rewind record (a crash while it was written) loads as the state before or after the rewind, never broken; a
// rewind killed with SIGKILL in the middle of restoring files leaves a loadable session, and running it again
// finishes the job. The CLI lists turns, previews (--dry-run), restores, and `sessions show` reports the size.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SessionStore } from "../../src/store/store.js";
import { CLI, runCli } from "../helpers/run-cli.js";
import { runtimeFixture } from "../helpers/runtime-env.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });

const sessions = () => path.join(env.t.dataHome, "protoagent", "sessions");
const store = () => new SessionStore({ dir: sessions(), version: "test" });
const cli = (...args: string[]) => runCli(["sessions", ...args], { env: env.t.env, cwd: env.t.cwd });

/** A closed session: turn 1 creates `files`, turn 2 only talks. */
async function session(files: string[]): Promise<string> {
  const rt = await env.open({ headless: true, mode: "accept-edits" });
  env.provider.enqueue(
    { toolCalls: files.map((f) => ({ name: "write_file", arguments: { file_path: f, content: `${f}\n` } })) },
    { text: "made them" },
    { text: "just talking" },
  );
  await rt.run("make files");
  await rt.run("talk");
  const id = rt.id;
  await rt.close();
  return id;
}

describe("interrupted rewinds", () => {
  it("a log cut at any byte of the rewind record loads as before or after the rewind", async () => {
    const id = await session(["b.txt"]);
    const before = store().load(id).state.messages;
    const rt = await env.open({ headless: true, resume: { session: id } });
    await rt.rewind(2, "conversation");
    const after = rt.messages.map((m) => ({ ...m }));
    await rt.close();
    const file = path.join(sessions(), `${id}.jsonl`);
    const full = readFileSync(file);
    const start = full.lastIndexOf(0x0a, full.length - 2) + 1;
    expect(JSON.parse(full.subarray(start).toString()).t).toBe("rewind");
    const step = Math.max(1, Math.floor((full.length - start) / 200));
    const cuts = new Set([start, start + 1, full.length - 1, full.length]);
    for (let c = start; c < full.length; c += step) cuts.add(c);
    for (const cut of cuts) {
      writeFileSync(file, full.subarray(0, cut));
      const loaded = store().load(id);
      expect(loaded.state.messages).toEqual(cut === full.length ? after : before);
    }
    // And the real resume path reopens the torn file for writing.
    writeFileSync(file, full.subarray(0, full.length - 5));
    const again = await env.open({ headless: true, resume: { session: id } });
    expect(again.messages).toEqual(before);
    expect(again.turns().map((x) => x.text)).toEqual(["make files", "talk"]);
    await again.close();
  });

  it("SIGKILL in the middle of restoring files leaves a loadable session; rewinding again finishes", async () => {
    const names = Array.from({ length: 150 }, (_, i) => `gen/f${i}.txt`);
    const id = await session(names);
    expect(names.every((n) => existsSync(path.join(env.t.cwd, n)))).toBe(true);
    let child: ChildProcess | undefined;
    const done = new Promise<void>((resolve) => {
      child = spawn(process.execPath, [CLI, "sessions", "rewind", id, "--to", "1", "--code"], {
        env: env.t.env as NodeJS.ProcessEnv,
        cwd: env.t.cwd,
        stdio: "ignore",
      });
      child.on("close", () => resolve());
    });
    // Wait for the state "some files restored", then kill: the record (written last) is then not there yet.
    while (names.every((n) => existsSync(path.join(env.t.cwd, n))) && child?.exitCode === null)
      await new Promise((r) => setImmediate(r));
    child?.kill("SIGKILL");
    await done;
    const loaded = store().load(id);
    expect(loaded.state.turns).toBe(2);
    const rewound = loaded.records.some((r) => r.t === "rewind");
    if (!rewound) expect(names.some((n) => existsSync(path.join(env.t.cwd, n)))).toBe(true);
    const again = await cli("rewind", id, "--to", "1", "--code");
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(names.filter((n) => existsSync(path.join(env.t.cwd, n)))).toEqual([]);
    expect(
      store()
        .load(id)
        .records.filter((r) => r.t === "rewind").length,
    ).toBeGreaterThanOrEqual(1);
  });
});

describe("protoagent sessions rewind", () => {
  it("lists turns, previews, restores, and sessions show reports the checkpoint size", async () => {
    writeFileSync(path.join(env.t.cwd, "b.txt"), "old b\n");
    const rt = await env.open({ headless: true, mode: "accept-edits" });
    env.provider.enqueue(
      { toolCalls: [{ name: "read_file", arguments: { file_path: "b.txt" } }] },
      { toolCalls: [{ name: "write_file", arguments: { file_path: "b.txt", content: "new b\n" } }] },
      { text: "done" },
    );
    await rt.run("rewrite b");
    const id = rt.id;
    await rt.close();
    const list = await cli("rewind", id);
    expect(list.stdout).toContain("1. rewrite b");
    expect(list.stdout).toContain("files: b.txt");
    const dry = await cli("rewind", id, "--to", "1", "--code", "--dry-run");
    expect(dry.stdout).toContain("Would rewind code");
    expect(dry.stdout).toContain("b.txt: restore");
    expect(readFileSync(path.join(env.t.cwd, "b.txt"), "utf8")).toBe("new b\n");
    const show = await cli("show", id);
    expect(show.stdout).toMatch(/checkpoints: \d+ B/);
    const real = await cli("rewind", id, "--to", "1", "--code");
    expect(real.code).toBe(0);
    expect(readFileSync(path.join(env.t.cwd, "b.txt"), "utf8")).toBe("old b\n");
    const bad = await cli("rewind", id, "--to", "7");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("There is no turn 7");
    // Deleting the session deletes its snapshots.
    const dir = path.join(env.t.dataHome, "protoagent", "checkpoints", id);
    expect(existsSync(dir)).toBe(true);
    expect((await cli("delete", id)).code).toBe(0);
    expect(existsSync(dir)).toBe(false);
  });
});
