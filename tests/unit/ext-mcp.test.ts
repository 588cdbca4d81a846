// MCP manager against real servers over real transports: the fixture over stdio, Streamable HTTP and the
// HTTP+SSE fallback, and the published server-everything over stdio.
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { McpServerConfig } from "../../src/config/schema.js";
import { McpManager, type McpServerStatus } from "../../src/mcp/manager.js";
import { type Tool, toolSchema } from "../../src/tools/tool.js";
import { executeThrough, startHttpFixture, stdioFixture, testContext } from "../fixtures/mcp/harness.js";

const managers: McpManager[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close()));
  for (const child of children.splice(0)) child.kill();
});

async function started(
  servers: Record<string, McpServerConfig>,
  parentEnv?: Record<string, string | undefined>,
) {
  const manager = new McpManager();
  managers.push(manager);
  const toolEvents: string[][] = [];
  const statuses: McpServerStatus[] = [];
  const waiters: Array<() => void> = [];
  manager.start(servers, {
    cwd: process.cwd(),
    parentEnv,
    onToolsChanged: (tools) => {
      toolEvents.push(tools.map((t) => t.name));
      for (const wake of waiters.splice(0)) wake();
    },
    onStatus: (s) => statuses.push(s),
  });
  // start() must not wait for any server.
  expect(manager.status().every((s) => s.state === "connecting" || s.state === "disabled")).toBe(true);
  await manager.settled();
  /** Resolves once the tool list contains `name` (driven by onToolsChanged events, no polling). */
  const toolAppears = async (name: string) => {
    while (!manager.tools().some((t) => t.name === name)) await new Promise<void>((r) => waiters.push(r));
  };
  return { manager, toolEvents, statuses, toolAppears };
}

function tool(manager: McpManager, name: string): Tool {
  const found = manager.tools().find((t) => t.name === name);
  if (!found)
    throw new Error(
      `no tool ${name}; have ${manager
        .tools()
        .map((t) => t.name)
        .join(", ")}`,
    );
  return found;
}

describe("McpManager over stdio", () => {
  it("lists tools as mcp_<server>_<tool> with the server's schema and asks approval per call", async () => {
    const { manager, toolEvents } = await started({ fx: stdioFixture() });
    expect(manager.status()[0]).toMatchObject({
      name: "fx",
      state: "ready",
      transport: "stdio",
      server: "ext-fixture 1.2.3",
    });
    expect(toolEvents.at(-1)).toContain("mcp_fx_echo");
    const echo = tool(manager, "mcp_fx_echo");
    const schema = toolSchema(echo).function.parameters;
    expect(schema).toMatchObject({
      type: "object",
      properties: { text: { type: "string" } },
      required: ["text"],
    });
    expect(echo.description).toContain("Echoes the text back.");
    expect(echo.readOnly).toBe(false);
    expect(echo.approvesItself).toBeUndefined();
    expect(echo.describe?.({ text: "hi" }, { cwd: "/ws" })).toEqual({
      title: "Call fx/echo",
      kind: "read",
      subject: "hi",
    });
    // The executor asks once per call, with the request built from describe(); the tool itself never asks.
    const { ctx, requests } = testContext();
    const { text, events } = await executeThrough(echo, { text: "hi" }, ctx);
    expect(text).toBe("echo: hi");
    expect(requests).toEqual([
      {
        tool: "mcp_fx_echo",
        kind: "other",
        title: "Call fx/echo",
        detail: JSON.stringify({ text: "hi" }, null, 2),
      },
    ]);
    expect(events[0]).toMatchObject({ type: "tool_start", description: { title: "Call fx/echo" } });
  });

  it("refuses the call when approval is denied and marks a trusted server's calls safe", async () => {
    const { manager } = await started({ fx: stdioFixture(), trusted: stdioFixture({ trust: true }) });
    const denied = testContext({ approved: false, reason: "user said no", feedback: "use grep" });
    const refused = await executeThrough(tool(manager, "mcp_fx_echo"), { text: "x" }, denied.ctx);
    expect(refused.events.filter((e) => e.type === "tool_end").at(-1)).toMatchObject({ status: "denied" });
    expect(refused.text).toBe("user said no\nThe user said: use grep");
    const trusted = testContext();
    const echo = tool(manager, "mcp_trusted_echo");
    expect(echo.readOnly).toBe(true);
    expect((await executeThrough(echo, { text: "y" }, trusted.ctx)).text).toBe("echo: y");
    // Safe: the engine allows it without a prompt unless a rule or plan mode says otherwise.
    expect(trusted.requests).toEqual([expect.objectContaining({ safe: true, readOnly: true })]);
  });

  it("turns isError into a thrown error and renders images, resources and structured content", async () => {
    const { manager } = await started({ fx: stdioFixture({ trust: true }) });
    const { ctx } = testContext();
    await expect(tool(manager, "mcp_fx_fail").execute({ reason: "disk full" }, ctx)).rejects.toThrow(
      /fx\/fail reported an error: failed: disk full/,
    );
    const image = await tool(manager, "mcp_fx_image").execute({}, ctx);
    expect(image.content).toEqual([
      { type: "text", text: "a red pixel" },
      { type: "image", mimeType: "image/png", data: expect.stringMatching(/^iVBOR/) },
    ]);
    const resource = await tool(manager, "mcp_fx_resource").execute({}, ctx);
    expect(resource.content).toContain(
      '<resource uri="file:///notes.txt" mimeType="text/plain">\nline one\nline two',
    );
    const structured = await tool(manager, "mcp_fx_structured").execute({}, ctx);
    expect(JSON.parse(String(structured.content).replace("Structured content:\n", ""))).toEqual({
      total: 2,
      items: ["a", "b"],
    });
  });

  it("cancels a call that exceeds timeoutMs and keeps the server usable", async () => {
    const { manager } = await started({ fx: stdioFixture({ trust: true, timeoutMs: 2000 }) });
    const { ctx } = testContext();
    await expect(tool(manager, "mcp_fx_hang").execute({}, ctx)).rejects.toThrow(
      /did not answer hang within 2000 ms/,
    );
    expect((await tool(manager, "mcp_fx_echo").execute({ text: "still here" }, ctx)).content).toBe(
      "echo: still here",
    );
  });

  it("reports a server that fails to start while the others work", async () => {
    const { manager, statuses } = await started({
      broken: { command: process.execPath, args: ["-e", "console.error('bad token'); process.exit(1)"] },
      missing: { command: "/nonexistent/protoagent-mcp-server" },
      silent: { command: process.execPath, args: ["-e", "setInterval(() => {}, 1000)"], timeoutMs: 300 },
      fx: stdioFixture(),
    });
    const byName = Object.fromEntries(manager.status().map((s) => [s.name, s]));
    expect(byName.fx?.state).toBe("ready");
    expect(byName.broken?.state).toBe("failed");
    expect(byName.broken?.error).toContain("bad token");
    expect(byName.missing?.state).toBe("failed");
    expect(byName.missing?.error).toMatch(/ENOENT/);
    expect(byName.silent).toMatchObject({ state: "failed", error: "did not answer within 300 ms" });
    expect(statuses.some((s) => s.name === "broken" && s.state === "failed")).toBe(true);
    expect(manager.tools().every((t) => t.name.startsWith("mcp_fx_"))).toBe(true);
  });

  it("close() ends a server that never answers, even mid-handshake", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ext-mcp-pid-"));
    const pidFile = path.join(dir, "pid");
    const script =
      "require('fs').writeFileSync(process.argv[1], String(process.pid)); setInterval(() => {}, 1000)";
    const manager = new McpManager();
    let spawned: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      spawned = resolve;
    });
    manager.start(
      { silent: { command: process.execPath, args: ["-e", script, pidFile], timeoutMs: 60_000 } },
      { cwd: process.cwd(), onToolsChanged: () => {}, onStatus: () => spawned() },
    );
    await started;
    // The child writes its pid as its first action; wait for it (bounded by the test timeout).
    let pid = 0;
    while (!pid) {
      pid = Number(existsSync(pidFile) ? readFileSync(pidFile, "utf8") : 0);
      if (!pid) await new Promise((r) => setTimeout(r, 20));
    }
    expect(manager.status()[0]?.state).toBe("connecting");
    await manager.close();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(manager.status()[0]?.state).toBe("closed");
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports a crash on the failing call and restarts the server on the next call", async () => {
    const { manager } = await started({ fx: stdioFixture({ trust: true }) });
    const { ctx } = testContext();
    const firstPid = (await tool(manager, "mcp_fx_pid").execute({}, ctx)).content;
    await expect(tool(manager, "mcp_fx_crash").execute({}, ctx)).rejects.toThrow(
      /restarted on the next call/,
    );
    expect(manager.status()[0]?.state).toBe("failed");
    expect(manager.status()[0]?.error).toContain("crashing on purpose");
    expect(manager.tools().map((t) => t.name)).toContain("mcp_fx_pid");
    const secondPid = (await tool(manager, "mcp_fx_pid").execute({}, ctx)).content;
    expect(secondPid).not.toBe(firstPid);
    expect(manager.status()[0]?.state).toBe("ready");
  });

  it("gives stdio servers a minimal environment plus only their declared variables", async () => {
    const parentEnv = { ...process.env, EXT_TEST_SECRET: "leaked", OPENAI_API_KEY: "sk-leaked" };
    const { manager } = await started(
      { fx: stdioFixture({ trust: true, env: { DECLARED_VAR: "yes" } }) },
      parentEnv,
    );
    const { ctx } = testContext();
    const env = tool(manager, "mcp_fx_env");
    expect((await env.execute({ name: "EXT_TEST_SECRET" }, ctx)).content).toBe("<unset>");
    expect((await env.execute({ name: "OPENAI_API_KEY" }, ctx)).content).toBe("<unset>");
    expect((await env.execute({ name: "DECLARED_VAR" }, ctx)).content).toBe("yes");
    expect((await env.execute({ name: "PATH" }, ctx)).content).toBe(process.env.PATH);
  });

  it("applies includeTools/excludeTools, honours enabled:false and follows tools/list_changed", async () => {
    const { manager, statuses, toolAppears } = await started({
      fx: stdioFixture({ trust: true, excludeTools: ["crash", "h*"] }),
      only: stdioFixture({ includeTools: ["echo"] }),
      off: stdioFixture({ enabled: false }),
    });
    const names = manager.tools().map((t) => t.name);
    expect(names).not.toContain("mcp_fx_crash");
    expect(names).not.toContain("mcp_fx_hang");
    expect(names.filter((n) => n.startsWith("mcp_only_"))).toEqual(["mcp_only_echo"]);
    expect(statuses.find((s) => s.name === "off")?.state).toBe("disabled");
    await tool(manager, "mcp_fx_add_tool").execute({}, testContext().ctx);
    await toolAppears("mcp_fx_late");
    expect((await tool(manager, "mcp_fx_late").execute({}, testContext().ctx)).content).toBe("late tool");
  });

  it("runs the published server-everything over stdio", async () => {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve("@modelcontextprotocol/server-everything/package.json");
    const bin = path.join(path.dirname(pkg), "dist", "index.js");
    const { manager } = await started({
      everything: { command: process.execPath, args: [bin, "stdio"], trust: true },
    });
    expect(manager.status()[0]?.state).toBe("ready");
    const { ctx } = testContext();
    expect((await tool(manager, "mcp_everything_get-sum").execute({ a: 2, b: 3 }, ctx)).content).toMatch(/5/);
    const image = await tool(manager, "mcp_everything_get-tiny-image").execute({}, ctx);
    expect(Array.isArray(image.content) && image.content.some((p) => p.type === "image")).toBe(true);
  });
});

describe("McpManager over HTTP", () => {
  it("speaks Streamable HTTP", async () => {
    const { url, child } = await startHttpFixture("http");
    children.push(child);
    const { manager } = await started({ web: { type: "http", url, trust: true } });
    expect(manager.status()[0]).toMatchObject({ state: "ready", transport: "http" });
    const { ctx } = testContext();
    expect((await tool(manager, "mcp_web_echo").execute({ text: "over http" }, ctx)).content).toBe(
      "echo: over http",
    );
  });

  it("falls back to HTTP+SSE when the server only speaks the old transport", async () => {
    const { url, child } = await startHttpFixture("sse");
    children.push(child);
    const { manager } = await started({ old: { url, trust: true } });
    expect(manager.status()[0]).toMatchObject({ state: "ready", transport: "sse" });
    const { ctx } = testContext();
    expect((await tool(manager, "mcp_old_echo").execute({ text: "over sse" }, ctx)).content).toBe(
      "echo: over sse",
    );
  });

  it("reports an unreachable URL as failed", async () => {
    const { manager } = await started({ gone: { url: "http://127.0.0.1:9/mcp", timeoutMs: 3000 } });
    expect(manager.status()[0]?.state).toBe("failed");
    expect(manager.status()[0]?.error).toBeTruthy();
  });
});
