// Usage and cost: one usage event per request with its cost at the model's configured prices (cached input at
// its own price), totals in the loop result and on the session across runs, and no invented usage.
import { afterEach, describe, expect, it } from "vitest";
import { usageCost } from "../../src/session/session.js";
import { fakeModel, type Harness, startHarness } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const prices = {
  contextWindow: 64_000,
  inputPricePerMillion: 3,
  outputPricePerMillion: 15,
  cachedPricePerMillion: 0.3,
};

describe("usage and cost", () => {
  it("emits one usage event per request with its cost, and totals them", async () => {
    h = await startHarness({ model: prices });
    h.fake.enqueue(
      {
        toolCalls: [{ name: "list_directory", arguments: {} }],
        usage: { prompt_tokens: 10_000, completion_tokens: 500, cached_tokens: 8_000 },
      },
      { text: "done", usage: { prompt_tokens: 10_600, completion_tokens: 40, cached_tokens: 10_000 } },
    );
    const result = await h.run("go");

    const first = (2_000 * 3 + 8_000 * 0.3 + 500 * 15) / 1e6;
    const second = (600 * 3 + 10_000 * 0.3 + 40 * 15) / 1e6;
    const usage = h.of("usage");
    expect(usage).toHaveLength(2);
    expect(usage[0]).toMatchObject({
      usage: { inputTokens: 10_000, outputTokens: 500, cachedTokens: 8_000 },
      contextTokens: 10_500,
      contextWindow: 64_000,
    });
    expect(usage[0]?.costUsd).toBeCloseTo(first, 12);
    expect(usage[1]?.costUsd).toBeCloseTo(second, 12);
    expect(usage[1]?.contextTokens).toBe(10_640);

    expect(result.usage).toEqual({ inputTokens: 20_600, outputTokens: 540, cachedTokens: 18_000 });
    expect(result.costUsd).toBeCloseTo(first + second, 12);
    expect(result.contextTokens).toBe(10_640);
    expect(h.session.usage).toEqual(result.usage);
    expect(h.session.costUsd).toBeCloseTo(first + second, 12);
    expect(h.session.contextTokens).toBe(10_640);
  });

  it("accumulates session usage across prompts and carries the context size into the next run", async () => {
    const seen: number[] = [];
    h = await startHarness({
      model: prices,
      hooks: {
        async beforeRequest(_m, info) {
          seen.push(info.contextTokens);
          return undefined;
        },
      },
    });
    h.fake.enqueue(
      { text: "a", usage: { prompt_tokens: 100, completion_tokens: 10 } },
      { text: "b", usage: { prompt_tokens: 200, completion_tokens: 20 } },
    );
    await h.run("one");
    await h.run("two");
    expect(seen).toEqual([0, 110]);
    expect(h.session.usage).toEqual({ inputTokens: 300, outputTokens: 30, cachedTokens: 0 });
    expect(h.session.costUsd).toBeCloseTo((300 * 3 + 30 * 15) / 1e6, 12);
  });

  it("emits no usage event when the provider reports none", async () => {
    h = await startHarness({ model: prices });
    h.fake.enqueue({ text: "no usage", usage: false });
    const result = await h.run("go");
    expect(h.of("usage")).toEqual([]);
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });
    expect(result.costUsd).toBe(0);
  });

  it("counts the usage of a request even when it is later retried away", async () => {
    h = await startHarness({ model: prices });
    h.fake.enqueue(
      { status: 500, headers: { "retry-after-ms": "1" } },
      { text: "ok", usage: { prompt_tokens: 50, completion_tokens: 5 } },
    );
    const result = await h.run("go");
    expect(h.of("usage")).toHaveLength(1);
    expect(result.usage).toEqual({ inputTokens: 50, outputTokens: 5, cachedTokens: 0 });
  });
});

describe("usageCost", () => {
  it("prices cached input at the input price when no cached price is configured", () => {
    const model = fakeModel("http://127.0.0.1:9/v1", {
      model: { inputPricePerMillion: 2, outputPricePerMillion: 8 },
    });
    expect(usageCost(model, { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedTokens: 500_000 })).toBe(
      10,
    );
  });

  it("is zero for a model without prices", () => {
    const model = fakeModel("http://127.0.0.1:9/v1");
    expect(usageCost(model, { inputTokens: 123, outputTokens: 456, cachedTokens: 0 })).toBe(0);
  });

  it("never goes negative when a provider reports more cached than input tokens", () => {
    const model = fakeModel("http://127.0.0.1:9/v1", { model: prices });
    expect(usageCost(model, { inputTokens: 10, outputTokens: 0, cachedTokens: 20 })).toBeGreaterThanOrEqual(
      0,
    );
  });
});
