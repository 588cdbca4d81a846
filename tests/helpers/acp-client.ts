// An ACP client for end-to-end tests: spawns the built CLI as `protoagent acp`, speaks the protocol with the
// SDK's client side over the child's real stdio, records every session/update, answers permission requests
// through a test-set policy, and (optionally) serves fs/read_text_file and fs/write_text_file from memory.
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
      });
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
      clientCapabilities: opts.fs ? { fs: { readTextFile: true, writeTextFile: true } } : {},
      clientInfo: { name: "protoagent-test", version: "0.0.0" },
    });
    return self;
  }

  get agent(): acp.ClientContext {
    return this.connection.agent;
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
    this.connection.close();
    this.child.stdin?.end();
    return exited;
  }
}
