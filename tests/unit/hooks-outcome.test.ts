// Claude Code's hook output contract, as a table: exit codes, the JSON fields, and how several hooks of one event
// combine (any block blocks, deny > ask > allow, contexts join and are capped). Pure: runs in, outcome out.
import { describe, expect, it } from "vitest";
import { combine, HOOK_CONTEXT_CAP } from "../../src/hooks/outcome.js";
import type { HookEvent, HookRun } from "../../src/hooks/types.js";

const run = (event: HookEvent, r: Partial<HookRun>): HookRun => ({
  hook: { event, command: "x", timeoutMs: 60_000, source: "test" },
  exitCode: 0,
  stdout: "",
  stderr: "",
  timedOut: false,
  aborted: false,
  ...r,
});
const out = (o: unknown) => ({ stdout: JSON.stringify(o) });
const pre = (decision: string, reason?: string) =>
  out({
    hookSpecificOutput: {
      hookEventName: "PreToolUse",
      permissionDecision: decision,
      permissionDecisionReason: reason,
    },
  });

describe("hook outcome", () => {
  it.each([
    ["exit 2 blocks with stderr", "PreToolUse", { exitCode: 2, stderr: "nope\n" }, { block: "nope" }],
    [
      "exit 2 on a non-blocking event is only shown",
      "SessionStart",
      { exitCode: 2, stderr: "nope" },
      { notices: [expect.stringContaining("nope")] },
    ],
    [
      "other exits are reported",
      "Stop",
      { exitCode: 1, stderr: "crash" },
      { notices: [expect.stringContaining("failed (exit 1): crash")] },
    ],
    ["decision block", "Stop", out({ decision: "block", reason: "tests fail" }), { block: "tests fail" }],
    ["continue false", "UserPromptSubmit", out({ continue: false, stopReason: "quota" }), { stop: "quota" }],
    [
      "systemMessage",
      "PostToolUse",
      out({ systemMessage: "formatted 2 files" }),
      { notices: ["formatted 2 files"] },
    ],
    ["permission deny", "PreToolUse", pre("deny", "no"), { permission: "deny", permissionReason: "no" }],
    [
      "legacy approve",
      "PreToolUse",
      out({ decision: "approve", reason: "ok" }),
      { permission: "allow", permissionReason: "ok" },
    ],
    ["permission only for PreToolUse", "PostToolUse", pre("allow"), { permission: undefined }],
    [
      "plain stdout is context for UserPromptSubmit",
      "UserPromptSubmit",
      { stdout: "on branch main\n" },
      { context: ["on branch main"] },
    ],
    ["plain stdout is ignored for PreToolUse", "PreToolUse", { stdout: "debug line" }, { context: [] }],
    [
      "an aborted hook says nothing",
      "PreToolUse",
      { aborted: true, exitCode: null, stderr: "x" },
      { notices: [], block: undefined },
    ],
  ] as const)("%s", (_name, event, r, expected) => {
    expect(combine(event, [run(event, r)])).toEqual({ context: [], notices: [], ...expected });
  });

  it("combines: any block blocks, the strictest permission wins, contexts join under a cap", () => {
    const o = combine("PreToolUse", [
      run("PreToolUse", pre("allow", "a")),
      run("PreToolUse", pre("ask", "b")),
      run("PreToolUse", pre("allow", "c")),
    ]);
    expect(o).toMatchObject({ permission: "ask", permissionReason: "b" });
    const big = "x".repeat(HOOK_CONTEXT_CAP);
    const ctx = (text: string) => out({ hookSpecificOutput: { additionalContext: text } });
    const joined = combine("UserPromptSubmit", [
      run("UserPromptSubmit", ctx("first")),
      run("UserPromptSubmit", ctx(big)),
      run("UserPromptSubmit", ctx("third")),
    ]);
    expect(joined.context).toHaveLength(2);
    expect(joined.context[1]).toContain("hook context cut");
    const blocked = combine("Stop", [
      run("Stop", { exitCode: 2, stderr: "one" }),
      run("Stop", out({ decision: "block", reason: "two" })),
    ]);
    expect(blocked.block).toBe("one\ntwo");
  });
});
