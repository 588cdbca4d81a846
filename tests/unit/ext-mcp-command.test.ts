// `protoagent mcp list|add|remove` through a real Commander program on real temp config files: comments are
// kept, entries validated, .mcp.json listed, and --check connects to the fixture server.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { type McpCommandDeps, registerMcpCommand, serverFromArgs } from "../../src/cli/commands/mcp.js";
import { UserError } from "../../src/errors.js";
import {
  addServerToConfig,
  readConfiguredServers,
  removeServerFromConfig,
} from "../../src/mcp/config-edit.js";
import { FIXTURE } from "../fixtures/mcp/harness.js";

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
  process.exitCode = undefined;
});

function setup() {
  const base = mkdtempSync(path.join(os.tmpdir(), "ext-mcpcmd-"));
  temps.push(base);
  const cwd = path.join(base, "project");
  mkdirSync(cwd);
  const lines: string[] = [];
  const deps: McpCommandDeps = {
    cwd,
    userConfigPath: path.join(base, "config", "protoagent", "protoagent.jsonc"),
    projectConfigPath: path.join(cwd, ".protoagent", "protoagent.jsonc"),
    projectTrusted: false,
    out: (line) => lines.push(line),
  };
  const run = async (...argv: string[]) => {
    const program = new Command("protoagent").exitOverride();
    registerMcpCommand(program, () => deps);
    await program.parseAsync(argv, { from: "user" });
  };
  return { base, cwd, deps, lines, run };
}

describe("config editing", () => {
  it("adds, replaces and removes servers while keeping comments", () => {
    const { deps } = setup();
    mkdirSync(path.dirname(deps.userConfigPath), { recursive: true });
    writeFileSync(
      deps.userConfigPath,
      '// my config\n{\n  // the model I like\n  "model": "openai/gpt-5-mini",\n}\n',
    );
    expect(
      addServerToConfig(deps.userConfigPath, "fs", { command: "npx", args: ["-y", "fs-server"] }),
    ).toEqual({ replaced: false });
    expect(addServerToConfig(deps.userConfigPath, "fs", { command: "node", args: ["x.js"] })).toEqual({
      replaced: true,
    });
    addServerToConfig(deps.userConfigPath, "web", { type: "http", url: "https://example.com/mcp" });
    const text = readFileSync(deps.userConfigPath, "utf8");
    expect(text).toContain("// my config");
    expect(text).toContain("// the model I like");
    expect(readConfiguredServers(deps.userConfigPath)).toEqual({
      fs: { command: "node", args: ["x.js"] },
      web: { type: "http", url: "https://example.com/mcp" },
    });
    expect(statSync(deps.userConfigPath).mode & 0o777).toBe(0o600);
    expect(removeServerFromConfig(deps.userConfigPath, "fs")).toBe(true);
    expect(removeServerFromConfig(deps.userConfigPath, "fs")).toBe(false);
    expect(Object.keys(readConfiguredServers(deps.userConfigPath))).toEqual(["web"]);
    expect(readFileSync(deps.userConfigPath, "utf8")).toContain("// the model I like");
  });

  it("refuses bad names, invalid entries and broken files", () => {
    const { deps } = setup();
    expect(() => addServerToConfig(deps.userConfigPath, "bad name", { command: "x" })).toThrow(
      /may only use/,
    );
    expect(() => addServerToConfig(deps.userConfigPath, "x", { command: "x", bogus: 1 } as never)).toThrow();
    mkdirSync(path.dirname(deps.userConfigPath), { recursive: true });
    writeFileSync(deps.userConfigPath, "{ broken");
    expect(() => addServerToConfig(deps.userConfigPath, "x", { command: "x" })).toThrow(/not valid JSONC/);
    expect(readFileSync(deps.userConfigPath, "utf8")).toBe("{ broken");
  });

  it("builds entries from command-line arguments", () => {
    expect(
      serverFromArgs("npx", ["-y", "pkg"], { env: ["TOKEN=a=b"], timeout: "5000", trust: true }),
    ).toEqual({
      command: "npx",
      args: ["-y", "pkg"],
      env: { TOKEN: "a=b" },
      timeoutMs: 5000,
      trust: true,
    });
    expect(
      serverFromArgs("https://x.dev/sse", [], { transport: "sse", header: ["Authorization: Bearer t"] }),
    ).toEqual({
      type: "sse",
      url: "https://x.dev/sse",
      headers: { Authorization: "Bearer t" },
    });
    expect(() => serverFromArgs("https://x.dev", ["extra"], {})).toThrow(/only make sense/);
    expect(() => serverFromArgs("cmd", [], { env: ["NOEQUALS"] })).toThrow(/KEY=VALUE/);
  });
});

describe("protoagent mcp", () => {
  it("add / list / remove through the CLI, with --project and .mcp.json", async () => {
    const { cwd, deps, lines, run } = setup();
    await run("mcp", "add", "fx", "-e", "A=1", "--", process.execPath, FIXTURE, "stdio");
    await run("mcp", "add", "--project", "remote", "https://example.com/mcp");
    writeFileSync(
      path.join(cwd, ".mcp.json"),
      JSON.stringify({ mcpServers: { shared: { command: "shared-server" } } }),
    );
    expect(readConfiguredServers(deps.userConfigPath).fx).toEqual({
      command: process.execPath,
      args: [FIXTURE, "stdio"],
      env: { A: "1" },
    });
    lines.length = 0;
    await run("mcp", "list");
    expect(lines).toEqual([
      `user (${deps.userConfigPath}):`,
      `  fx  stdio  ${process.execPath} ${FIXTURE} stdio`,
      `project (${deps.projectConfigPath}):`,
      "  remote  http  https://example.com/mcp",
      `project (${path.join(cwd, ".mcp.json")}):`,
      "  shared  stdio  shared-server",
    ]);
    lines.length = 0;
    await run("mcp", "list", "--check");
    expect(lines[1]).toMatch(/^ {2}fx .*\[ready, \d+ tools, schemas ≈[1-9]\d* tokens\]$/);
    expect(lines[3]).toMatch(/\[not started \(untrusted project\)\]$/);
    await run("mcp", "remove", "fx");
    await run("mcp", "remove", "fx");
    expect(lines.slice(-2)).toEqual([
      `Removed MCP server "fx" from ${deps.userConfigPath}.`,
      `No MCP server "fx" in ${deps.userConfigPath}.`,
    ]);
    expect(process.exitCode).toBe(1);
    await expect(run("mcp", "add", "web", "https://x.dev", "extra")).rejects.toBeInstanceOf(UserError);
  });

  it("lists a hostile project entry without its escape sequences", async () => {
    const { cwd, lines, run } = setup();
    writeFileSync(
      path.join(cwd, ".mcp.json"),
      JSON.stringify({ mcpServers: { evil: { command: "srv\u001b]0;pwned\u0007\u001b[2Jx" } } }),
    );
    await run("mcp", "list");
    expect(lines.join("\n")).not.toContain("\u001b");
    expect(lines.at(-1)).toBe("  evil  stdio  srvx");
  });
});
