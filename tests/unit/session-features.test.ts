// Session features are given at construction: attached once each, in order, with their loop hooks composed
// (none can overwrite another's), and a feature given twice is refused instead of silently attached twice.
import { describe, expect, it } from "vitest";
import type { LimitTotals } from "../../src/agent/loop.js";
import type { Message } from "../../src/agent/messages.js";
import { composeHooks, type SessionFeature } from "../../src/session/feature.js";
import { startHarness } from "../loop/harness.js";

const totals: LimitTotals = {
  usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0 },
  costUsd: 0,
  turns: 1,
  elapsedMs: 0,
};
const user = (content: string): Message => ({ role: "user", content });

describe("composeHooks", () => {
  it("chains history replacements in order and lets an undefined answer keep the previous one", async () => {
    const hooks = composeHooks([
      { beforeRequest: async (m) => [...m, user("a")] },
      { beforeRequest: async () => undefined },
      { beforeRequest: async (m) => [...m, user("b")] },
    ]);
    const out = await hooks.beforeRequest?.(
      [],
      { contextTokens: 0, contextWindow: 1 },
      new AbortController().signal,
    );
    expect(out).toEqual([user("a"), user("b")]);
  });

  it("takes the first overflow answer, the first stop, and joins warnings", async () => {
    const hooks = composeHooks([
      { onContextOverflow: async () => undefined, checkLimits: () => ({ warn: "80% of cost" }) },
      { onContextOverflow: async () => [user("x")], checkLimits: () => ({ warn: "80% of tokens" }) },
      { onContextOverflow: async () => [user("y")] },
    ]);
    expect(await hooks.onContextOverflow?.([], new AbortController().signal)).toEqual([user("x")]);
    expect(hooks.checkLimits?.(totals)).toEqual({ warn: "80% of cost 80% of tokens" });
    const stopping = composeHooks([
      { checkLimits: () => ({ warn: "w" }) },
      { checkLimits: () => ({ stop: "s" }) },
    ]);
    expect(stopping.checkLimits?.(totals)).toEqual({ stop: "s" });
  });
});

describe("Session features", () => {
  it("attaches each feature once, in order, and detaches them in reverse on close", async () => {
    const log: string[] = [];
    const feature = (name: string): SessionFeature => ({
      name,
      attach: () => {
        log.push(`attach ${name}`);
        return { detach: () => log.push(`detach ${name}`) };
      },
    });
    const h = await startHarness({ features: [feature("one"), feature("two")] });
    try {
      expect(log).toEqual(["attach one", "attach two"]);
      h.session.close();
      expect(log).toEqual(["attach one", "attach two", "detach two", "detach one"]);
    } finally {
      await h.close();
    }
  });

  it("refuses the same feature twice", async () => {
    const f: SessionFeature = { name: "compaction", attach: () => ({}) };
    await expect(startHarness({ features: [f, f] })).rejects.toThrow(/"compaction" was given twice/);
  });

  it("runs a feature's hooks in the loop", async () => {
    const seen: number[] = [];
    const h = await startHarness({
      features: [
        {
          name: "probe",
          attach: () => ({
            hooks: {
              beforeRequest: async (_m, info) => {
                seen.push(info.contextWindow);
                return undefined;
              },
            },
          }),
        },
      ],
    });
    try {
      h.fake.enqueue({ text: "ok" });
      await h.run("go");
      expect(seen).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
