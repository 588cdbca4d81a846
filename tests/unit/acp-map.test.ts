// The pure ACP mappings: tool events → tool-call updates (titles, kinds, diff blocks, plans), prompt blocks →
// our prompt, run results → stop reasons, history → replayed updates, MCP server shapes, permission options.
import { describe, expect, it } from "vitest";
import {
  answerFor,
  availableCommands,
  historyUpdates,
  mcpServersFromAcp,
  modelOption,
  permissionOptions,
  permissionToolCall,
  promptEnd,
  promptFromBlocks,
} from "../../src/acp/map-session.js";
import { diffBlock, planFromTodos, toolCallFromEnd, toolCallFromStart } from "../../src/acp/map-tools.js";
import type { ApprovalPrompt } from "../../src/runtime/index.js";
import { unifiedDiff } from "../../src/utils/diff.js";
import { describeBuiltin, toolStart } from "../helpers/describe.js";

const cwd = "/ws";

describe("tool calls", () => {
  it("a tool_call carries the tool's own description: title, ACP kind, absolute locations", () => {
    const call = (name: string, args: unknown) =>
      toolCallFromStart(toolStart("c1", name, args) as never, cwd);
    expect(call("read_file", { file_path: "src/a.ts", offset: 10 })).toMatchObject({
      toolCallId: "c1",
      kind: "read",
      status: "pending",
      locations: [{ path: "/ws/src/a.ts", line: 10 }],
      rawInput: { file_path: "src/a.ts", offset: 10 },
    });
    expect(call("read_file", { file_path: "src/a.ts" }).title).toContain("src/a.ts");
    expect(call("bash", { command: "npm test" })).toMatchObject({ kind: "execute" });
    expect(call("bash", { command: "npm test" }).title).toContain("npm test");
    expect(call("search_files", { search_term: "foo" }).kind).toBe("search");
    expect(call("webfetch", { url: "https://x.dev" }).kind).toBe("fetch");
    expect(call("edit_file", { file_path: "a.ts", old_string: "a", new_string: "b" }).kind).toBe("edit");
    expect(call("mcp__gh__issue", {})).toMatchObject({ kind: "other", locations: [] });
  });

  it("a diff becomes a whole-file diff block given the text after, else the changed hunks", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const after = "a\nb\nc\nd\nE\nf\ng\nh\n";
    const { diff } = unifiedDiff("x.txt", before, after);
    expect(diffBlock(diff, "/ws/x.txt", false, { after })).toEqual({
      type: "diff",
      path: "/ws/x.txt",
      oldText: before,
      newText: after,
    });
    expect(diffBlock(diff, "/ws/x.txt", false, { before })).toMatchObject({
      oldText: before,
      newText: after,
    });
    expect(diffBlock(diff, "/ws/x.txt", false)).toEqual({
      type: "diff",
      path: "/ws/x.txt",
      oldText: "b\nc\nd\ne\nf\ng\nh\n",
      newText: "b\nc\nd\nE\nf\ng\nh\n",
    });
    const created = unifiedDiff("n.txt", "", "hi\n", true).diff;
    expect(diffBlock(created, "/ws/n.txt", true)).toMatchObject({ oldText: null, newText: "hi\n" });
  });

  it("tool_end: completed with a diff block, failed with the message, shell output fenced", () => {
    const { diff } = unifiedDiff("x.txt", "1\n", "2\n");
    const done = toolCallFromEnd(
      {
        type: "tool_end",
        callId: "e1",
        name: "edit_file",
        status: "done",
        content: "Edited",
        details: { kind: "diff", path: "x.txt", diff, added: 1, removed: 1, created: false },
      },
      cwd,
      "2\n",
    );
    expect(done.status).toBe("completed");
    expect(done.content).toEqual([{ type: "diff", path: "/ws/x.txt", oldText: "1\n", newText: "2\n" }]);
    const denied = toolCallFromEnd(
      {
        type: "tool_end",
        callId: "e2",
        name: "edit_file",
        status: "denied",
        content: "The user rejected it.",
      },
      cwd,
    );
    const inTerminal = toolCallFromEnd(
      { type: "tool_end", callId: "s0", name: "bash", status: "done", content: "ok" },
      cwd,
      undefined,
      "term-1",
    );
    expect(inTerminal.content?.[0]).toEqual({ type: "terminal", terminalId: "term-1" });
    expect(denied).toMatchObject({
      status: "failed",
      content: [{ type: "content", content: { type: "text", text: "The user rejected it." } }],
    });
    const shell = toolCallFromEnd(
      {
        type: "tool_end",
        callId: "s1",
        name: "bash",
        status: "done",
        content: "out",
        summary: "exit 1",
        details: {
          kind: "shell",
          command: "false",
          exitCode: 1,
          signal: null,
          output: "boom\n",
          timedOut: false,
          truncated: false,
          totalBytes: 5,
          durationMs: 3,
        },
      },
      cwd,
    );
    expect(shell.content?.[0]).toEqual({
      type: "content",
      content: { type: "text", text: "```\nboom\n```" },
    });
    expect(shell.content?.[1]).toEqual({ type: "content", content: { type: "text", text: "exit 1" } });
  });

  it("todos become plan entries (cancelled ones dropped)", () => {
    expect(
      planFromTodos([
        { id: "1", content: "Write tests", status: "in_progress", priority: "high" },
        { id: "2", content: "Old idea", status: "cancelled", priority: "low" },
      ]),
    ).toEqual([{ content: "Write tests", priority: "high", status: "in_progress" }]);
  });
});

describe("session mapping", () => {
  it("prompt blocks: text joined, embedded resources as context, links as mentions, images kept", () => {
    expect(
      promptFromBlocks([
        { type: "text", text: "Explain" },
        { type: "resource", resource: { uri: "file:///ws/a.ts", text: "const a = 1;\n" } },
        { type: "resource_link", uri: "file:///ws/b.ts", name: "b.ts" },
      ]),
    ).toBe('Explain\n<context path="/ws/a.ts">\nconst a = 1;\n</context>\n@/ws/b.ts');
    expect(
      promptFromBlocks([
        { type: "text", text: "look" },
        { type: "image", mimeType: "image/png", data: "AAAA" },
      ]),
    ).toEqual([
      { type: "text", text: "look" },
      { type: "image", mimeType: "image/png", data: "AAAA" },
    ]);
  });

  it("stop reasons", () => {
    expect(promptEnd({ reason: "completed" })).toEqual({ stopReason: "end_turn" });
    expect(promptEnd({ reason: "max_turns" })).toMatchObject({ stopReason: "max_turn_requests" });
    expect(promptEnd({ reason: "aborted" })).toEqual({ stopReason: "cancelled" });
    expect(promptEnd({ reason: "limit", error: "Stopped: token limit reached" })).toMatchObject({
      stopReason: "max_tokens",
    });
    expect(promptEnd({ reason: "limit", error: "Stopped: cost limit" })).toMatchObject({
      stopReason: "max_turn_requests",
    });
    expect(promptEnd({ reason: "error", error: "HTTP 500" })).toEqual({ error: "HTTP 500" });
  });

  it("history → user/agent chunks and finished tool calls; injected context is skipped", () => {
    const updates = historyUpdates(
      [
        { role: "system", content: "sys" },
        { role: "user", content: "hi" },
        { role: "user", content: "<summary>older</summary>" },
        {
          role: "assistant",
          content: "Looking.",
          reasoning: "hmm",
          toolCalls: [{ id: "c1", name: "read_file", arguments: '{"file_path":"a.ts"}' }],
        },
        { role: "tool", toolCallId: "c1", name: "read_file", content: "1\ta", isError: false },
        { role: "assistant", content: "Done." },
      ],
      cwd,
      describeBuiltin,
    );
    expect(updates.map((u) => u.sessionUpdate)).toEqual([
      "user_message_chunk",
      "agent_thought_chunk",
      "agent_message_chunk",
      "tool_call",
      "agent_message_chunk",
    ]);
    expect(updates[3]).toMatchObject({
      toolCallId: "c1",
      title: describeBuiltin("read_file", { file_path: "a.ts" }).title,
      kind: "read",
      status: "completed",
      locations: [{ path: "/ws/a.ts" }],
    });
  });

  it("ACP MCP servers → our config", () => {
    expect(
      mcpServersFromAcp([
        { name: "fs", command: "npx", args: ["srv"], env: [{ name: "K", value: "v" }] },
        {
          type: "http",
          name: "web",
          url: "https://m.dev/mcp",
          headers: [{ name: "Authorization", value: "x" }],
        },
        { type: "sse", name: "old", url: "https://m.dev/sse", headers: [] },
      ]),
    ).toEqual({
      fs: { type: "stdio", command: "npx", args: ["srv"], env: { K: "v" } },
      web: { type: "http", url: "https://m.dev/mcp", headers: { Authorization: "x" } },
      old: { type: "sse", url: "https://m.dev/sse", headers: {} },
    });
  });

  it("permission options and answers: once, the first scope for the session, reject; cancel rejects", () => {
    const scope = { key: "bash:prefix:npm test", label: "commands starting with `npm test`" };
    const prompt: ApprovalPrompt = {
      request: {
        tool: "bash",
        kind: "shell",
        title: "Run: npm test",
        detail: "npm test",
        command: "npm test",
      },
      scopes: [scope, { key: "other", label: "other" }],
    };
    expect(permissionOptions(prompt).map((o) => [o.optionId, o.kind])).toEqual([
      ["allow_once", "allow_once"],
      ["allow_session", "allow_always"],
      ["reject", "reject_once"],
    ]);
    expect(permissionOptions({ ...prompt, scopes: [] }).map((o) => o.optionId)).toEqual([
      "allow_once",
      "reject",
    ]);
    expect(answerFor({ outcome: "selected", optionId: "allow_once" }, prompt)).toEqual({ kind: "once" });
    expect(answerFor({ outcome: "selected", optionId: "allow_session" }, prompt)).toEqual({
      kind: "session",
      scope,
    });
    expect(answerFor({ outcome: "selected", optionId: "reject" }, prompt)).toEqual({ kind: "reject" });
    expect(answerFor({ outcome: "cancelled" }, prompt)).toEqual({ kind: "reject" });
    expect(permissionToolCall("c9", prompt)).toMatchObject({
      toolCallId: "c9",
      title: "Run: npm test",
      kind: "execute",
    });
  });

  it("model option lists the current model; commands include compact, init and skills", () => {
    expect(modelOption("x/y", ["a/b"])).toMatchObject({
      id: "model",
      category: "model",
      currentValue: "x/y",
      options: [
        { value: "x/y", name: "x/y" },
        { value: "a/b", name: "a/b" },
      ],
    });
    expect(availableCommands(["review"]).map((c) => c.name)).toEqual(["compact", "init", "review"]);
  });
});
