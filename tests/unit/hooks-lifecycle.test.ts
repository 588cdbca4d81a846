// Lifecycle hooks against the real runtime, the fake OpenAI server and real hook processes: UserPromptSubmit
// refuses a prompt (nothing is sent) or adds context, SessionStart context goes with the first prompt, Stop keeps
// the run going once (stop_hook_active guards the loop), SubagentStop fires for a child, a timeout is reported
// and ignored, the session's abort kills a running hook's process group, SessionEnd fires on close.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import { MAX_STOP_CONTINUATIONS } from "../../src/agent/loop.js";
import { hookScript, oneHook } from "../helpers/hooks.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { writeFakeUserConfig } from "../helpers/temp.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });
const withHooks = (hooks: Record<string, unknown>) => writeFakeUserConfig(env.t, env.provider.url, { hooks });
const userTexts = (i: number) =>
  (env.provider.requests[i]?.body.messages ?? [])
    .filter((m) => m.role === "user")
    .map((m) => String(m.content));
const json = (o: unknown) => `process.stdout.write(${JSON.stringify(JSON.stringify(o))});`;

describe("UserPromptSubmit", () => {
  it("exit 2 refuses the prompt: nothing is sent and the user sees why", async () => {
    const hook = hookScript(env.t, "ups", `process.stderr.write("no secrets in prompts"); process.exit(2);`);
    withHooks(oneHook("UserPromptSubmit", hook.command));
    const r = await env.open();
    const events: AgentEvent[] = [];
    r.subscribe((e) => events.push(e));
    const result = await r.run("my password is hunter2");
    expect(result).toMatchObject({ reason: "error", error: "Prompt blocked by hook: no secrets in prompts" });
    expect(env.provider.requests).toHaveLength(0);
    expect(events.map((e) => e.type)).toEqual(["error", "done"]);
    expect(hook.calls()[0]).toMatchObject({
      hook_event_name: "UserPromptSubmit",
      prompt: "my password is hunter2",
    });
    expect(r.messages.map((m) => m.role)).toEqual(["system"]);
  });

  it("additionalContext and SessionStart's stdout reach the next request", async () => {
    const start = hookScript(env.t, "start", `process.stdout.write("branch: main, 2 files changed");`);
    const ups = hookScript(
      env.t,
      "ups",
      json({
        hookSpecificOutput: { hookEventName: "UserPromptSubmit", additionalContext: "ticket ABC-1 is open" },
      }),
    );
    withHooks({
      ...oneHook("SessionStart", start.command, "startup"),
      ...oneHook("UserPromptSubmit", ups.command),
    });
    const r = await env.open();
    env.provider.enqueue({ text: "ok" }, { text: "ok" });
    await r.run("hello");
    const [sent] = userTexts(0);
    expect(sent?.startsWith("hello")).toBe(true);
    expect(sent).toContain("branch: main, 2 files changed");
    expect(sent).toContain("ticket ABC-1 is open");
    expect(start.calls()[0]).toMatchObject({ hook_event_name: "SessionStart", source: "startup" });
    await r.run("again");
    expect(userTexts(1)[1]).not.toContain("branch: main");
  });
});

describe("SessionStart", () => {
  it("fires with its source (startup, then clear on a new session); what it reports on opening is a warning", async () => {
    const start = hookScript(
      env.t,
      "start",
      `if (input.source === "startup") { process.stderr.write("no git"); process.exit(1); }`,
    );
    withHooks(oneHook("SessionStart", start.command, "startup|clear"));
    const r = await env.open();
    expect(r.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/failed \(exit 1\): no git$/)]));
    await r.newSession();
    expect(start.calls().map((c) => c.source)).toEqual(["startup", "clear"]);
  });
});

describe("Stop", () => {
  it("exit 2 continues the run with the reason once; stop_hook_active tells the hook it already did", async () => {
    const hook = hookScript(
      env.t,
      "stop",
      `if (!input.stop_hook_active) { process.stderr.write("run the tests first"); process.exit(2); }`,
    );
    withHooks(oneHook("Stop", hook.command));
    const r = await env.open();
    env.provider.enqueue({ text: "done" }, { text: "tests pass" });
    const result = await r.run("fix it");
    expect(result).toMatchObject({ reason: "completed", text: "tests pass" });
    expect(userTexts(1).at(-1)).toBe("Stop hook feedback:\nrun the tests first");
    expect(hook.calls().map((c) => c.stop_hook_active)).toEqual([false, true]);
  });

  it("a hook that always blocks cannot keep the run going forever", async () => {
    const hook = hookScript(env.t, "stop", `process.stderr.write("more"); process.exit(2);`);
    withHooks(oneHook("Stop", hook.command));
    const r = await env.open();
    env.provider.setFallback(() => ({ text: "again" }));
    const result = await r.run("go");
    env.provider.setFallback(undefined);
    expect(result.reason).toBe("completed");
    expect(hook.calls()).toHaveLength(MAX_STOP_CONTINUATIONS);
    expect(env.provider.requests).toHaveLength(MAX_STOP_CONTINUATIONS + 1);
  });

  it("SubagentStop fires when a sub_agent child finishes", async () => {
    const sub = hookScript(env.t, "substop");
    const stop = hookScript(env.t, "stop");
    withHooks({ ...oneHook("SubagentStop", sub.command), ...oneHook("Stop", stop.command) });
    const r = await env.open({ mode: "bypass" });
    env.provider.enqueue(
      { toolCalls: [{ name: "sub_agent", arguments: { task: "look around" } }] },
      { text: "child report" },
      { text: "parent done" },
    );
    await r.run("delegate");
    expect(sub.calls()).toEqual([
      expect.objectContaining({ hook_event_name: "SubagentStop", stop_hook_active: false }),
    ]);
    expect(stop.calls()).toHaveLength(1);
  });
});

describe("PreCompact and Notification", () => {
  it("/compact fires PreCompact with trigger manual and the focus; an auto-only matcher does not run", async () => {
    const manual = hookScript(env.t, "manual");
    const auto = hookScript(env.t, "auto");
    withHooks({
      PreCompact: [
        { matcher: "manual", hooks: [{ type: "command", command: manual.command }] },
        { matcher: "auto", hooks: [{ type: "command", command: auto.command }] },
      ],
    });
    const r = await env.open();
    await r.compact("keep the API notes");
    expect(manual.calls()).toEqual([
      expect.objectContaining({
        hook_event_name: "PreCompact",
        trigger: "manual",
        custom_instructions: "keep the API notes",
      }),
    ]);
    expect(auto.calls()).toHaveLength(0);
  });

  it("Notification fires when an approval waits for the user", async () => {
    const note = hookScript(env.t, "note");
    withHooks(oneHook("Notification", note.command));
    const r = await env.open();
    r.setApprovalHandler(async () => ({ kind: "reject" }));
    env.provider.enqueue(
      { toolCalls: [{ name: "write_file", arguments: { file_path: "b.txt", content: "x" } }] },
      { text: "ok" },
    );
    await r.run("write");
    await vi.waitFor(() => expect(note.calls()).toHaveLength(1), { timeout: 20_000, interval: 20 });
    expect(note.calls()[0]).toMatchObject({ message: "protoagent needs your permission to use write_file" });
  });
});

describe("running hooks", () => {
  it("a hook that runs past its timeout is stopped, reported, and ignored", async () => {
    withHooks(oneHook("UserPromptSubmit", "sleep 30", undefined, 0.3));
    const r = await env.open();
    const notices: string[] = [];
    r.subscribe((e) => e.type === "notice" && notices.push(e.message));
    env.provider.enqueue({ text: "ok" });
    const result = await r.run("hi");
    expect(result.reason).toBe("completed");
    expect(notices).toEqual([expect.stringContaining("timed out after 0.3 s")]);
  });

  it("the session's abort kills a running hook and everything it started", async () => {
    const pidFile = path.join(env.t.root, "hook.pid");
    withHooks(oneHook("PreToolUse", `echo $$ > '${pidFile}'; sleep 30 & sleep 30`));
    const r = await env.open({ mode: "bypass" });
    env.provider.enqueue({ toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] });
    const ac = new AbortController();
    const running = r.run("read", { signal: ac.signal });
    const pgid = await vi.waitFor(() => Number(readFileSync(pidFile, "utf8")), {
      timeout: 20_000,
      interval: 20,
    });
    ac.abort();
    expect((await running).reason).toBe("aborted");
    await vi.waitFor(
      () => {
        expect(() => process.kill(-pgid, 0)).toThrow();
      },
      { timeout: 20_000, interval: 20 },
    );
  });

  it("SessionEnd fires on close; a failing hook is reported (escape sequences removed) and stops nothing", async () => {
    const end = hookScript(env.t, "end");
    withHooks({
      ...oneHook("SessionEnd", end.command),
      ...oneHook("UserPromptSubmit", "printf 'broken\\033]0;title\\007\\033[31m' >&2; exit 1"),
    });
    const r = await env.open();
    const notices: string[] = [];
    r.subscribe((e) => e.type === "notice" && notices.push(e.message));
    env.provider.enqueue({ text: "ok" });
    expect((await r.run("hi")).reason).toBe("completed");
    expect(notices).toEqual([expect.stringMatching(/failed \(exit 1\): broken$/)]);
    await r.close();
    expect(end.calls()).toEqual([
      expect.objectContaining({ hook_event_name: "SessionEnd", reason: "other" }),
    ]);
  });
});
