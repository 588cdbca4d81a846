// The plain streaming path of the loop through the real OpenAI SDK: text deltas, the event sequence, history
// appends, the exact first request body, a stable request prefix, slow servers and one prompt at a time.

import { afterEach, describe, expect, it } from "vitest";
import { builtinTools } from "../../src/tools/builtin.js";
import { type Harness, SYSTEM, startHarness, streamed, wire } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("streamed text", () => {
  it("concatenates text deltas into the final answer and announces each history append", async () => {
    h = await startHarness();
    const answer = "Hello there, this answer arrives in many small chunks.";
    h.fake.enqueue({ text: answer, chunkSize: 5 });
    const result = await h.run("hi");

    expect(result).toMatchObject({ reason: "completed", text: answer, turns: 1 });
    const deltas = h.of("text_delta").map((e) => e.delta);
    // Chunks arriving in one network read are coalesced into one delta; a chunk is never split.
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    expect(deltas.length).toBeLessThanOrEqual(Math.ceil(answer.length / 5));
    expect(deltas.join("")).toBe(answer);
    expect(h.types()).toEqual([
      "agent_start",
      "history_append",
      "turn_start",
      "usage",
      "message_end",
      "history_append",
      "turn_end",
      "done",
    ]);
    expect(h.of("history_append").map((e) => e.message.role)).toEqual(["user", "assistant"]);
    expect(h.of("message_end")[0]?.message).toEqual({ role: "assistant", content: answer });
    expect(h.of("done")[0]).toEqual({ type: "done", reason: "completed", text: answer, turns: 1 });
    expect(h.session.messages).toEqual([
      { role: "system", content: SYSTEM },
      { role: "user", content: "hi" },
      { role: "assistant", content: answer },
    ]);

    expect(h.fake.requests).toHaveLength(1);
    const body = h.body(0);
    expect(body.model).toBe("m1");
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(wire(body)).toEqual([
      { role: "system", content: SYSTEM },
      { role: "user", content: "hi" },
    ]);
    expect((body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).toEqual(
      builtinTools().map((t) => t.name),
    );
    expect(h.fake.requests[0]?.headers.authorization).toBe("Bearer k");
  });

  it("waits out a slow first byte and slow chunks (no client-side timeout)", async () => {
    h = await startHarness();
    h.fake.enqueue({ text: "slow but steady", chunkSize: 4, delayMs: 30, chunkDelayMs: 5 });
    const result = await h.run("hi");
    expect(result).toMatchObject({ reason: "completed", text: "slow but steady" });
    expect(h.of("retry")).toEqual([]);
  });

  it("refuses a second prompt while one is running", async () => {
    h = await startHarness();
    h.fake.enqueue({ hang: true });
    const first = h.run("one");
    await expect(h.run("two")).rejects.toThrow("A prompt is already running in this session.");
    h.session.abort();
    expect((await first).reason).toBe("aborted");
  });

  it("keeps the request prefix byte-identical across turns of one run", async () => {
    h = await startHarness();
    h.fake.enqueue({ toolCalls: [{ name: "list_directory", arguments: {} }] }, { text: "done" });
    await h.run("go");
    const [a, b] = [h.body(0), h.body(1)];
    expect(JSON.stringify(b.tools)).toBe(JSON.stringify(a.tools));
    expect(JSON.stringify(wire(b).slice(0, 2))).toBe(JSON.stringify(wire(a)));
  });

  it("coalesces a burst of chunks into few deltas and never holds back text that has arrived", async () => {
    h = await startHarness();
    const answer = "word ".repeat(20_000);
    // 12,500 chunks of 8 characters, written as fast as the server can: far fewer deltas, the same text.
    h.fake.enqueue({ text: answer, chunkSize: 8 });
    expect(await h.run("long")).toMatchObject({ reason: "completed", text: answer });
    expect(h.of("text_delta").length).toBeLessThan(answer.length / 8 / 10);
    expect(streamed(h)).toBe(answer);

    // A server that pauses after two text chunks: both are delivered while it waits.
    const go = { resolve: () => {} };
    const resume = new Promise<void>((resolve) => {
      go.resolve = resolve;
    });
    h.fake.enqueue({ text: "first second rest", chunkSize: 6, hangAfter: 3, resume });
    const run = h.run("again");
    await h.waitFor("text_delta", () => streamed(h).endsWith("first second rest".slice(0, 12)));
    go.resolve();
    expect(await run).toMatchObject({ reason: "completed", text: "first second rest" });
  });
});
