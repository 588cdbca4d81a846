// McpManager: the MCP servers of one session. start() returns at once; servers connect in parallel in the
// background and their tools are handed to `onToolsChanged` whenever the set changes, so start-up never waits
// on a slow or dead server. No globals: the session creates one manager and closes it at the end.
import type {
  GetPromptResult,
  Prompt,
  ReadResourceResult,
  Resource,
} from "@modelcontextprotocol/sdk/types.js";
import type { McpServerConfig } from "../config/schema.js";
import type { Tool } from "../tools/tool.js";
import { oneLine } from "../utils/one-line.js";
import { cleanText } from "../utils/terminal-text.js";
import { createMcpTool } from "./adapter.js";
import { McpConnection, type McpServerState } from "./connection.js";
import type { ElicitationAnswer, ElicitationHandler, ElicitationRequest } from "./elicitation.js";
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
  /** Tokens its tool schemas add to a request (o200k count; absent until counted). */
  schemaTokens?: number;
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
  /** One line for the user (an elicitation declined because nobody can answer it, a URL to open). */
  onNotice?(message: string): void;
  /** The data folder: OAuth tokens of remote servers live under it (mcp-auth/). */
  dataDir?: string;
  /** Servers that came from the project (its config or .mcp.json): their URLs get the SSRF policy. */
  projectServers?: ReadonlySet<string>;
}

/** Longest wait for a tool list a server announced as changed before a request goes out without it. */
export const TOOLS_REFRESH_WAIT_MS = 10_000;

export class McpManager {
  private readonly connections: McpConnection[] = [];
  private opts?: McpStartOptions;
  private initial: Promise<void> = Promise.resolve();
  private toolSignature = "[]";
  private current: Tool[] = [];
  /** Exposed tool name → the connection that serves it. */
  private owner = new Map<string, McpConnection>();
  private elicitationHandler?: ElicitationHandler;

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
        elicit: (request, signal) => this.elicit(request, signal),
        notice: (message) => opts.onNotice?.(message),
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

  /** The front-end that answers elicitations; absent → they are declined with a notice naming the server. */
  setElicitationHandler(handler: ElicitationHandler | undefined): void {
    this.elicitationHandler = handler;
  }

  private async elicit(request: ElicitationRequest, signal: AbortSignal): Promise<ElicitationAnswer> {
    if (this.elicitationHandler) return this.elicitationHandler(request, signal);
    const what = oneLine(cleanText(request.message), 120);
    this.opts?.onNotice?.(
      `MCP server "${request.server}" asked for input ("${what}"); declined: this session cannot ask the user.`,
    );
    return { action: "decline" };
  }

  /**
   * Resolves once every tool list a server announced as changed has been fetched and applied, or after
   * TOOLS_REFRESH_WAIT_MS: the loop awaits this before each request so the model sees the current tools.
   */
  toolsReady(): Promise<void> {
    const pending = this.connections.flatMap((c) => c.toolsSettled() ?? []);
    if (pending.length === 0) return Promise.resolve();
    const bound = new Promise<void>((r) => setTimeout(r, TOOLS_REFRESH_WAIT_MS).unref());
    return Promise.race([Promise.all(pending).then(() => {}), bound]);
  }

  /** Prompts of every live server, for `/mcp__<server>__<prompt>`. */
  prompts(): { server: string; prompt: Prompt }[] {
    return this.live().flatMap((c) => c.prompts.map((prompt) => ({ server: c.name, prompt })));
  }

  /** Resources of every live server, for `@server:uri` completion. */
  resources(): { server: string; resource: Resource }[] {
    return this.live().flatMap((c) => c.resources.map((resource) => ({ server: c.name, resource })));
  }

  getPrompt(
    server: string,
    name: string,
    args: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<GetPromptResult> {
    return this.named(server).getPrompt(name, args, signal);
  }

  readResource(server: string, uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    return this.named(server).readResource(uri, signal);
  }

  private live(): McpConnection[] {
    return this.connections.filter((c) => c.state !== "closed" && c.state !== "disabled");
  }

  private named(name: string): McpConnection {
    const connection = this.connections.find((c) => c.name === name);
    if (!connection) throw new Error(`No MCP server named "${name}".`);
    return connection;
  }

  /** Reconnects one server (restarting a stdio process); for `/mcp reconnect <name>`. */
  async reconnect(name: string): Promise<void> {
    await this.named(name).reconnect();
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
