// Checkpoints and rewind through the real Runtime (fake OpenAI server, real session logs and files in temp
// folders): a rewind restores bytes and mode exactly, removes files the agent created, leaves files changed
// outside protoagent alone unless confirmed, cuts the conversation so the next request carries exactly the kept
// messages, survives a resume and a fork, and /undo reverts one turn at a time.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ScriptedReply } from "../helpers/fake-provider.js";
import { runtimeFixture } from "../helpers/runtime-env.js";

const env = runtimeFixture({ "a.txt": "alpha\r\nbeta\r\n" });

async function open(resume?: { session?: string; fork?: boolean }) {
  return env.open({ headless: true, mode: "accept-edits", ...(resume ? { resume } : {}) });
}

const readThenEdit = (file: string, from: string, to: string): ScriptedReply[] => [
  { toolCalls: [{ name: "read_file", arguments: { file_path: file } }] },
  { toolCalls: [{ name: "edit_file", arguments: { file_path: file, old_string: from, new_string: to } }] },
  { text: `edited ${file}` },
];
const write = (file: string, content: string): ScriptedReply[] => [
  { toolCalls: [{ name: "write_file", arguments: { file_path: file, content } }] },
  { text: `wrote ${file}` },
];
const a = () => path.join(env.t.cwd, "a.txt");
const ORIGINAL = Buffer.from("alpha\r\nbeta\r\n");

describe("checkpoints", () => {
  it("rewinding code restores the bytes and mode exactly; snapshots are private", async () => {
    chmodSync(a(), 0o754);
    const rt = await open();
    env.provider.enqueue(...readThenEdit("a.txt", "beta", "gamma"));
    await rt.run("change beta");
    expect(readFileSync(a(), "utf8")).toBe("alpha\r\ngamma\r\n");
    expect(rt.turns()).toEqual([expect.objectContaining({ turn: 1, text: "change beta", files: ["a.txt"] })]);
    const preview = await rt.previewRewind(1, "code");
    expect(preview.files.map((f) => [f.rel, f.action])).toEqual([["a.txt", "restore"]]);
    const res = await rt.rewind(1, "code");
    expect(res.restored.map((f) => f.rel)).toEqual(["a.txt"]);
    expect(readFileSync(a()).equals(ORIGINAL)).toBe(true);
    expect(statSync(a()).mode & 0o7777).toBe(0o754);
    // The conversation is untouched by a code-only rewind.
    expect(rt.messages.length).toBeGreaterThan(2);
    const dir = path.join(env.t.dataHome, "protoagent", "checkpoints", rt.id);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(dir)) expect(statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    // Nothing left in effect: a second rewind has nothing to do.
    expect(rt.turns()[0]?.files).toEqual([]);
    expect(await rt.undo()).toBeUndefined();
  });

  it("files the agent created are removed", async () => {
    const rt = await open();
    env.provider.enqueue(...write("new/dir/b.txt", "bee\n"));
    await rt.run("make b");
    expect(existsSync(path.join(env.t.cwd, "new/dir/b.txt"))).toBe(true);
    const res = await rt.rewind(1, "code");
    expect(res.restored.map((f) => [f.rel, f.action])).toEqual([["new/dir/b.txt", "remove"]]);
    expect(existsSync(path.join(env.t.cwd, "new/dir/b.txt"))).toBe(false);
  });

  it("a file changed outside protoagent after the agent's edit is reported and kept unless confirmed", async () => {
    const rt = await open();
    env.provider.enqueue(...readThenEdit("a.txt", "beta", "gamma"), ...write("c.txt", "sea\n"));
    await rt.run("edit a");
    await rt.run("make c");
    writeFileSync(a(), "mine now\n");
    writeFileSync(path.join(env.t.cwd, "c.txt"), "also mine\n");
    const preview = await rt.previewRewind(1, "code");
    expect(preview.files.map((f) => [f.rel, f.action])).toEqual([
      ["a.txt", "conflict"],
      ["c.txt", "conflict"],
    ]);
    const res = await rt.rewind(1, "code");
    expect(res.kept.map((f) => f.rel)).toEqual(["a.txt", "c.txt"]);
    expect(readFileSync(a(), "utf8")).toBe("mine now\n");
    expect(readFileSync(path.join(env.t.cwd, "c.txt"), "utf8")).toBe("also mine\n");
    // Still the agent's changes in effect: confirming one overwrites that one only.
    const again = await rt.rewind(1, "code", { confirm: ["a.txt"] });
    expect(again.restored.map((f) => f.rel)).toEqual(["a.txt"]);
    expect(readFileSync(a()).equals(ORIGINAL)).toBe(true);
    expect(readFileSync(path.join(env.t.cwd, "c.txt"), "utf8")).toBe("also mine\n");
  });

  it("/undo reverts the most recent turn's changes, then the one before", async () => {
    const rt = await open();
    env.provider.enqueue(...readThenEdit("a.txt", "beta", "gamma"), ...write("c.txt", "sea\n"));
    await rt.run("edit a");
    await rt.run("make c");
    const first = await rt.undo();
    expect(first?.turn).toBe(2);
    expect(first?.restored.map((f) => f.rel)).toEqual(["c.txt"]);
    expect(existsSync(path.join(env.t.cwd, "c.txt"))).toBe(false);
    expect(readFileSync(a(), "utf8")).toBe("alpha\r\ngamma\r\n");
    const second = await rt.undo();
    expect(second?.turn).toBe(1);
    expect(readFileSync(a()).equals(ORIGINAL)).toBe(true);
    expect(await rt.undo()).toBeUndefined();
  });
});

describe("conversation rewind", () => {
  it("the next request carries exactly the kept messages; resume and fork see the rewound state", async () => {
    const rt = await open();
    env.provider.enqueue({ text: "one" }, ...write("b.txt", "bee\n"), { text: "three" });
    await rt.run("first");
    await rt.run("second");
    const kept = env.provider.requests[1]!.body.messages.slice(0, 2); // system, "first"
    const res = await rt.rewind(2, "both");
    expect(res.prompt).toBe("second");
    expect(res.keptMessages).toBe(3);
    expect(existsSync(path.join(env.t.cwd, "b.txt"))).toBe(false);
    expect(rt.turns().map((x) => x.text)).toEqual(["first"]);
    await rt.run("again");
    const sent = env.provider.requests.at(-1)!.body.messages;
    expect(sent.slice(0, 2)).toEqual(kept);
    expect(sent.slice(2).map((m) => [m.role, m.content])).toEqual([
      ["assistant", "one"],
      ["user", "again"],
    ]);
    const id = rt.id;
    const live = rt.messages.map((m) => ({ ...m }));
    await rt.close();
    const resumed = await open({ session: id });
    expect(resumed.messages).toEqual(live);
    expect(resumed.turns().map((x) => x.text)).toEqual(["first", "again"]);
    await resumed.newSession({ resume: id, fork: true });
    expect(resumed.id).not.toBe(id);
    expect(resumed.messages).toEqual(live);
    expect(resumed.turns().map((x) => x.text)).toEqual(["first", "again"]);
  });

  it("a fork keeps its source's snapshots, so it can rewind code the source changed", async () => {
    const rt = await open();
    env.provider.enqueue(...readThenEdit("a.txt", "beta", "gamma"), { text: "later" });
    await rt.run("edit a");
    await rt.run("talk");
    const id = rt.id;
    await rt.newSession({ resume: id, fork: true });
    // The source's snapshots may be pruned later; the fork has its own links to them.
    const res = await rt.rewind(1, "both");
    expect(res.restored.map((f) => f.rel)).toEqual(["a.txt"]);
    expect(readFileSync(a()).equals(ORIGINAL)).toBe(true);
    expect(rt.messages.map((m) => m.role)).toEqual(["system"]);
  });
});
