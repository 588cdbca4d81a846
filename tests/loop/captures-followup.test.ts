// Whole runs on recorded captures: the first reply is a provider's real stream, replayed byte for byte; the test
// asserts what protoagent sends next (ids, reasoning echoed only where the provider requires it, Gemini thought
// signatures) and what the user gets (answer, usage and cost, retries, the final message).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadCapture } from "../helpers/captures.js";
import { catalogModel, type Harness, type HarnessOptions, startHarness, wire } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(opts: HarnessOptions): Promise<Harness> {
  h = await startHarness(opts);
  return h;
}

const replay = (provider: string, name: string) => ({ replay: loadCapture(provider, name).response });

describe("follow-up requests after recorded tool calls", () => {
  it("DeepSeek reasoner: the tool-call turn carries its reasoning_content back; usage and cost counted", async () => {
    const h = await start({ resolve: catalogModel("deepseek/deepseek-reasoner") });
    h.fake.enqueue(replay("deepseek", "reasoner-tool-call"), { text: "Sunny." });
    const result = await h.run("Weather in SF?");
    expect(result.text).toBe("Sunny.");
    const assistant = wire(h.body(1)).find((m) => m.role === "assistant");
    expect(assistant?.reasoning_content).toMatch(/^The user is asking for the weather in San Francisco\./);
    expect(assistant?.tool_calls).toEqual([
      {
        id: "call_00_ioIn7yN9p1ZOMNpDLwd4MgAF",
        type: "function",
        function: { name: "weather", arguments: '{"location": "San Francisco"}' },
      },
    ]);
    expect(wire(h.body(1)).find((m) => m.role === "tool")?.tool_call_id).toBe(
      "call_00_ioIn7yN9p1ZOMNpDLwd4MgAF",
    );
    const first = h.of("usage")[0];
    expect(first?.usage).toEqual({ inputTokens: 339, outputTokens: 83, cachedTokens: 320 });
    // 19 uncached × $0.28 + 320 cached × $0.028 + 83 × $0.42 per million.
    expect(first?.costUsd).toBeCloseTo((19 * 0.28 + 320 * 0.028 + 83 * 0.42) / 1e6, 12);
    // The reasoning is kept in history (the session log), for display and for models that want it back.
    expect(h.session.messages.find((m) => m.role === "assistant" && m.toolCalls)).toMatchObject({
      reasoning: expect.stringMatching(/^The user is asking/),
    });
  });

  it("the same history sent to a model that does not want reasoning back carries none", async () => {
    const h = await start({ resolve: catalogModel("deepseek/deepseek-chat") });
    h.fake.enqueue(replay("deepseek", "reasoner-tool-call"), { text: "Sunny." });
    await h.run("Weather in SF?");
    const assistant = wire(h.body(1)).find((m) => m.role === "assistant");
    expect(assistant).not.toHaveProperty("reasoning_content");
    expect(assistant).not.toHaveProperty("reasoning");
  });

  it("Gemini: both call ids come back, the thought signature on exactly the call that had it", async () => {
    const h = await start({ resolve: catalogModel("google/gemini-3-flash-preview") });
    h.fake.enqueue(replay("google", "tool-calls-thought-signature"), { text: "Both read." });
    const result = await h.run("Read both files");
    expect(result.text).toBe("Both read.");
    const calls = wire(h.body(1)).find((m) => m.role === "assistant")?.tool_calls as Array<
      Record<string, unknown>
    >;
    expect(calls.map((c) => c.id)).toEqual(["jm4owj31", "p0x1kq7d"]);
    expect(calls[0]?.extra_content).toEqual({
      google: {
        thought_signature: "EjQKMgEMOdbHJChLX75QUCJjyYlmQy0Bx1mR2dbqwsIUDfcGmwNgKQ3ZS7k5E5xYtsmJx4w7",
      },
    });
    expect(calls[1]).not.toHaveProperty("extra_content");
    const results = wire(h.body(1)).filter((m) => m.role === "tool");
    expect(results.map((m) => m.tool_call_id)).toEqual(["jm4owj31", "p0x1kq7d"]);
    expect(String(results[0]?.content)).toContain("alpha");
  });

  it("OpenAI parallel calls: both run, results come back in the model's order with their ids; cached input priced", async () => {
    const h = await start({ resolve: catalogModel("openai/gpt-4.1") });
    h.fake.enqueue(replay("openai", "parallel-tool-calls"), { text: "Read both." });
    const result = await h.run("Read both files");
    expect(result.text).toBe("Read both.");
    const results = wire(h.body(1)).filter((m) => m.role === "tool");
    expect(results.map((m) => m.tool_call_id)).toEqual(["call_X1bYtZ0q3RkP", "call_Y2cUuA1r4SlQ"]);
    expect(String(results[0]?.content)).toContain("alpha");
    expect(String(results[1]?.content)).toContain("export const b = 1;");
    const first = h.of("usage")[0];
    expect(first?.usage).toEqual({ inputTokens: 412, outputTokens: 52, cachedTokens: 384 });
    expect(first?.costUsd).toBeCloseTo((28 * 2 + 384 * 0.5 + 52 * 8) / 1e6, 12);
  });

  it("Magistral: the answer printed is the one in the content arrays; no stream_options sent to Mistral", async () => {
    const h = await start({ resolve: catalogModel("mistral/mistral-large-latest") });
    h.fake.enqueue(replay("mistral", "magistral-reasoning"));
    const result = await h.run("2+2?");
    expect(result.text).toBe("2 + 2 = 4");
    expect(
      h
        .of("reasoning_delta")
        .map((e) => e.delta)
        .join(""),
    ).toContain("basic arithmetic");
    expect(h.body(0)).not.toHaveProperty("stream_options");
  });
});

describe("recorded failures end the way they should", () => {
  it("Groq tool_use_failed inside a 200 stream is retried as a failed generation", async () => {
    const h = await start({ resolve: catalogModel("groq/llama-3.3-70b-versatile") });
    h.fake.enqueue(replay("groq", "tool-use-failed"), { text: "Done." });
    const result = await h.run("Use a tool");
    expect(result.text).toBe("Done.");
    expect(h.of("retry")).toEqual([
      expect.objectContaining({
        attempt: 1,
        maxAttempts: 3,
        reason: expect.stringContaining("tool_use_failed"),
      }),
    ]);
  });

  it("OpenRouter: a failed attempt's billed usage counts toward cost, then the retry answers", async () => {
    const h = await start({ resolve: catalogModel("openrouter/qwen/qwen3-coder") });
    h.fake.enqueue(replay("openrouter", "comments-reasoning-error-usage"), {
      text: "Whole answer.",
      usage: { prompt_tokens: 1200, completion_tokens: 10 },
    });
    const result = await h.run("hi");
    expect(result.text).toBe("Whole answer.");
    expect(h.of("usage").map((e) => e.usage.outputTokens)).toEqual([40, 10]);
    expect(result.usage).toEqual({ inputTokens: 2400, outputTokens: 50, cachedTokens: 0 });
    expect(result.costUsd).toBeCloseTo((2400 * 0.22 + 50 * 0.95) / 1e6, 12);
    expect(h.session.messages.at(-1)).toEqual({ role: "assistant", content: "Whole answer." });
  });

  it("llama.cpp's permanent 'Cannot use tools with stream' fails at once with advice", async () => {
    const h = await start({});
    h.fake.enqueue(replay("llamacpp", "tools-stream-500"), { text: "never" });
    const result = await h.run("hi");
    expect(result.reason).toBe("error");
    expect(result.error).toMatch(/Cannot use tools with stream.*--jinja/);
    expect(h.fake.requests).toHaveLength(1);
    expect(h.of("retry")).toEqual([]);
  });

  it("llama.cpp overflow without compaction does not claim a compaction ran", async () => {
    const h = await start({});
    h.fake.enqueue(replay("llamacpp", "overflow-400"));
    const result = await h.run("hi");
    expect(result.error).toMatch(
      /too long for the model's context window: the request exceeds the available/,
    );
    expect(result.error).not.toMatch(/after compaction/);
  });

  it("llama.cpp overflow is compacted and retried when the session can compact", async () => {
    const compacted: string[] = [];
    const h = await start({
      hooks: {
        onContextOverflow: async (messages) => {
          compacted.push("yes");
          return messages.slice(0, 1).concat(messages.slice(-1));
        },
      },
    });
    h.fake.enqueue(replay("llamacpp", "overflow-400"), { text: "Fits now." });
    const result = await h.run("hi");
    expect(compacted).toEqual(["yes"]);
    expect(result.text).toBe("Fits now.");
  });

  it("a closed local port: one quick retry, then what to check, naming the catalog's local server", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const url = `http://127.0.0.1:${port}/v1`;
    const h = await start({ url, resolve: catalogModel("ollama/qwen3-coder") });
    const result = await h.run("hi");
    expect(result.error).toBe(
      `Connection refused at ${url} — is Ollama running? Start it, or fix the port in baseURL.`,
    );
    expect(h.of("retry").map((e) => [e.attempt, e.maxAttempts])).toEqual([[1, 2]]);
  });
});
