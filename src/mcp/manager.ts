// McpManager: the MCP servers of one session. start() returns at once; servers connect in parallel in the
// background and their tools are handed to `onToolsChanged` whenever the set changes, so start-up never waits
// on a slow or dead server. No globals: the session creates one manager and closes it at the end.
import type { McpServerConfig } from "../config/schema.js";
import type { Tool } from "../tools/tool.js";
import { createMcpTool } from "./adapter.js";
import { McpConnection, type McpServerState } from "./connection.js";
import { assignToolNames } from "./names.js";
import type { TransportKind } from "./transports.js";

/** One server as /mcp and the status line show it. */
export interface McpServerStatus {
  name: string;
  state: McpServerState;
  transport?: TransportKind;
  /** Exposed tool names (`mcp_<server>_<tool>`). */
  tools: string[];
  /** Last error (failed to start, crashed, timed out), with the tail of the server's stderr when there is one. */
  error?: string;
  /** "name version" as the server reported it. */
  server?: string;
  /** `trust: true` in the config: calls run without asking. */
  trusted: boolean;
  /** OAuth state of a remote server: "authenticated (expires …)", "needs login"; no secrets. */
  auth?: string;
}

export interface McpStartOptions {
  cwd: string;
  /** The full current list of MCP tools (all servers); replace the session's "mcp" tool group with it. */
  onToolsChanged(tools: Tool[]): void;
  /** Every state change of a server (connecting, ready, failed…), for the status line and headless stderr. */
  onStatus?(status: McpServerStatus): void;
  clientInfo?: { name: string; version: string };
  /** Source of the inherited variables; defaults to process.env (only an allow-list is passed on). */
  parentEnv?: Record<string, string | undefined>;
  /** The data folder: OAuth tokens of remote servers live under it (mcp-auth/). */
  dataDir?: string;
  /** Servers that came from the project (its config or .mcp.json): their URLs get the SSRF policy. */
  projectServers?: ReadonlySet<string>;
}

export class McpManager {
  private readonly connections: McpConnection[] = [];
  private opts?: McpStartOptions;
  private initial: Promise<void> = Promise.resolve();
  private toolSignature = "[]";
  private current: Tool[] = [];
  /** Exposed tool name → the connection that serves it. */
  private owner = new Map<string, McpConnection>();

  /** Starts connecting every server in the background and returns immediately. Call once. */
  start(servers: Record<string, McpServerConfig>, opts: McpStartOptions): void {
    if (this.opts) throw new Error("McpManager.start() was already called");
    this.opts = opts;
    for (const [name, config] of Object.entries(servers)) {
      const connection: McpConnection = new McpConnection(name, config, {
        cwd: opts.cwd,
        clientInfo: opts.clientInfo ?? { name: "protoagent", version: "0.1.0" },
        parentEnv: opts.parentEnv,
        dataDir: opts.dataDir,
        origin: opts.projectServers?.has(name) ? "project" : "user",
        onChange: () => this.changed(connection),
      });
      this.connections.push(connection);
    }
    for (const c of this.connections) if (c.state === "disabled") opts.onStatus?.(this.describe(c));
    this.initial = this.connectAll();
  }

  /**
   * Spawning a stdio server blocks the event loop for a few ms (fork/exec is synchronous), so servers are
   * started one per event-loop turn, after the caller's current task (its first render) has finished.
   */
  private async connectAll(): Promise<void> {
    const attempts: Promise<void>[] = [];
    for (const connection of this.connections) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      attempts.push(connection.connect());
    }
    await Promise.all(attempts);
  }

  /** Resolves when every server's first connection attempt has finished (ready or failed). Headless uses it. */
  settled(): Promise<void> {
    return this.initial;
  }

  /** The current MCP tools of all servers (crashed servers keep theirs: a call restarts the server). */
  tools(): Tool[] {
    return this.current;
  }

  status(): McpServerStatus[] {
    return this.connections.map((c) => this.describe(c));
  }

  /** Reconnects one server (restarting a stdio process); for `/mcp reconnect <name>`. */
  async reconnect(name: string): Promise<void> {
    const connection = this.connections.find((c) => c.name === name);
    if (!connection) throw new Error(`No MCP server named "${name}".`);
    await connection.reconnect();
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.close()));
    this.current = [];
  }

  private describe(c: McpConnection): McpServerStatus {
    const tools = this.current.filter((t) => this.owner.get(t.name) === c).map((t) => t.name);
    return {
      name: c.name,
      state: c.state,
      transport: c.kind,
      tools,
      error: c.error,
      server: c.serverVersion,
      trusted: c.config.trust === true,
      auth: c.authState,
    };
  }

  private changed(connection: McpConnection): void {
    this.rebuildTools();
    this.opts?.onStatus?.(this.describe(connection));
  }

  /** Rebuilds the tool list and reports it only when names or definitions actually changed. */
  private rebuildTools(): void {
    const entries = this.connections.flatMap((c) =>
      c.state === "closed" || c.state === "disabled" ? [] : c.tools.map((def) => ({ c, def })),
    );
    const names = assignToolNames(entries.map((e) => ({ server: e.c.name, tool: e.def.name })));
    const signature = JSON.stringify(entries.map((e, i) => [names[i], e.def]));
    if (signature === this.toolSignature) return;
    this.toolSignature = signature;
    this.owner = new Map();
    this.current = entries.map((e, i) => {
      const exposedName = names[i]!;
      this.owner.set(exposedName, e.c);
      return createMcpTool({ exposedName, connection: e.c, def: e.def });
    });
    this.opts?.onToolsChanged(this.current);
  }
}
