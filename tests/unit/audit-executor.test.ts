// The executor's audit entry on its own: the decision kinds a hook reports through the public API (an approval
// outcome carrying `hook_allowed`, a ToolDeniedError carrying `hook_blocked`), outcomes (error, aborted), the
// measured duration, and the cap on a recorded diff.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AUDIT_DIFF_MAX, type AuditEntry, auditDiff } from "../../src/agent/audit.js";
import type { AgentEvent } from "../../src/agent/events.js";
import { type ExecutorDeps, executeToolCall } from "../../src/agent/executor.js";
import { type ApprovalOutcome, ToolDeniedError } from "../../src/approval/types.js";
import { createToolState, defineTool, type Tool } from "../../src/tools/tool.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

let tmp: TempEnv;
let events: AgentEvent[];
beforeEach(() => {
  tmp = makeTempEnv({ "a.txt": "one\n" });
  events = [];
});
afterEach(() => tmp.cleanup());

const SPIN_MS = 20;

/** A tool that asks once (through ctx.approve) and then does `body`. */
function asking(name: string, body: () => Promise<string>): Tool {
  return defineTool({
    name,
    description: "test",
    readOnly: false,
    parameters: z.object({ secret: z.string().optional() }),
    async execute(_args, ctx) {
      const o = await ctx.approve({ tool: name, kind: "other", title: name, detail: "" });
      if (!o.approved) throw new ToolDeniedError(o.reason, o.feedback);
      return { content: await body() };
    },
    approvesItself: true,
  }) as Tool;
}

function deps(tools: Tool[], answer: ApprovalOutcome): ExecutorDeps {
  return {
    findTool: (n) => tools.find((t) => t.name === n),
    toolNames: () => tools.map((t) => t.name),
    makeContext: (call, signal) => ({
      cwd: tmp.cwd,
      readOnlyRoots: [],
      signal,
      sessionId: "s",
      callId: call.id,
      state: createToolState(),
      approve: async () => answer,
      update: () => {},
    }),
    emit: (e) => events.push(e),
  };
}

const audit = (): AuditEntry[] => events.flatMap((e) => (e.type === "audit" ? [e.entry] : []));

const call = (name: string, args = "{}") => ({ id: `id-${name}`, name, arguments: args });

describe("the executor's audit entry", () => {
  it("takes a hook's allow from the approval outcome and measures the run", async () => {
    const tool = asking("slow", async () => {
      // A busy wait on the clock (not a sleep): the call takes at least SPIN_MS, whatever the machine's load.
      const until = performance.now() + SPIN_MS;
      while (performance.now() < until) {}
      return "done";
    });
    const hook: ApprovalOutcome = {
      approved: true,
      by: "hook lint",
      decision: { kind: "hook_allowed", hook: "lint" },
    };
    const before = performance.now();
    await executeToolCall(call("slow"), deps([tool], hook), new AbortController().signal);
    const wall = performance.now() - before;
    const [entry] = audit();
    expect(entry).toMatchObject({
      tool: "slow",
      decision: { kind: "hook_allowed", hook: "lint" },
      outcome: "ok",
    });
    expect(entry!.durationMs).toBeGreaterThanOrEqual(SPIN_MS - 1);
    expect(entry!.durationMs).toBeLessThanOrEqual(Math.ceil(wall) + 1);
    // The event order: the entry follows the call's tool_end.
    expect(events.map((e) => e.type)).toEqual(["tool_start", "tool_end", "audit"]);
  });

  it("takes a hook's block from the denial it throws", async () => {
    const guarded = defineTool({
      name: "guarded",
      description: "test",
      readOnly: true,
      parameters: z.object({}),
      async execute() {
        throw new ToolDeniedError("Blocked by the PreToolUse hook guard.", undefined, {
          kind: "hook_blocked",
          hook: "guard",
          reason: "not on Fridays",
        });
      },
    }) as Tool;
    await executeToolCall(
      call("guarded"),
      deps([guarded], { approved: true, by: "safe" }),
      new AbortController().signal,
    );
    expect(audit()).toEqual([
      expect.objectContaining({
        tool: "guarded",
        decision: { kind: "hook_blocked", hook: "guard", reason: "not on Fridays" },
        outcome: "denied",
      }),
    ]);
  });

  it("records errors and aborts as their outcome, with the decision that let them run", async () => {
    const failing = asking("failing", async () => {
      throw new Error("boom");
    });
    const once: ApprovalOutcome = { approved: true, by: "user once", decision: { kind: "approved_once" } };
    await executeToolCall(call("failing"), deps([failing], once), new AbortController().signal);
    const aborted = new AbortController();
    aborted.abort();
    await executeToolCall(call("failing"), deps([failing], once), aborted.signal);
    // Invalid arguments never reach a decision: the tool's own verdict stands (nothing asked).
    await executeToolCall(
      call("failing", '{"secret": 1}'),
      deps([failing], once),
      new AbortController().signal,
    );
    expect(audit().map((e) => [e.decision.kind, e.outcome])).toEqual([
      ["approved_once", "error"],
      ["policy", "aborted"],
      ["policy", "error"],
    ]);
  });

  it("caps a recorded diff and says how much was left out", () => {
    const big = `--- a\n+++ b\n${"+x\n".repeat(AUDIT_DIFF_MAX)}`;
    const capped = auditDiff({ kind: "diff", path: "a", diff: big, added: 1, removed: 0, created: false });
    expect(capped.diff).toHaveLength(AUDIT_DIFF_MAX);
    expect(capped.diffOmitted).toBe(big.length - AUDIT_DIFF_MAX);
    expect(auditDiff({ kind: "text", text: "no diff" })).toEqual({});
  });
});
