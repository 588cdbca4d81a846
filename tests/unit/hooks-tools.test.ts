// PreToolUse and PostToolUse hooks against the real runtime, the fake OpenAI server and real hook processes:
// exit 2 and JSON deny block a call before it runs (the model sees why), JSON allow skips the prompt but never a
// deny rule, ask always prompts (headless: denied), matchers take our names and Claude's, PostToolUse context
// reaches the model, and the payload carries Claude's fields.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import type { ApprovalRecord } from "../../src/approval/types.js";
import { hookScript, oneHook } from "../helpers/hooks.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { noSandboxReason } from "../helpers/sandbox.js";
import { writeFakeUserConfig } from "../helpers/temp.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });
const writeCall = {
  toolCalls: [{ name: "write_file", arguments: { file_path: "b.txt", content: "beta\n" } }],
};
const withHooks = (hooks: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  writeFakeUserConfig(env.t, env.provider.url, { hooks, ...extra });
const toolMessage = (i: number) =>
  String(env.provider.requests[i]?.body.messages.find((m) => m.role === "tool")?.content ?? "");
const json = (o: unknown) => `process.stdout.write(${JSON.stringify(JSON.stringify(o))});`;
const permission = (decision: string, reason: string) =>
  json({
    hookSpecificOutput: {
      hookEventName: "PreToolUse",
      permissionDecision: decision,
      permissionDecisionReason: reason,
    },
  });

const audits = (events: AgentEvent[]) => events.flatMap((e) => (e.type === "audit" ? [e.entry] : []));

async function openRecording(extra: Parameters<typeof env.open>[0] = {}) {
  const r = await env.open(extra);
  const records: ApprovalRecord[] = [];
  const events: AgentEvent[] = [];
  r.subscribe((e) => {
    events.push(e);
    if (e.type === "approval") records.push(e.record);
  });
  return { r, records, events };
}

describe("PreToolUse", () => {
  it("exit 2 blocks the call before it runs; the model sees the hook's stderr; matcher by Claude's name", async () => {
    const hook = hookScript(env.t, "block", `process.stderr.write("no writes today"); process.exit(2);`);
    withHooks(oneHook("PreToolUse", hook.command, "Write|Edit"));
    const { r, records, events } = await openRecording();
    r.setApprovalHandler(async () => {
      throw new Error("no prompt expected");
    });
    env.provider.enqueue(writeCall, { text: "ok" });
    await r.run("write b");
    expect(existsSync(path.join(env.t.cwd, "b.txt"))).toBe(false);
    expect(toolMessage(1)).toBe("Blocked by hook: no writes today");
    expect(records).toEqual([expect.objectContaining({ decision: "deny", hook: "blocked-by-hook" })]);
    // The audit trail names the hook as what decided.
    expect(audits(events)).toEqual([
      expect.objectContaining({
        tool: "write_file",
        outcome: "denied",
        decision: { kind: "hook_blocked", hook: "PreToolUse", reason: "no writes today" },
      }),
    ]);
    const [payload] = hook.calls();
    expect(payload).toMatchObject({
      hook_event_name: "PreToolUse",
      tool_name: "write_file",
      tool_input: { file_path: "b.txt", content: "beta\n" },
      session_id: r.id,
      cwd: env.t.cwd,
      permission_mode: "default",
      $env: { CLAUDE_PROJECT_DIR: env.t.cwd, PROTOAGENT_PROJECT_DIR: env.t.cwd, cwd: env.t.cwd },
    });
    expect(typeof payload?.transcript_path).toBe("string");
    expect(typeof payload?.tool_use_id).toBe("string");
  });

  it("matchers take our names too, and a matcher for another tool does not run", async () => {
    const ours = hookScript(env.t, "ours");
    const other = hookScript(env.t, "other");
    withHooks({
      PreToolUse: [
        { matcher: "write_file", hooks: [{ type: "command", command: ours.command }] },
        { matcher: "Bash", hooks: [{ type: "command", command: other.command }] },
      ],
    });
    const r = await env.open();
    r.setApprovalHandler(async () => ({ kind: "once" }));
    env.provider.enqueue(writeCall, { text: "ok" });
    await r.run("write b");
    expect(ours.calls()).toHaveLength(1);
    expect(other.calls()).toHaveLength(0);
    expect(existsSync(path.join(env.t.cwd, "b.txt"))).toBe(true);
  });

  it("JSON allow skips the approval prompt and is recorded as allowed by hook", async () => {
    const hook = hookScript(env.t, "allow", permission("allow", "writes are fine"));
    withHooks(oneHook("PreToolUse", hook.command));
    const { r, records, events } = await openRecording();
    r.setApprovalHandler(async () => {
      throw new Error("no prompt expected");
    });
    env.provider.enqueue(writeCall, { text: "ok" });
    await r.run("write b");
    expect(existsSync(path.join(env.t.cwd, "b.txt"))).toBe(true);
    expect(audits(events)).toEqual([
      expect.objectContaining({ outcome: "ok", decision: { kind: "hook_allowed", hook: "PreToolUse" } }),
    ]);
    expect(records).toEqual([
      expect.objectContaining({
        decision: "allow",
        by: "hook allow: writes are fine",
        hook: "allowed-by-hook",
      }),
    ]);
  });

  it("JSON allow never overrides a deny rule", async () => {
    const hook = hookScript(env.t, "allow", permission("allow", "fine"));
    withHooks(oneHook("PreToolUse", hook.command), { permissions: { deny: ["write_file(b.txt)"] } });
    const r = await env.open({ headless: true });
    env.provider.enqueue(writeCall, { text: "ok" });
    await r.run("write b");
    expect(existsSync(path.join(env.t.cwd, "b.txt"))).toBe(false);
    expect(toolMessage(1)).toContain("write_file(b.txt)");
  });

  it("JSON allow never lifts a protected path (headless: denied)", async () => {
    const hook = hookScript(env.t, "allow", permission("allow", "fine"));
    withHooks(oneHook("PreToolUse", hook.command));
    const r = await env.open({ headless: true });
    env.provider.enqueue(
      { toolCalls: [{ name: "write_file", arguments: { file_path: ".env", content: "KEY=1\n" } }] },
      { text: "ok" },
    );
    await r.run("write .env");
    expect(existsSync(path.join(env.t.cwd, ".env"))).toBe(false);
    expect(hook.calls()).toHaveLength(1);
    expect(toolMessage(1)).toMatch(/^Denied/);
  });

  it.skipIf(noSandboxReason)(
    "JSON allow never lets a command leave the sandbox (headless: denied)",
    async () => {
      const hook = hookScript(env.t, "allow", permission("allow", "fine"));
      withHooks(oneHook("PreToolUse", hook.command));
      const r = await env.open({ headless: true, sandbox: { mode: "workspace-write" } });
      env.provider.enqueue(
        { toolCalls: [{ name: "bash", arguments: { command: "touch outside.txt", sandbox: false } }] },
        { text: "ok" },
      );
      await r.run("touch");
      expect(existsSync(path.join(env.t.cwd, "outside.txt"))).toBe(false);
      expect(hook.calls()).toHaveLength(1);
      expect(toolMessage(1)).toMatch(/^Denied/);
    },
  );

  it("JSON deny blocks with its reason", async () => {
    const hook = hookScript(env.t, "deny", permission("deny", "policy says no"));
    withHooks(oneHook("PreToolUse", hook.command, "*"));
    const r = await env.open({ headless: true, mode: "bypass" });
    env.provider.enqueue(writeCall, { text: "ok" });
    await r.run("write b");
    expect(existsSync(path.join(env.t.cwd, "b.txt"))).toBe(false);
    expect(toolMessage(1)).toBe("Blocked by hook: policy says no");
  });

  it("ask prompts even for a read-only call, and headless it is denied", async () => {
    const hook = hookScript(env.t, "ask", permission("ask", "check reads"));
    withHooks(oneHook("PreToolUse", hook.command, "Read"));
    const readCall = { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] };
    const { r, records } = await openRecording();
    const asked: string[] = [];
    r.setApprovalHandler(async (p) => {
      asked.push(`${p.request.tool}: ${p.request.reason}`);
      return { kind: "once" };
    });
    env.provider.enqueue(readCall, { text: "ok" });
    await r.run("read a");
    expect(asked).toEqual([expect.stringContaining("read_file: Hook: check reads")]);
    expect(toolMessage(1)).toContain("alpha");
    expect(records).toEqual([expect.objectContaining({ decision: "allow", hook: "asked-by-hook" })]);

    const headless = await env.open({ headless: true, resume: undefined });
    env.provider.enqueue(readCall, { text: "ok" });
    await headless.run("read a");
    expect(toolMessage(3)).toMatch(/^Denied/);
  });
});

describe("MCP tools", () => {
  it("a matcher in Claude's mcp__server__tool form matches our mcp_server_tool", async () => {
    const server = new URL("../fixtures/mcp/server.mjs", import.meta.url).pathname;
    const hook = hookScript(env.t, "mcp", `process.stderr.write("no MCP echo"); process.exit(2);`);
    withHooks(oneHook("PreToolUse", hook.command, "mcp__fx__.*"), {
      mcp: { servers: { fx: { command: process.execPath, args: [server, "stdio"], trust: true } } },
    });
    const r = await env.open();
    await r.mcpSettled();
    env.provider.enqueue({ toolCalls: [{ name: "mcp_fx_echo", arguments: { text: "hi" } }] }, { text: "ok" });
    await r.run("echo");
    expect(toolMessage(1)).toBe("Blocked by hook: no MCP echo");
    expect(hook.calls()[0]).toMatchObject({ tool_name: "mcp_fx_echo", tool_input: { text: "hi" } });
  });
});

describe("PostToolUse", () => {
  it("additionalContext and exit-2 stderr reach the model with the result", async () => {
    const ctx = hookScript(
      env.t,
      "post",
      json({ hookSpecificOutput: { hookEventName: "PostToolUse", additionalContext: "lint: 0 problems" } }),
    );
    const two = hookScript(env.t, "post2", `process.stderr.write("format the file"); process.exit(2);`);
    withHooks({
      PostToolUse: [
        {
          matcher: "Write",
          hooks: [ctx.command, two.command].map((command) => ({ type: "command", command })),
        },
      ],
    });
    const r = await env.open({ mode: "accept-edits" });
    env.provider.enqueue(writeCall, { text: "ok" });
    await r.run("write b");
    const sent = toolMessage(1);
    expect(sent).toContain("lint: 0 problems");
    expect(sent).toContain("PostToolUse hook feedback:\nformat the file");
    expect(ctx.calls()[0]).toMatchObject({ tool_name: "write_file", tool_response: expect.any(Object) });
  });
});
