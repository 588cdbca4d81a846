// Abort at every stage of a run: before the request, while the request hangs, mid-stream, during tool execution
// and during a backoff sleep. Each must end promptly with done(aborted), leave a valid history (every tool call
// answered, "Aborted by user." for calls not run) and mark a partial answer interrupted.

import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool, type Tool } from "../../src/tools/tool.js";
import { assertValidHistory, type Harness, SYSTEM, startHarness, streamed } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** A tool that blocks until the run is aborted, then fails the way a cancelled tool does. */
function waitingTool(started: { resolve?: () => void }): Tool {
  return defineTool({
    name: "wait_for_abort",
    description: "Blocks until aborted (test only).",
    // Not read-only, so it runs alone (read-only calls in a row run concurrently); safe, so the headless
    // engine lets it run without a prompt.
    readOnly: false,
    safe: true,
    parameters: z.object({}),
    execute: (_args, ctx) =>
      new Promise((_resolve, reject) => {
        started.resolve?.();
        ctx.signal.addEventListener("abort", () => reject(new Error("cancelled")), { once: true });
      }),
  }) as Tool;
}

describe("abort", () => {
  it("before the request: no request is made", async () => {
    h = await startHarness();
    h.fake.enqueue({ text: "never" });
    const controller = new AbortController();
    controller.abort();
    const result = await h.run("go", controller.signal);
    expect(result).toMatchObject({ reason: "aborted", text: "", turns: 0 });
    expect(h.fake.requests).toHaveLength(0);
    expect(h.types()).toEqual(["agent_start", "history_append", "done"]);
    expect(h.session.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(h.session.busy).toBe(false);
  });

  it("during a request that never answers", async () => {
    h = await startHarness();
    h.fake.enqueue({ hang: true });
    const controller = new AbortController();
    const run = h.run("go", controller.signal);
    await h.fake.waitForRequests(1);
    controller.abort();
    const result = await run;
    expect(result).toMatchObject({ reason: "aborted", text: "" });
    expect(h.of("retry")).toEqual([]);
    expect(h.of("message_end")[0]?.message).toEqual({ role: "assistant", content: "", interrupted: true });
    expect(h.types().slice(-2)).toEqual(["message_end", "done"]);
    // An empty interrupted reply is not worth a history entry.
    expect(h.session.messages.map((m) => m.role)).toEqual(["system", "user"]);
  });

  it("mid-stream: keeps the partial answer, marked interrupted", async () => {
    h = await startHarness();
    h.fake.enqueue({ text: "Partial answer that goes on and on", chunkSize: 8, hangAfter: 3 });
    const controller = new AbortController();
    const run = h.run("go", controller.signal);
    const partial = "Partial answer t";
    // The two text chunks sent before the server stalls (however many reads, and so deltas, they arrive in).
    await h.waitFor("text_delta", () => streamed(h) === partial);
    controller.abort();
    const result = await run;
    expect(result).toMatchObject({ reason: "aborted", text: partial });
    expect(h.of("message_end")[0]?.message).toEqual({
      role: "assistant",
      content: partial,
      interrupted: true,
    });
    expect(h.session.messages.at(-1)).toEqual({ role: "assistant", content: partial, interrupted: true });
    expect(h.of("done")[0]).toMatchObject({ reason: "aborted", text: partial });
    expect(h.of("retry")).toEqual([]);
  });

  it("mid-stream with a half-received tool call: the truncated call is dropped", async () => {
    h = await startHarness();
    h.fake.enqueue({
      text: "Checking",
      toolCalls: [{ id: "h1", name: "read_file", arguments: { file_path: "a.txt" } }],
      hangAfter: 4,
    });
    const controller = new AbortController();
    const run = h.run("go", controller.signal);
    await h.waitFor("text_delta");
    await h.fake.waitForRequests(1);
    // Chunks: role, text, tool header, first argument piece — then the server stalls.
    controller.abort();
    await run;
    expect(h.of("tool_start")).toEqual([]);
    expect(h.session.messages.at(-1)).toEqual({ role: "assistant", content: "Checking", interrupted: true });
    assertValidHistory(h.session.messages);
  });

  it("during tool execution: the running tool and the calls after it get 'Aborted by user.'", async () => {
    const started: { resolve?: () => void } = {};
    const toolStarted = new Promise<void>((resolve) => {
      started.resolve = resolve;
    });
    h = await startHarness({ tools: [waitingTool(started)] });
    h.fake.enqueue(
      {
        toolCalls: [
          { id: "w1", name: "list_directory", arguments: {} },
          { id: "w2", name: "wait_for_abort", arguments: {} },
          { id: "w3", name: "read_file", arguments: { file_path: "a.txt" } },
        ],
      },
      { text: "never requested" },
    );
    const controller = new AbortController();
    const run = h.run("go", controller.signal);
    await toolStarted;
    controller.abort();
    const result = await run;

    expect(result.reason).toBe("aborted");
    expect(h.fake.requests).toHaveLength(1);
    expect(h.of("tool_end").map((e) => [e.callId, e.status, e.content.slice(0, 16)])).toEqual([
      ["w1", "done", "Workspace root ("],
      ["w2", "aborted", "Aborted by user."],
      ["w3", "aborted", "Aborted by user."],
    ]);
    // w3 never ran: it gets a start/end pair (so UIs can pair them) with the aborted status and no execution.
    expect(h.of("tool_start").map((e) => e.callId)).toEqual(["w1", "w2", "w3"]);
    const tools = h.session.messages.filter((m) => m.role === "tool");
    expect(tools.map((m) => [m.toolCallId, m.content, m.isError])).toEqual([
      ["w1", expect.stringContaining("a.txt"), undefined],
      ["w2", "Aborted by user.", true],
      ["w3", "Aborted by user.", true],
    ]);
    assertValidHistory(h.session.messages);
    expect(h.of("done")).toHaveLength(1);
    expect(h.types().at(-1)).toBe("done");
  });

  it("during a tool that ignores the signal: the run still ends and the call is answered", {
    timeout: 5000,
  }, async () => {
    let release: (() => void) | undefined;
    const stubborn = defineTool({
      name: "stubborn",
      description: "Ignores abort (test only).",
      readOnly: true,
      parameters: z.object({}),
      execute: () =>
        new Promise((resolve) => {
          release = () => resolve({ content: "finished late" });
        }),
    }) as Tool;
    h = await startHarness({ tools: [stubborn] });
    h.fake.enqueue({ toolCalls: [{ id: "s1", name: "stubborn", arguments: {} }] });
    const controller = new AbortController();
    const run = h.run("go", controller.signal);
    await h.waitFor("tool_start");
    controller.abort();
    try {
      const result = await run;
      expect(result.reason).toBe("aborted");
      expect(h.session.messages.at(-1)).toMatchObject({
        role: "tool",
        toolCallId: "s1",
        content: "Aborted by user.",
      });
      assertValidHistory(h.session.messages);
    } finally {
      release?.();
    }
  });

  it("during a slow first byte", async () => {
    h = await startHarness();
    h.fake.enqueue({ text: "late", delayMs: 60_000 });
    const controller = new AbortController();
    const run = h.run("go", controller.signal);
    await h.fake.waitForRequests(1);
    controller.abort();
    expect((await run).reason).toBe("aborted");
    expect(h.of("retry")).toEqual([]);
  });

  it("during the backoff sleep after a 429 asking for a minute", async () => {
    h = await startHarness();
    h.fake.enqueue({ status: 429, headers: { "retry-after-ms": "60000" } }, { text: "too late" });
    const controller = new AbortController();
    const run = h.run("go", controller.signal);
    const retry = await h.waitFor("retry");
    expect(retry.delayMs).toBe(60_000);
    controller.abort();
    const result = await run;
    expect(result.reason).toBe("aborted");
    expect(h.fake.requests).toHaveLength(1);
    expect(h.of("done")[0]).toMatchObject({ reason: "aborted" });
    expect(h.session.messages).toEqual([
      { role: "system", content: SYSTEM },
      { role: "user", content: "go" },
    ]);
  });

  it("the session can run again after an abort and the next request is valid", async () => {
    h = await startHarness();
    h.fake.enqueue({ text: "Partial answer that goes on", hangAfter: 2 }, { text: "fresh" });
    const controller = new AbortController();
    const run = h.run("first", controller.signal);
    await h.waitFor("text_delta");
    controller.abort();
    await run;
    const result = await h.run("second");
    expect(result.text).toBe("fresh");
    const roles = (h.body(1).messages as Array<{ role: string }>).map((m) => m.role);
    expect(roles).toEqual(["system", "user", "assistant", "user"]);
  });

  it("Session.abort() stops the running prompt", async () => {
    h = await startHarness();
    h.fake.enqueue({ hang: true });
    const run = h.run("go");
    await h.fake.waitForRequests(1);
    expect(h.session.busy).toBe(true);
    h.session.abort();
    expect((await run).reason).toBe("aborted");
    expect(h.session.busy).toBe(false);
  });
});
