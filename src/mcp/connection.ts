// One MCP server's lifecycle: connect with a deadline, list its tools (paginated, refreshed on list_changed),
// call tools with a per-call deadline, and notice when the server dies. A dead or unreachable server turns its
// calls into clear errors and is reconnected (a stdio server restarted) on the next call. Owned by McpManager.
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ErrorCode, McpError, type Tool as McpToolDef } from "@modelcontextprotocol/sdk/types.js";
import type { McpServerConfig } from "../config/schema.js";
import {
  authStateOf,
  connectionAuth,
  isAuthRequired,
  loginHint,
  refreshIfExpired,
  stepUpFetch,
} from "./auth/index.js";
import type { ServerOrigin } from "./origin.js";
import type { RawCallResult } from "./render.js";
import {
  closeClient,
  connectServer,
  remoteUrl,
  StderrTail,
  type TransportKind,
  transportKind,
} from "./transports.js";
import { checkRemoteServerUrl } from "./url-policy.js";

/** `needs-login`: the server wants OAuth and no usable token is stored (`protoagent mcp login <name>`). */
export type McpServerState = "connecting" | "ready" | "failed" | "needs-login" | "disabled" | "closed";

/** Waiting for a server to start (npx may download it first) is allowed longer than a typical call. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_CALL_TIMEOUT_MS = 120_000;

export interface ConnectionOptions {
  cwd: string;
  clientInfo: { name: string; version: string };
  parentEnv?: Record<string, string | undefined>;
  /** Where OAuth tokens are stored (the data folder); without it a 401 still reads "needs login". */
  dataDir?: string;
  /** "project" puts a remote URL through the SSRF policy (url-policy.ts). Default "user". */
  origin?: ServerOrigin;
  /** Called after every change of state or tool list. */
  onChange(): void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Matches `pattern` (exact, or with `*` wildcards) against a tool name. */
function matches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return re.test(name);
}

export class McpConnection {
  state: McpServerState;
  kind?: TransportKind;
  /** Tools after includeTools/excludeTools; kept across a crash so the model can still call (and restart) them. */
  tools: McpToolDef[] = [];
  error?: string;
  serverVersion?: string;
  private client?: Client;
  private pending?: Promise<void>;
  private readonly stderr = new StderrTail();
  private readonly closer = new AbortController();
  private auth?: OAuthClientProvider;

  constructor(
    readonly name: string,
    readonly config: McpServerConfig,
    private readonly opts: ConnectionOptions,
  ) {
    this.state = config.enabled === false ? "disabled" : "connecting";
  }

  /** "authenticated (expires …)" for a remote server with stored OAuth tokens; no secrets. */
  get authState(): string | undefined {
    return authStateOf(this.auth);
  }

  get connectTimeoutMs(): number {
    return this.config.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }

  get callTimeoutMs(): number {
    return this.config.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  }

  /** Connects (or reconnects); concurrent callers share one attempt. Never rejects: failures land in `error`. */
  connect(): Promise<void> {
    if (this.state === "disabled" || this.state === "closed") return Promise.resolve();
    this.pending ??= this.doConnect().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async doConnect(): Promise<void> {
    this.setState("connecting");
    const deadline = AbortSignal.any([AbortSignal.timeout(this.connectTimeoutMs), this.closer.signal]);
    let client: Client | undefined;
    try {
      this.kind = transportKind(this.config);
      // Read afresh on every connect: `protoagent mcp login` in another terminal may have stored new tokens.
      this.auth = connectionAuth(this.name, this.config, this.opts.dataDir, this.opts.clientInfo.name);
      if (this.kind !== "stdio") {
        const url = remoteUrl(this.config).href;
        await checkRemoteServerUrl(url, this.opts.origin ?? "user");
        await refreshIfExpired(this.auth, url);
      }
      const connected = await connectServer(this.config, {
        cwd: this.opts.cwd,
        timeoutMs: this.connectTimeoutMs,
        clientInfo: this.opts.clientInfo,
        parentEnv: this.opts.parentEnv,
        stderr: this.stderr,
        signal: deadline,
        authProvider: this.auth,
        fetch: stepUpFetch(this.auth),
        clientOptions: {
          capabilities: {},
          listChanged: { tools: { autoRefresh: false, onChanged: () => void this.refreshTools() } },
        },
      });
      client = connected.client;
      this.kind = connected.kind;
      const tools = await this.listTools(client, deadline);
      if (this.closer.signal.aborted) throw new Error("closed");
      this.client = client;
      client.onclose = () => this.lost(client!);
      const v = client.getServerVersion();
      this.serverVersion = v ? `${v.name} ${v.version}` : undefined;
      this.tools = tools;
      this.error = undefined;
      this.setState("ready");
    } catch (error) {
      if (client) await closeClient(client);
      if (this.closer.signal.aborted) return;
      if (isAuthRequired(error, this.auth)) return this.needsLogin();
      this.error = this.describeFailure(error, deadline);
      this.setState("failed");
    }
  }

  private describeFailure(error: unknown, deadline: AbortSignal): string {
    const timedOut =
      (deadline.aborted && !this.closer.signal.aborted) ||
      (error instanceof McpError && error.code === ErrorCode.RequestTimeout);
    // OAuth errors may carry an empty message; their class name (InvalidClientError…) still says what failed.
    const why = timedOut
      ? `did not answer within ${this.connectTimeoutMs} ms`
      : message(error) || (error instanceof Error ? error.name : "unknown error");
    const stderr = this.stderr.lines();
    return stderr ? `${why}\nserver stderr:\n${stderr}` : why;
  }

  private async listTools(client: Client, signal: AbortSignal): Promise<McpToolDef[]> {
    const all: McpToolDef[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : {}, {
        timeout: this.connectTimeoutMs,
        signal,
      });
      all.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor && all.length < 10_000);
    const { includeTools, excludeTools } = this.config;
    return all.filter(
      (t) =>
        (!includeTools || includeTools.some((p) => matches(p, t.name))) &&
        !(excludeTools ?? []).some((p) => matches(p, t.name)),
    );
  }

  private async refreshTools(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      this.tools = await this.listTools(client, this.closer.signal);
      this.opts.onChange();
    } catch (error) {
      this.error = `refreshing the tool list failed: ${message(error)}`;
      this.opts.onChange();
    }
  }

  /** The transport closed without us asking: the process exited or the connection dropped. */
  private lost(client: Client): void {
    if (this.client !== client || this.closer.signal.aborted) return;
    this.client = undefined;
    const stderr = this.stderr.lines();
    this.error = `the server exited or disconnected; it is restarted on the next call${stderr ? `\nserver stderr:\n${stderr}` : ""}`;
    this.setState("failed");
  }

  /** The server refused our credentials (none, expired and not refreshable, revoked, or too narrow a scope). */
  private needsLogin(): void {
    this.error = loginHint(this.name);
    this.setState("needs-login");
  }

  private setState(state: McpServerState): void {
    this.state = state;
    this.opts.onChange();
  }

  /** Calls a tool, reconnecting first when the server is down. Throws errors written for the model. */
  async call(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<RawCallResult> {
    if (this.state === "closed") throw new Error(`MCP server "${this.name}" has been shut down.`);
    if (this.state === "disabled") throw new Error(`MCP server "${this.name}" is disabled in the config.`);
    if (!this.client) {
      await this.connect();
      if (!this.client) {
        throw new Error(`MCP server "${this.name}" is not available: ${this.error ?? "not connected"}`);
      }
    }
    const client = this.client;
    try {
      return (await client.callTool({ name: tool, arguments: args }, undefined, {
        timeout: this.callTimeoutMs,
        signal,
      })) as RawCallResult;
    } catch (error) {
      throw this.callError(tool, client, error, signal);
    }
  }

  private callError(tool: string, client: Client, error: unknown, signal: AbortSignal): Error {
    if (signal.aborted) return new Error(`Call to ${this.name}/${tool} was cancelled.`);
    if (isAuthRequired(error, this.auth)) {
      if (this.client === client) this.client = undefined;
      void closeClient(client);
      this.needsLogin();
      return new Error(`MCP server "${this.name}" ${loginHint(this.name)} (ask the user to; then retry).`);
    }
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      return new Error(
        `MCP server "${this.name}" did not answer ${tool} within ${this.callTimeoutMs} ms; the call was cancelled. ` +
          `Retry if the task can be made smaller, or ask the user to raise mcp.servers.${this.name}.timeoutMs.`,
      );
    }
    const closed = error instanceof McpError && error.code === ErrorCode.ConnectionClosed;
    if (closed || !(error instanceof McpError)) {
      // The transport is unusable (process died, connection refused): drop it so the next call reconnects.
      if (this.client === client) this.lost(client);
      void closeClient(client);
      const stderr = this.stderr.lines(3);
      return new Error(
        `MCP server "${this.name}" stopped while running ${tool} (${message(error)}). ` +
          `It will be restarted on the next call.${stderr ? `\nLast stderr:\n${stderr}` : ""}`,
      );
    }
    return new Error(`MCP server "${this.name}" rejected ${tool}: ${error.message}`);
  }

  /** Drops the current connection (if any) and connects again; used by /mcp reconnect. */
  async reconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await closeClient(client);
    if (this.state !== "disabled" && this.state !== "closed") await this.connect();
  }

  async close(): Promise<void> {
    this.closer.abort();
    const client = this.client;
    this.client = undefined;
    if (this.state !== "disabled") this.state = "closed";
    if (client) await closeClient(client);
    await this.pending?.catch(() => {});
  }
}
