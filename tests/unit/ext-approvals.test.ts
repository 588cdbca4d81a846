// MCP calls and skill allowed-tools against the real approval engine: `mcp_<server>_*` rules allow or deny
// calls, headless fails closed, and a skill's allowed-tools (Claude-style names) act as temporary allows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovalEngine } from "../../src/approval/index.js";
import { McpManager } from "../../src/mcp/manager.js";
import { discoverSkills } from "../../src/skills/discover.js";
import type { Tool, ToolContext } from "../../src/tools/tool.js";
import { executeThrough, stdioFixture, testContext } from "../fixtures/mcp/harness.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";

const manager = new McpManager();
beforeAll(async () => {
  manager.start({ gh: stdioFixture() }, { cwd: process.cwd(), onToolsChanged: () => {} });
  await manager.settled();
});
afterAll(() => manager.close());

const tool = (name: string): Tool => manager.tools().find((t) => t.name === name)!;

function contextWith(rules: { allow?: string[]; deny?: string[] }) {
  const engine = createApprovalEngine({
    mode: "default",
    rules,
    specifierOf: builtinSpecifiers,
    headless: true,
    cwd: process.cwd(),
  });
  const { ctx } = testContext();
  ctx.approve = (request) => engine.approve(request, ctx.signal);
  return { ctx, engine };
}

/** A call taken through the executor, as in a session: MCP calls are approved there, once. */
const status = async (name: string, args: unknown, ctx: ToolContext) =>
  (await executeThrough(tool(name), args, ctx)).events.filter((e) => e.type === "tool_end").at(-1);

describe("MCP calls through the approval engine", () => {
  it("allows by an mcp_<server>_* rule, denies by a deny rule, and fails closed otherwise", async () => {
    const allowed = contextWith({ allow: ["mcp_gh_*"] });
    expect((await executeThrough(tool("mcp_gh_echo"), { text: "ok" }, allowed.ctx)).text).toBe("echo: ok");
    const denied = contextWith({ allow: ["mcp_gh_*"], deny: ["mcp_gh_echo"] });
    expect(await status("mcp_gh_echo", { text: "no" }, denied.ctx)).toMatchObject({ status: "denied" });
    const headless = contextWith({});
    expect(await status("mcp_gh_echo", { text: "no" }, headless.ctx)).toMatchObject({ status: "denied" });
  });

  it("treats a skill's allowed-tools as temporary allows until released", async () => {
    const { ctx, engine } = contextWith({});
    const [skill] = discoverSkills([
      { dir: new URL("../fixtures/skills", import.meta.url).pathname, scope: "project" },
    ]).skills.filter((s) => s.name === "list-tools");
    const request = {
      tool: "bash",
      kind: "shell" as const,
      title: "Run: npm test",
      detail: "npm test",
      command: "npm test",
      // What the bash tool sends for it: the classifier's only objection is "not on the read-only list".
      onlyUnlisted: true,
    };
    expect((await engine.approve(request, ctx.signal)).approved).toBe(false);
    const handle = engine.addTemporaryAllow(skill!.allowedTools, `skill ${skill!.name}`);
    expect(handle.errors).toEqual([]);
    expect((await engine.approve(request, ctx.signal)).approved).toBe(true);
    handle.release();
    expect((await engine.approve(request, ctx.signal)).approved).toBe(false);
  });

  it("accepts the bundled skills' allowed-tools as valid rules", () => {
    const { engine } = contextWith({});
    const bundled = discoverSkills([
      { dir: new URL("../../skills", import.meta.url).pathname, scope: "bundled" },
    ]);
    for (const skill of bundled.skills) {
      expect(skill.allowedTools.length).toBeGreaterThan(0);
      const probe = engine.addTemporaryAllow(skill.allowedTools, skill.name);
      expect(probe.errors).toEqual([]);
      probe.release();
    }
    const diff = {
      tool: "bash",
      kind: "shell" as const,
      title: "Run",
      detail: "git diff --cached",
      command: "git diff --cached",
      onlyUnlisted: true,
    };
    const handle = engine.addTemporaryAllow(
      bundled.skills.find((s) => s.name === "commit-message")!.allowedTools,
      "cm",
    );
    return engine.approve(diff, new AbortController().signal).then((outcome) => {
      expect(outcome.approved).toBe(true);
      handle.release();
    });
  });
});
