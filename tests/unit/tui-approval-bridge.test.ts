import { describe, expect, it } from "vitest";
import type { ApprovalPrompt } from "../../src/approval/types.js";
import { createApprovalBridge } from "../../src/tui/state/approval-bridge.js";
import { coalesce } from "../../src/tui/state/use-session.js";

const prompt = (title: string): ApprovalPrompt => ({
  request: { tool: "bash", kind: "shell", title, detail: title },
  scopes: [],
});

describe("approval bridge", () => {
  it("shows prompts one at a time, in order, and resolves each with its answer", async () => {
    const log: string[] = [];
    const bridge = createApprovalBridge({
      open: (id, p) => log.push(`open ${id} ${p.request.title}`),
      close: (id) => log.push(`close ${id}`),
    });
    const ac = new AbortController();
    const a = bridge.handler(prompt("A"), ac.signal);
    const b = bridge.handler(prompt("B"), ac.signal);
    expect(log).toEqual(["open 1 A"]);
    bridge.answer(1, { kind: "once" });
    expect(await a).toEqual({ kind: "once" });
    expect(log).toEqual(["open 1 A", "close 1", "open 2 B"]);
    bridge.answer(2, { kind: "reject", feedback: "no" });
    expect(await b).toEqual({ kind: "reject", feedback: "no" });
  });

  it("rejects when the turn is aborted", async () => {
    const bridge = createApprovalBridge({ open: () => {}, close: () => {} });
    const ac = new AbortController();
    const p = bridge.handler(prompt("A"), ac.signal);
    ac.abort();
    expect(await p).toMatchObject({ kind: "reject" });
  });
});

describe("event coalescing", () => {
  it("merges adjacent streaming deltas and keeps order", () => {
    expect(
      coalesce([
        { type: "text_delta", delta: "a" },
        { type: "text_delta", delta: "b" },
        { type: "tool_update", callId: "1", chunk: "x" },
        { type: "tool_update", callId: "1", chunk: "y" },
        { type: "tool_update", callId: "2", chunk: "z" },
        { type: "text_delta", delta: "c" },
      ]),
    ).toEqual([
      { type: "text_delta", delta: "ab" },
      { type: "tool_update", callId: "1", chunk: "xy" },
      { type: "tool_update", callId: "2", chunk: "z" },
      { type: "text_delta", delta: "c" },
    ]);
  });
});
