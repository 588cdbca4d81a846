// The sub_agent row's child view: the reducer folds a child's tagged events and usage into it, and its live line
// shows label, turn, tokens and the current call — sanitised and one row wide whatever the model sent.
import { describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import { createPainter, visibleWidth } from "../../src/tui/render/ansi.js";
import { subAgentLine } from "../../src/tui/render/live-rows.js";
import { initialState, reducer } from "../../src/tui/state/app-state.js";

const agent = { id: 2, label: "sub-agent #2", callId: "c1" };
const wrap = (event: AgentEvent): AgentEvent => ({ type: "subagent", agent, event });
const events: AgentEvent[] = [
  {
    type: "tool_start",
    callId: "c1",
    name: "sub_agent",
    args: {},
    description: { title: "t", kind: "other" },
  },
  wrap({ type: "agent_start", sessionId: "s" }),
  wrap({ type: "turn_start", turn: 1 }),
  {
    type: "usage",
    usage: { inputTokens: 1000, outputTokens: 200, cachedTokens: 0 },
    costUsd: 0,
    contextTokens: 1200,
    contextWindow: 100_000,
    subAgent: true,
    agent,
  },
  wrap({
    type: "tool_start",
    callId: "x",
    name: "read_file",
    args: {},
    description: { title: "Read", kind: "read", subject: "evil\u001b[2J\nname.ts" },
  }),
];

describe("sub-agent row", () => {
  it("folds the child's events into its parent call's row", () => {
    const s = events.reduce((st, event) => reducer(st, { type: "event", event, at: 0 }), initialState());
    const row = s.live.tools.find((t) => t.callId === "c1");
    expect(row?.agent).toEqual({
      label: "sub-agent #2",
      turns: 1,
      tokens: 1200,
      current: "read_file evil\u001b[2J\nname.ts",
    });
    // The child's usage still counts in the session totals, not in the conversation's context figure.
    expect(s.usage.totalInput).toBe(1000);
    expect(s.usage.contextTokens).toBe(0);

    const painter = createPainter(false);
    const line = subAgentLine(row!.agent!, { width: 80, painter });
    expect(line).toBe("  ↳ sub-agent #2 · turn 1 · 1.2k tokens · read_file evil name.ts");
    expect(visibleWidth(subAgentLine(row!.agent!, { width: 30, painter }))).toBeLessThanOrEqual(30);

    const done = reducer(s, {
      type: "event",
      event: wrap({ type: "done", reason: "completed", text: "", turns: 1 }),
      at: 0,
    });
    expect(done.live.tools[0]?.agent?.current).toBeUndefined();
  });
});
