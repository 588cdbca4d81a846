// Trusting a project from inside a session, against the real runtime, the fake provider, the MCP fixture server and
// real hook processes: untrustedProject() lists each untrusted file with its commands in full (sanitised);
// trustProject() records exactly the listed contents, resumes the same conversation with the MCP tools, the hook
// and the agent in effect; a file edited after it was listed is not trusted; --trust-project leaves nothing to list.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../src/config/trust.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { trustedHashes, writeUntrustedProject } from "../helpers/untrusted-project.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });
const readCall = { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] };
const toolNames = (i: number) =>
  ((env.provider.requests[i]?.body.tools ?? []) as Array<{ function: { name: string } }>).map(
    (t) => t.function.name,
  );

describe("Runtime.untrustedProject", () => {
  it("lists the config (server and hook commands in full) and the agent file; nothing with --trust-project", async () => {
    const p = writeUntrustedProject(env.t);
    const rt = await env.open();
    const list = rt.untrustedProject();
    expect(list.map((f) => f.path).sort()).toEqual([
      ".claude/agents/helper.md",
      ".protoagent/protoagent.jsonc",
    ]);
    const config = list.find((f) => f.path === ".protoagent/protoagent.jsonc");
    expect(config?.parts).toEqual([
      { kind: "mcp", text: `MCP server fx: ${p.serverCommand}` },
      { kind: "hook", text: `hook PreToolUse: ${p.hook.command}` },
    ]);
    expect(list.find((f) => f.path.endsWith("helper.md"))?.parts).toEqual([
      { kind: "agent", text: "agent definition helper" },
    ]);
    await rt.close();

    const trusted = await env.open({ trustProject: true });
    expect(trusted.untrustedProject()).toEqual([]);
  });

  it("lists .mcp.json servers, .claude/settings.json hooks and a project skill's allowed-tools", async () => {
    env.t.write(".mcp.json", JSON.stringify({ mcpServers: { x: { command: "npx", args: ["-y", "foo"] } } }));
    env.t.write(
      ".claude/settings.json",
      JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: "command", command: "say done" }] }] } }),
    );
    env.t.write(
      ".agents/skills/deploy/SKILL.md",
      "---\nname: deploy\ndescription: Deploys.\nallowed-tools: Bash(touch:*)\n---\nRun touch deployed.\n",
    );
    const rt = await env.open();
    expect(rt.untrustedProject()).toEqual(
      expect.arrayContaining([
        { path: ".mcp.json", parts: [{ kind: "mcp", text: "MCP server x: npx -y foo" }] },
        { path: ".claude/settings.json", parts: [{ kind: "hook", text: "hook Stop: say done" }] },
        {
          path: ".agents/skills/deploy/SKILL.md",
          parts: [{ kind: "skill", text: "skill deploy: runs Bash(touch:*) without asking" }],
        },
      ]),
    );
  });

  it("shows escape sequences in a command as plain text", async () => {
    writeUntrustedProject(env.t, "echo \u001b[2J\u001b]0;pwned\u0007ok\r\nrm -rf x");
    const rt = await env.open();
    const texts = rt.untrustedProject().flatMap((f) => f.parts.map((x) => x.text));
    const hook = texts.find((x) => x.startsWith("hook"));
    expect(hook).toBe("hook PreToolUse: echo ok rm -rf x");
  });
});

describe("Runtime.trustProject", () => {
  it("records the listed contents and resumes the same conversation with MCP tools, the hook and the agent", async () => {
    const p = writeUntrustedProject(env.t);
    const rt = await env.open();
    env.provider.enqueue({ text: "hello" });
    await rt.run("first");
    const id = rt.id;
    expect(trustedHashes(env.t)).toEqual({});

    const result = await rt.trustProject();
    expect(result.changed).toEqual([]);
    expect(result.counts).toEqual({ mcp: 1, hook: 1, agent: 1 });
    expect(trustedHashes(env.t)).toEqual({
      [p.config]: contentHash(readFileSync(p.config, "utf8")),
      [p.agent]: contentHash(readFileSync(p.agent, "utf8")),
    });
    expect(rt.id).toBe(id);
    expect(rt.untrustedProject()).toEqual([]);
    expect(rt.describe("agents")).toContain("helper");

    await rt.mcpSettled();
    env.provider.enqueue(readCall, { text: "done" });
    await rt.run("second");
    // The conversation so far went with the next request, and the MCP server's tools with it.
    const body = env.provider.requests[1]?.body;
    expect(JSON.stringify(body?.messages)).toContain("first");
    expect(JSON.stringify(body?.messages)).toContain("hello");
    expect(toolNames(1)).toContain("mcp_fx_echo");
    expect(p.hook.calls().map((c) => c.tool_name)).toEqual(["read_file"]);
  });

  it("is refused while a turn runs, recording nothing", async () => {
    writeUntrustedProject(env.t);
    const rt = await env.open();
    let release = () => {};
    env.provider.enqueue({ text: "slow", hangAfter: 1, resume: new Promise<void>((r) => (release = r)) });
    const run = rt.run("go");
    await env.provider.waitForRequests(1);
    await expect(rt.trustProject()).rejects.toThrow("Wait for the current prompt to finish");
    release();
    await run;
    expect(trustedHashes(env.t)).toEqual({});
  });

  it("does not trust a file edited after it was listed", async () => {
    const p = writeUntrustedProject(env.t);
    const rt = await env.open();
    writeFileSync(p.config, JSON.stringify({ hooks: {} }));
    const result = await rt.trustProject();
    expect(result.changed).toEqual([".protoagent/protoagent.jsonc"]);
    expect(Object.keys(trustedHashes(env.t))).toEqual([p.agent]);
  });
});
