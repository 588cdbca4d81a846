// The shell policy the bash description leaves out reaches the model where it applies: a hard block explains
// what is never run, a headless or plan-mode denial says why the command was not auto-run and which commands
// are, cut output says how to see the rest, a timeout warns about servers, and a git command whose hooks were
// disabled says so. Real child processes in temp folders; the real approval engine where it decides.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApprovalEngine } from "../../src/approval/engine.js";
import { SHELL_AUTO_RULE } from "../../src/approval/messages.js";
import type { PermissionMode } from "../../src/config/schema.js";
import { bashTool } from "../../src/tools/bash.js";
import { gitHooksNote, HARD_BLOCK_RULE } from "../../src/tools/bash-notes.js";
import { createToolState, type ToolContext } from "../../src/tools/tool.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "protoagent-bash-msg-")));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A context whose approvals the real engine decides (headless: nobody can answer a prompt). */
function engineCtx(mode: PermissionMode): ToolContext {
  const engine = createApprovalEngine({
    mode,
    rules: {},
    specifierOf: builtinSpecifiers,
    headless: true,
    cwd: dir,
  });
  const signal = new AbortController().signal;
  return {
    cwd: dir,
    readOnlyRoots: [],
    signal,
    sessionId: "s",
    callId: "c",
    state: createToolState(),
    approve: (req) => engine.approve(req, signal),
    update: () => {},
  };
}

/** A context where the user approves everything (the runs these tests need to see). */
function approvingCtx(): ToolContext {
  return { ...engineCtx("default"), approve: async () => ({ approved: true, by: "user once" }) };
}

const denial = async (ctx: ToolContext, command: string): Promise<string> => {
  try {
    await bashTool.execute({ command }, ctx);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${command} was not denied`);
};

describe("a hard block", () => {
  it.each([
    "sudo ls",
    "rm -rf /",
    "mkfs.ext4 /dev/sda1",
  ])("%s explains what is never run and what to do instead", async (command) => {
    const message = await denial(approvingCtx(), command);
    expect(message).toMatch(/^Command blocked for safety: /);
    expect(message).not.toContain("Blocked: ");
    expect(message).toContain(HARD_BLOCK_RULE);
    expect(message).toContain("tell the user the exact command");
  });
});

describe("a command that needs approval", () => {
  it("headless: the denial says why it was not auto-run and which commands are", async () => {
    const message = await denial(engineCtx("default"), "npm test");
    expect(message).toContain("protoagent is running headless");
    expect(message).toContain("It was not auto-run because: Only `npm ls` and `npm --version` run without");
    expect(message).toContain(SHELL_AUTO_RULE);
  });

  it("headless: an outside path is named as the reason", async () => {
    const message = await denial(engineCtx("default"), "cat /etc/passwd");
    expect(message).toMatch(/It was not auto-run because: .*outside/);
  });

  it("plan mode: the denial says why the command is not read-only", async () => {
    const message = await denial(engineCtx("plan"), "touch x");
    expect(message).toContain("plan mode");
    expect(message).toContain("It was not auto-run because: touch is not on the read-only allowlist.");
    expect(existsSync(path.join(dir, "x"))).toBe(false);
  });

  it("an auto-run command runs without any of this", async () => {
    writeFileSync(path.join(dir, "f.txt"), "hi\n");
    const result = await bashTool.execute({ command: "cat f.txt" }, engineCtx("default"));
    expect(result.content).toBe("hi\n\nExit code: 0");
  });
});

describe("notes after a run", () => {
  it("cut output says how to see the rest", async () => {
    const result = await bashTool.execute({ command: "seq 1 20000" }, approvingCtx());
    expect(result.content).toMatch(/Note: Output was .*; the middle was left out\. To see more, filter it/);
    expect(result.content).toContain("read parts of that with read_file");
  });

  it("a timeout warns that servers and watchers never finish", async () => {
    const result = await bashTool.execute({ command: "sleep 5", timeout_ms: 200 }, approvingCtx());
    expect(result.isError).toBe(true);
    expect(result.content).toContain("servers and watchers never finish, so do not start them here");
  });

  it("a git commit says its hooks did not run (and they did not)", async () => {
    execFileSync("git", ["init", "-q"], { cwd: dir });
    const hook = path.join(dir, ".git", "hooks", "pre-commit");
    mkdirSync(path.dirname(hook), { recursive: true });
    writeFileSync(hook, `#!/bin/sh\ntouch "${path.join(dir, "hook-ran")}"\n`);
    chmodSync(hook, 0o755);
    const command = "git -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m x";
    const result = await bashTool.execute({ command }, approvingCtx());
    expect(result.content).toContain("Exit code: 0");
    expect(result.content).toContain(
      "Note: git hooks do not run for commands protoagent runs, so none ran for git commit.",
    );
    expect(existsSync(path.join(dir, "hook-ran"))).toBe(false);
  });

  it.each([
    [[["git", "-C", "sub", "push"]], "push"],
    [[["ls"], ["/usr/bin/git", "checkout", "main"]], "checkout"],
    [[["git", "log"]], undefined],
    [[["echo", "git", "commit"]], undefined],
    [[["git", "--no-pager", "status"]], undefined],
  ])("gitHooksNote(%j) names %s", (commands, sub) => {
    const note = gitHooksNote(commands);
    if (sub === undefined) expect(note).toBeUndefined();
    else expect(note).toContain(`none ran for git ${sub}.`);
  });
});
