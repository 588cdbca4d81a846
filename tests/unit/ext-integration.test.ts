// Extensions wired into a real bootstrapped Session the way bootstrap should do it (see docs/ext.arch.md):
// MCP tools join the registry as servers become ready, activate_skill is registered, and a scripted model calls
// them through the real loop, executor, provider conversion and approval engine.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleSession } from "../../src/runtime/assemble.js";
import { createActivateSkillTool } from "../../src/skills/activate.js";
import { discoverSkills, skillSearchRoots } from "../../src/skills/discover.js";
import { stdioFixture } from "../fixtures/mcp/harness.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
let t: TempEnv;
beforeAll(async () => {
  provider = await FakeProvider.start();
  t = makeTempEnv();
  writeFakeUserConfig(t, provider.url, {
    mcp: { servers: { fx: stdioFixture({ trust: true }), ask: stdioFixture({ includeTools: ["echo"] }) } },
  });
  const skillDir = path.join(t.cwd, ".agents", "skills", "release-notes");
  mkdirSync(skillDir, { recursive: true });
  writeFileSync(
    path.join(skillDir, "SKILL.md"),
    "---\nname: release-notes\ndescription: Writes release notes.\n---\nGroup changes by type.\n",
  );
});
afterAll(async () => {
  await provider.close();
  t.cleanup();
});

describe("extensions in a session", () => {
  it("exposes MCP tools and activate_skill to the model and runs them through the loop", async () => {
    // The assembled session starts its configured MCP servers itself (the extensions feature); a second
    // manager here would race it for the registry's "mcp" group.
    const { session, mcp, sessionLog } = await assembleSession({ cwd: t.cwd, env: t.env, headless: true });
    const found = discoverSkills(
      skillSearchRoots({ cwd: t.cwd, home: t.root, env: t.env, bundledDir: null }),
    );
    const activate = createActivateSkillTool(found.skills);
    session.registry.setGroup("skills", activate ? [activate] : []);
    await mcp.settled();

    const replies = [
      {
        toolCalls: [
          { name: "activate_skill", arguments: { name: "release-notes" } },
          { name: "mcp_fx_image", arguments: {} },
          { name: "mcp_ask_echo", arguments: { text: "hi" } },
        ],
      },
      { text: "done" },
    ];
    provider.setFallback(() => replies.shift() ?? { text: "unexpected" });
    try {
      const result = await session.run("Write release notes");
      expect(result.text).toBe("done");
    } finally {
      await mcp.close();
      sessionLog.close();
    }

    const [first, second] = provider.requests.slice(-2).map((r) => r.body);
    const tools = (
      first!.tools as Array<{ function: { name: string; parameters: Record<string, unknown> } }>
    ).map((x) => x.function);
    const names = tools.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(["activate_skill", "mcp_fx_echo", "mcp_fx_image", "mcp_ask_echo"]),
    );
    expect(names).not.toContain("mcp_ask_image");
    expect(tools.find((f) => f.name === "mcp_fx_echo")?.parameters).toMatchObject({
      type: "object",
      properties: { text: { type: "string" } },
    });
    const sent = JSON.stringify(second!.messages);
    expect(sent).toContain('<skill_content name=\\"release-notes\\">');
    expect(sent).toContain("a red pixel");
    expect(sent).toMatch(/data:image\/png;base64,iVBOR|image\/png image/);
    expect(sent).toMatch(/mcp_ask_echo needs approval and protoagent is running headless/);
  });
});
