// `protoagent acp` end to end: the SDK's client side drives the built CLI over real stdio against the local
// fake OpenAI server. Every wait is for a state or an update, never for a fixed time.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AcpTestClient, choose } from "../helpers/acp-client.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
let t: TempEnv;
const clients: AcpTestClient[] = [];

beforeAll(async () => {
  provider = await FakeProvider.start();
});
afterAll(() => provider.close());
beforeEach(() => {
  t = makeTempEnv({ "a.txt": "one\ntwo\n" });
  writeFakeUserConfig(t, provider.url);
  provider.requests.length = 0;
  provider.setFallback(undefined);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  t.cleanup();
});

async function start(fs = false, terminal = false): Promise<{ c: AcpTestClient; sessionId: string }> {
  const c = await AcpTestClient.start({ env: t.env, cwd: t.cwd, fs, terminal });
  clients.push(c);
  const { sessionId } = await c.agent.request("session/new", { cwd: t.cwd, mcpServers: [] });
  return { c, sessionId };
}

const toolMessage = (req: number, callId: string) =>
  provider.requests[req]?.body.messages.find((m) => m.role === "tool" && m.tool_call_id === callId);

describe("protoagent acp", () => {
  it("streams the answer as agent_message_chunk updates and ends the turn", async () => {
    const answer = "Hello from protoagent over ACP, streamed in small pieces.";
    const { c, sessionId } = await start();
    // The server pauses after two text chunks until the client has shown them: text arrives while it streams
    // (chunks that arrive together are one update, so the count says nothing more).
    const shown = c.waitFor(() => c.of(sessionId, "agent_message_chunk").length > 0, "the first chunk");
    provider.enqueue({ text: answer, chunkSize: 6, hangAfter: 3, resume: shown });
    const res = await c.agent.request("session/prompt", {
      sessionId,
      prompt: [{ type: "text", text: "hi" }],
    });
    expect(res.stopReason).toBe("end_turn");
    expect(c.of(sessionId, "agent_message_chunk").length).toBeGreaterThanOrEqual(2);
    expect(c.agentText(sessionId)).toBe(answer);
    await c.waitFor(() => c.of(sessionId, "available_commands_update").length > 0, "commands");
    const names = c.of(sessionId, "available_commands_update")[0]?.availableCommands.map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(["compact", "init"]));
    const lines = c.stdout.split("\n").filter(Boolean);
    expect(lines.every((l) => (JSON.parse(l) as { jsonrpc?: string }).jsonrpc === "2.0")).toBe(true);
  });

  /** The model reads a.txt, then edits "two" → "TWO"; the client answers the permission request with `option`. */
  async function editA(answer: string, option: string) {
    provider.enqueue(
      { toolCalls: [{ id: "read1", name: "read_file", arguments: { file_path: "a.txt" } }] },
      {
        toolCalls: [
          {
            id: "edit1",
            name: "edit_file",
            arguments: { file_path: "a.txt", old_string: "two", new_string: "TWO" },
          },
        ],
      },
      { text: answer },
    );
    const { c, sessionId } = await start();
    c.policy = choose(option);
    const res = await c.agent.request("session/prompt", {
      sessionId,
      prompt: [{ type: "text", text: "edit" }],
    });
    return { c, sessionId, res };
  }

  it("asks permission for an edit; granted → the file changes and the update carries a diff", async () => {
    const { c, sessionId, res } = await editA("Edited.", "allow_once");
    expect(res.stopReason).toBe("end_turn");
    expect(readFileSync(path.join(t.cwd, "a.txt"), "utf8")).toBe("one\nTWO\n");
    expect(c.permissionRequests).toHaveLength(1);
    expect(c.permissionRequests[0]?.toolCall.toolCallId).toBe("edit1");
    const start1 = c.of(sessionId, "tool_call").find((u) => u.toolCallId === "edit1");
    expect(start1).toMatchObject({ kind: "edit", locations: [{ path: path.join(t.cwd, "a.txt") }] });
    const end = c
      .of(sessionId, "tool_call_update")
      .find((u) => u.toolCallId === "edit1" && u.status === "completed");
    expect(end?.content).toContainEqual({
      type: "diff",
      path: path.join(t.cwd, "a.txt"),
      oldText: "one\ntwo\n",
      newText: "one\nTWO\n",
    });
  });

  it("denied → the file is unchanged, the call fails and the model is told", async () => {
    const { c, sessionId, res } = await editA("Understood.", "reject");
    expect(res.stopReason).toBe("end_turn");
    expect(readFileSync(path.join(t.cwd, "a.txt"), "utf8")).toBe("one\ntwo\n");
    const failed = c
      .of(sessionId, "tool_call_update")
      .find((u) => u.toolCallId === "edit1" && u.status === "failed");
    expect(failed).toBeDefined();
    expect(String(toolMessage(2, "edit1")?.content)).toMatch(/user rejected/i);
  });

  it("session/cancel during an approved long command ends the prompt as cancelled, promptly", async () => {
    provider.enqueue({
      toolCalls: [{ id: "sh1", name: "bash", arguments: { command: "sleep 30 && touch late.txt" } }],
    });
    const { c, sessionId } = await start();
    c.policy = choose("allow_once");
    const prompt = c.agent.request("session/prompt", { sessionId, prompt: [{ type: "text", text: "wait" }] });
    await c.waitFor(
      () =>
        c.of(sessionId, "tool_call_update").some((u) => u.toolCallId === "sh1" && u.status === "in_progress"),
      "the approved command to run",
    );
    const cancelledAt = Date.now();
    await c.agent.notify("session/cancel", { sessionId });
    expect((await prompt).stopReason).toBe("cancelled");
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    expect(c.terminalCalls).toEqual([]);
    const end = c
      .of(sessionId, "tool_call_update")
      .find((u) => u.toolCallId === "sh1" && u.status === "failed");
    expect(end).toBeDefined();
  });

  it("session/cancel while a permission request is pending rejects it and cancels the prompt", async () => {
    provider.enqueue({ toolCalls: [{ id: "sh1", name: "bash", arguments: { command: "touch made.txt" } }] });
    const { c, sessionId } = await start();
    c.policy = (_req, signal) =>
      new Promise((resolve) =>
        signal.addEventListener("abort", () => resolve({ outcome: { outcome: "cancelled" } }), {
          once: true,
        }),
      );
    const prompt = c.agent.request("session/prompt", {
      sessionId,
      prompt: [{ type: "text", text: "touch" }],
    });
    await c.waitFor(() => c.permissionRequests.length === 1, "the permission request");
    await c.agent.notify("session/cancel", { sessionId });
    expect((await prompt).stopReason).toBe("cancelled");
    expect(existsSync(path.join(t.cwd, "made.txt"))).toBe(false);
  });

  it("session/load replays a saved session's history, then continues it", async () => {
    provider.enqueue(
      { text: "Looking.", toolCalls: [{ id: "ls1", name: "list_directory", arguments: {} }] },
      { text: "Noted: 42." },
    );
    const first = await start();
    await first.c.agent.request("session/prompt", {
      sessionId: first.sessionId,
      prompt: [{ type: "text", text: "remember 42" }],
    });
    await first.c.close();

    const c = await AcpTestClient.start({ env: t.env, cwd: t.cwd });
    clients.push(c);
    const loaded = await c.agent.request("session/load", {
      sessionId: first.sessionId,
      cwd: t.cwd,
      mcpServers: [],
    });
    expect(loaded.modes?.currentModeId).toBe("default");
    const kinds = c.updates.filter((n) => n.sessionId === first.sessionId).map((n) => n.update.sessionUpdate);
    expect(kinds.slice(0, 4)).toEqual([
      "user_message_chunk",
      "agent_message_chunk",
      "tool_call",
      "agent_message_chunk",
    ]);
    expect(c.of(first.sessionId, "user_message_chunk")[0]?.content).toEqual({
      type: "text",
      text: "remember 42",
    });
    expect(c.of(first.sessionId, "tool_call")[0]).toMatchObject({ toolCallId: "ls1", status: "completed" });
    expect(c.agentText(first.sessionId)).toBe("Looking.Noted: 42.");

    provider.enqueue({ text: "Still 42." });
    const res = await c.agent.request("session/prompt", {
      sessionId: first.sessionId,
      prompt: [{ type: "text", text: "what number?" }],
    });
    expect(res.stopReason).toBe("end_turn");
    const users = provider.requests[2]?.body.messages.filter((m) => m.role === "user").map((m) => m.content);
    expect(users).toEqual(["remember 42", "what number?"]);
  });

  it("modes and the model option switch; failures come back as JSON-RPC errors with their message", async () => {
    const c = await AcpTestClient.start({ env: t.env, cwd: t.cwd });
    clients.push(c);
    const created = await c.agent.request("session/new", { cwd: t.cwd, mcpServers: [] });
    const sessionId = created.sessionId;
    expect(created.modes?.availableModes.map((m) => m.id)).toEqual(["default", "accept-edits", "plan"]);
    expect(created.configOptions?.[0]).toMatchObject({
      id: "model",
      category: "model",
      currentValue: "fake/m1",
    });
    await c.agent.request("session/set_mode", { sessionId, modeId: "plan" });
    await c.waitFor(
      () => c.of(sessionId, "current_mode_update").some((u) => u.currentModeId === "plan"),
      "the mode update",
    );
    await expect(c.agent.request("session/set_mode", { sessionId, modeId: "bogus" })).rejects.toThrow(
      /bogus/,
    );
    await expect(
      c.agent.request("session/set_config_option", { sessionId, configId: "model", value: "nope/x" }),
    ).rejects.toThrow(/nope/);
    provider.enqueue({ status: 400, errorMessage: "the request was malformed" });
    await expect(
      c.agent.request("session/prompt", { sessionId, prompt: [{ type: "text", text: "hi" }] }),
    ).rejects.toThrow(/malformed/);
    await expect(
      c.agent.request("session/load", { sessionId: "no-such-session", cwd: t.cwd, mcpServers: [] }),
    ).rejects.toThrow(/no-such-session/);
  });

  it("slash commands: /init and /<skill> send their prompts; the skills are advertised", async () => {
    provider.enqueue({ text: "Will do." }, { text: "Reviewing." });
    const { c, sessionId } = await start();
    await c.waitFor(() => c.of(sessionId, "available_commands_update").length > 0, "commands");
    const names = c.of(sessionId, "available_commands_update")[0]?.availableCommands.map((x) => x.name) ?? [];
    expect(names).toContain("code-review");
    await c.agent.request("session/prompt", { sessionId, prompt: [{ type: "text", text: "/init" }] });
    const lastUser = (i: number) =>
      String(provider.requests[i]?.body.messages.filter((m) => m.role === "user").pop()?.content);
    expect(lastUser(0)).toContain("AGENTS.md");
    await c.agent.request("session/prompt", {
      sessionId,
      prompt: [{ type: "text", text: "/code-review src" }],
    });
    expect(lastUser(1)).not.toBe("/code-review src");
    expect(lastUser(1)).toContain("code-review");
  });

  const fsScript = () =>
    provider.enqueue(
      { toolCalls: [{ id: "read1", name: "read_file", arguments: { file_path: "notes.txt" } }] },
      {
        toolCalls: [
          { id: "write1", name: "write_file", arguments: { file_path: "new.txt", content: "hello\n" } },
        ],
      },
      { text: "Done." },
    );

  it("with client fs: reads the unsaved buffer and writes through the client, not the disk", async () => {
    const notes = t.write("notes.txt", "disk version\n");
    fsScript();
    const { c, sessionId } = await start(true);
    c.buffers.set(notes, "buffer version\n");
    c.policy = choose("allow_once");
    const res = await c.agent.request("session/prompt", {
      sessionId,
      prompt: [{ type: "text", text: "go" }],
    });
    expect(res.stopReason).toBe("end_turn");
    expect(String(toolMessage(1, "read1")?.content)).toContain("buffer version");
    expect(c.writes).toEqual([{ path: path.join(t.cwd, "new.txt"), content: "hello\n" }]);
    expect(existsSync(path.join(t.cwd, "new.txt"))).toBe(false);
    const end = c
      .of(sessionId, "tool_call_update")
      .find((u) => u.toolCallId === "write1" && u.status === "completed");
    expect(end?.content).toContainEqual({
      type: "diff",
      path: path.join(t.cwd, "new.txt"),
      oldText: null,
      newText: "hello\n",
    });
  });

  it("without client fs: reads and writes the disk", async () => {
    t.write("notes.txt", "disk version\n");
    fsScript();
    const { c, sessionId } = await start(false);
    c.policy = choose("allow_once");
    const res = await c.agent.request("session/prompt", {
      sessionId,
      prompt: [{ type: "text", text: "go" }],
    });
    expect(res.stopReason).toBe("end_turn");
    expect(String(toolMessage(1, "read1")?.content)).toContain("disk version");
    expect(c.writes).toEqual([]);
    expect(readFileSync(path.join(t.cwd, "new.txt"), "utf8")).toBe("hello\n");
  });

  it("with client terminal: bash runs in the editor's terminal, shown in its tool call", async () => {
    const command = "echo hello-from-terminal; pwd; exit 4";
    provider.enqueue(
      { toolCalls: [{ id: "sh1", name: "bash", arguments: { command } }] },
      { text: "Ran it." },
    );
    const { c, sessionId } = await start(false, true);
    c.policy = choose("allow_once");
    const res = await c.agent.request("session/prompt", {
      sessionId,
      prompt: [{ type: "text", text: "run" }],
    });
    expect(res.stopReason).toBe("end_turn");
    expect(c.permissionRequests).toHaveLength(1);
    const create = c.terminalCalls.find((x) => x.method === "terminal/create")?.params;
    expect(create).toMatchObject({ sessionId, command: "env", cwd: t.cwd });
    // `env -i`, the scrubbed variables, then the command: the editor cannot add its own environment.
    const args = (create as { args: string[] }).args;
    expect(args[0]).toBe("-i");
    expect(args.slice(-4)).toEqual(["--noprofile", "--norc", "-c", command]);
    expect(args.some((a) => /(_API_KEY|_TOKEN)=/.test(a))).toBe(false);
    expect(c.terminalMethods()).toEqual([
      "terminal/create",
      "terminal/wait_for_exit",
      "terminal/output",
      "terminal/release",
    ]);
    const updates = c.of(sessionId, "tool_call_update").filter((u) => u.toolCallId === "sh1");
    expect(updates).toContainEqual(
      expect.objectContaining({
        status: "in_progress",
        content: [{ type: "terminal", terminalId: "term-1" }],
      }),
    );
    const end = updates.find((u) => u.status === "completed");
    expect(end?.content?.[0]).toEqual({ type: "terminal", terminalId: "term-1" });
    const result = String(toolMessage(1, "sh1")?.content);
    expect(result).toContain("hello-from-terminal");
    expect(result).toContain(t.cwd);
    expect(result).toContain("Exit code: 4");
  });

  it("with client terminal: session/cancel kills the terminal's command and cancels the prompt", async () => {
    provider.enqueue({
      toolCalls: [{ id: "sh1", name: "bash", arguments: { command: "sleep 30 && touch late.txt" } }],
    });
    const { c, sessionId } = await start(false, true);
    c.policy = choose("allow_once");
    const prompt = c.agent.request("session/prompt", { sessionId, prompt: [{ type: "text", text: "wait" }] });
    await c.waitFor(() => c.terminalMethods().includes("terminal/wait_for_exit"), "the terminal to run");
    await c.agent.notify("session/cancel", { sessionId });
    expect((await prompt).stopReason).toBe("cancelled");
    const methods = c.terminalMethods();
    expect(methods).toContain("terminal/kill");
    expect(methods.at(-1)).toBe("terminal/release");
    expect(methods.indexOf("terminal/kill")).toBeLessThan(methods.indexOf("terminal/release"));
    expect(c.terminals.size).toBe(0);
    const end = c
      .of(sessionId, "tool_call_update")
      .find((u) => u.toolCallId === "sh1" && u.status === "failed");
    expect(end).toBeDefined();
  });
});
