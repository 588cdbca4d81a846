// The bash tool end to end with real child processes in temp folders. Only harmless commands are run
// (echo, ls, cat, seq, sleep, printenv, git status in a scratch repo); dangerous ones are only classified.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ApprovalOutcome, type ApprovalRequest, ToolDeniedError } from "../../src/approval/types.js";
import { bashTool } from "../../src/tools/bash.js";
import { createToolState, type ToolContext } from "../../src/tools/tool.js";

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "protoagent-bash-")));
  writeFileSync(path.join(dir, "hello.txt"), "hello\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function makeCtx(
  opts: {
    approve?: (r: ApprovalRequest) => ApprovalOutcome;
    signal?: AbortSignal;
    onUpdate?: (c: string) => void;
  } = {},
) {
  const requests: ApprovalRequest[] = [];
  const updates: string[] = [];
  const ctx: ToolContext = {
    cwd: dir,
    readOnlyRoots: [],
    signal: opts.signal ?? new AbortController().signal,
    sessionId: "session",
    callId: "call",
    state: createToolState(),
    approve: async (request) => {
      requests.push(request);
      return opts.approve ? opts.approve(request) : { approved: true, by: "test" };
    },
    update: (chunk) => {
      updates.push(chunk);
      opts.onUpdate?.(chunk);
    },
  };
  return { ctx, requests, updates };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pgid: number): Promise<boolean> {
  const deadline = Date.now() + 10_000; // zombies linger until the init process reaps them
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return !groupAlive(pgid);
}

describe("bash tool: running commands", () => {
  it("runs a read-only command without asking and reports the exit code", async () => {
    const { ctx, requests, updates } = makeCtx();
    const result = await bashTool.execute({ command: "ls && cat hello.txt" }, ctx);
    // One request, marked safe: the engine runs it silently unless an ask or deny rule names it.
    expect(requests).toEqual([
      expect.objectContaining({ command: "ls && cat hello.txt", safe: true, readOnly: true }),
    ]);
    expect(requests[0]?.reason).toBeUndefined();
    expect(result.content).toBe("hello.txt\nhello\n\nExit code: 0");
    expect(result.summary).toBe("exit 0");
    expect(result.isError).toBe(false);
    expect(result.details).toMatchObject({
      kind: "shell",
      exitCode: 0,
      signal: null,
      timedOut: false,
      truncated: false,
      totalBytes: 16,
    });
    expect(updates.join("")).toBe("hello.txt\nhello\n");
  });

  it("keeps stderr and treats a non-zero exit as a normal result", async () => {
    const { ctx } = makeCtx();
    const result = await bashTool.execute({ command: "ls missing-file" }, ctx);
    expect(result.content).toMatch(/missing-file/);
    expect(result.content).toMatch(/Exit code: 2$/);
    expect(result.summary).toBe("exit 2");
    expect(result.isError).toBe(false);
  });

  it("closes stdin, so a command waiting for input ends at once", async () => {
    const { ctx } = makeCtx();
    const result = await bashTool.execute({ command: "cat", timeout_ms: 15_000 }, ctx);
    expect(result.details).toMatchObject({ exitCode: 0, timedOut: false });
    expect(result.content).toBe("(no output)\n\nExit code: 0");
  });

  it("caps output with head and tail and reports the total size", async () => {
    const { ctx } = makeCtx();
    const result = await bashTool.execute({ command: "seq 1 200000" }, ctx);
    const expectedBytes = Array.from({ length: 200_000 }, (_, i) => String(i + 1).length + 1).reduce(
      (a, b) => a + b,
      0,
    );
    expect(result.details).toMatchObject({ truncated: true, totalBytes: expectedBytes, exitCode: 0 });
    const text = result.content as string;
    expect(text.startsWith("1\n2\n3\n")).toBe(true);
    expect(text).toMatch(/199999\n200000\n\nExit code: 0/);
    expect(text).toMatch(/output truncated/);
    expect(text.length).toBeLessThan(32_000);
  });

  it("scrubs secrets from the environment", async () => {
    process.env.PROTOAGENT_TEST_FAKE_API_KEY = "fake-secret-value";
    process.env.FOO_API_KEY = "another-fake-secret";
    try {
      const { ctx } = makeCtx();
      const result = await bashTool.execute({ command: "printenv" }, ctx);
      expect(result.content).not.toMatch(/fake-secret-value|another-fake-secret/);
      expect(result.content).toMatch(/^PATH=/m);
      expect(result.content).toMatch(/^GIT_CONFIG_KEY_0=core\.fsmonitor$/m);
    } finally {
      delete process.env.PROTOAGENT_TEST_FAKE_API_KEY;
      delete process.env.FOO_API_KEY;
    }
  });

  it("clamps the timeout and says so", async () => {
    const { ctx } = makeCtx();
    const result = await bashTool.execute({ command: "true", timeout_ms: 900_000 }, ctx);
    expect(result.content).toMatch(/timeout_ms 900000 is above the maximum; used 600000/);
  });

  it("fails with a recovery hint when bash cannot start", async () => {
    const { ctx } = makeCtx();
    ctx.cwd = path.join(dir, "does-not-exist");
    await expect(bashTool.execute({ command: "true" }, ctx)).rejects.toThrow(/Could not start bash/);
  });
});

describe("bash tool: timeouts and aborts kill the whole process group", () => {
  it("kills grandchildren on timeout, escalating to SIGKILL when SIGTERM is ignored", async () => {
    const { ctx, requests } = makeCtx();
    const result = await bashTool.execute(
      { command: "echo $$; trap '' TERM; sleep 30 & sleep 30", timeout_ms: 300 },
      ctx,
    );
    expect(requests).toHaveLength(1);
    expect(result.isError).toBe(true);
    expect(result.summary).toBe("timed out");
    expect(result.content).toMatch(/^Command timed out after 300ms; output so far:\n\d+/);
    const pgid = Number((result.details as { output: string }).output.trim().split("\n")[0]);
    expect(pgid).toBeGreaterThan(1);
    expect(await waitUntilGone(pgid)).toBe(true);
  });

  it("stops the command when the signal aborts", async () => {
    const controller = new AbortController();
    const { ctx } = makeCtx({
      signal: controller.signal,
      onUpdate: (chunk) => {
        if (chunk.includes("started")) controller.abort();
      },
    });
    const result = await bashTool.execute({ command: "echo $$ started; sleep 30 & sleep 30" }, ctx);
    expect(result.summary).toBe("aborted");
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/^Command aborted by user\.\nOutput so far:\n\d+ started/);
    const pgid = Number((result.details as { output: string }).output.trim().split(" ")[0]);
    expect(await waitUntilGone(pgid)).toBe(true);
  });

  it("does not start a command when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { ctx } = makeCtx({ signal: controller.signal });
    const result = await bashTool.execute({ command: "touch started.txt" }, ctx);
    expect(result).toMatchObject({ summary: "aborted", isError: true });
    expect(existsSync(path.join(dir, "started.txt"))).toBe(false);
  });

  it("does not wait for background processes that keep the output open", async () => {
    const { ctx } = makeCtx();
    const result = await bashTool.execute({ command: "echo $$; sleep 30 & echo done" }, ctx);
    const pgid = Number((result.details as { output: string }).output.trim().split("\n")[0]);
    try {
      expect(result.content).toMatch(/done/);
      expect(result.content).toMatch(/Background processes kept running/);
    } finally {
      process.kill(-pgid, "SIGKILL");
    }
    expect(await waitUntilGone(pgid)).toBe(true);
  });
});

describe("bash tool: approvals", () => {
  it("asks with the full command and throws the user's rejection with feedback", async () => {
    const { ctx, requests } = makeCtx({
      approve: () => ({ approved: false, reason: "User declined", feedback: "use npm ci" }),
    });
    const run = bashTool.execute({ command: "touch created.txt\necho more" }, ctx);
    await expect(run).rejects.toBeInstanceOf(ToolDeniedError);
    await expect(run).rejects.toMatchObject({ message: "User declined", feedback: "use npm ci" });
    expect(requests).toEqual([
      {
        tool: "bash",
        kind: "shell",
        title: "Run: touch created.txt …",
        detail: "touch created.txt\necho more",
        command: "touch created.txt\necho more",
        reason: "touch is not on the read-only allowlist.",
        onlyUnlisted: true,
        commands: [
          ["touch", "created.txt"],
          ["echo", "more"],
        ],
      },
    ]);
    expect(existsSync(path.join(dir, "created.txt"))).toBe(false);
  });

  it("runs an approved command", async () => {
    const { ctx, requests } = makeCtx();
    const result = await bashTool.execute({ command: "touch created.txt" }, ctx);
    expect(requests).toHaveLength(1);
    expect(result.summary).toBe("exit 0");
    expect(existsSync(path.join(dir, "created.txt"))).toBe(true);
  });

  it("never asks for a hard-blocked command", async () => {
    const { ctx, requests } = makeCtx();
    for (const command of ["sudo true", "rm -rf /", "bash -c 'rm -rf ~'", ":(){ :|:& };:"]) {
      await expect(bashTool.execute({ command }, ctx)).rejects.toThrow(/^Command blocked for safety/);
    }
    expect(requests).toHaveLength(0);
  });

  it("shows invisible characters in the approval prompt", async () => {
    const { ctx, requests } = makeCtx({ approve: () => ({ approved: false, reason: "no" }) });
    await expect(bashTool.execute({ command: "echo a\u202eb" }, ctx)).rejects.toThrow("no");
    expect(requests[0]?.detail).toBe("echo a\\u{202e}b");
    expect(requests[0]?.command).toBe("echo a\u202eb");
  });
});

const hasGit = (() => {
  try {
    execFileSync("git", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasGit)("bash tool: git hardening", () => {
  it("a repository's fsmonitor does not run, even for an approved git status", async () => {
    execFileSync("git", ["init", "-q", dir]);
    mkdirSync(path.join(dir, "sub"));
    execFileSync("git", [
      "-C",
      dir,
      "config",
      "core.fsmonitor",
      `touch ${path.join(dir, "fsmonitor-ran")}; false`,
    ]);
    const { ctx, requests } = makeCtx();
    const result = await bashTool.execute({ command: "git status --short" }, ctx);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.reason).toMatch(/fsmonitor/);
    expect(result.summary).toBe("exit 0");
    expect(existsSync(path.join(dir, "fsmonitor-ran"))).toBe(false);
  });
});

describe("bash tool: credentials in command output", () => {
  it("git remote -v auto-runs but the token in the remote URL never reaches the model", async () => {
    execFileSync("git", ["init", "-q", dir]);
    execFileSync("git", [
      "-C",
      dir,
      "remote",
      "add",
      "origin",
      "https://bot:ghp_SECRETSECRETSECRET@example.test/o/r.git",
    ]);
    const { ctx, requests } = makeCtx();
    const result = await bashTool.execute({ command: "git remote -v" }, ctx);
    expect(requests.filter((r) => !r.safe)).toHaveLength(0);
    const shown = String(result.content);
    expect(shown).toContain("https://bot:[REDACTED]@example.test/o/r.git");
    expect(shown).not.toContain("ghp_SECRET");
    expect(JSON.stringify(result.details)).not.toContain("ghp_SECRET");
  });
});
