// Stream edge cases found after the first loop review: a stream that stalls after its headers (idle timeout →
// retried), a reply cut at the output limit (notice), and a Retry-After too long to wait for inside a run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import { runAgentLoop } from "../../src/agent/loop.js";
import type { Message } from "../../src/agent/messages.js";
import { createStreamFn } from "../../src/providers/openai-stream.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { fakeModel } from "../loop/harness.js";

let fake: FakeProvider;
beforeAll(async () => {
  fake = await FakeProvider.start();
});
afterAll(() => fake.close());

async function run(idleMs = 300_000) {
  const events: AgentEvent[] = [];
  const messages: Message[] = [
    { role: "system", content: "s" },
    { role: "user", content: "hi" },
  ];
  const result = await runAgentLoop(
    messages,
    {
      stream: createStreamFn(fakeModel(fake.url), { idleMs }),
      toolSchemas: () => [],
      findTool: () => undefined,
      toolNames: () => [],
      makeContext: () => {
        throw new Error("no tools here");
      },
      contextWindow: 1000,
      cost: () => 0,
      retryBaseMs: 1,
    },
    (e) => events.push(e),
    new AbortController().signal,
  );
  return { result, events };
}

describe("stream edges", () => {
  it("treats a stream that stalls after its headers as dropped and retries it", async () => {
    fake.enqueue({ text: "partial answer", hangAfter: 2 }, { text: "full answer" });
    const { result, events } = await run(200);
    expect(result).toMatchObject({ reason: "completed", text: "full answer" });
    const retry = events.find((e) => e.type === "retry");
    expect(retry).toMatchObject({ type: "retry", attempt: 1 });
    expect(retry?.type === "retry" && retry.reason).toContain("stopped sending data");
  });

  it("warns when the reply was cut off at the output limit", async () => {
    fake.enqueue({ text: "a long answer that got cut", finishReason: "length" });
    const { result, events } = await run();
    expect(result.reason).toBe("completed");
    expect(events).toContainEqual({
      type: "notice",
      level: "warn",
      message: "The reply hit the model's output-token limit and may be cut off.",
    });
  });

  it("does not wait for a Retry-After longer than two minutes", async () => {
    const before = fake.requests.length;
    fake.enqueue({ status: 429, headers: { "retry-after": "3600" }, errorMessage: "slow down" });
    const { result, events } = await run();
    expect(result.reason).toBe("error");
    expect(result.error).toContain("retry after 3600 s");
    expect(events.some((e) => e.type === "retry")).toBe(false);
    expect(fake.requests.length - before).toBe(1);
  });
});
