import { describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import { toolElapsed } from "../../src/tui/render/elapsed.js";
import { type AppState, initialState, reducer } from "../../src/tui/state/app-state.js";
import { toolStart } from "../helpers/describe.js";

const ev = (s: AppState, ...events: AgentEvent[]) =>
  events.reduce((acc, event, i) => reducer(acc, { type: "event", event, at: 1000 + i * 100 }), s);
const kinds = (s: AppState) => s.pending.map((i) => i.kind);

describe("app-state reducer", () => {
  it("starts with the banner pending and drops items once printed", () => {
    let s = initialState({ sessionId: "abc" });
    expect(kinds(s)).toEqual(["banner"]);
    s = reducer(s, { type: "static_printed", upTo: 0 });
    expect(s.pending).toEqual([]);
  });

  it("moves completed Markdown blocks to scrollback while the tail stays live", () => {
    let s = reducer(initialState(), { type: "static_printed", upTo: 0 });
    s = ev(s, { type: "agent_start", sessionId: "x" }, { type: "text_delta", delta: "# Head\n\npara" });
    expect(s.pending).toEqual([expect.objectContaining({ kind: "markdown", text: "# Head" })]);
    expect(s.live.text).toBe("para");
    s = ev(s, { type: "text_delta", delta: "graph\n```ts\nconst a = 1;\n\nconst b" });
    // Inside an open fence nothing is flushed, even across a blank line.
    expect(s.live.text).toContain("```ts");
    s = ev(s, { type: "text_delta", delta: " = 2;\n```\n" });
    expect(s.live.text).toBe("");
    expect(s.pending.at(-1)).toMatchObject({ kind: "markdown" });
    expect((s.pending.at(-1) as { text: string }).text).toContain("const b = 2;");
  });

  it("turns a burst of streamed blocks into several items of bounded size, in order, text intact", () => {
    let s = reducer(initialState(), { type: "static_printed", upTo: 0 });
    const block = (i: number) =>
      `## Part ${i}\n\n${"Some words here. ".repeat(20)}\n\n\`\`\`ts\nconst x${i} = ${i};\n\`\`\`\n\n`;
    const burst = Array.from({ length: 60 }, (_, i) => block(i)).join("");
    s = ev(s, { type: "agent_start", sessionId: "x" }, { type: "text_delta", delta: `${burst}tail` });
    const texts = s.pending.map((i) => (i as { text: string }).text);
    expect(texts.length).toBeGreaterThan(5);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(2000);
    expect(texts.join("\n\n")).toBe(burst.trimEnd());
    expect(s.live.text.trim()).toBe("tail");
  });

  it("keeps tool order: a finished tool waits for an earlier running one", () => {
    let s = reducer(initialState(), { type: "static_printed", upTo: 0 });
    s = ev(
      s,
      { type: "agent_start", sessionId: "x" },
      { type: "text_delta", delta: "Let me look." },
      toolStart("a", "bash", { command: "npm test" }),
      toolStart("b", "read_file", { file_path: "x.ts" }),
    );
    expect(kinds(s)).toEqual(["markdown"]);
    s = ev(s, { type: "tool_end", callId: "b", name: "read_file", status: "done", content: "ok" });
    expect(kinds(s)).toEqual(["markdown"]);
    s = ev(
      s,
      { type: "tool_update", callId: "a", chunk: "line1\n" },
      { type: "tool_update", callId: "a", chunk: "line2\n" },
    );
    expect(s.live.tools[0]?.live).toBe("line1\nline2\n");
    s = ev(s, { type: "tool_end", callId: "a", name: "bash", status: "error", content: "exit 1" });
    expect(kinds(s)).toEqual(["markdown", "tool", "tool"]);
    expect(s.pending.map((i) => (i.kind === "tool" ? i.tool.callId : ""))).toEqual(["", "a", "b"]);
  });

  it("remembers long outputs as collapsed and expands the latest on request", () => {
    let s = reducer(initialState(), { type: "static_printed", upTo: 0 });
    const output = Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n");
    s = ev(s, toolStart("a", "bash", { command: "seq 40" }), {
      type: "tool_end",
      callId: "a",
      name: "bash",
      status: "done",
      content: output,
      details: {
        kind: "shell",
        command: "seq 40",
        exitCode: 0,
        signal: null,
        output,
        timedOut: false,
        truncated: false,
        totalBytes: 1,
        durationMs: 5,
      },
    });
    expect(s.collapsed).toHaveLength(1);
    expect(s.pending.at(-1)).toMatchObject({ kind: "tool", expanded: false });
    s = reducer(s, { type: "expand_last" });
    expect(s.pending.at(-1)).toMatchObject({ kind: "output", body: output, title: "bash seq 40" });
    expect(s.collapsed).toHaveLength(0);
    s = reducer(s, { type: "expand_last" });
    expect(s.pending.at(-1)).toMatchObject({ kind: "notice", text: "Nothing collapsed to expand." });
    s = reducer(s, { type: "set_expand", expand: true });
    s = ev(s, toolStart("b", "bash", {}), {
      type: "tool_end",
      callId: "b",
      name: "bash",
      status: "done",
      content: "x",
    });
    expect(s.pending.at(-1)).toMatchObject({ kind: "tool", expanded: true });
  });

  it("marks an aborted run as interrupted and aborts tools still running", () => {
    let s = reducer(initialState(), { type: "static_printed", upTo: 0 });
    s = ev(
      s,
      { type: "agent_start", sessionId: "x" },
      { type: "text_delta", delta: "partial answer" },
      toolStart("a", "bash", { command: "sleep 10" }),
      { type: "done", reason: "aborted", text: "", turns: 1 },
    );
    expect(kinds(s)).toEqual(["markdown", "tool", "interrupted"]);
    expect(s.pending[1]).toMatchObject({ tool: { status: "aborted" } });
    expect(s.running).toBe(false);
    expect(s.lastTurnMs).toBe(300);
  });

  it("accumulates usage per request and keeps the latest context size", () => {
    let s = initialState();
    const usage = (i: number, o: number, ctx: number): AgentEvent => ({
      type: "usage",
      usage: { inputTokens: i, outputTokens: o, cachedTokens: 0 },
      costUsd: 0.01,
      contextTokens: ctx,
      contextWindow: 1000,
    });
    s = ev(s, usage(100, 10, 110), usage(200, 20, 230));
    expect(s.usage).toMatchObject({
      lastInput: 200,
      totalInput: 300,
      totalOutput: 30,
      contextTokens: 230,
      contextWindow: 1000,
      seen: true,
    });
    expect(s.usage.costUsd).toBeCloseTo(0.02);
  });

  it("shows the session's own totals when the event carries them (resumed sessions, sub-agents)", () => {
    let s = initialState();
    s = ev(s, {
      type: "usage",
      usage: { inputTokens: 10, outputTokens: 1, cachedTokens: 0 },
      costUsd: 0.001,
      contextTokens: 11,
      contextWindow: 1000,
      totals: { usage: { inputTokens: 5010, outputTokens: 401, cachedTokens: 0 }, costUsd: 0.5 },
    });
    expect(s.usage).toMatchObject({ lastInput: 10, totalInput: 5010, totalOutput: 401, costUsd: 0.5 });
  });

  it("prints reasoning before the answer's first finished block, in the order the model produced them", () => {
    let s = reducer(initialState(), { type: "static_printed", upTo: 0 });
    s = ev(
      s,
      { type: "reasoning_delta", delta: "Thinking it over." },
      { type: "text_delta", delta: "First paragraph.\n\nSecond" },
    );
    expect(s.pending.map((i) => i.kind)).toEqual(["reasoning", "markdown"]);
    expect(s.live).toMatchObject({ reasoning: "", text: "Second" });
    s = ev(s, { type: "message_end", message: { role: "assistant", content: "First paragraph.\n\nSecond" } });
    expect(s.pending.map((i) => i.kind)).toEqual(["reasoning", "markdown", "markdown"]);
  });

  it("a sub-agent's usage adds to the totals but leaves the context figure and last request alone", () => {
    let s = ev(initialState(), {
      type: "usage",
      usage: { inputTokens: 1000, outputTokens: 5, cachedTokens: 0 },
      costUsd: 0.01,
      contextTokens: 1005,
      contextWindow: 100_000,
    });
    s = ev(s, {
      type: "usage",
      usage: { inputTokens: 90_000, outputTokens: 10, cachedTokens: 0 },
      costUsd: 0.5,
      contextTokens: 90_010,
      contextWindow: 32_000,
      subAgent: true,
    });
    expect(s.usage).toMatchObject({
      lastInput: 1000,
      totalInput: 91_000,
      contextTokens: 1005,
      contextWindow: 100_000,
      costUsd: 0.51,
    });
  });

  it("shows retries, errors, notices and mode/model changes", () => {
    let s = reducer(initialState(), { type: "static_printed", upTo: 0 });
    s = ev(
      s,
      { type: "text_delta", delta: "abc" },
      { type: "retry", attempt: 1, maxAttempts: 3, delayMs: 1500, reason: "HTTP 429" },
    );
    // A retry is a live line, not a transcript entry.
    expect(s.pending).toEqual([]);
    expect(s.retry).toMatchObject({ next: 2, maxAttempts: 3, reason: "HTTP 429" });
    s = ev(
      s,
      { type: "error", message: "boom" },
      { type: "notice", level: "warn", message: "80% of budget" },
      { type: "mode_change", mode: "plan" },
      { type: "model_change", model: "p/m2" },
    );
    expect(s.live.text).toBe("");
    expect(s.retry).toBeNull();
    expect(s.pending.map((i) => (i.kind === "notice" ? i.level : i.kind))).toEqual([
      "error",
      "warn",
      "info",
      "info",
    ]);
    // The header is printed once: a mode change is said in the transcript, once.
    expect(s.pending.filter((i) => i.kind === "notice" && i.text.startsWith("Mode: plan"))).toHaveLength(1);
    expect(reducer(s, { type: "set_mode", mode: "plan" }).pending).toHaveLength(s.pending.length);
    expect(s.mode).toBe("plan");
    expect(s.model).toBe("p/m2");
  });

  it("queues prompts and tracks approvals by id", () => {
    let s = initialState();
    s = reducer(s, { type: "enqueue", text: "next" });
    expect(s.queue).toEqual(["next"]);
    s = reducer(s, { type: "dequeue" });
    expect(s.queue).toEqual([]);
    const prompt = {
      request: { tool: "bash", kind: "shell" as const, title: "Run: ls", detail: "ls" },
      scopes: [],
    };
    s = reducer(s, { type: "approval_open", id: 3, prompt, at: 0 });
    s = reducer(s, { type: "approval_close", id: 2, at: 0 });
    expect(s.approval?.id).toBe(3);
    s = reducer(s, { type: "approval_close", id: 3, at: 0 });
    expect(s.approval).toBeNull();
  });

  it("leaves the time spent waiting at an approval out of the tool's elapsed time", () => {
    let s = reducer(initialState(), {
      type: "event",
      event: toolStart("c1", "bash", { command: "make" }),
      at: 1_000,
    });
    const prompt = {
      request: { tool: "bash", kind: "shell" as const, title: "Run: make", detail: "make", callId: "c1" },
      scopes: [],
    };
    s = reducer(s, { type: "approval_open", id: 1, prompt, at: 2_000 });
    s = reducer(s, { type: "approval_close", id: 1, at: 62_000 });
    expect(s.live.tools.at(-1)?.waitedMs).toBe(60_000);
    s = reducer(s, {
      type: "event",
      event: { type: "tool_end", callId: "c1", name: "bash", status: "done", summary: "exit 0", content: "" },
      at: 66_000,
    });
    const printed = s.pending.find((i) => i.kind === "tool");
    expect(printed?.kind === "tool" && toolElapsed(printed.tool)).toBe("5.0s");
  });
  it("shows a compaction as a notice and keeps its summary collapsed until expanded", () => {
    let s = ev(initialState(), {
      type: "compaction",
      summary: "<conversation_summary>goal: ship it</conversation_summary>",
      removed: 12,
      kept: 4,
      reason: "threshold",
    });
    expect(s.pending.at(-1)).toMatchObject({
      kind: "notice",
      text: expect.stringContaining("12 older message(s)"),
    });
    s = reducer(s, { type: "expand_last" });
    expect(s.pending.at(-1)).toMatchObject({
      kind: "output",
      title: "compaction summary",
      body: "<conversation_summary>goal: ship it</conversation_summary>",
    });
  });
});
