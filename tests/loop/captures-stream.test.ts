// Recorded provider streams (tests/fixtures/captures, provenance beside each) replayed byte for byte from the local
// fake server through the real SDK and the provider module: the answer text, the reasoning, the tool calls and
// the usage each provider really sends, whatever its shape (content arrays, reasoning fields, calls without an
// index or arriving whole, comment lines, usage outside completion_tokens, errors inside a 200 stream).
import { afterEach, describe, expect, it } from "vitest";
import type { ResolvedModel } from "../../src/config/resolve.js";
import { createStreamFn } from "../../src/providers/openai-stream.js";
import type { StreamEvent } from "../../src/providers/types.js";
import { allCaptures, loadCapture } from "../helpers/captures.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { catalogModel, fakeModel } from "./harness.js";

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface Replayed {
  text: string;
  reasoning: string;
  done: Extract<StreamEvent, { type: "done" }>;
}

/** Replays one capture through `resolve` (a catalog model by default: its compat is what users get). */
async function replay(
  provider: string,
  name: string,
  resolve?: (url: string) => ResolvedModel,
): Promise<Replayed> {
  fake = await FakeProvider.start();
  fake.enqueue({ replay: loadCapture(provider, name).response });
  const model = (resolve ?? ((url: string) => fakeModel(url)))(fake.url);
  let text = "";
  let reasoning = "";
  let done: Replayed["done"] | undefined;
  const stream = createStreamFn(model)({
    messages: [{ role: "user", content: "hi" }],
    tools: [],
    signal: new AbortController().signal,
  });
  for await (const e of stream) {
    if (e.type === "text_delta") text += e.delta;
    else if (e.type === "reasoning_delta") reasoning += e.delta;
    else done = e;
  }
  if (!done) throw new Error("no done event");
  return { text, reasoning, done };
}

describe("every capture has its provenance", () => {
  it("names a source, what it shows and when it was retrieved", () => {
    const all = allCaptures();
    expect(all.length).toBeGreaterThanOrEqual(30);
    for (const id of all) {
      const [provider = "", name = ""] = id.split("/");
      const { meta } = loadCapture(provider, name);
      expect(meta.source, id).toMatch(/https:\/\//);
      expect(meta.shows.length, id).toBeGreaterThan(20);
      expect(meta.retrieved, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(meta.kind, id).toMatch(/recorded|constructed|assembled/);
    }
  });
});

describe("text, reasoning and usage as each provider sends them", () => {
  it("OpenAI: text with finish_reason on the first chunk and a usage chunk", async () => {
    const r = await replay("openai", "text-usage", catalogModel("openai/gpt-4.1"));
    expect(r.text).toMatch(/^Hello! .*How can I assist you today\?$/);
    expect(r.done.stopReason).toBe("stop");
    expect(r.done.usage).toEqual({ inputTokens: 13, outputTokens: 34, cachedTokens: 0 });
  });

  it("Mistral thinking mode: content arrays split into reasoning and the whole answer (391, not 91)", async () => {
    const r = await replay("mistral", "thinking-content-array", catalogModel("mistral/mistral-large-latest"));
    expect(r.text).toBe("391");
    expect(r.reasoning).toMatch(/^Okay, the user is asking for the product of 17 and 23\./);
    expect(r.reasoning).toMatch(/17 \* 23 = 391\.$/);
    expect(r.done.usage).toEqual({ inputTokens: 28, outputTokens: 139, cachedTokens: 0 });
  });

  it("Magistral: an answer that only ever arrives as content arrays is not lost", async () => {
    const r = await replay("mistral", "magistral-reasoning", catalogModel("mistral/mistral-large-latest"));
    expect(r.text).toBe("2 + 2 = 4");
    expect(r.reasoning).toBe("The user is asking for 2+2. This is basic arithmetic. 2+2=4.");
    expect(r.done.usage).toEqual({ inputTokens: 10, outputTokens: 46, cachedTokens: 0 });
  });

  it("xAI: reasoning tokens left out of completion_tokens are counted as output", async () => {
    const r = await replay("xai", "text-reasoning-excluded", catalogModel("xai/grok-4"));
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.done.usage).toEqual({ inputTokens: 12, outputTokens: 291, cachedTokens: 11 });
  });

  it("Groq: reasoning in delta.reasoning, included in completion_tokens (not counted twice)", async () => {
    const r = await replay("groq", "reasoning-field", catalogModel("groq/openai/gpt-oss-120b"));
    expect(r.reasoning.startsWith("Okay,")).toBe(true);
    expect(r.text.endsWith("}$")).toBe(true);
    expect(r.done.usage).toEqual({ inputTokens: 17, outputTokens: 1107, cachedTokens: 0 });
  });

  it("DeepSeek reasoner: reasoning_content then text, null content ignored", async () => {
    const r = await replay("deepseek", "reasoner-text", catalogModel("deepseek/deepseek-reasoner"));
    expect(r.reasoning.startsWith("We need")).toBe(true);
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.done.usage).toEqual({ inputTokens: 18, outputTokens: 219, cachedTokens: 0 });
  });

  it("Cerebras: reasoning field, usage with time_info on the finish chunk", async () => {
    const r = await replay("cerebras", "reasoning-text-usage", catalogModel("cerebras/gpt-oss-120b"));
    expect(r).toMatchObject({ text: "Hello!", reasoning: "Simple greeting." });
    expect(r.done.usage).toEqual({ inputTokens: 70, outputTokens: 12, cachedTokens: 0 });
  });

  it("llama.cpp: content null, reasoning_content, usage and timings on the finish chunk", async () => {
    const r = await replay("llamacpp", "reasoning-timings");
    expect(r).toMatchObject({ text: "", reasoning: "We" });
    expect(r.done.stopReason).toBe("stop");
    expect(r.done.usage).toEqual({ inputTokens: 1085, outputTokens: 247, cachedTokens: 0 });
  });

  it("OpenRouter: comment lines skipped, reasoning read once, an in-stream error keeps its billed usage", async () => {
    const r = await replay(
      "openrouter",
      "comments-reasoning-error-usage",
      catalogModel("openrouter/qwen/qwen3-coder"),
    );
    expect(r.reasoning).toBe("Check the file first.");
    expect(r.text).toBe("Partial ans");
    expect(r.done.stopReason).toBe("error");
    expect(r.done.error).toMatchObject({
      kind: "retryable",
      message: expect.stringContaining("Provider returned error"),
    });
    expect(r.done.usage).toEqual({ inputTokens: 1200, outputTokens: 40, cachedTokens: 0 });
  });
});

describe("tool calls as each provider streams them", () => {
  const calls = (r: Replayed) => r.done.message.toolCalls ?? [];

  it("OpenAI: split arguments; the last event (usage) arrives although the recording ends unterminated", async () => {
    const r = await replay("openai", "tool-call", catalogModel("openai/gpt-4.1"));
    expect(calls(r)).toEqual([
      {
        id: "call_9ctHOJqO3bYrpm2A6S7nHd5k",
        name: "get_current_weather",
        arguments: '{"location":"Boston, MA"}',
      },
    ]);
    expect(r.done.stopReason).toBe("tool_calls");
    expect(r.done.usage).toEqual({ inputTokens: 83, outputTokens: 17, cachedTokens: 0 });
  });

  it("DeepSeek: reasoning, then a call; cached tokens reported", async () => {
    const r = await replay("deepseek", "reasoner-tool-call", catalogModel("deepseek/deepseek-reasoner"));
    expect(r.reasoning).toBe(
      'The user is asking for the weather in San Francisco. I need to use the weather tool to get this information. Let me invoke the weather tool with the location parameter set to "San Francisco".',
    );
    expect(calls(r)).toEqual([
      { id: "call_00_ioIn7yN9p1ZOMNpDLwd4MgAF", name: "weather", arguments: '{"location": "San Francisco"}' },
    ]);
    expect(r.done.message.reasoning).toBe(r.reasoning);
    expect(r.done.usage).toEqual({ inputTokens: 339, outputTokens: 83, cachedTokens: 320 });
  });

  it("Mistral: a whole call without index or type", async () => {
    const r = await replay("mistral", "tool-call-whole", catalogModel("mistral/mistral-large-latest"));
    expect(calls(r)).toEqual([
      { id: "gSIMJiOkT", name: "weather", arguments: '{"location": "San Francisco"}' },
    ]);
    expect(r.done.usage).toEqual({ inputTokens: 124, outputTokens: 22, cachedTokens: 0 });
  });

  it("Mistral-served model: a fragment repeating name as empty, the finish chunk twice", async () => {
    const r = await replay(
      "mistral",
      "tool-call-empty-name-fragment",
      catalogModel("mistral/mistral-large-latest"),
    );
    expect(calls(r)).toEqual([
      {
        id: "chatcmpl-tool-9f149c74c42f265b",
        name: "webSearchTool",
        arguments: '{"query": "current Berlin weather"}',
      },
    ]);
  });

  it("Groq: a whole call with arguments {}", async () => {
    const r = await replay("groq", "tool-call-whole", catalogModel("groq/llama-3.3-70b-versatile"));
    expect(calls(r)).toEqual([{ id: "tk85n1k4m", name: "weather", arguments: "{}" }]);
    expect(r.done.usage).toEqual({ inputTokens: 210, outputTokens: 15, cachedTokens: 0 });
  });

  it("xAI: reasoning_content, then a whole call; billed output includes the reasoning (222, not 26)", async () => {
    const r = await replay("xai", "tool-call", catalogModel("xai/grok-4"));
    expect(r.reasoning).toBe("First, the user is");
    expect(calls(r)).toEqual([
      { id: "call_55117580", name: "weather", arguments: '{"location":"San Francisco"}' },
    ]);
    expect(r.done.usage).toEqual({ inputTokens: 291, outputTokens: 222, cachedTokens: 290 });
  });

  it("Anthropic compat: text, then a call whose first index is 1", async () => {
    const r = await replay("anthropic", "tool-call-index-1", catalogModel("anthropic/claude-haiku-4-5"));
    expect(r.text).toBe("Reading it.");
    expect(calls(r)).toEqual([{ id: "toolu_sanitized", name: "read_file", arguments: '{"path": "a.txt"}' }]);
  });

  it("Ollama: reasoning field, a whole call", async () => {
    const r = await replay("ollama", "reasoning-tool-call", catalogModel("ollama/gpt-oss:20b"));
    expect(r.reasoning).toBe("The user wants the file.");
    expect(calls(r)).toEqual([{ id: "call_2y6fkqbs", name: "read_file", arguments: '{"path":"a.txt"}' }]);
  });

  it("Gemini: parallel calls without index, the thought signature kept on its call, finish 'stop'", async () => {
    const r = await replay(
      "google",
      "tool-calls-thought-signature",
      catalogModel("google/gemini-3-flash-preview"),
    );
    expect(calls(r).map((c) => [c.id, c.arguments])).toEqual([
      ["jm4owj31", '{"file_path":"a.txt"}'],
      ["p0x1kq7d", '{"file_path":"src/b.ts"}'],
    ]);
    expect(calls(r)[0]?.extraContent).toEqual({
      google: {
        thought_signature: "EjQKMgEMOdbHJChLX75QUCJjyYlmQy0Bx1mR2dbqwsIUDfcGmwNgKQ3ZS7k5E5xYtsmJx4w7",
      },
    });
    expect(calls(r)[1]?.extraContent).toBeUndefined();
    expect(r.done.stopReason).toBe("tool_calls");
    expect(r.done.usage).toEqual({ inputTokens: 512, outputTokens: 219, cachedTokens: 0 });
  });
});
