// Provider quirks through the compat record, asserted on the exact request bodies the fake server recorded:
// output-cap field, system role, usage in stream, reasoning fields, tool-result names, Gemini extra_content,
// images in tool results, and default params / headers from config.

import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { ContentPart } from "../../src/agent/messages.js";
import { createStreamFn } from "../../src/providers/openai-stream.js";
import type { StreamEvent } from "../../src/providers/types.js";
import { defineTool, type Tool } from "../../src/tools/tool.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { fakeModel, type Harness, type ModelOptions, startHarness, wire } from "./harness.js";

let h: Harness | undefined;
let fake: FakeProvider | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

/** Streams one request straight through the provider module and returns its events. */
async function streamOnce(opts: ModelOptions, maxTokens?: number): Promise<StreamEvent[]> {
  fake = await FakeProvider.start();
  fake.enqueue({ text: "ok" });
  const stream = createStreamFn(fakeModel(fake.url, opts));
  const out: StreamEvent[] = [];
  for await (const e of stream({
    messages: [
      { role: "system", content: "sys" },
      { role: "user", content: "hi" },
    ],
    tools: [],
    signal: new AbortController().signal,
    maxTokens,
  }))
    out.push(e);
  return out;
}

const PNG = "iVBORw0KGgo=";
const imageTool = defineTool({
  name: "screenshot",
  description: "Returns an image (test only).",
  readOnly: true,
  parameters: z.object({}),
  execute: async () => ({
    content: [
      { type: "text", text: "Screenshot taken." },
      { type: "image", mimeType: "image/png", data: PNG },
    ] satisfies ContentPart[],
  }),
}) as Tool;

describe("request shape", () => {
  it("sends an output cap as max_tokens by default", async () => {
    await streamOnce({}, 500);
    expect(fake?.requests[0]?.body.max_tokens).toBe(500);
    expect(fake?.requests[0]?.body).not.toHaveProperty("max_completion_tokens");
  });

  it("sends max_completion_tokens when the compat record says so", async () => {
    await streamOnce({ compat: { maxTokensField: "max_completion_tokens" } }, 500);
    expect(fake?.requests[0]?.body.max_completion_tokens).toBe(500);
    expect(fake?.requests[0]?.body).not.toHaveProperty("max_tokens");
  });

  it("sends no output cap unless one is asked for", async () => {
    await streamOnce({ model: { maxOutputTokens: 4096 } });
    expect(fake?.requests[0]?.body).not.toHaveProperty("max_tokens");
    expect(fake?.requests[0]?.body).not.toHaveProperty("max_completion_tokens");
  });

  it("uses the developer role for the system prompt when asked", async () => {
    await streamOnce({ compat: { systemRole: "developer" } });
    expect(wire(fake!.requests[0]!.body)[0]).toEqual({ role: "developer", content: "sys" });
    await fake?.close();
    await streamOnce({});
    expect(wire(fake!.requests[0]!.body)[0]).toEqual({ role: "system", content: "sys" });
  });

  it("asks for usage in the stream only when streamUsage is on", async () => {
    await streamOnce({});
    expect(fake?.requests[0]?.body.stream_options).toEqual({ include_usage: true });
    await fake?.close();
    await streamOnce({ compat: { streamUsage: false } });
    expect(fake?.requests[0]?.body).not.toHaveProperty("stream_options");
  });

  it("merges provider and model defaultParams into the body and sends configured headers", async () => {
    fake = await FakeProvider.start();
    fake.enqueue({ text: "ok" });
    const model = fakeModel(fake.url, {
      defaultParams: { temperature: 0.2, top_p: 0.9 },
      model: { defaultParams: { temperature: 0.7 } },
    });
    model.headers = { "x-test-header": "yes" };
    for await (const _ of createStreamFn(model)({
      messages: [{ role: "user", content: "hi" }],
      tools: [],
      signal: new AbortController().signal,
    }));
    expect(fake.requests[0]?.body).toMatchObject({ temperature: 0.7, top_p: 0.9, model: "m1", stream: true });
    expect(fake.requests[0]?.headers["x-test-header"]).toBe("yes");
    expect(fake.requests[0]?.body).not.toHaveProperty("tools");
  });
});

describe("reasoning", () => {
  it("turns reasoning_content deltas into reasoning_delta events and never resends them", async () => {
    h = await startHarness();
    h.fake.enqueue({ reasoning: "Thinking hard.", text: "Answer." }, { text: "Second." });
    await h.run("q1");
    await h.run("q2");
    expect(h.of("reasoning_delta").map((e) => e.delta)).toEqual(["Thinking hard."]);
    expect(h.session.messages[2]).toEqual({
      role: "assistant",
      content: "Answer.",
      reasoning: "Thinking hard.",
    });
    expect(wire(h.body(1))[2]).toEqual({ role: "assistant", content: "Answer." });
  });

  it("reads the field named by compat.reasoningField (OpenRouter/Groq 'reasoning')", async () => {
    h = await startHarness({ compat: { reasoningField: "reasoning" } });
    h.fake.enqueue({ reasoning: "Routed thoughts.", reasoningField: "reasoning", text: "ok" });
    await h.run("q");
    expect(h.of("reasoning_delta").map((e) => e.delta)).toEqual(["Routed thoughts."]);
  });

  it("ignores reasoning when compat.reasoningField is none", async () => {
    h = await startHarness({ compat: { reasoningField: "none" } });
    h.fake.enqueue({ reasoning: "hidden", text: "ok" });
    await h.run("q");
    expect(h.of("reasoning_delta")).toEqual([]);
    expect(h.session.messages.at(-1)).toEqual({ role: "assistant", content: "ok" });
  });
});

describe("tool messages", () => {
  it("adds the tool name to tool messages only when toolResultName is on", async () => {
    h = await startHarness({ compat: { toolResultName: true } });
    h.fake.enqueue({ toolCalls: [{ id: "n1", name: "list_directory", arguments: {} }] }, { text: "ok" });
    await h.run("go");
    expect(wire(h.body(1))[3]).toMatchObject({ role: "tool", tool_call_id: "n1", name: "list_directory" });
    await h.close();

    h = await startHarness();
    h.fake.enqueue({ toolCalls: [{ id: "n2", name: "list_directory", arguments: {} }] }, { text: "ok" });
    await h.run("go");
    expect(wire(h.body(1))[3]).not.toHaveProperty("name");
  });

  it("preserves Gemini extra_content on a tool call and sends it back verbatim", async () => {
    const extra = { google: { thought_signature: "c2lnbmF0dXJlLWJ5dGVz" } };
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [{ id: "g1", name: "list_directory", arguments: {}, extraContent: extra }] },
      { text: "ok" },
    );
    await h.run("go");
    const call = (wire(h.body(1))[2]?.tool_calls as Array<Record<string, unknown>>)[0];
    expect(call).toEqual({
      id: "g1",
      type: "function",
      function: { name: "list_directory", arguments: "{}" },
      extra_content: extra,
    });
    const stored = h.session.messages[2];
    expect(stored?.role === "assistant" && stored.toolCalls?.[0]?.extraContent).toEqual(extra);
  });

  it("sends images from tool results as a user image message when the model supports images", async () => {
    h = await startHarness({ tools: [imageTool], compat: { supportsImages: true } });
    h.fake.enqueue(
      {
        toolCalls: [
          { id: "i1", name: "screenshot", arguments: {} },
          { id: "i2", name: "list_directory", arguments: {} },
        ],
      },
      { text: "I see it." },
    );
    await h.run("look");
    const next = wire(h.body(1)).slice(2);
    expect(next.map((m) => m.role)).toEqual(["assistant", "tool", "tool", "user"]);
    expect(next[1]).toEqual({
      role: "tool",
      tool_call_id: "i1",
      content: "Screenshot taken.\n[image/png image, attached below]",
    });
    expect(next[3]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "Images returned by the tools above:" },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
      ],
    });
    expect(h.of("tool_end")[0]?.content).toBe("Screenshot taken.\n[image image/png]");
  });

  it("never sends image data to a model without image support, and says so in the tool text", async () => {
    h = await startHarness({ tools: [imageTool], compat: { supportsImages: false } });
    h.fake.enqueue({ toolCalls: [{ id: "i1", name: "screenshot", arguments: {} }] }, { text: "ok" });
    await h.run("look");
    const next = wire(h.body(1)).slice(2);
    expect(next.map((m) => m.role)).toEqual(["assistant", "tool"]);
    expect(JSON.stringify(h.body(1))).not.toContain(PNG);
    const text = String(next[1]?.content);
    expect(text).toMatch(/^Screenshot taken\.\n/);
    expect(text).toMatch(/image/);
    // Nothing is attached below, so the placeholder must not claim it is.
    expect(text).not.toMatch(/attached below/);
  });

  it("replaces images in user prompts with a placeholder when the model has no image support", async () => {
    fake = await FakeProvider.start();
    fake.enqueue({ text: "ok" });
    const stream = createStreamFn(fakeModel(fake.url, { compat: { supportsImages: false } }));
    for await (const _ of stream({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what is this" },
            { type: "image", mimeType: "image/jpeg", data: "AAAA" },
          ],
        },
      ],
      tools: [],
      signal: new AbortController().signal,
    }));
    expect(wire(fake.requests[0]!.body)[0]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "what is this" },
        { type: "text", text: "[image/jpeg image omitted: this model does not accept images]" },
      ],
    });
  });
});
