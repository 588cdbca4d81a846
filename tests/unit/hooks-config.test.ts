// Where hooks come from: a Claude Code `.claude/settings.json` pasted as is works once the project is trusted
// (ignored with a notice before), the project's protoagent.jsonc hooks likewise, ~/.claude/settings.json always
// applies, and bad entries are one-line errors naming the file and the key path.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hookScript, oneHook } from "../helpers/hooks.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { writeFakeUserConfig } from "../helpers/temp.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });
const bashCall = { toolCalls: [{ name: "bash", arguments: { command: "touch made.txt" } }] };
const made = () => existsSync(path.join(env.t.cwd, "made.txt"));

/** A settings file as Claude Code users have it: other keys around the hooks, `$CLAUDE_PROJECT_DIR` in the command. */
function claudeSettings(script: string) {
  return JSON.stringify(
    {
      $schema: "https://json.schemastore.org/claude-code-settings.json",
      permissions: { allow: ["Bash(npm run lint)"], deny: ["Read(./.env)"] },
      env: { FOO: "bar" },
      hooks: {
        PreToolUse: [
          {
            matcher: "Bash",
            hooks: [
              { type: "command", command: `node "$CLAUDE_PROJECT_DIR"/.claude/hooks/${script}`, timeout: 30 },
            ],
          },
        ],
      },
    },
    null,
    2,
  );
}

function writeBlockingClaudeHook(file: string): void {
  env.t.write(
    path.join(".claude", "hooks", "guard.mjs"),
    `process.stderr.write("blocked by the project's guard"); process.exit(2);`,
  );
  env.t.write(path.join(".claude", file), claudeSettings("guard.mjs"));
}

describe("hook sources", () => {
  it("a pasted .claude/settings.json is ignored with a notice until the project is trusted, then it works", async () => {
    writeBlockingClaudeHook("settings.json");
    const untrusted = await env.open({ mode: "bypass", sandbox: { mode: "off" } });
    expect(untrusted.warnings.join("\n")).toMatch(
      /Ignored the hooks of the untrusted project file .*settings\.json/,
    );
    env.provider.enqueue(bashCall, { text: "ok" });
    await untrusted.run("make it");
    expect(made()).toBe(true);
    await untrusted.close();

    const trusted = await env.open({ mode: "bypass", sandbox: { mode: "off" }, trustProject: true });
    env.provider.enqueue(
      { toolCalls: [{ name: "bash", arguments: { command: "touch other.txt" } }] },
      { text: "ok" },
    );
    await trusted.run("again");
    expect(existsSync(path.join(env.t.cwd, "other.txt"))).toBe(false);
    const tool = env.provider.requests[3]?.body.messages.find((m) => m.role === "tool");
    expect(tool?.content).toBe("Blocked by hook: blocked by the project's guard");
  });

  it(".claude/settings.local.json is read too", async () => {
    writeBlockingClaudeHook("settings.local.json");
    const r = await env.open({ mode: "bypass", sandbox: { mode: "off" }, trustProject: true });
    env.provider.enqueue(bashCall, { text: "ok" });
    await r.run("make it");
    expect(made()).toBe(false);
  });

  it("the project's protoagent.jsonc hooks need trust; the user's ~/.claude/settings.json always applies", async () => {
    const project = hookScript(env.t, "project");
    const userClaude = hookScript(env.t, "userclaude");
    env.t.write(
      ".protoagent/protoagent.jsonc",
      JSON.stringify({ hooks: oneHook("UserPromptSubmit", project.command) }),
    );
    mkdirSync(path.join(env.t.root, ".claude"), { recursive: true });
    writeFileSync(
      path.join(env.t.root, ".claude", "settings.json"),
      JSON.stringify({ hooks: oneHook("UserPromptSubmit", userClaude.command) }),
    );
    const r = await env.open();
    expect(r.warnings.join("\n")).toContain("hooks");
    env.provider.enqueue({ text: "ok" });
    await r.run("hi");
    expect(project.calls()).toHaveLength(0);
    expect(userClaude.calls()).toHaveLength(1);
    await r.close();

    const trusted = await env.open({ trustProject: true });
    env.provider.enqueue({ text: "ok" });
    await trusted.run("hi");
    expect(project.calls()).toHaveLength(1);
  });

  it("a bad entry in protoagent.jsonc is a one-line error naming the file and the key path", async () => {
    writeFakeUserConfig(env.t, env.provider.url, {
      hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "prompt", command: "x" }] }] },
    });
    await expect(env.open()).rejects.toThrow(
      /protoagent\.jsonc:\d+:\d+: hooks\.PreToolUse\.0\.hooks\.0\.type: /,
    );
    writeFakeUserConfig(env.t, env.provider.url, { hooks: { BeforeEverything: [] } });
    await expect(env.open()).rejects.toThrow(/protoagent\.jsonc:\d+:\d+: hooks\.BeforeEverything/);
  });

  it("a bad entry in a Claude settings file is reported in one line and left out; the rest applies", async () => {
    const good = hookScript(env.t, "good");
    mkdirSync(path.join(env.t.root, ".claude"), { recursive: true });
    writeFileSync(
      path.join(env.t.root, ".claude", "settings.json"),
      JSON.stringify({
        hooks: {
          UserPromptSubmit: [
            { hooks: [{ type: "prompt", prompt: "judge it" }] },
            { hooks: [{ type: "command", command: good.command }] },
          ],
          PostToolUseFailure: [],
        },
      }),
    );
    const r = await env.open();
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/settings\.json: hooks\.UserPromptSubmit\[0\]\.hooks\.0\.type: .*\(ignored\)$/),
        expect.stringMatching(/settings\.json: hooks\.PostToolUseFailure: not an event protoagent runs/),
      ]),
    );
    env.provider.enqueue({ text: "ok" });
    await r.run("hi");
    expect(good.calls()).toHaveLength(1);
  });
});
