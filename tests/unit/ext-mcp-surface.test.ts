// The client surface of McpManager against the real fixture server: no notifications/cancelled for finished
// requests or initialize, the HTTP session DELETE on close, progress as live output, roots, structuredContent
// sent once, and elicitation declined with a notice when no front-end can ask.
import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { McpServerConfig } from "../../src/config/schema.js";
import type { ElicitationRequest } from "../../src/mcp/elicitation.js";
import { McpManager } from "../../src/mcp/manager.js";
import type { Tool } from "../../src/tools/tool.js";
import { readFixtureLog, startHttpFixture, stdioFixture, testContext } from "../fixtures/mcp/harness.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

const managers: McpManager[] = [];
const children: ChildProcess[] = [];
const temps: TempEnv[] = [];

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close()));
  for (const child of children.splice(0)) child.kill();
  for (const t of temps.splice(0)) t.cleanup();
});

function temp(): TempEnv {
  const t = makeTempEnv();
  temps.push(t);
  return t;
}

async function started(servers: Record<string, McpServerConfig>, cwd = process.cwd()) {
  const manager = new McpManager();
  managers.push(manager);
  const notices: string[] = [];
  manager.start(servers, { cwd, onToolsChanged: () => {}, onNotice: (m) => notices.push(m) });
  await manager.settled();
  const tool = (name: string): Tool => {
    const found = manager.tools().find((t) => t.name === name);
    if (!found) throw new Error(`no tool ${name}`);
    return found;
  };
  return { manager, notices, tool };
}

const cancelled = (log: ReturnType<typeof readFixtureLog>) =>
  log.filter((m) => m.method === "notifications/cancelled").map((m) => m.params?.requestId);

describe("MCP requests and notifications/cancelled", () => {
  it("cancels only the request that was in flight: not a finished call, not initialize, not at shutdown", async () => {
    const log = path.join(temp().root, "received.jsonl");
    const { manager, tool } = await started({ fx: stdioFixture({ trust: true, env: { FIXTURE_LOG: log } }) });
    // A finished call whose signal is aborted afterwards (the turn ends with Ctrl+C later on).
    const finished = testContext();
    expect((await tool("mcp_fx_echo").execute({ text: "x" }, finished.ctx)).content).toBe("echo: x");
    finished.controller.abort();
    // A call still running when its signal aborts: the one cancellation that must be sent.
    const running = testContext();
    const hang = tool("mcp_fx_hang").execute({}, running.ctx);
    running.controller.abort();
    await expect(hang).rejects.toThrow(/was cancelled/);
    await manager.close();
    const ids = cancelled(readFixtureLog(log));
    expect(ids).toHaveLength(1);
    // initialize is request 0 and the first tools/list request 1; neither may ever be cancelled.
    expect(ids).not.toContain(0);
    expect(ids).not.toContain(1);
  });
});

describe("Streamable HTTP session", () => {
  it("sends the session DELETE when the manager closes", async () => {
    const log = path.join(temp().root, "http.jsonl");
    const { url, child } = await startHttpFixture("http", { FIXTURE_LOG: log });
    children.push(child);
    const { manager } = await started({ web: { type: "http", url } });
    expect(manager.status()[0]?.state).toBe("ready");
    await manager.close();
    const deletes = readFixtureLog(log).filter((m) => m.method === "DELETE");
    expect(deletes).toEqual([{ method: "DELETE", session: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    // Nothing was in flight, so nothing was cancelled.
    expect(cancelled(readFixtureLog(log))).toEqual([]);
  });
});

describe("progress, roots and structured content", () => {
  it("forwards notifications/progress as the call's live output", async () => {
    const { tool } = await started({ fx: stdioFixture({ trust: true }) });
    const { ctx } = testContext();
    const chunks: string[] = [];
    ctx.update = (chunk) => chunks.push(chunk);
    const result = await tool("mcp_fx_progress").execute({}, ctx);
    expect(result.content).toBe("done (token present)");
    expect(chunks).toEqual(["1/2 step 1\n", "2/2 step 2\n"]);
  });

  it("offers the workspace as the one root", async () => {
    const t = temp();
    const { tool } = await started({ fx: stdioFixture({ trust: true }) }, t.cwd);
    const roots = JSON.parse(String((await tool("mcp_fx_roots").execute({}, testContext().ctx)).content));
    expect(roots).toEqual([{ uri: pathToFileURL(t.cwd).href, name: "workspace" }]);
  });

  it("sends structured content once when a text block repeats it (in another layout and key order)", async () => {
    const { tool } = await started({ fx: stdioFixture({ trust: true }) });
    const result = await tool("mcp_fx_structured_text").execute({}, testContext().ctx);
    expect(result.content).toBe(JSON.stringify({ items: ["a", "b"], total: 2 }, null, 2));
  });
});

describe("elicitation through the manager", () => {
  it("declines with a notice naming the server when no front-end can ask", async () => {
    const { tool, notices } = await started({ fx: stdioFixture({ trust: true }) });
    const result = await tool("mcp_fx_ask").execute({}, testContext().ctx);
    expect(JSON.parse(String(result.content))).toEqual({ action: "decline" });
    expect(notices).toEqual([
      'MCP server "fx" asked for input ("Who are you?"); declined: this session cannot ask the user.',
    ]);
  });

  it("asks the registered handler with the parsed fields and returns its answer", async () => {
    const { manager, tool } = await started({ fx: stdioFixture({ trust: true }) });
    const asked: ElicitationRequest[] = [];
    manager.setElicitationHandler(async (request) => {
      asked.push(request);
      return { action: "accept", content: { name: "Ada", age: 36, subscribe: true, colour: "green" } };
    });
    const result = await tool("mcp_fx_ask").execute({}, testContext().ctx);
    expect(JSON.parse(String(result.content))).toEqual({
      action: "accept",
      content: { name: "Ada", age: 36, subscribe: true, colour: "green" },
    });
    expect(asked[0]).toMatchObject({ server: "fx", mode: "form", message: "Who are you?\u001b[2J" });
    const fields = asked[0]?.mode === "form" ? asked[0].fields : [];
    expect(fields.map((f) => [f.key, f.type, f.required])).toEqual([
      ["name", "string", true],
      ["age", "integer", false],
      ["subscribe", "boolean", false],
      ["colour", "enum", false],
    ]);
  });

  it("opens a URL only after consent, with $BROWSER, and prints it when no browser can be started", async () => {
    const t = temp();
    const opened = path.join(t.root, "opened.txt");
    const browser = t.write("browser.sh", `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    chmodSync(browser, 0o755);
    const { manager, tool, notices } = await started({ fx: stdioFixture({ trust: true }) });
    const answers: Array<"accept" | "decline"> = ["decline", "accept", "accept"];
    const asked: ElicitationRequest[] = [];
    manager.setElicitationHandler(async (request) => {
      asked.push(request);
      return { action: answers[asked.length - 1] ?? "cancel" };
    });
    const saved = process.env.BROWSER;
    try {
      process.env.BROWSER = browser;
      const declined = await tool("mcp_fx_ask_url").execute({}, testContext().ctx);
      expect(JSON.parse(String(declined.content))).toEqual({ action: "decline" });
      expect(existsSync(opened)).toBe(false);
      expect(asked[0]).toMatchObject({ mode: "url", url: "https://example.com/authorise?x=1" });
      const accepted = await tool("mcp_fx_ask_url").execute({}, testContext().ctx);
      expect(JSON.parse(String(accepted.content))).toEqual({ action: "accept" });
      // The browser runs detached; wait for what it wrote (bounded by the test timeout).
      while (!existsSync(opened) || readFileSync(opened, "utf8") === "")
        await new Promise((r) => setImmediate(r));
      expect(readFileSync(opened, "utf8")).toBe("https://example.com/authorise?x=1");
      expect(notices).toEqual([]);
      process.env.BROWSER = path.join(t.root, "no-such-browser");
      await tool("mcp_fx_ask_url").execute({}, testContext().ctx);
      expect(notices).toEqual([
        'Open this URL to continue (MCP server "fx"): https://example.com/authorise?x=1',
      ]);
    } finally {
      if (saved === undefined) delete process.env.BROWSER;
      else process.env.BROWSER = saved;
    }
  });
});
