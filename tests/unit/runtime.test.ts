// The Runtime against the real fake OpenAI server, real session logs and temp folders: what every front-end
// relies on — events and the approval handler survive session switches, resume restores the context figures,
// the time limit is reported as a limit, close releases the session lock.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import type { ApprovalPrompt } from "../../src/approval/types.js";
import { runtimeFixture } from "../helpers/runtime-env.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });
const open = env.open;

describe("Runtime", () => {
  it("runs a prompt and reports events and totals through the runtime", async () => {
    const r = await open();
    const events: AgentEvent[] = [];
    r.subscribe((e) => events.push(e));
    env.provider.enqueue({ text: "hello there", usage: { prompt_tokens: 100, completion_tokens: 5 } });
    const result = await r.run("hi");
    expect(result).toMatchObject({ reason: "completed", text: "hello there" });
    expect(events.map((e) => e.type)).toContain("text_delta");
    expect(r.usage).toMatchObject({ inputTokens: 100, outputTokens: 5 });
    expect(r.contextTokens).toBe(105);
    expect(r.messages.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
  });

  it("keeps subscribers and the approval handler across a new session, and resume restores the figures", async () => {
    const r = await open();
    const events: AgentEvent[] = [];
    r.subscribe((e) => events.push(e));
    const asked: ApprovalPrompt[] = [];
    r.setApprovalHandler(async (p) => {
      asked.push(p);
      return { kind: "once" };
    });
    env.provider.enqueue({ text: "first", usage: { prompt_tokens: 40, completion_tokens: 2 } });
    await r.run("one");
    const firstId = r.id;

    await r.newSession();
    expect(r.id).not.toBe(firstId);
    expect(r.messages.map((m) => m.role)).toEqual(["system"]);
    env.provider.enqueue(
      { toolCalls: [{ name: "write_file", arguments: { file_path: "b.txt", content: "beta\n" } }] },
      { text: "wrote it" },
    );
    await r.run("write b");
    expect(asked).toHaveLength(1);
    expect(readFileSync(path.join(env.t.cwd, "b.txt"), "utf8")).toBe("beta\n");
    expect(events.filter((e) => e.type === "agent_start").map((e) => e.sessionId)).toEqual([firstId, r.id]);

    // The first session's lock was released: it can be resumed, with its usage and context size.
    await r.newSession({ resume: firstId.slice(0, 8) });
    expect(r.id).toBe(firstId);
    expect(r.messages.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
    expect(r.usage.inputTokens).toBe(40);
    expect(r.contextTokens).toBe(42);
  });

  it("a fork is a new id with the same history", async () => {
    const r = await open();
    env.provider.enqueue({ text: "kept" });
    await r.run("remember");
    const source = r.id;
    await r.newSession({ resume: source, fork: true });
    expect(r.id).not.toBe(source);
    expect(r.messages.at(-1)).toMatchObject({ role: "assistant", content: "kept" });
    expect(r.listSessions().map((s) => s.id)).toEqual(expect.arrayContaining([source, r.id]));
  });

  it("denies what would ask when there is no approval handler (headless)", async () => {
    const r = await open({ headless: true });
    env.provider.enqueue(
      { toolCalls: [{ name: "write_file", arguments: { file_path: "c.txt", content: "x" } }] },
      { text: "could not" },
    );
    const events: AgentEvent[] = [];
    r.subscribe((e) => events.push(e));
    await r.run("write c");
    expect(existsSync(path.join(env.t.cwd, "c.txt"))).toBe(false);
    expect(events.find((e) => e.type === "tool_end")).toMatchObject({ status: "denied" });
  });

  it("reports the time limit as a limit with an error event, not as a user abort", async () => {
    const r = await open({ limitFlags: { timeout: "1s" } });
    const events: AgentEvent[] = [];
    r.subscribe((e) => events.push(e));
    env.provider.enqueue({ text: "slow", hang: true });
    const result = await r.run("wait");
    expect(result.reason).toBe("limit");
    expect(result.error).toMatch(/time limit reached \(1s\)/);
    expect(events.some((e) => e.type === "error" && /time limit/.test(e.message))).toBe(true);
  });

  it("switches model and mode, and rejects an unknown model with a one-line error", async () => {
    const r = await open();
    const events: AgentEvent[] = [];
    r.subscribe((e) => events.push(e));
    expect(r.listModels()).toContain("fake/m1");
    expect(() => r.setModel("nope/none")).toThrow(/nope/);
    r.setMode("plan");
    expect(r.mode).toBe("plan");
    expect(events).toContainEqual({ type: "mode_change", mode: "plan" });
  });

  it("close is idempotent and releases the session so another process could resume it", async () => {
    const r = await open();
    env.provider.enqueue({ text: "ok" });
    await r.run("x");
    const id = r.id;
    await r.close();
    await r.close();
    const resumed = await open({ headless: true, resume: { session: id } });
    expect(resumed.id).toBe(id);
  });

  it("a model picked from the server's live list gets the context window the server reported", async () => {
    env.provider.route("GET", "/v1/models", {
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ object: "list", data: [{ id: "served-only", max_model_len: 32768 }] }),
    });
    const r = await open();
    const live = await r.listLiveModels();
    expect(live.models.map((m) => [m.ref, m.contextWindow])).toContainEqual(["fake/served-only", 32768]);
    r.setModel("fake/served-only");
    expect(r.model).toMatchObject({ ref: "fake/served-only", contextWindow: 32768 });
  });
});
