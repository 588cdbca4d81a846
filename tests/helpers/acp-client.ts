// An ACP client for end-to-end tests: spawns the built CLI as `protoagent acp`, speaks the protocol with the
// SDK's client side over the child's real stdio, records every session/update, answers permission requests
// through a test-set policy, and (optionally) serves fs/read_text_file and fs/write_text_file from memory and
// the terminal methods by running the requested command itself (the client owns those processes).
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import * as acp from "@agentclientprotocol/sdk";
import { CLI } from "./run-cli.js";

export interface AcpClientOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  /** Advertise fs.readTextFile / fs.writeTextFile and serve them from `buffers` (else from the disk). */
  fs?: boolean;
  /** Advertise `terminal` and run terminal/create commands here (recorded in `terminalCalls`). */
  terminal?: boolean;
}

/** A command the client runs for the agent (terminal/create). */
interface ClientTerminal {
  child: ChildProcess;
  output: Buffer;
  limit: number;
  truncated: boolean;
  exit?: { exitCode: number | null; signal: string | null };
  exited: Promise<{ exitCode: number | null; signal: string | null }>;
}

function runTerminal(params: acp.CreateTerminalRequest): ClientTerminal {
  const child = spawn(params.command, params.args ?? [], {
    cwd: params.cwd ?? undefined,
    env: Object.fromEntries((params.env ?? []).map((v) => [v.name, v.value])),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const term: ClientTerminal = {
    child,
    output: Buffer.alloc(0),
    limit: params.outputByteLimit ?? Number.POSITIVE_INFINITY,
    truncated: false,
    exited: new Promise((resolve) =>
      child.on("close", (exitCode, signal) => {
        term.exit = { exitCode, signal };
        resolve(term.exit);
      }),
    ),
  };
  const add = (d: Buffer) => {
    term.output = Buffer.concat([term.output, d]);
    if (term.output.length > term.limit) {
      term.output = term.output.subarray(term.output.length - term.limit);
      term.truncated = true;
    }
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  return term;
}

function killTerminal(term: ClientTerminal | undefined): void {
  if (!term || term.exit || term.child.pid === undefined) return;
  try {
    process.kill(-term.child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

type PermissionPolicy = (
  req: acp.RequestPermissionRequest,
  signal: AbortSignal,
) => Promise<acp.RequestPermissionResponse>;

/** A policy that picks the option with this id. */
export const choose =
  (optionId: string): PermissionPolicy =>
  async () => ({ outcome: { outcome: "selected", optionId } });

export class AcpTestClient {
  readonly updates: acp.SessionNotification[] = [];
  readonly permissionRequests: acp.RequestPermissionRequest[] = [];
  /** Unsaved editor buffers by absolute path (fs clients): reads prefer them; writes land here. */
  readonly buffers = new Map<string, string>();
  readonly writes: Array<{ path: string; content: string }> = [];
  /** Every terminal/* request the agent sent, in order. */
  readonly terminalCalls: Array<{
    method: string;
    params: { terminalId?: string } & Record<string, unknown>;
  }> = [];
  readonly terminals = new Map<string, ClientTerminal>();
  stderr = "";
  /** Everything the agent wrote on stdout (must be protocol messages only). */
  stdout = "";
  policy: PermissionPolicy = async () => ({ outcome: { outcome: "cancelled" } });
  private waiters: Array<() => void> = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: acp.ClientConnection,
  ) {}

  static async start(opts: AcpClientOptions): Promise<AcpTestClient> {
    const child = spawn(process.execPath, [CLI, "acp"], {
      cwd: opts.cwd,
      env: opts.env as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let self: AcpTestClient | undefined;
    const app = acp
      .client({ name: "protoagent-test" })
      .onNotification("session/update", ({ params }) => {
        self?.updates.push(params);
        self?.wake();
      })
      .onRequest("session/request_permission", async ({ params, signal }) => {
        if (!self) throw new Error("not started");
        self.permissionRequests.push(params);
        self.wake();
        return self.policy(params, signal);
      })
      .onRequest("fs/read_text_file", ({ params }) => ({
        content: self?.buffers.get(params.path) ?? readFileSync(params.path, "utf8"),
      }))
      .onRequest("fs/write_text_file", ({ params }) => {
        self?.buffers.set(params.path, params.content);
        self?.writes.push({ path: params.path, content: params.content });
        return {};
      })
      .onRequest("terminal/create", ({ params }) => {
        const c = need();
        const terminalId = `term-${c.terminals.size + 1}`;
        c.terminals.set(terminalId, runTerminal(params));
        c.record("terminal/create", params);
        return { terminalId };
      })
      .onRequest("terminal/output", ({ params }) => {
        const term = need().terminal("terminal/output", params);
        return {
          output: term.output.toString("utf8"),
          truncated: term.truncated,
          exitStatus: term.exit ?? null,
        };
      })
      .onRequest(
        "terminal/wait_for_exit",
        async ({ params }) => need().terminal("terminal/wait_for_exit", params).exited,
      )
      .onRequest("terminal/kill", ({ params }) => {
        killTerminal(need().terminal("terminal/kill", params));
        return {};
      })
      .onRequest("terminal/release", ({ params }) => {
        const c = need();
        killTerminal(c.terminal("terminal/release", params));
        c.terminals.delete(params.terminalId);
        return {};
      });
    const need = () => {
      if (!self) throw new Error("not started");
      return self;
    };
    const stream = acp.ndJsonStream(
      Writable.toWeb(child.stdin as NodeJS.WritableStream as Writable) as WritableStream<Uint8Array>,
      Readable.toWeb(child.stdout as Readable) as ReadableStream<Uint8Array>,
    );
    self = new AcpTestClient(child, app.connect(stream));
    const client = self;
    child.stderr?.on("data", (d: Buffer) => {
      client.stderr += d.toString();
    });
    child.stdout?.on("data", (d: Buffer) => {
      client.stdout += d.toString();
    });
    await self.agent.request("initialize", {
      protocolVersion: acp.PROTOCOL_VERSION,
      clientCapabilities: {
        ...(opts.fs ? { fs: { readTextFile: true, writeTextFile: true } } : {}),
        ...(opts.terminal ? { terminal: true } : {}),
      },
      clientInfo: { name: "protoagent-test", version: "0.0.0" },
    });
    return self;
  }

  get agent(): acp.ClientContext {
    return this.connection.agent;
  }

  private record(method: string, params: { terminalId?: string } & Record<string, unknown>): void {
    this.terminalCalls.push({ method, params });
    this.wake();
  }

  /** Records a request about a terminal and returns it (unknown ids are a protocol error). */
  private terminal(method: string, params: { terminalId: string; sessionId: string }): ClientTerminal {
    this.record(method, params);
    const term = this.terminals.get(params.terminalId);
    if (!term) throw acp.RequestError.invalidParams({ terminalId: params.terminalId }, "Unknown terminal.");
    return term;
  }

  /** The terminal/* methods received, in order. */
  terminalMethods(): string[] {
    return this.terminalCalls.map((c) => c.method);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once `pred` holds (checked now and after every update or permission request). */
  async waitFor(pred: () => boolean, what = "condition"): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  }

  /** Updates of one kind for a session. */
  of<K extends acp.SessionUpdate["sessionUpdate"]>(
    sessionId: string,
    kind: K,
  ): Array<Extract<acp.SessionUpdate, { sessionUpdate: K }>> {
    return this.updates
      .filter((n) => n.sessionId === sessionId && n.update.sessionUpdate === kind)
      .map((n) => n.update as Extract<acp.SessionUpdate, { sessionUpdate: K }>);
  }

  /** The agent's streamed answer text for a session. */
  agentText(sessionId: string): string {
    return this.of(sessionId, "agent_message_chunk")
      .map((u) => (u.content.type === "text" ? u.content.text : ""))
      .join("");
  }

  /** Ends the connection (stdin closes) and waits for the agent process to exit. */
  async close(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once("exit", (code) => resolve(code));
    });
    for (const term of this.terminals.values()) killTerminal(term);
    this.connection.close();
    this.child.stdin?.end();
    return exited;
  }
}
