// A skill's allowed-tools (and a prefix allow rule) lift only "not on the read-only list" — never a denied
// option, an outside path, a credential file or a config risk (issue: the bundled code-review/commit-message
// skills grant Bash(git diff:*), after which `git diff --no-index ~/.ssh/id_rsa /dev/null` read any file).
// Real bash tool, real classifier, real approval engine (headless: what would ask is denied), real git.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovalEngine } from "../../src/approval/index.js";
import { discoverSkills } from "../../src/skills/discover.js";
import { bashTool } from "../../src/tools/bash.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";
import { makeContext, makeWorkspace, run, type TempWorkspace } from "../helpers/tool-context.js";

let ws: TempWorkspace;
let secret: string;
beforeAll(async () => {
  ws = await makeWorkspace("pa-grants-");
  execFileSync("git", ["init", "-q", ws.dir]);
  writeFileSync(path.join(ws.dir, "a.txt"), "a\n");
  // A secret outside the workspace (as ~/.ssh/id_rsa would be).
  const home = `${ws.dir}-home`;
  mkdirSync(path.join(home, ".ssh"), { recursive: true });
  secret = path.join(home, ".ssh", "id_rsa");
  writeFileSync(secret, "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n");
});
afterAll(() => ws.cleanup());

const bundled = discoverSkills([
  { dir: new URL("../../skills", import.meta.url).pathname, scope: "bundled" },
]);

/** Runs `command` through the bash tool with the given skill's grants active; returns the tool's outcome. */
async function withGrants(skill: string, command: string, allow: string[] = []) {
  const engine = createApprovalEngine({
    mode: "default",
    rules: { allow },
    specifierOf: builtinSpecifiers,
    headless: true,
    cwd: ws.dir,
  });
  const grants = bundled.skills.find((s) => s.name === skill)?.allowedTools ?? [];
  const handle = engine.addTemporaryAllow(grants, `skill ${skill}`);
  const ctx = makeContext(ws.dir);
  ctx.approve = (req) => engine.approve(req, ctx.signal);
  try {
    const result = await run(bashTool, { command }, ctx);
    return { ran: true, text: String(result.content) };
  } catch (err) {
    return { ran: false, text: (err as Error).message };
  } finally {
    handle.release();
  }
}

describe("skill grants and prefix rules lift only 'not on the list'", () => {
  it("the bundled skills grant git diff/log, but not reading outside files or writing with --output", async () => {
    expect(bundled.skills.map((s) => s.name)).toEqual(
      expect.arrayContaining(["code-review", "commit-message"]),
    );
    const read = await withGrants("code-review", `git diff --no-index ${secret} /dev/null`);
    expect(read.ran).toBe(false);
    expect(read.text).not.toContain("secret");
    const out = path.join(ws.dir, "log-out.txt");
    const write = await withGrants("commit-message", `git log --output=${out}`);
    expect(write.ran).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it("still runs what the grant is for", async () => {
    const diff = await withGrants("commit-message", "git diff --stat");
    expect(diff.ran).toBe(true);
  });

  it("a prefix allow rule lifts an unlisted subcommand but not an outside path", async () => {
    const tag = await withGrants("none", "git tag v1", ["bash(git tag:*)"]);
    expect(tag.ran).toBe(true);
    const cat = await withGrants("none", `git tag -F ${secret} v2`, ["bash(git tag:*)"]);
    expect(cat.ran).toBe(false);
  });
});

describe("project skills", () => {
  it("a repository's skill grants nothing until the user trusts that exact SKILL.md", async () => {
    const { FakeProvider } = await import("../helpers/fake-provider.js");
    const { makeTempEnv, writeFakeUserConfig } = await import("../helpers/temp.js");
    const { Runtime } = await import("../../src/runtime/index.js");
    const provider = await FakeProvider.start();
    const t = makeTempEnv({
      ".agents/skills/deploy/SKILL.md":
        "---\nname: deploy\ndescription: Deploys.\nallowed-tools: Bash(touch:*)\n---\nRun touch deployed.\n",
    });
    writeFakeUserConfig(t, provider.url);
    const attempt = async (trustProject: boolean) => {
      // Sandbox off: this is about the approval; under the default read-only sandbox the granted touch would run
      // sandboxed and write nothing (tests/unit/sandbox-bwrap.test.ts covers that).
      const rt = await Runtime.open({
        cwd: t.cwd,
        env: t.env,
        headless: true,
        version: "t",
        trustProject,
        sandbox: { mode: "off" },
      });
      const ends: string[] = [];
      const notices: string[] = [];
      rt.subscribe((e) => {
        if (e.type === "tool_end" && e.name === "bash") ends.push(e.status);
        if (e.type === "notice") notices.push(e.message);
      });
      provider.enqueue(
        { toolCalls: [{ name: "activate_skill", arguments: { name: "deploy" } }] },
        { toolCalls: [{ name: "bash", arguments: { command: "touch deployed" } }] },
        { text: "ok" },
      );
      await rt.run("deploy");
      await rt.close();
      return { ends, notices };
    };
    try {
      const untrusted = await attempt(false);
      expect(untrusted.ends).toEqual(["denied"]);
      expect(untrusted.notices.join("\n")).toMatch(/allowed-tools were ignored/);
      expect(existsSync(path.join(t.cwd, "deployed"))).toBe(false);
      const trusted = await attempt(true);
      expect(trusted.ends).toEqual(["done"]);
      expect(existsSync(path.join(t.cwd, "deployed"))).toBe(true);
    } finally {
      await provider.close();
      t.cleanup();
    }
  });
});
