// One approval route, end to end through the session's wiring (Session.gate + Session.toolContext + the
// executor + the real engine): every call reaches approve() exactly once, so an ask rule prompts exactly once
// whether the tool approves itself or not, safe calls nobody named pass silently, and deny rules stop a call
// before anything is asked. Handler calls are counted, so a second prompt for the same call would fail here.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AgentEvent } from "../../src/agent/events.js";
import { executeToolCall } from "../../src/agent/executor.js";
import { createApprovalEngine } from "../../src/approval/engine.js";
import type { ApprovalPrompt, ApprovalRecord } from "../../src/approval/types.js";
import type { ResolvedModel } from "../../src/config/resolve.js";
import type { PermissionMode } from "../../src/config/schema.js";
import type { StreamFn } from "../../src/providers/types.js";
import { Session } from "../../src/session/session.js";
import { builtinTools } from "../../src/tools/builtin.js";
import { ToolRegistry } from "../../src/tools/registry.js";
import { defineTool, type Tool } from "../../src/tools/tool.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

/** An MCP-like tool: it never approves itself and is not safe, so the executor asks for every call. */
const remote = defineTool({
  name: "mcp_x_create",
  description: "test",
  readOnly: false,
  parameters: z.object({ title: z.string() }),
  describe: (args) => ({ title: `Call x/create`, kind: "other", subject: args.title }),
  execute: async () => ({ content: "created" }),
}) as Tool;

let tmp: TempEnv;
beforeEach(() => {
  tmp = makeTempEnv({ "a.txt": "one\n", "secret/key.txt": "k\n" });
});
afterEach(() => tmp.cleanup());

function setup(opts: { ask?: string[]; deny?: string[]; headless?: boolean; mode?: PermissionMode } = {}) {
  const prompts: ApprovalPrompt[] = [];
  const records: ApprovalRecord[] = [];
  const registry = new ToolRegistry([...builtinTools(), remote]);
  const approvals = createApprovalEngine({
    mode: opts.mode ?? "default",
    rules: { ask: opts.ask ?? [], deny: opts.deny ?? [] },
    specifierOf: (name) => registry.get(name)?.ruleSpecifier,
    headless: opts.headless ?? false,
    cwd: tmp.cwd,
    handler: async (prompt) => {
      prompts.push(prompt);
      return { kind: "once" };
    },
    onRecord: (r) => records.push(r),
  });
  const session = new Session({
    cwd: tmp.cwd,
    model: {} as ResolvedModel,
    stream: (() => {
      throw new Error("no model in this test");
    }) as unknown as StreamFn,
    registry,
    approvals,
    systemPrompt: "",
  });
  const events: AgentEvent[] = [];
  let n = 0;
  const run = async (name: string, args: unknown) => {
    const signal = new AbortController().signal;
    const call = { id: `c${++n}`, name, arguments: JSON.stringify(args) };
    const message = await executeToolCall(
      call,
      {
        findTool: (t) => registry.get(t),
        toolNames: () => registry.names(),
        makeContext: (c, s) => session.toolContext(c, s),
        gate: (t, d) => session.gate(t, d),
        emit: (e) => events.push(e),
      },
      signal,
    );
    const end = events.filter((e) => e.type === "tool_end").at(-1);
    return { message, status: end?.type === "tool_end" ? end.status : undefined };
  };
  return { run, prompts, records };
}

describe("one approval route", () => {
  it("an ask rule on a read-only tool prompts exactly once, then the call runs", async () => {
    const { run, prompts, records } = setup({ ask: ["read_file(secret/**)"] });
    expect((await run("read_file", { file_path: "secret/key.txt" })).status).toBe("done");
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.request).toMatchObject({
      tool: "read_file",
      title: "Read secret/key.txt",
      safe: true,
    });
    expect(prompts[0]?.scopes).toEqual([]);
    // Another file is not named by the rule: it runs without a prompt and without an audit record.
    expect((await run("read_file", { file_path: "a.txt" })).status).toBe("done");
    expect(prompts).toHaveLength(1);
    expect(records.map((r) => r.by)).toEqual(["user once"]);
  });

  it("an ask rule on a command the classifier would auto-run prompts exactly once", async () => {
    const { run, prompts } = setup({ ask: ["bash(ls:*)"] });
    const { message, status } = await run("bash", { command: "ls" });
    expect(status).toBe("done");
    expect(message.content).toContain("a.txt");
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.request).toMatchObject({ kind: "shell", command: "ls", safe: true });
    // Without the rule the same command runs silently.
    const quiet = setup();
    expect((await quiet.run("bash", { command: "ls" })).status).toBe("done");
    expect(quiet.prompts).toHaveLength(0);
    expect(quiet.records).toHaveLength(0);
  });

  it("a tool that approves itself prompts exactly once, ask rule or not", async () => {
    const plain = setup();
    await plain.run("read_file", { file_path: "a.txt" });
    expect(
      (await plain.run("edit_file", { file_path: "a.txt", old_string: "one", new_string: "two" })).status,
    ).toBe("done");
    expect(plain.prompts.map((p) => p.request.title)).toEqual(["Edit a.txt"]);
    const asked = setup({ ask: ["edit_file(*.txt)"] });
    await asked.run("read_file", { file_path: "a.txt" });
    // (the same workspace: the first edit already changed "one" to "two")
    expect(
      (await asked.run("edit_file", { file_path: "a.txt", old_string: "two", new_string: "3" })).status,
    ).toBe("done");
    expect(asked.prompts).toHaveLength(1);
    expect(asked.prompts[0]?.scopes).toEqual([]);
  });

  it("a tool that never approves itself (MCP) is asked for once, by the executor, with its description", async () => {
    const { run, prompts } = setup();
    expect((await run("mcp_x_create", { title: "Bug" })).status).toBe("done");
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.request).toMatchObject({
      tool: "mcp_x_create",
      title: "Call x/create",
      kind: "other",
    });
    expect(prompts[0]?.scopes.map((s) => s.key)).toEqual(["tool:mcp_x_create"]);
  });

  it("headless still denies what would ask, deny beats ask, and plan mode blocks non-read-only calls", async () => {
    const headless = setup({ ask: ["read_file(secret/**)"], headless: true });
    expect((await headless.run("read_file", { file_path: "secret/key.txt" })).status).toBe("denied");
    expect(headless.records.map((r) => r.by)).toEqual(["headless (rule ask read_file(secret/**))"]);
    expect((await headless.run("mcp_x_create", { title: "x" })).status).toBe("denied");

    const both = setup({ ask: ["bash(ls:*)"], deny: ["bash(ls:*)"] });
    const denied = await both.run("bash", { command: "ls" });
    expect(denied.status).toBe("denied");
    expect(denied.message.content).toMatch(/deny `bash\(ls:\*\)`/);
    expect(both.prompts).toHaveLength(0);

    const plan = setup({ mode: "plan" });
    expect((await plan.run("read_file", { file_path: "a.txt" })).status).toBe("done");
    expect((await plan.run("bash", { command: "ls" })).status).toBe("done");
    expect((await plan.run("mcp_x_create", { title: "x" })).status).toBe("denied");
    expect(plan.prompts).toHaveLength(0);
  });
});
