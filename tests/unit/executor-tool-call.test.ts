// The tool executor on its own: argument parsing, validation, the conversion of every throw into a result,
// denial, abort and the result-size cap. Real tools (defined here and built-ins) in a real temp folder.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AgentEvent } from "../../src/agent/events.js";
import {
  type ExecutorDeps,
  executeToolCall,
  MAX_RESULT_CHARS,
  parseArguments,
} from "../../src/agent/executor.js";
import type { ToolCall } from "../../src/agent/messages.js";
import { type ApprovalRequest, ToolDeniedError } from "../../src/approval/types.js";
import { builtinTools } from "../../src/tools/builtin.js";
import { ToolRegistry } from "../../src/tools/registry.js";
import { createToolState, defineTool, type Tool, type ToolResult } from "../../src/tools/tool.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

let tmp: TempEnv;
let events: AgentEvent[];
let approvals: ApprovalRequest[];
beforeEach(() => {
  tmp = makeTempEnv({ "a.txt": "one\ntwo\n" });
  events = [];
  approvals = [];
});
afterEach(() => tmp.cleanup());

function testTool(name: string, execute: (args: { n?: number }) => Promise<ToolResult>): Tool {
  return defineTool({
    name,
    description: "test",
    readOnly: true,
    parameters: z.object({ n: z.number().optional() }),
    execute,
  }) as Tool;
}

function deps(extra: Tool[] = []): ExecutorDeps {
  const registry = new ToolRegistry([...builtinTools(), ...extra]);
  return {
    findTool: (n) => registry.get(n),
    toolNames: () => registry.names(),
    makeContext: (call, signal) => ({
      cwd: tmp.cwd,
      readOnlyRoots: [],
      signal,
      sessionId: "s",
      callId: call.id,
      state: createToolState(),
      // Like the engine with nobody to ask: a call its tool marks safe passes, anything else is refused.
      approve: async (req) => {
        approvals.push(req);
        return req.safe ? { approved: true, by: "safe" } : { approved: false, reason: "no" };
      },
      update: (chunk) => events.push({ type: "tool_update", callId: call.id, chunk }),
    }),
    emit: (e) => events.push(e),
  };
}

const call = (name: string, args: string, id = "c1"): ToolCall => ({ id, name, arguments: args });
const live = () => new AbortController().signal;

describe("parseArguments", () => {
  it.each([
    ["", { ok: true, args: {} }],
    ["   \n", { ok: true, args: {} }],
    ['{"a":1}', { ok: true, args: { a: 1 } }],
    ["{}", { ok: true, args: {} }],
  ])("%j parses", (raw, want) => {
    expect(parseArguments(raw, "t")).toEqual(want);
  });

  it.each([
    ["null", "Arguments for t must be a JSON object, got object."],
    ["[1]", "Arguments for t must be a JSON object, got an array."],
    ['"x"', "Arguments for t must be a JSON object, got string."],
    ["3", "Arguments for t must be a JSON object, got number."],
  ])("%s is not an object", (raw, message) => {
    const got = parseArguments(raw, "t");
    expect(got.ok).toBe(false);
    if (!got.ok && raw !== "null") expect(got.error).toBe(message);
    // null is typeof "object" in JS; the message must still not claim an object was sent.
    if (!got.ok && raw === "null") expect(got.error).toMatch(/must be a JSON object/);
  });

  it("quotes invalid JSON back, truncated to 200 characters", () => {
    const raw = `{"x": "${"y".repeat(300)}`;
    const got = parseArguments(raw, "t");
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.error).toMatch(/^Invalid JSON in the arguments for t \(/);
    expect(got.error).toContain(`You sent: ${raw.slice(0, 200)}…\n`);
    expect(got.error).not.toContain(raw.slice(0, 201));
  });
});

describe("executeToolCall", () => {
  it("runs a built-in and emits tool_start/tool_end with details", async () => {
    const msg = await executeToolCall(call("read_file", '{"file_path":"a.txt"}'), deps(), live());
    expect(msg).toMatchObject({ role: "tool", toolCallId: "c1", name: "read_file" });
    expect(msg).not.toHaveProperty("isError");
    expect(events.map((e) => e.type)).toEqual(["tool_start", "tool_end", "audit"]);
    expect(events[1]).toMatchObject({
      status: "done",
      summary: "2 lines",
      details: { kind: "read", startLine: 1, endLine: 2, totalLines: 2 },
    });
  });

  it("converts a thrown non-Error into an error result", async () => {
    const thrower = testTool("thrower", async () => {
      throw "plain string";
    });
    const msg = await executeToolCall(call("thrower", ""), deps([thrower]), live());
    expect(msg).toMatchObject({ content: "Error: plain string", isError: true });
  });

  it("passes a tool's own isError result through as status error", async () => {
    const soft = testTool("soft", async () => ({ content: "exit 1", isError: true }));
    const msg = await executeToolCall(call("soft", "{}"), deps([soft]), live());
    expect(msg).toMatchObject({ content: "exit 1", isError: true });
    expect(events[1]).toMatchObject({ type: "tool_end", status: "error" });
  });

  it("reports a denial with the user's feedback", async () => {
    const guarded = testTool("guarded", async () => {
      throw new ToolDeniedError("Rejected by the user.", "use the other file");
    });
    const msg = await executeToolCall(call("guarded", "{}"), deps([guarded]), live());
    expect(msg).toMatchObject({
      content: "Rejected by the user.\nThe user said: use the other file",
      isError: true,
    });
    expect(events[1]).toMatchObject({
      status: "denied",
      summary: "denied",
      details: { kind: "denied", reason: "Rejected by the user.", feedback: "use the other file" },
    });
  });

  it("does not start a tool when the run is already aborted", async () => {
    let ran = false;
    const t = testTool("t", async () => {
      ran = true;
      return { content: "x" };
    });
    const controller = new AbortController();
    controller.abort();
    const msg = await executeToolCall(call("t", "{}"), deps([t]), controller.signal);
    expect(ran).toBe(false);
    expect(msg).toMatchObject({ content: "Aborted by user.", isError: true });
    expect(events[1]).toMatchObject({ status: "aborted" });
  });

  it("marks an error result produced after an abort as aborted", async () => {
    const controller = new AbortController();
    const t = testTool("t", async () => {
      controller.abort();
      return { content: "killed by signal", isError: true };
    });
    const msg = await executeToolCall(call("t", "{}"), deps([t]), controller.signal);
    expect(msg).toMatchObject({ content: "killed by signal", isError: true });
    expect(events[1]).toMatchObject({ status: "aborted" });
  });

  it("caps oversized results and says how much was cut", async () => {
    const big = testTool("big", async () => ({ content: "z".repeat(MAX_RESULT_CHARS + 1234) }));
    const msg = await executeToolCall(call("big", "{}"), deps([big]), live());
    expect(typeof msg.content).toBe("string");
    expect(msg.content).toHaveLength(MAX_RESULT_CHARS + "\n… [1234 more characters omitted]".length);
    expect(String(msg.content).endsWith("\n… [1234 more characters omitted]")).toBe(true);
  });

  it("streams partial output through ctx.update", async () => {
    const chatty = defineTool({
      name: "chatty",
      description: "test",
      readOnly: true,
      parameters: z.object({}),
      execute: async (_a, ctx) => {
        ctx.update("part 1\n");
        ctx.update("part 2\n");
        return { content: "done" };
      },
    }) as Tool;
    await executeToolCall(call("chatty", ""), deps([chatty]), live());
    expect(events.map((e) => e.type)).toEqual([
      "tool_start",
      "tool_update",
      "tool_update",
      "tool_end",
      "audit",
    ]);
  });

  it("validates before running and names each bad field", async () => {
    let ran = false;
    const t = testTool("t", async () => {
      ran = true;
      return { content: "x" };
    });
    const msg = await executeToolCall(call("t", '{"n":"seven"}'), deps([t]), live());
    expect(ran).toBe(false);
    expect(msg.content).toMatch(/^Invalid arguments for t:\n- n: /);
  });

  it("lists the available tools for an unknown name, and still emits tool_start first", async () => {
    const msg = await executeToolCall(call("nope", "{bad"), deps(), live());
    const names = builtinTools().map((t) => t.name);
    expect(msg.content).toBe(`Unknown tool "nope". Available tools: ${names.join(", ")}.`);
    expect(events.map((e) => e.type)).toEqual(["tool_start", "tool_end", "audit"]);
    expect(events[0]).toMatchObject({ description: { title: "Call nope", kind: "other" } });
  });
});

describe("executeToolCall: descriptions and the one approval route", () => {
  it("tool_start carries the tool's own description of the validated call", async () => {
    await executeToolCall(call("read_file", '{"file_path":"a.txt","offset":2}'), deps(), live());
    expect(events[0]).toEqual({
      type: "tool_start",
      callId: "c1",
      name: "read_file",
      args: { file_path: "a.txt", offset: 2 },
      description: {
        title: "Read a.txt",
        kind: "read",
        subject: "a.txt",
        path: `${tmp.cwd}/a.txt`,
        locations: [{ path: `${tmp.cwd}/a.txt`, line: 2 }],
      },
    });
  });

  it("invalid arguments get the neutral description (nothing guessed from argument names)", async () => {
    await executeToolCall(call("read_file", '{"path":"a.txt"}'), deps(), live());
    expect(events[0]).toMatchObject({ description: { title: "Call read_file", kind: "other" } });
    expect(approvals).toEqual([]);
  });

  it("asks once, with a request built from describe(), for a tool that does not approve itself", async () => {
    await executeToolCall(call("list_directory", '{"directory_path":"."}'), deps(), live());
    expect(approvals).toEqual([
      {
        tool: "list_directory",
        kind: "other",
        title: "List .",
        detail: JSON.stringify({ directory_path: "." }, null, 2),
        path: tmp.cwd,
        safe: true,
        readOnly: true,
      },
    ]);
    expect(events.at(-2)).toMatchObject({ type: "tool_end", status: "done" });
  });

  it("leaves the asking to a tool that approves itself, and stops a refused call before it runs", async () => {
    let ran = 0;
    const selfish = defineTool({
      name: "selfish",
      description: "test",
      readOnly: false,
      approvesItself: true,
      parameters: z.object({}),
      execute: async (_a, ctx) => {
        const outcome = await ctx.approve({ tool: "selfish", kind: "other", title: "Do it", detail: "" });
        if (!outcome.approved) throw new ToolDeniedError(outcome.reason);
        ran++;
        return { content: "done" };
      },
    }) as Tool;
    const plain = defineTool({
      name: "plain",
      description: "test",
      readOnly: false,
      parameters: z.object({}),
      execute: async () => {
        ran++;
        return { content: "done" };
      },
    }) as Tool;
    await executeToolCall(call("selfish", "{}"), deps([selfish]), live());
    expect(approvals.map((r) => r.title)).toEqual(["Do it"]);
    await executeToolCall(call("plain", "{}", "c2"), deps([plain]), live());
    expect(approvals.map((r) => [r.title, r.safe])).toEqual([
      ["Do it", undefined],
      ["Call plain", undefined],
    ]);
    expect(ran).toBe(0);
    expect(events.filter((e) => e.type === "tool_end").map((e) => e.status)).toEqual(["denied", "denied"]);
  });

  it("the deny gate sees the description and stops the call before any approval", async () => {
    const d = deps();
    const seen: unknown[] = [];
    d.gate = (name, description) => {
      seen.push([name, description.path]);
      return "Denied: blocked by a rule.";
    };
    const msg = await executeToolCall(call("read_file", '{"file_path":"a.txt"}'), d, live());
    expect(seen).toEqual([["read_file", `${tmp.cwd}/a.txt`]]);
    expect(msg).toMatchObject({ content: "Denied: blocked by a rule.", isError: true });
    expect(approvals).toEqual([]);
  });
});
