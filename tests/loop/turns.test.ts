// How runs end and what steers them: the turn limit, nudges after empty replies, and the loop hooks
// (beforeRequest history replacement, context-overflow recovery, cost/token limits).
import { afterEach, describe, expect, it } from "vitest";
import type { LimitTotals } from "../../src/agent/loop.js";
import type { Message } from "../../src/agent/messages.js";
import { assertValidHistory, type Harness, SYSTEM, startHarness, wire } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const NUDGE = /^Your last reply was empty\./;

describe("max turns", () => {
  it("stops after exactly maxTurns requests with a clear message", async () => {
    h = await startHarness({ maxTurns: 3 });
    let n = 0;
    h.fake.setFallback(() => ({ toolCalls: [{ id: `loop${++n}`, name: "list_directory", arguments: {} }] }));
    const result = await h.run("never stop");

    expect(h.fake.requests).toHaveLength(3);
    expect(result).toMatchObject({ reason: "max_turns", turns: 3, text: "" });
    expect(result.error).toBe("Stopped after reaching the turn limit (3). Raise it with --max-turns.");
    expect(h.of("error").map((e) => e.message)).toEqual([result.error]);
    expect(h.of("done")[0]).toEqual({ type: "done", reason: "max_turns", text: "", turns: 3 });
    expect(h.of("tool_end")).toHaveLength(3);
    assertValidHistory(h.session.messages);
  });

  it("counts turns per run, not per session", async () => {
    h = await startHarness({ maxTurns: 2 });
    h.fake.enqueue(
      { toolCalls: [{ name: "list_directory", arguments: {} }] },
      { text: "one" },
      { toolCalls: [{ name: "list_directory", arguments: {} }] },
      { text: "two" },
    );
    expect((await h.run("a")).reason).toBe("completed");
    expect((await h.run("b")).reason).toBe("completed");
  });
});

describe("empty replies after tool results", () => {
  it("nudges once and continues when the model then answers", async () => {
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [{ id: "e1", name: "list_directory", arguments: {} }] },
      { text: "" },
      { text: "here it is" },
    );
    const result = await h.run("go");
    expect(result).toMatchObject({ reason: "completed", text: "here it is", turns: 3 });
    const last = wire(h.body(2));
    expect(last.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "user"]);
    expect(last.at(-1)?.content).toMatch(NUDGE);
    expect(h.of("notice")).toEqual([]);
  });

  it("nudges at most twice, then ends the turn with a notice", async () => {
    h = await startHarness();
    h.fake.enqueue({ toolCalls: [{ id: "e1", name: "list_directory", arguments: {} }] });
    h.fake.setFallback(() => ({ text: "" }));
    const result = await h.run("go");

    // One tool round, then the first empty reply, two nudged retries: 4 requests.
    expect(h.fake.requests).toHaveLength(4);
    const nudges = h.session.messages.filter((m) => m.role === "user" && NUDGE.test(String(m.content)));
    expect(nudges).toHaveLength(2);
    expect(wire(h.body(3)).map((m) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "user",
      "user",
    ]);
    expect(result).toMatchObject({ reason: "completed", text: "" });
    expect(h.of("notice")).toEqual([
      { type: "notice", level: "warn", message: "The model returned empty replies; ending the turn." },
    ]);
  });

  it("does not nudge an empty reply to a plain prompt", async () => {
    h = await startHarness();
    h.fake.enqueue({ text: "" });
    const result = await h.run("say nothing");
    expect(h.fake.requests).toHaveLength(1);
    expect(result).toMatchObject({ reason: "completed", text: "" });
    expect(h.session.messages.map((m) => m.role)).toEqual(["system", "user"]);
  });
});

describe("hooks", () => {
  it("beforeRequest may replace the history the request is built from", async () => {
    const seen: Array<{ roles: string[]; contextTokens: number; contextWindow: number }> = [];
    h = await startHarness({
      model: { contextWindow: 50_000 },
      hooks: {
        async beforeRequest(messages, info) {
          seen.push({ roles: messages.map((m) => m.role), ...info });
          if (messages.length < 4) return undefined;
          const summary: Message = { role: "user", content: "[summary of earlier work]" };
          return [messages[0] as Message, summary];
        },
      },
    });
    h.fake.enqueue(
      {
        toolCalls: [{ id: "b1", name: "list_directory", arguments: {} }],
        usage: { prompt_tokens: 1234, completion_tokens: 66 },
      },
      { text: "done" },
    );
    await h.run("go");
    expect(seen).toEqual([
      { roles: ["system", "user"], contextTokens: 0, contextWindow: 50_000 },
      { roles: ["system", "user", "assistant", "tool"], contextTokens: 1300, contextWindow: 50_000 },
    ]);
    expect(wire(h.body(1))).toEqual([
      { role: "system", content: SYSTEM },
      { role: "user", content: "[summary of earlier work]" },
    ]);
    // The session's history is the replaced one plus what followed.
    expect(h.session.messages.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
  });

  it("onContextOverflow compacts once and retries the request", async () => {
    let calls = 0;
    h = await startHarness({
      hooks: {
        async onContextOverflow(messages) {
          calls++;
          return [messages[0] as Message, { role: "user", content: "compacted" }];
        },
      },
    });
    h.fake.enqueue(
      { status: 400, errorMessage: "This model's maximum context length is 8192 tokens." },
      { text: "fits now" },
    );
    const result = await h.run("a very long prompt");
    expect(calls).toBe(1);
    expect(result).toMatchObject({ reason: "completed", text: "fits now", turns: 1 });
    expect(h.fake.requests).toHaveLength(2);
    expect(wire(h.body(1))).toEqual([
      { role: "system", content: SYSTEM },
      { role: "user", content: "compacted" },
    ]);
    expect(h.of("notice")[0]).toMatchObject({ level: "warn", message: expect.stringMatching(/compacted/) });
    expect(h.of("retry")).toEqual([]);
  });

  it("a second overflow after compaction fails with a clear error", async () => {
    let calls = 0;
    h = await startHarness({
      hooks: {
        async onContextOverflow(messages) {
          calls++;
          return messages.slice(0, 2);
        },
      },
    });
    h.fake.setFallback(() => ({ status: 400, errorMessage: "maximum context length exceeded" }));
    const result = await h.run("go");
    expect(calls).toBe(1);
    expect(h.fake.requests).toHaveLength(2);
    expect(result.reason).toBe("error");
    expect(result.error).toMatch(/^The conversation is too long for the model's context window/);
    expect(result.error).toMatch(/still too long after compaction/);
  });

  it("a later overflow in the same run, after a successful request, may compact again", async () => {
    let calls = 0;
    h = await startHarness({
      hooks: {
        async onContextOverflow(messages) {
          calls++;
          return [...messages];
        },
      },
    });
    const overflow = { status: 400, errorMessage: "maximum context length exceeded" };
    h.fake.enqueue(overflow, { toolCalls: [{ id: "o1", name: "list_directory", arguments: {} }] }, overflow, {
      text: "finished",
    });
    const result = await h.run("long task");
    expect(calls).toBe(2);
    expect(result).toMatchObject({ reason: "completed", text: "finished" });
    expect(h.fake.requests).toHaveLength(4);
  });

  it("without an overflow hook, an overflow is an error at once", async () => {
    h = await startHarness();
    h.fake.setFallback(() => ({ status: 400, errorMessage: "prompt is too long: 210000 tokens > 200000" }));
    const result = await h.run("go");
    expect(h.fake.requests).toHaveLength(1);
    expect(result.error).toMatch(/^The conversation is too long/);
    expect(result.error).not.toMatch(/after compaction/);
  });

  it("checkLimits: a warning becomes a notice, a stop ends the run with reason limit", async () => {
    const totals: LimitTotals[] = [];
    h = await startHarness({
      model: { inputPricePerMillion: 1, outputPricePerMillion: 2 },
      hooks: {
        checkLimits(t) {
          totals.push(t);
          if (t.turns === 1) return { warn: "80% of the cost limit used" };
          if (t.turns === 2) return { stop: "Cost limit reached ($0.01)." };
          return {};
        },
      },
    });
    h.fake.enqueue(
      {
        toolCalls: [{ id: "l1", name: "list_directory", arguments: {} }],
        usage: { prompt_tokens: 1000, completion_tokens: 100 },
      },
      {
        toolCalls: [{ id: "l2", name: "list_directory", arguments: {} }],
        usage: { prompt_tokens: 2000, completion_tokens: 100 },
      },
      { text: "never" },
    );
    const result = await h.run("go");
    expect(h.fake.requests).toHaveLength(2);
    expect(result).toMatchObject({ reason: "limit", error: "Cost limit reached ($0.01)." });
    expect(h.of("notice").map((e) => e.message)).toEqual(["80% of the cost limit used"]);
    expect(totals.map((t) => [t.turns, t.usage.inputTokens, t.usage.outputTokens])).toEqual([
      [1, 1000, 100],
      [2, 3000, 200],
    ]);
    expect(totals[1]?.costUsd).toBeCloseTo((3000 * 1 + 200 * 2) / 1e6, 12);
    // The calls of the stopping turn still got their results: history stays valid.
    assertValidHistory(h.session.messages);
    expect(h.types().slice(-3)).toEqual(["turn_end", "error", "done"]);
  });
});
