// MCP through the whole runtime: a tool list the server changes during a turn is in the very next model
// request, and the headless CLI declines an elicitation and says so on stderr in one line naming the server.
import { describe, expect, it } from "vitest";
import { stdioFixture } from "../fixtures/mcp/harness.js";
import { runCli } from "../helpers/run-cli.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { writeFakeUserConfig } from "../helpers/temp.js";

const env = runtimeFixture();

const toolNames = (body: { tools?: unknown[] }) =>
  (body.tools ?? []).map((t) => (t as { function: { name: string } }).function.name);

describe("tools/list_changed and the next request", () => {
  it("lists a tool the server added during the call in the request right after it", async () => {
    const rt = await env.open({ extraMcpServers: { fx: stdioFixture({ trust: true }) } });
    await rt.mcpSettled();
    env.provider.enqueue({ toolCalls: [{ name: "mcp_fx_add_tool", arguments: {} }] }, { text: "done" });
    const result = await rt.run("add a tool");
    expect(result.reason).toBe("completed");
    const [first, second] = env.provider.requests;
    expect(toolNames(first!.body)).not.toContain("mcp_fx_late");
    // The server sent list_changed before the call's result: the follow-up request already offers the tool.
    expect(toolNames(second!.body)).toContain("mcp_fx_late");
  });

  it("a call to a tool that is still being listed waits for the list instead of failing as unknown", async () => {
    const rt = await env.open({ extraMcpServers: { fx: stdioFixture({ trust: true }) } });
    await rt.mcpSettled();
    // The model calls the new tool in the same response that adds it (the calls run one after the other).
    env.provider.enqueue(
      {
        toolCalls: [
          { name: "mcp_fx_add_tool", arguments: {} },
          { name: "mcp_fx_late", arguments: {} },
        ],
      },
      { text: "done" },
    );
    await rt.run("add and use a tool");
    const results = env.provider.requests[1]!.body.messages.filter((m) => m.role === "tool");
    expect(results.map((m) => m.content)).toEqual(["added", "late tool"]);
  });
});

describe("elicitation in headless mode", () => {
  it("declines, tells the server, and writes one stderr line naming the server", async () => {
    const { t, provider } = env;
    writeFakeUserConfig(t, provider.url, { mcp: { servers: { fx: stdioFixture({ trust: true }) } } });
    provider.enqueue({ toolCalls: [{ name: "mcp_fx_ask", arguments: {} }] }, { text: "finished" });
    const r = await runCli(["-p", "ask me"], { env: t.env, cwd: t.cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("finished");
    const lines = r.stderr.split("\n").filter((l) => l.includes("asked for input"));
    expect(lines).toEqual([
      'protoagent: MCP server "fx" asked for input ("Who are you?"); declined: this session cannot ask the user.',
    ]);
    const toolResult = provider.requests[1]!.body.messages.find((m) => m.role === "tool");
    expect(JSON.parse(String(toolResult?.content))).toEqual({ action: "decline" });
  });
});
