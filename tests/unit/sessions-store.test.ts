import { spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Message } from "../../src/agent/messages.js";
import { SessionLockedError, SessionNotFoundError, SessionReadError } from "../../src/store/errors.js";
import { lockFile, sessionFile, sessionsDir } from "../../src/store/paths.js";
import type { BodyRecord } from "../../src/store/records.js";
import { createRedactor } from "../../src/store/redact.js";
import { SessionStore } from "../../src/store/store.js";

let root: string;
let store: SessionStore;
const at = "2026-01-01T00:00:00.000Z";
const msg = (m: Message): BodyRecord => ({ t: "msg", at, m });

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "pa-sessions-"));
  store = new SessionStore({ dir: path.join(root, "sessions"), version: "9.9.9" });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function turn(i: number): BodyRecord[] {
  return [
    msg({ role: "user", content: `question ${i}` }),
    msg({
      role: "assistant",
      content: "",
      toolCalls: [{ id: `c${i}`, name: "read_file", arguments: `{"path":"f${i}"}` }],
    }),
    msg({ role: "tool", toolCallId: `c${i}`, name: "read_file", content: `contents ${i}` }),
    msg({ role: "assistant", content: `answer ${i}` }),
    {
      t: "usage",
      at,
      usage: { inputTokens: 100, outputTokens: 10, cachedTokens: 40 },
      costUsd: 0.5,
      contextTokens: 110,
      contextWindow: 1000,
    },
  ];
}

describe("session store", () => {
  it("resolves the directory from XDG_DATA_HOME, else ~/.local/share", () => {
    expect(sessionsDir({ XDG_DATA_HOME: "/x/data", HOME: "/h" })).toBe("/x/data/protoagent/sessions");
    expect(sessionsDir({ HOME: "/h" })).toBe("/h/.local/share/protoagent/sessions");
  });

  it("round-trips a session: header, messages, todos, usage, cost, model, mode, title", () => {
    const w = store.create({ cwd: "/work", model: "fake/m1" });
    w.append([msg({ role: "system", content: "sys" }), ...turn(1)]);
    w.append([
      { t: "todos", at, todos: [{ id: "1", content: "do it", status: "in_progress", priority: "high" }] },
      { t: "model", at, model: "fake/m2" },
      { t: "mode", at, mode: "plan" },
      ...turn(2),
    ]);
    w.close();
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(store.dir)).toBe(0o700);
    expect(mode(sessionFile(store.dir, w.id))).toBe(0o600);
    expect(existsSync(lockFile(store.dir, w.id))).toBe(false);

    const s = store.load(w.id);
    expect(s.header).toMatchObject({ id: w.id, cwd: "/work", model: "fake/m1", version: "9.9.9", v: 1 });
    expect(s.state.messages).toHaveLength(9);
    expect(s.state.messages[2]).toEqual({
      role: "assistant",
      content: "",
      toolCalls: [{ id: "c1", name: "read_file", arguments: '{"path":"f1"}' }],
    });
    expect(s.state.todos).toEqual([{ id: "1", content: "do it", status: "in_progress", priority: "high" }]);
    expect(s.state.usage).toEqual({ inputTokens: 200, outputTokens: 20, cachedTokens: 80 });
    expect(s.state.costUsd).toBe(1);
    expect(s.state.model).toBe("fake/m2");
    expect(s.state.mode).toBe("plan");
    expect(s.state.turns).toBe(2);
    expect(s.state.title).toBe("question 1");
    expect(s.state.transcript.filter((x) => x.kind === "tool_call")).toEqual([
      { kind: "tool_call", callId: "c1", name: "read_file", args: '{"path":"f1"}' },
      { kind: "tool_call", callId: "c2", name: "read_file", args: '{"path":"f2"}' },
    ]);
    expect(s.warnings).toEqual([]);
  });

  it("appends without rewriting: earlier bytes are unchanged after more turns", () => {
    const w = store.create({ cwd: "/w", model: "m" });
    w.append(turn(1));
    const before = readFileSync(sessionFile(store.dir, w.id), "utf8");
    w.append(turn(2));
    w.close();
    const after = readFileSync(sessionFile(store.dir, w.id), "utf8");
    expect(after.startsWith(before)).toBe(true);
    expect(after.split("\n").filter(Boolean)).toHaveLength(11);
  });

  it("ignores a torn last line and keeps everything before it; reopening cuts it off", () => {
    const w = store.create({ cwd: "/w", model: "m" });
    w.append([msg({ role: "system", content: "s" }), ...turn(1)]);
    w.append(turn(2));
    w.close();
    const file = sessionFile(store.dir, w.id);
    const size = statSync(file).size;
    truncateSync(file, size - 25); // Mid-way through the last record.
    const s = store.load(w.id);
    expect(s.state.messages).toHaveLength(9);
    expect(s.state.requests).toBe(1);
    expect(s.warnings.join()).toMatch(/incomplete/);

    const w2 = store.openForAppend(w.id);
    w2.append(turn(3));
    w2.close();
    const again = store.load(w.id);
    expect(again.warnings).toEqual([]);
    expect(again.state.turns).toBe(3);
    expect(again.state.messages.at(-1)).toEqual({ role: "assistant", content: "answer 3" });
  });

  it("skips a corrupt middle line with a warning instead of failing the whole session", () => {
    const w = store.create({ cwd: "/w", model: "m" });
    w.append(turn(1));
    w.close();
    const file = sessionFile(store.dir, w.id);
    const lines = readFileSync(file, "utf8").split("\n");
    lines[2] = "{not json";
    writeFileSync(file, lines.join("\n"));
    const s = store.load(w.id);
    expect(s.warnings).toEqual(["line 3 is not valid JSON; skipped"]);
    expect(s.state.messages).toHaveLength(3);
  });

  it("reports a file without a header as unreadable, never as a new session", () => {
    const w = store.create({ cwd: "/w", model: "m" });
    w.close();
    writeFileSync(sessionFile(store.dir, w.id), '{"t":"hea');
    expect(() => store.load(w.id)).toThrow(SessionReadError);
    expect(() => store.load(w.id)).toThrow(/no valid header/);
  });

  it("validates ids: unique prefix, ambiguity, unknown ids, and path traversal", () => {
    const a = store.create({ cwd: "/w", model: "m" });
    a.close();
    expect(store.resolve(a.id)).toBe(a.id);
    expect(store.resolve(a.id.slice(0, 6).toUpperCase())).toBe(a.id);
    expect(() => store.resolve("ffffffff-0000-4000-8000-000000000000")).toThrow(SessionNotFoundError);
    expect(() => store.resolve("ffffffff-0000-4000-8000-000000000000")).toThrow(/sessions list/);
    for (const bad of [
      "../../etc/passwd",
      "..",
      "a/b",
      `${a.id.slice(0, 8)}/../x`,
      "abc",
      "",
      "x".repeat(8),
      `${a.id}\0`,
    ]) {
      expect(() => store.resolve(bad)).toThrow(/not a session id/);
    }
    // Plant a second id sharing a 4-char prefix: the short prefix becomes ambiguous.
    const twin = `${a.id.slice(0, 4)}0000-0000-4000-8000-000000000000`;
    writeFileSync(
      sessionFile(store.dir, twin),
      `${JSON.stringify({ t: "header", v: 1, id: twin, cwd: "/w", created: at, model: "m", version: "1" })}\n`,
    );
    expect(() => store.resolve(a.id.slice(0, 4))).toThrow(/ambiguous/);
  });

  it("redacts API keys and secret-named env values before they reach disk", () => {
    const redactor = createRedactor({
      secrets: { "provider key": "sk-live-abcdefghijklmnop" },
      env: {
        GITHUB_TOKEN: "ghp_1234567890abcdef",
        MY_PASSWORD: 'p"ss\\word!',
        SHORT_KEY: "abc",
        PATH: "/usr/bin:/bin",
      },
    });
    const s2 = new SessionStore({ dir: store.dir, version: "1", redactor });
    const w = s2.create({ cwd: "/w", model: "m" });
    w.append([
      msg({ role: "user", content: "my key is sk-live-abcdefghijklmnop and token ghp_1234567890abcdef" }),
      msg({
        role: "assistant",
        content: "",
        toolCalls: [{ id: "1", name: "bash", arguments: JSON.stringify({ command: 'echo p"ss\\word!' }) }],
      }),
      msg({ role: "tool", toolCallId: "1", name: "bash", content: 'p"ss\\word! /usr/bin:/bin abc' }),
    ]);
    w.close();
    const raw = readFileSync(sessionFile(store.dir, w.id), "utf8");
    expect(raw).not.toContain("sk-live-abcdefghijklmnop");
    expect(raw).not.toContain("ghp_1234567890abcdef");
    expect(raw).not.toContain("ss\\\\word");
    expect(raw).toContain("[REDACTED:provider key]");
    expect(raw).toContain("[REDACTED:GITHUB_TOKEN]");
    const loaded = store.load(w.id).state.messages;
    expect(loaded[2]).toMatchObject({ content: "[REDACTED:MY_PASSWORD] /usr/bin:/bin abc" });
    expect(JSON.parse((loaded[1] as { toolCalls: { arguments: string }[] }).toolCalls[0]!.arguments)).toEqual(
      {
        command: "echo [REDACTED:MY_PASSWORD]",
      },
    );
  });

  it("forks: history copied into a new session, original untouched, usage not double counted", () => {
    const w = store.create({ cwd: "/w", model: "m" });
    w.append([msg({ role: "system", content: "s" }), ...turn(1)]);
    w.close();
    const original = readFileSync(sessionFile(store.dir, w.id), "utf8");
    const f = store.fork(w.id.slice(0, 8));
    f.append(turn(2));
    f.close();
    expect(f.id).not.toBe(w.id);
    expect(readFileSync(sessionFile(store.dir, w.id), "utf8")).toBe(original);
    const forked = store.load(f.id);
    expect(forked.header.forkedFrom).toBe(w.id);
    expect(forked.state.messages).toEqual([
      ...store.load(w.id).state.messages,
      ...turn(2).flatMap((r) => (r.t === "msg" ? [r.m] : [])),
    ]);
    expect(forked.state.title).toBe("question 1 (fork)");
    expect(forked.state.requests).toBe(1);
  });

  it("lists newest first with title, turns and cost; finds the latest for a cwd; deletes", () => {
    const a = store.create({ cwd: "/one", model: "m" });
    a.append(turn(1));
    a.close();
    const b = store.create({ cwd: "/two", model: "m" });
    b.append([...turn(1), ...turn(2), { t: "title", at, title: "Renamed" }]);
    const rows = store.list();
    expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const rb = rows.find((r) => r.id === b.id)!;
    expect(rb).toMatchObject({ title: "Renamed", turns: 2, costUsd: 1, cwd: "/two", activePid: process.pid });
    expect(store.list({ cwd: "/one" }).map((r) => r.id)).toEqual([a.id]);
    expect(store.latestForCwd("/two")).toBe(b.id);
    expect(store.latestForCwd("/three")).toBeUndefined();
    expect(() => store.delete(b.id)).toThrow(SessionLockedError);
    b.close();
    expect(store.delete(b.id.slice(0, 8))).toBe(b.id);
    expect(() => store.load(b.id)).toThrow(SessionNotFoundError);
  });
});

describe("session lock", () => {
  const sleeper = () => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });

  it("refuses a second writer in the same process", () => {
    const w = store.create({ cwd: "/w", model: "m" });
    expect(() => store.openForAppend(w.id)).toThrow(SessionLockedError);
    expect(() => store.openForAppend(w.id)).toThrow(/in use by process \d+/);
    w.close();
    store.openForAppend(w.id).close();
  });

  it("refuses while another live process holds the lock, takes over a stale lock from a dead pid", async () => {
    const w = store.create({ cwd: "/w", model: "m" });
    w.close();
    const lock = lockFile(store.dir, w.id);
    const live = sleeper();
    try {
      writeFileSync(lock, JSON.stringify({ pid: live.pid, host: os.hostname(), started: at }));
      expect(() => store.openForAppend(w.id)).toThrow(new RegExp(`process ${live.pid}`));
    } finally {
      live.kill("SIGKILL");
    }
    await new Promise((r) => live.once("exit", r));
    // The same lock file now names a dead process: it is stale and taken over.
    const w2 = store.openForAppend(w.id);
    expect(JSON.parse(readFileSync(lock, "utf8")).pid).toBe(process.pid);
    w2.close();
    expect(existsSync(lock)).toBe(false);
  });

  it("respects a lock held on another host", () => {
    const w = store.create({ cwd: "/w", model: "m" });
    w.close();
    writeFileSync(
      lockFile(store.dir, w.id),
      JSON.stringify({ pid: 1, host: "elsewhere.example", started: at }),
    );
    expect(() => store.openForAppend(w.id)).toThrow(/elsewhere\.example/);
  });
});
