// The ACP terminal port against a scripted client: the request order for a normal exit, a timeout and an abort
// (kill before output, release always), the terminal embedded in its call, and what the port reports.
import type * as acp from "@agentclientprotocol/sdk";
import { describe, expect, it } from "vitest";
import { clientTerminal } from "../../src/acp/terminal.js";

/** A client whose terminal exits with `exit` when told (or on kill), recording every request. */
function scripted(exitsAlone: boolean) {
  const calls: Array<{ method: string; params: Record<string, unknown> }> = [];
  let exited: (v: { exitCode: number | null; signal: string | null }) => void = () => {};
  const exit = new Promise<{ exitCode: number | null; signal: string | null }>((r) => {
    exited = r;
  });
  let status: { exitCode: number | null; signal: string | null } | null = null;
  const end = (s: { exitCode: number | null; signal: string | null }) => {
    status = s;
    exited(s);
  };
  const client = {
    async request(method: string, params: Record<string, unknown>) {
      calls.push({ method, params });
      switch (method) {
        case "terminal/create":
          if (exitsAlone) setImmediate(() => end({ exitCode: 0, signal: null }));
          return { terminalId: "t1" };
        case "terminal/wait_for_exit":
          return exit;
        case "terminal/kill":
          end({ exitCode: null, signal: "SIGKILL" });
          return {};
        case "terminal/output":
          return { output: "out\n", truncated: false, exitStatus: status };
        default:
          return {};
      }
    },
  } as unknown as acp.AgentContext;
  return { client, calls };
}

const input = (signal: AbortSignal, timeoutMs = 60_000) => ({
  callId: "c1",
  file: "bash",
  args: ["--noprofile", "--norc", "-c", "echo out"],
  env: { PATH: "/usr/bin", LANG: "C" },
  cwd: "/ws",
  timeoutMs,
  signal,
  outputLimit: 30_000,
});

describe("ACP terminal port", () => {
  it("creates the terminal with the argv, shows it, waits, reads the output and releases it", async () => {
    const { client, calls } = scripted(true);
    const shown: string[] = [];
    const port = clientTerminal(client, { id: "s1" }, (callId, id) => shown.push(`${callId}:${id}`));
    const r = await port.run(input(new AbortController().signal));
    expect(calls[0]).toEqual({
      method: "terminal/create",
      params: {
        sessionId: "s1",
        command: "bash",
        args: ["--noprofile", "--norc", "-c", "echo out"],
        env: [
          { name: "PATH", value: "/usr/bin" },
          { name: "LANG", value: "C" },
        ],
        cwd: "/ws",
        outputByteLimit: 30_000,
      },
    });
    expect(shown).toEqual(["c1:t1"]);
    expect(calls.map((c) => c.method)).toEqual([
      "terminal/create",
      "terminal/wait_for_exit",
      "terminal/output",
      "terminal/release",
    ]);
    expect(r).toEqual({
      exitCode: 0,
      signal: null,
      output: "out\n",
      truncated: false,
      timedOut: false,
      aborted: false,
    });
  });

  it("kills the command on timeout, then reads and releases", async () => {
    const { client, calls } = scripted(false);
    const r = await clientTerminal(client, { id: "s1" }, () => {}).run(
      input(new AbortController().signal, 20),
    );
    expect(calls.map((c) => c.method)).toEqual([
      "terminal/create",
      "terminal/wait_for_exit",
      "terminal/kill",
      "terminal/output",
      "terminal/release",
    ]);
    expect(r).toMatchObject({ timedOut: true, aborted: false, exitCode: null, signal: "SIGKILL" });
  });

  it("kills the command on abort", async () => {
    const { client, calls } = scripted(false);
    const controller = new AbortController();
    const pending = clientTerminal(client, { id: "s1" }, () => {}).run(input(controller.signal));
    await new Promise((r) => setImmediate(r));
    controller.abort();
    const r = await pending;
    expect(calls.map((c) => c.method)).toContain("terminal/kill");
    expect(calls.at(-1)?.method).toBe("terminal/release");
    expect(r).toMatchObject({ aborted: true, timedOut: false });
  });
});
