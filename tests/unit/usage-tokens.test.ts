import { beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../src/agent/messages.js";
import type { ToolSchema } from "../../src/tools/tool.js";
import { ContextTracker } from "../../src/usage/context.js";
import { loadTokenCounter, type TokenCounter } from "../../src/usage/tokens.js";

let counter: TokenCounter;
beforeAll(async () => {
  counter = await loadTokenCounter();
}, 60_000);

const tool: ToolSchema = {
  type: "function",
  function: {
    name: "read_file",
    description: "Reads a file from the workspace.",
    parameters: { type: "object" },
  },
};

describe("token counting (o200k_base)", () => {
  it("counts real BPE tokens, not characters / 4", () => {
    expect(counter.text("hello world")).toBe(2);
    expect(counter.text("")).toBe(0);
    const code = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
    const n = counter.text(code);
    expect(n).toBeGreaterThan(15);
    expect(n).not.toBe(Math.ceil(code.length / 4));
  });

  it("stays bounded on long repetitive input and large outputs", () => {
    expect(counter.text("=".repeat(10_000))).toBeGreaterThan(300);
    const big = "line of ordinary log output with some numbers 12345\n".repeat(5000);
    const n = counter.text(big);
    expect(n).toBeGreaterThan(big.length / 8);
    expect(n).toBeLessThan(big.length / 2);
  });

  it("counts messages with tool calls and tool schemas", () => {
    const m: Message = {
      role: "assistant",
      content: "",
      toolCalls: [{ id: "1", name: "read_file", arguments: '{"path":"a.ts"}' }],
    };
    expect(counter.message(m)).toBeGreaterThan(counter.text('{"path":"a.ts"}'));
    expect(counter.tools([tool])).toBeGreaterThan(10);
  });
});

describe("context tracker", () => {
  it("estimates from the last prompt_tokens plus what was appended since", async () => {
    const tracker = new ContextTracker(async () => counter);
    const sys: Message = { role: "system", content: "You are a test." };
    const user: Message = { role: "user", content: "read a.ts" };
    const history: Message[] = [sys, user];
    const full = await tracker.estimate(history, [tool]);
    expect(full).toBe(counter.messages(history) + counter.tools([tool]));
    await tracker.observe(5000, [...history], [tool]);
    const result: Message = {
      role: "tool",
      toolCallId: "1",
      name: "read_file",
      content: "export const a = 1;",
    };
    history.push(
      { role: "assistant", content: "", toolCalls: [{ id: "1", name: "read_file", arguments: "{}" }] },
      result,
    );
    expect(await tracker.estimate(history, [tool])).toBe(
      5000 + counter.message(history[2]!) + counter.message(result),
    );
    // A replaced history (compaction) no longer matches the baseline: everything is counted again.
    const replaced = [sys, { role: "user", content: "summary" } as Message, result];
    expect(await tracker.estimate(replaced, [tool])).toBe(counter.messages(replaced) + counter.tools([tool]));
    // A provider that reports no usage leaves the estimate tokenizer-based.
    tracker.reset();
    await tracker.observe(0, history, [tool]);
    expect(await tracker.estimate(history, [tool])).toBe(counter.messages(history) + counter.tools([tool]));
  });

  it("checks a byte upper bound first: no tokenizer load while clearly under the limit", async () => {
    let loads = 0;
    const tracker = new ContextTracker(async () => {
      loads++;
      return counter;
    });
    const history: Message[] = [
      { role: "system", content: "You are a test." },
      { role: "user", content: "hello ".repeat(100) },
    ];
    expect(await tracker.exceeds(history, [tool], 10_000)).toBeUndefined();
    expect(loads).toBe(0);
    // Bytes exceed the limit but real tokens do not ("hello " is one token per 6 bytes).
    expect(await tracker.exceeds(history, [tool], 500)).toBeUndefined();
    expect(loads).toBe(1);
    const exact = counter.messages(history) + counter.tools([tool]);
    expect(await tracker.exceeds(history, [tool], exact)).toBe(exact);
    // With a provider report, only what was appended since is added.
    tracker.observe(90_000, history, [tool]);
    const next = [...history, { role: "user", content: "more" } as Message];
    expect(await tracker.exceeds(next, [tool], 85_000)).toBe(90_000 + counter.message(next[2]!));
  });
});

describe("context tracker warm-up", () => {
  const history: Message[] = [
    { role: "system", content: "You are a test." },
    { role: "user", content: "x".repeat(1000) },
  ];

  it("loads in the background only once the byte bound reaches half the limit, and only once", async () => {
    let loads = 0;
    const tracker = new ContextTracker(async () => {
      loads++;
      return counter;
    });
    // ~1,100 bytes: under half of 4,000; a window of 0 (unknown) never warms.
    expect(tracker.warmIfNearing(history, [], 4000)).toBeUndefined();
    expect(tracker.warmIfNearing(history, [], 0)).toBeUndefined();
    expect(loads).toBe(0);
    const pending = tracker.warmIfNearing(history, [], 2000);
    expect(pending).toBeDefined();
    expect(tracker.warmIfNearing(history, [], 2000)).toBeDefined();
    await tracker.settled();
    expect([loads, tracker.warm]).toEqual([1, true]);
    expect(tracker.warmIfNearing(history, [], 2000)).toBeUndefined();
    // A later count reuses it.
    await tracker.estimate(history, []);
    expect(loads).toBe(1);
  });

  it("a failed load is retried by the next count instead of failing every later request", async () => {
    let loads = 0;
    const tracker = new ContextTracker(async () => {
      loads++;
      if (loads === 1) throw new Error("disk full");
      return counter;
    });
    tracker.warmIfNearing(history, [], 100);
    await tracker.settled();
    expect(tracker.warm).toBe(false);
    expect(await tracker.estimate(history, [])).toBe(counter.messages(history));
    expect(loads).toBe(2);
  });
});
