// The bash tool through a front-end's terminal (ToolContext.terminal): the port gets the exact argv, scrubbed
// environment and folder the tool would spawn itself — the sandbox program first when sandboxed — only after the
// approval, and the result reads like a spawned run. The fake port here really runs what it is given.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bashTool } from "../../src/tools/bash.js";
import type { TerminalPort, TerminalResult, TerminalRun } from "../../src/tools/tool.js";
import { noSandboxReason, outsideTmp, testSandbox } from "../helpers/sandbox.js";
import { makeContext, run, runError, text } from "../helpers/tool-context.js";

let root: string;
let ws: string;
const saved = { ...process.env };

beforeEach(() => {
  root = outsideTmp("protoagent-term-");
  ws = path.join(root, "work");
  mkdirSync(ws);
  process.env.PA_TERMINAL_MARKER = "marker-42";
  process.env.PA_TERMINAL_API_TOKEN = "FAKE-SECRET";
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(root, { recursive: true, force: true });
});

/** A terminal that runs the argv itself (as an editor would), recording each call and the order of events. */
function fakeTerminal(events: string[], override?: Partial<TerminalResult>) {
  const runs: TerminalRun[] = [];
  let started: () => void = () => {};
  const running = new Promise<void>((r) => {
    started = r;
  });
  const port: TerminalPort = {
    run(input) {
      runs.push(input);
      events.push("terminal");
      return new Promise((resolve) => {
        const child = spawn(input.file, input.args, {
          cwd: input.cwd,
          env: input.env,
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        let timedOut = false;
        let aborted = false;
        const kill = () => {
          try {
            if (child.pid) process.kill(-child.pid, "SIGKILL");
          } catch {}
        };
        const timer = setTimeout(() => {
          timedOut = true;
          kill();
        }, input.timeoutMs);
        const onAbort = () => {
          aborted = true;
          kill();
        };
        input.signal.addEventListener("abort", onAbort, { once: true });
        child.stdout.on("data", (d: Buffer) => {
          output += d.toString();
        });
        child.stderr.on("data", (d: Buffer) => {
          output += d.toString();
        });
        child.on("spawn", started);
        child.on("close", (code, signal) => {
          clearTimeout(timer);
          input.signal.removeEventListener("abort", onAbort);
          resolve({ exitCode: code, signal, output, truncated: false, timedOut, aborted, ...override });
        });
      });
    },
  };
  return { port, runs, running };
}

function context(events: string[], override?: Partial<TerminalResult>) {
  const ctx = makeContext(ws);
  const term = fakeTerminal(events, override);
  ctx.terminal = term.port;
  ctx.answer = () => {
    events.push("approved");
    return { approved: true, by: "test" };
  };
  return { ctx, ...term };
}

describe("bash through a front-end terminal", () => {
  it("runs bash -c with the scrubbed environment in the workspace, after the approval", async () => {
    const events: string[] = [];
    const { ctx, runs } = context(events);
    const command = 'echo "pwd=$PWD marker=$PA_TERMINAL_MARKER token=${PA_TERMINAL_API_TOKEN:-none}"; exit 3';
    const r = await run(bashTool, { command }, ctx);
    expect(events).toEqual(["approved", "terminal"]);
    // `env -i` first: the scrubbed environment is the whole environment, whatever the editor adds.
    const pairs = Object.entries(runs[0]?.env ?? {}).map(([k, v]) => `${k}=${v}`);
    expect(runs[0]).toMatchObject({
      callId: "call-1",
      file: "env",
      args: ["-i", ...pairs, "bash", "--noprofile", "--norc", "-c", command],
      cwd: ws,
      timeoutMs: 120_000,
      outputLimit: 30_000,
    });
    expect(runs[0]?.env.PA_TERMINAL_API_TOKEN).toBeUndefined();
    expect(text(r)).toContain(`pwd=${ws} marker=marker-42 token=none`);
    expect(text(r)).toContain("Exit code: 3");
    expect(r.summary).toBe("exit 3");
    expect(r.details).toMatchObject({ kind: "shell", exitCode: 3, timedOut: false, truncated: false });
  });

  it("never reaches the terminal when the approval is refused", async () => {
    const events: string[] = [];
    const { ctx, runs } = context(events);
    ctx.answer = () => ({ approved: false, reason: "The user declined." });
    const err = await runError(bashTool, { command: "touch nope" }, ctx);
    expect(err).toContain("declined");
    expect(runs).toHaveLength(0);
    expect(existsSync(path.join(ws, "nope"))).toBe(false);
  });

  it("passes the timeout on and reports a timed-out command like a spawned one", async () => {
    const { ctx, runs } = context([]);
    const r = await run(bashTool, { command: "sleep 30", timeout_ms: 300 }, ctx);
    expect(runs[0]?.timeoutMs).toBe(300);
    expect(text(r)).toContain("Command timed out after 300ms");
    expect(r.isError).toBe(true);
  });

  it("passes the abort on", async () => {
    const { ctx, running } = context([]);
    const controller = new AbortController();
    ctx.signal = controller.signal;
    const pending = run(bashTool, { command: "sleep 30" }, ctx);
    await running;
    controller.abort();
    const r = await pending;
    expect(r.summary).toBe("aborted");
    expect(text(r)).toContain("Command aborted by user.");
  });

  it("says when the terminal dropped the beginning of the output", async () => {
    const { ctx } = context([], { truncated: true });
    const r = await run(bashTool, { command: "echo tail-end" }, ctx);
    expect(text(r)).toContain("tail-end");
    expect(text(r)).toContain("kept only the last 30000 bytes");
    expect(r.details).toMatchObject({ truncated: true });
  });

  describe.skipIf(noSandboxReason !== undefined)(
    `sandboxed${noSandboxReason ? ` — skipped: ${noSandboxReason}` : ""}`,
    () => {
      it("runs the sandbox program first, so the terminal's command is still sandboxed", async () => {
        const { ctx, runs } = context([]);
        ctx.sandbox = testSandbox("workspace-write", { ...process.env });
        const command = 'echo "pwd=$PWD marker=$PA_TERMINAL_MARKER" && touch made && touch /usr/pwned';
        const r = await run(bashTool, { command }, ctx);
        const call = runs[0];
        expect(call?.file).toMatch(/bwrap$/);
        expect(call?.args.slice(-5)).toEqual(["bash", "--noprofile", "--norc", "-c", command]);
        expect(call?.args.length).toBeGreaterThan(5);
        expect(call?.env.PA_TERMINAL_MARKER).toBeUndefined();
        expect(text(r)).toContain(`pwd=${ws} marker=marker-42`);
        expect(existsSync(path.join(ws, "made"))).toBe(true);
        expect(existsSync("/usr/pwned")).toBe(false);
        expect(text(r)).toMatch(/Read-only file system|Permission denied/);
        expect(r.summary).toContain("sandboxed (workspace-write)");
      });
    },
  );
});
