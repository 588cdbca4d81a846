// Every retry path of the loop through the real SDK: HTTP 429/500/503/408 with and without Retry-After, dropped
// streams (without duplicating text in history), network refusals, the 5-attempt cap, and the statuses that must
// fail at once. Backoff is shortened with retryBaseMs: 1 and retry-after-ms headers, so nothing sleeps long.
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, SYSTEM, startHarness, streamed, wire } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const fast = { "retry-after-ms": "1" };

describe("retryable failures", () => {
  it.each([
    [429, "rate_limit"],
    [500, "server"],
    [503, "unavailable"],
    [408, "timeout"],
    [409, "conflict"],
    [425, "too early"],
    [502, "bad gateway"],
  ])("retries HTTP %i and then succeeds", async (status, label) => {
    h = await startHarness();
    h.fake.enqueue({ status, errorMessage: label, headers: fast }, { text: "recovered" });
    const result = await h.run("go");

    expect(result).toMatchObject({ reason: "completed", text: "recovered", turns: 1 });
    expect(h.fake.requests).toHaveLength(2);
    expect(h.of("retry")).toEqual([
      {
        type: "retry",
        attempt: 1,
        maxAttempts: 5,
        delayMs: 1,
        reason: expect.stringContaining(label),
        discarded: false,
      },
    ]);
    expect(h.types()).toEqual([
      "agent_start",
      "history_append",
      "turn_start",
      "retry",
      "usage",
      "message_end",
      "history_append",
      "turn_end",
      "done",
    ]);
    // The retried request is the same request.
    expect(JSON.stringify(h.body(1))).toBe(JSON.stringify(h.body(0)));
    expect(h.of("error")).toEqual([]);
  });

  it("honours Retry-After in seconds", async () => {
    h = await startHarness();
    h.fake.enqueue({ status: 429, headers: { "retry-after": "1" } }, { text: "after a second" });
    const result = await h.run("go");
    expect(result.text).toBe("after a second");
    expect(h.of("retry")[0]).toMatchObject({ attempt: 1, delayMs: 1000 });
    expect(h.of("retry")[0]?.reason).toMatch(/^Rate limited \(429\)/);
    expect(h.fake.requests).toHaveLength(2);
  });

  it("uses exponential backoff when the server gives no Retry-After", async () => {
    h = await startHarness();
    h.fake.enqueue({ status: 500 }, { status: 500 }, { status: 500 }, { text: "ok" });
    await h.run("go");
    const delays = h.of("retry").map((e) => e.delayMs);
    expect(h.of("retry").map((e) => e.attempt)).toEqual([1, 2, 3]);
    // retryBaseMs 1: attempt n waits within [2^(n-1)/2, 2^(n-1)] ms (rounded).
    expect(delays[0]).toBeLessThanOrEqual(1);
    expect(delays[1]).toBeLessThanOrEqual(2);
    expect(delays[2]).toBeGreaterThanOrEqual(2);
    expect(delays[2]).toBeLessThanOrEqual(4);
  });

  it("gives up after 5 attempts with the last error", async () => {
    h = await startHarness();
    for (let i = 0; i < 6; i++) h.fake.enqueue({ status: 503, errorMessage: `down ${i + 1}`, headers: fast });
    const result = await h.run("go");

    expect(h.fake.requests).toHaveLength(5);
    expect(h.fake.pending).toBe(1);
    expect(h.of("retry").map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
    expect(result.reason).toBe("error");
    expect(result.error).toBe("Provider error 503: down 5");
    expect(h.of("error")).toEqual([{ type: "error", message: "Provider error 503: down 5" }]);
    expect(h.of("done")[0]).toMatchObject({ reason: "error", text: "" });
    // Nothing from the failed attempts reached history.
    expect(h.session.messages.map((m) => m.role)).toEqual(["system", "user"]);
  });

  it("retries a stream that drops mid-way without duplicating its text in history", async () => {
    h = await startHarness();
    const text = "The quick brown fox jumps over the lazy dog.";
    // Chunk 0 is the role chunk; drop after three content chunks, once the client has seen them.
    const first = text.slice(0, 12);
    const seen = h.waitFor("text_delta", () => streamed(h) === first);
    h.fake.enqueue({ text, chunkSize: 4, hangAfter: 4, resume: seen, dropAfter: 4 }, { text, chunkSize: 4 });
    const result = await h.run("go");

    expect(result).toMatchObject({ reason: "completed", text });
    expect(h.fake.requests).toHaveLength(2);
    const retry = h.of("retry")[0];
    expect(retry?.reason).toMatch(/^Network error talking to http:\/\/127\.0\.0\.1:\d+\/v1/);
    // The partial attempt's deltas were streamed, then a retry event told consumers to discard them.
    const seq = h.events.filter((e) => e.type === "text_delta" || e.type === "retry");
    const cut = seq.findIndex((e) => e.type === "retry");
    const joined = (es: typeof seq) => es.map((e) => (e.type === "text_delta" ? e.delta : "")).join("");
    expect(joined(seq.slice(0, cut))).toBe(first);
    expect(joined(seq.slice(cut + 1))).toBe(text);
    expect(h.session.messages).toEqual([
      { role: "system", content: SYSTEM },
      { role: "user", content: "go" },
      { role: "assistant", content: text },
    ]);
    expect(h.of("message_end")).toHaveLength(1);
  });

  it("retries a stream that drops in the middle of a tool call and runs the call once", async () => {
    h = await startHarness();
    const call = { id: "d1", name: "read_file", arguments: { file_path: "a.txt" } };
    h.fake.enqueue(
      { text: "Reading.", toolCalls: [call], dropAfter: 4 },
      { text: "Reading.", toolCalls: [call] },
      { text: "done" },
    );
    const result = await h.run("go");
    expect(result.text).toBe("done");
    expect(h.of("tool_start")).toHaveLength(1);
    const next = wire(h.body(2)).slice(2);
    expect(next.map((m) => [m.role, m.content])).toEqual([
      ["assistant", "Reading."],
      ["tool", expect.stringContaining("alpha")],
    ]);
  });

  it("retries a refused local connection once, then says what to check", async () => {
    const port = await closedPort();
    h = await startHarness({ url: `http://127.0.0.1:${port}/v1` });
    const result = await h.run("go");
    expect(h.of("retry").map((e) => e.attempt)).toEqual([1]);
    expect(result.reason).toBe("error");
    expect(result.error).toBe(
      `Connection refused at http://127.0.0.1:${port}/v1 — is the local model server running? Start it, or fix the port in baseURL.`,
    );
    expect(h.fake.requests).toHaveLength(0);
  });

  it("retries an in-stream error event carrying a 5xx code", async () => {
    h = await startHarness();
    h.fake.enqueue(
      { text: "partial", streamError: { message: "upstream overloaded", code: 502 } },
      { text: "whole answer" },
    );
    const result = await h.run("go");
    expect(result).toMatchObject({ reason: "completed", text: "whole answer" });
    expect(h.of("retry")).toHaveLength(1);
    expect(h.session.messages.at(-1)).toEqual({ role: "assistant", content: "whole answer" });
  });
});

describe("failures that must not be retried", () => {
  it.each([
    [401, /^Authentication failed \(401\) at http:\/\/127\.0\.0\.1:\d+\/v1: check the API key/],
    [403, /^Authentication failed \(403\) at .*check the API key for this provider/],
    [
      404,
      /^Not found \(404\) at http:\/\/127\.0\.0\.1:\d+\/v1: check the model id and the provider's baseURL/,
    ],
    [400, /^Request rejected \(400\): scripted 400/],
    [422, /^Request rejected \(422\)/],
  ])("fails at once on HTTP %i with a message saying what to check", async (status, message) => {
    h = await startHarness();
    h.fake.enqueue({ status, headers: fast }, { text: "must not be reached" });
    const result = await h.run("go");
    expect(h.fake.requests).toHaveLength(1);
    expect(h.of("retry")).toEqual([]);
    expect(result.reason).toBe("error");
    expect(result.error).toMatch(message);
    expect(h.of("error")[0]?.message).toBe(result.error);
    expect(h.types().slice(-2)).toEqual(["error", "done"]);
  });

  it("does not retry a 429 that means the account is out of quota", async () => {
    h = await startHarness();
    h.fake.enqueue({
      status: 429,
      errorMessage: "You exceeded your current quota, please check your plan and billing details.",
      errorCode: "insufficient_quota",
      headers: fast,
    });
    const result = await h.run("go");
    expect(h.fake.requests).toHaveLength(1);
    expect(h.of("retry")).toEqual([]);
    expect(result.error).toContain("check your plan and billing details");
  });

  it("includes the provider's own error text", async () => {
    h = await startHarness();
    h.fake.enqueue({ status: 401, errorMessage: "Incorrect API key provided: sk-***" });
    const result = await h.run("go");
    expect(result.error).toContain("Incorrect API key provided: sk-***");
  });
});

/** A port that was just bound and released, so connecting to it is refused. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const address = srv.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
