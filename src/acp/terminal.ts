// The terminal port an ACP session gives its Runtime when the client offers `terminal`: bash commands run in
// the editor's terminal (terminal/create with the exact argv, environment and folder the agent would spawn —
// the sandbox program first when the command is sandboxed), shown live inside their tool call. The agent
// still owns the timeout and the abort: it kills the terminal, then reads what it printed and releases it.
// The bash tool has asked its approval before any call reaches here.
import { setTimeout as sleep } from "node:timers/promises";
import type * as acp from "@agentclientprotocol/sdk";
import type { TerminalPort, TerminalResult } from "../runtime/index.js";

const KILL_WAIT_MS = 5_000;

/** `ref.id` is the session id once known; `show` embeds the terminal in its tool call (the editor's view). */
export function clientTerminal(
  client: acp.AgentContext,
  ref: { id: string },
  show: (callId: string, terminalId: string) => void,
): TerminalPort {
  return {
    async run(input): Promise<TerminalResult> {
      const create: acp.CreateTerminalRequest = {
        sessionId: ref.id,
        command: input.file,
        args: input.args,
        env: Object.entries(input.env).map(([name, value]) => ({ name, value })),
        cwd: input.cwd,
        outputByteLimit: input.outputLimit,
      };
      const { terminalId } = await client.request("terminal/create", create);
      const params: acp.TerminalOutputRequest = { sessionId: ref.id, terminalId };
      show(input.callId, terminalId);
      let timedOut = false;
      let aborted = false;
      let stop = () => {};
      const stopped = new Promise<undefined>((resolve) => {
        const onAbort = () => {
          aborted = true;
          resolve(undefined);
        };
        const timer = setTimeout(() => {
          timedOut = true;
          resolve(undefined);
        }, input.timeoutMs);
        stop = () => {
          clearTimeout(timer);
          input.signal.removeEventListener("abort", onAbort);
        };
        if (input.signal.aborted) onAbort();
        else input.signal.addEventListener("abort", onAbort, { once: true });
      });
      try {
        const waiting = client.request("terminal/wait_for_exit", params);
        const exit = await Promise.race([waiting, stopped]);
        stop();
        if (!exit) {
          await client.request("terminal/kill", params);
          // The kill ends the command: its exit status (a signal) is what the output then reports.
          await Promise.race([
            waiting.catch(() => undefined),
            sleep(KILL_WAIT_MS, undefined, { ref: false }),
          ]);
        }
        const out = await client.request("terminal/output", params);
        return {
          exitCode: out.exitStatus?.exitCode ?? exit?.exitCode ?? null,
          signal: out.exitStatus?.signal ?? exit?.signal ?? null,
          output: out.output,
          truncated: out.truncated,
          timedOut: timedOut && !aborted,
          aborted,
        };
      } finally {
        stop();
        await client.request("terminal/release", params).catch(() => undefined);
      }
    },
  };
}
