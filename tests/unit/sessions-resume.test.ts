// Recorder + resume + fork against a real Session (bootstrap) and the fake OpenAI server: what a resumed session
// sends to the model is exactly the history it had, and todos, usage, cost, mode and model come back.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { toWireMessages } from "../../src/providers/convert.js";
import { assembleSession } from "../../src/runtime/assemble.js";
import type { SessionFeature } from "../../src/session/feature.js";
import { Session } from "../../src/session/session.js";
import { SessionLockedError, SessionNotFoundError } from "../../src/store/errors.js";
import { sessionsDir } from "../../src/store/paths.js";
import { attachRecorder, recordTitle } from "../../src/store/recorder.js";
import { resumeSession } from "../../src/store/resume.js";
import { SessionLog, type SessionRestore } from "../../src/store/session-log.js";
import { SessionStore } from "../../src/store/store.js";
import type { Todo } from "../../src/tools/todo.js";
import { defineTool } from "../../src/tools/tool.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
let t: TempEnv;
let store: SessionStore;

const todoTool = defineTool({
  name: "todo_write",
  description: "Replaces the todo list.",
  parameters: z.object({
    todos: z.array(
      z.object({
        id: z.string(),
        content: z.string(),
        status: z.enum(["pending", "in_progress", "completed", "cancelled"]),
        priority: z.enum(["high", "medium", "low"]),
      }),
    ),
  }),
  readOnly: true,
  execute: async ({ todos }, ctx) => {
    ctx.state.todos = todos as Todo[];
    return { content: `${todos.length} todos`, details: { kind: "todo", todos: todos as Todo[] } };
  },
});

beforeAll(async () => {
  provider = await FakeProvider.start();
});
afterAll(() => provider.close());
beforeEach(() => {
  t = makeTempEnv({ "a.txt": "alpha\n" });
  writeFakeUserConfig(t, provider.url);
  provider.requests.length = 0;
  // A directory of its own: once bootstrap keeps a session log too, it must not mix with this test's.
  store = new SessionStore({ dir: path.join(t.root, "test-sessions"), version: "test" });
});
afterEach(() => t.cleanup());

async function firstSession() {
  const { session } = await assembleSession({ cwd: t.cwd, env: t.env, headless: true });
  session.registry.setGroup("todo", [todoTool]);
  const writer = store.create({ cwd: t.cwd, model: session.model.ref });
  attachRecorder(session, writer, { fresh: true });
  const todos: Todo[] = [{ id: "1", content: "Read a.txt", status: "in_progress", priority: "high" }];
  provider.enqueue(
    {
      toolCalls: [{ id: "t1", name: "todo_write", arguments: { todos } }],
      usage: { prompt_tokens: 1000, completion_tokens: 10, cached_tokens: 200 },
    },
    { toolCalls: [{ id: "r1", name: "read_file", arguments: { file_path: "a.txt" } }] },
    { text: "a.txt says alpha." },
  );
  await session.run("What does a.txt say?");
  session.emit({ type: "mode_change", mode: "plan" });
  return { session, writer, todos };
}

/** A Session built the way bootstrap should build it (restored fields spread in), sharing `from`'s deps. */
function restored(from: Session, restore: SessionRestore, features: SessionFeature[] = []) {
  return new Session({
    features,
    ...restore,
    cwd: t.cwd,
    model: from.model,
    stream: from.currentStream(),
    registry: from.registry,
    approvals: from.approvals,
    systemPrompt: "SYSTEM (used only when no messages are restored)",
  });
}

describe("resume", () => {
  it("restores messages, todos, usage, cost, mode, model and the transcript, then continues the same log", async () => {
    const { session, writer, todos } = await firstSession();
    writer.close();
    const r = resumeSession(store, { id: writer.id.slice(0, 8), cwd: t.cwd, isModelConfigured: () => true });
    expect(r.id).toBe(writer.id);
    expect(r.messages).toEqual(session.messages);
    expect(r.todos).toEqual(todos);
    expect(r.usage).toEqual(session.usage);
    expect(r.usage.cachedTokens).toBe(200);
    expect(r.costUsd).toBeCloseTo(session.costUsd, 10);
    expect(r.mode).toBe("plan");
    expect(r.model).toBe("fake/m1");
    expect(r.title).toBe("What does a.txt say?");
    expect(r.warnings).toEqual([]);
    expect(
      r.transcript.filter((x) => x.kind === "tool_call").map((x) => (x.kind === "tool_call" ? x.name : "")),
    ).toEqual(["todo_write", "read_file"]);

    const again = restored(session, {
      id: r.id,
      messages: r.messages,
      toolState: { todos: r.todos, fileStamps: new Map() },
      usage: r.usage,
      costUsd: r.costUsd,
    });
    attachRecorder(again, r.writer);
    provider.enqueue({ text: "Still alpha." });
    await again.run("And now?");
    // The model sees the complete earlier history, byte for byte, plus the new prompt.
    expect(provider.requests.at(-1)!.body.messages).toEqual(
      toWireMessages([...session.messages, { role: "user", content: "And now?" }], session.model.compat),
    );
    r.writer.close();
    const reloaded = store.load(writer.id).state;
    expect(reloaded.turns).toBe(2);
    expect(reloaded.messages).toEqual(again.messages);
  });

  it("--continue picks the latest session of this folder; unknown ids and empty folders are clear errors", async () => {
    const { writer } = await firstSession();
    writer.close();
    const r = resumeSession(store, { continueIn: t.cwd, cwd: t.cwd });
    expect(r.id).toBe(writer.id);
    r.writer.close();
    expect(() => resumeSession(store, { continueIn: "/elsewhere", cwd: "/elsewhere" })).toThrow(
      /No saved session for \/elsewhere/,
    );
    expect(() => resumeSession(store, { id: "0123abcd", cwd: t.cwd })).toThrow(SessionNotFoundError);
    expect(() => resumeSession(store, { id: "../../etc", cwd: t.cwd })).toThrow(/not a session id/);
  });

  it("refuses to resume a session another writer holds, and warns when the model is gone", async () => {
    const { writer } = await firstSession();
    expect(() => resumeSession(store, { id: writer.id, cwd: t.cwd })).toThrow(SessionLockedError);
    writer.close();
    const r = resumeSession(store, {
      id: writer.id,
      cwd: "/other",
      isModelConfigured: (ref) => ref !== "fake/m1",
    });
    expect(r.modelConfigured).toBe(false);
    expect(r.warnings).toEqual([
      "This session used fake/m1, which is no longer configured.",
      `This session was started in ${t.cwd}; tools now work in /other.`,
    ]);
    r.writer.close();
  });

  it("--fork-session continues in a copy while the original is held elsewhere and stays untouched", async () => {
    const { session, writer } = await firstSession();
    const f = resumeSession(store, { id: writer.id, cwd: t.cwd, fork: true });
    expect(f.id).not.toBe(writer.id);
    expect(f.messages).toEqual(session.messages);
    expect(f.title).toBe("What does a.txt say? (fork)");
    recordTitle(f.writer, "  Alpha   investigation ");
    f.writer.close();
    writer.close();
    expect(store.load(f.id).state.title).toBe("Alpha investigation");
    expect(store.load(writer.id).state.title).toBe("What does a.txt say?");
    expect(
      store
        .list()
        .map((s) => s.id)
        .sort(),
    ).toEqual([writer.id, f.id].sort());
  });
});

describe("SessionLog (the log feature)", () => {
  it("creates, records with provider keys redacted, then resumes with the stored model", async () => {
    const { session: base, loaded } = await assembleSession({ cwd: t.cwd, env: t.env, headless: true });
    const opts = { env: t.env, cwd: t.cwd, version: "1.2.3", config: loaded.config };
    const log = new SessionLog(opts);
    expect(log.resumed).toBeUndefined();
    const restore = log.begin(base.model.ref);
    const s = restored(base, restore, [log.feature()]);
    provider.enqueue({ text: "ok" });
    await s.run("my key is test-key, keep it");
    log.close();
    const envStore = new SessionStore({ dir: sessionsDir(t.env), version: "x" });
    const raw = readFileSync(path.join(envStore.dir, `${restore.id}.jsonl`), "utf8");
    expect(raw).not.toContain("test-key");
    expect(raw).toContain("[REDACTED:fake api key]");
    expect(raw.split("\n")[0]).toContain('"version":"1.2.3"');

    const again = new SessionLog({ ...opts, session: restore.id.slice(0, 8) });
    expect(again.storedModel).toBe("fake/m1");
    expect(again.begin("fake/m1")).toMatchObject({
      id: restore.id,
      messages: envStore.load(restore.id).state.messages,
    });
    again.close();
    expect(() => new SessionLog({ ...opts, continue: true, cwd: "/nowhere" })).toThrow(/No saved session/);
  });
});
