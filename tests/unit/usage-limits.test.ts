import { describe, expect, it } from "vitest";
import { formatUsd, requestCost } from "../../src/usage/cost.js";
import { LimitTracker, parseDuration, resolveLimits } from "../../src/usage/limits.js";

const usage = (inputTokens: number, outputTokens = 0) => ({ inputTokens, outputTokens, cachedTokens: 0 });
const totals = (o: { cost?: number; turns?: number; tokens?: number; ms?: number }) => ({
  usage: usage(o.tokens ?? 0),
  costUsd: o.cost ?? 0,
  turns: o.turns ?? 0,
  elapsedMs: o.ms ?? 0,
});

describe("limits", () => {
  it("parses durations and rejects malformed ones", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("10m")).toBe(600_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("120")).toBe(120_000);
    for (const bad of ["", "ten minutes", "10x", "5m junk", "-3s"])
      expect(() => parseDuration(bad)).toThrow(/Invalid duration/);
  });

  it("merges config and flags, flags winning", () => {
    expect(
      resolveLimits({ maxCostUsd: 5, maxTurns: 10, timeout: "1m" }, { maxCost: "2", maxTokens: 1000 }),
    ).toEqual({
      maxCostUsd: 2,
      maxTurns: 10,
      maxTokens: 1000,
      timeoutMs: 60_000,
    });
    expect(() => resolveLimits({}, { maxTurns: "2.5" })).toThrow(/--max-turns must be a positive integer/);
    expect(() => resolveLimits({}, { maxCost: "0" })).toThrow(/--max-cost/);
  });

  it("warns once at 80 % and stops at 100 % for each limit", () => {
    const t = new LimitTracker({ maxCostUsd: 1, maxTurns: 10, maxTokens: 1000, timeoutMs: 10_000 });
    expect(t.check(totals({ cost: 0.79, turns: 7, tokens: 799, ms: 7999 }))).toEqual({});
    expect(t.check(totals({ cost: 0.8 })).warn).toBe("80% of the cost limit used ($0.80 of $1.00).");
    expect(t.check(totals({ cost: 0.9 }))).toEqual({}); // Already warned.
    expect(t.check(totals({ turns: 8 })).warn).toBe("80% of the turn limit used (8 of 10).");
    expect(t.check(totals({ tokens: 850 })).warn).toMatch(/^85% of the token limit used \(850 of 1000\)/);
    expect(t.check(totals({ ms: 9000 })).warn).toBe("90% of the time limit used (9s of 10s).");
    expect(t.check(totals({ cost: 1 })).stop).toBe(
      "Stopped: cost limit reached ($1.00 of $1.00). The session is saved; resume it to continue.",
    );
    expect(t.check(totals({ turns: 10 })).stop).toMatch(/turn limit reached \(10 of 10\)/);
    expect(t.check(totals({ tokens: 1200 })).stop).toMatch(/token limit reached/);
    expect(t.check(totals({ ms: 10_000 })).stop).toMatch(/time limit reached \(10s of 10s\)/);
  });

  it("counts input plus output tokens toward maxTokens", () => {
    const t = new LimitTracker({ maxTokens: 100 });
    expect(t.check({ usage: usage(60, 40), costUsd: 0, turns: 1, elapsedMs: 0 }).stop).toMatch(/token limit/);
    expect(new LimitTracker({}).check(totals({ cost: 1e9, turns: 1e9 }))).toEqual({});
    expect(new LimitTracker({ timeoutMs: 1000 }).remainingMs(400)).toBe(600);
    expect(new LimitTracker({}).remainingMs(400)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("cost", () => {
  it("bills cached input at the cached price, else at the input price", () => {
    const prices = { inputPricePerMillion: 2, outputPricePerMillion: 8, cachedPricePerMillion: 0.5 };
    const c = requestCost({ inputTokens: 1_000_000, outputTokens: 500_000, cachedTokens: 400_000 }, prices);
    expect(c).toEqual({ inputUsd: 1.2, cachedUsd: 0.2, outputUsd: 4, totalUsd: 5.4, priced: true });
    const noCached = requestCost(
      { inputTokens: 1_000_000, outputTokens: 0, cachedTokens: 400_000 },
      { inputPricePerMillion: 2, outputPricePerMillion: 8 },
    );
    expect(noCached.totalUsd).toBeCloseTo(2);
    expect(requestCost(usage(1000, 1000), {})).toMatchObject({ totalUsd: 0, priced: false });
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(12.4)).toBe("$12.40");
  });
});
