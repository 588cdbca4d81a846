// runAgentLoop called directly with an in-memory StreamFn (the loop's injection point, as sub-agents and replays
// use it): the default turn limit, a stream that breaks its contract, and the injected cost function.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import { DEFAULT_MAX_TURNS, type LoopDeps, runAgentLoop } from "../../src/agent/loop.js";
import type { Message } from "../../src/agent/messages.js";
import type { StreamEvent, StreamFn } from "../../src/providers/types.js";
import { builtinTools } from "../../src/tools/builtin.js";
import { ToolRegistry } from "../../src/tools/registry.js";
import { createToolState } from "../../src/tools/tool.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

let tmp: TempEnv;
beforeEach(() => {
  tmp = makeTempEnv({ "a.txt": "x\n" });
});
afterEach(() => tmp.cleanup());

function deps(stream: StreamFn, extra: Partial<LoopDeps> = {}): LoopDeps {
  const registry = new ToolRegistry(builtinTools());
  return {
    stream,
    toolSchemas: () => registry.schemas(),
    findTool: (n) => registry.get(n),
    toolNames: () => registry.names(),
    makeContext: (call, signal) => ({
      cwd: tmp.cwd,
      readOnlyRoots: [],
      signal,
      sessionId: "direct",
      callId: call.id,
      state: createToolState(),
      approve: async () => ({ approved: false, reason: "no" }),
      update: () => {},
    }),
    contextWindow: 1000,
    cost: () => 0,
    retryBaseMs: 1,
    ...extra,
  };
}

const history = (): Message[] => [
  { role: "system", content: "s" },
  { role: "user", content: "u" },
];

describe("runAgentLoop with an injected stream", () => {
  it("stops at the default turn limit of 100", async () => {
    let requests = 0;
    const looping: StreamFn = async function* () {
      requests++;
      yield {
        type: "done",
        stopReason: "tool_calls",
        message: {
          role: "assistant",
          content: "",
          toolCalls: [{ id: `c${requests}`, name: "list_directory", arguments: "" }],
        },
      } satisfies StreamEvent;
    };
    expect(DEFAULT_MAX_TURNS).toBe(100);
    // The same call with the same result every turn: the loop guard (off here) would stop it long before.
    const off = { loopGuard: { nudgeAfter: 0, stopAfter: 0 } };
    const result = await runAgentLoop(history(), deps(looping, off), () => {}, new AbortController().signal);
    expect(requests).toBe(100);
    expect(result).toMatchObject({ reason: "max_turns", turns: 100 });
  });

  it("reports a stream that ends without its done event as an error", async () => {
    const broken: StreamFn = async function* () {
      yield { type: "text_delta", delta: "hi" } satisfies StreamEvent;
    };
    const events: AgentEvent[] = [];
    const result = await runAgentLoop(
      history(),
      deps(broken),
      (e) => events.push(e),
      new AbortController().signal,
    );
    expect(result).toMatchObject({ reason: "error", error: "The provider stream ended without a result." });
    expect(events.at(-1)).toMatchObject({ type: "done", reason: "error" });
  });

  it("prices each request with the injected cost function", async () => {
    const once: StreamFn = async function* () {
      yield {
        type: "done",
        stopReason: "stop",
        message: { role: "assistant", content: "ok" },
        usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 0 },
      } satisfies StreamEvent;
    };
    const events: AgentEvent[] = [];
    const result = await runAgentLoop(
      history(),
      deps(once, { cost: (u) => u.inputTokens + u.outputTokens }),
      (e) => events.push(e),
      new AbortController().signal,
    );
    expect(result.costUsd).toBe(15);
    expect(events.find((e) => e.type === "usage")).toMatchObject({
      costUsd: 15,
      contextTokens: 15,
      contextWindow: 1000,
    });
  });
});
