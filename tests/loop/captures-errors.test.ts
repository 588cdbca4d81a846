// Recorded error bodies of every shape (OpenAI objects, Gemini arrays, Mistral/vLLM `{"object":"error"}`, xAI
// strings, llama.cpp typed errors, Groq `event: error`) replayed through the real SDK: each keeps its message and
// lands in the right class, with advice where there is something to change.
import { afterEach, describe, expect, it } from "vitest";
import type { ResolvedModel } from "../../src/config/resolve.js";
import { createStreamFn } from "../../src/providers/openai-stream.js";
import type { ProviderError } from "../../src/providers/types.js";
import { loadCapture } from "../helpers/captures.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { catalogModel, fakeModel } from "./harness.js";

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function errorOf(
  provider: string,
  name: string,
  resolve?: (url: string) => ResolvedModel,
): Promise<ProviderError> {
  fake = await FakeProvider.start();
  fake.enqueue({ replay: loadCapture(provider, name).response });
  const model = (resolve ?? ((url: string) => fakeModel(url)))(fake.url);
  const stream = createStreamFn(model)({
    messages: [{ role: "user", content: "hi" }],
    tools: [],
    signal: new AbortController().signal,
  });
  for await (const e of stream) {
    if (e.type === "done") {
      expect(e.stopReason).toBe("error");
      if (!e.error) throw new Error("done without error");
      return e.error;
    }
  }
  throw new Error("no done event");
}

describe("error bodies of every shape keep their message", () => {
  it("Gemini's JSON array body", async () => {
    const e = await errorOf("google", "error-array-400", catalogModel("google/gemini-2.5-flash"));
    expect(e).toMatchObject({ kind: "bad_request", status: 400 });
    expect(e.message).toBe("Request rejected (400): Request contains an invalid argument.");
  });

  it("Mistral's 422 names the field we sent and the compat flag that stops it", async () => {
    const e = await errorOf("mistral", "stream-options-422");
    expect(e).toMatchObject({ kind: "bad_request", status: 422 });
    expect(e.message).toContain(
      "body.stream_options.include_usage: Extra inputs are not permitted (extra_forbidden)",
    );
    expect(e.message).toContain('"compat": { "streamUsage": false }');
  });

  it("DeepSeek's missing reasoning_content says which flag sends it back", async () => {
    const e = await errorOf("deepseek", "missing-reasoning-400");
    expect(e.kind).toBe("bad_request");
    expect(e.message).toContain(
      "Missing `reasoning_content` field in the assistant message at message index 5",
    );
    expect(e.message).toContain('"echoReasoning": true');
  });

  it("OpenAI: out of quota is fatal, a bad key is auth", async () => {
    expect(await errorOf("openai", "insufficient-quota-429")).toMatchObject({
      kind: "fatal",
      message: expect.stringContaining("You exceeded your current quota"),
    });
    await fake?.close();
    expect(await errorOf("openai", "invalid-key-401")).toMatchObject({
      kind: "auth",
      message: expect.stringContaining("Incorrect API key provided"),
    });
  });

  it("Groq's event: error with tool_use_failed is a failed generation, retried a bounded number of times", async () => {
    const e = await errorOf("groq", "tool-use-failed");
    expect(e).toMatchObject({ kind: "retryable", maxAttempts: 3 });
    expect(e.message).toContain("Failed to call a function");
  });
});

describe("a 200 that is not a stream", () => {
  it("LM Studio's JSON error for an unknown path is shown with a baseURL hint, not taken for an empty answer", async () => {
    const e = await errorOf("lmstudio", "unknown-endpoint-200", catalogModel("lmstudio/openai/gpt-oss-20b"));
    expect(e.kind).toBe("fatal");
    expect(e.message).toMatch(
      /^Unexpected endpoint or method\. \(POST \/chat\/completions\) \(the server answered 200/,
    );
    expect(e.message).toContain("usually ending in /v1");
  });
});

describe("context overflow is recognised in every provider's wording", () => {
  it.each([
    ["llamacpp", "overflow-400", "the request exceeds the available context size"],
    ["xai", "overflow-400", "maximum prompt length is 131072 but the request contains 136973 tokens"],
    [
      "google",
      "overflow-400",
      "The input token count (1196265) exceeds the maximum number of tokens allowed",
    ],
    ["vllm", "overflow-400", "maximum context length is 32768 tokens"],
  ])("%s", async (provider, name, wording) => {
    const e = await errorOf(provider, name);
    expect(e.kind).toBe("context_overflow");
    expect(e.message).toContain(wording);
  });
});
