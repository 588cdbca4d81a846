// One MCP server's lifecycle: connect with a deadline, list its tools (paginated, refreshed on list_changed),
// call tools with a per-call deadline, and notice when the server dies. A dead or unreachable server turns its
// calls into clear errors and is reconnected (a stdio server restarted) on the next call. Owned by McpManager.
// Every request gets its own abort signal, detached once it settles, so a later abort (shutdown, a turn's
// signal) never sends notifications/cancelled for a request that already finished; `initialize` gets none.
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  ErrorCode,
  type GetPromptResult,
  McpError,
  type Tool as McpToolDef,
  type Prompt,
  type ReadResourceResult,
  type Resource,
} from "@modelcontextprotocol/sdk/types.js";
import type { McpServerConfig } from "../config/schema.js";
import {
  authStateOf,
  connectionAuth,
  isAuthRequired,
  loginHint,
  refreshIfExpired,
  stepUpFetch,
} from "./auth/index.js";
import type { ElicitationHandler } from "./elicitation.js";
import { CLIENT_CAPABILITIES, handleServerRequests } from "./elicitation-client.js";
import { listCatalog, listServerTools } from "./listing.js";
import type { ServerOrigin } from "./origin.js";
import type { RawCallResult } from "./render.js";
import { withRequestSignal } from "./request-signal.js";
import { ServerMessages } from "./server-messages.js";
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
  /** Asks the user for what a server elicits (the manager declines with a notice when nobody can ask). */
  elicit: ElicitationHandler;
  /** One line for the user. */
  notice(message: string): void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class McpConnection {
  state: McpServerState;
  kind?: TransportKind;
  /** Tools after includeTools/excludeTools; kept across a crash so the model can still call (and restart) them. */
  tools: McpToolDef[] = [];
  /** Prompts and resources, listed when the server declares the capability (refreshed on list_changed). */
  prompts: Prompt[] = [];
  resources: Resource[] = [];
  error?: string;
  serverVersion?: string;
  private client?: Client;
  private pending?: Promise<void>;
  /** List changes, progress and open calls (server-messages.ts). */
  private readonly messages = new ServerMessages({
    refreshTools: (c) => this.refreshTools(c),
    refreshCatalog: (c) => void this.refreshCatalog(c),
  });
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
        clientOptions: { capabilities: CLIENT_CAPABILITIES },
        observe: (c, m) => this.messages.observe(c, m),
        setup: (c) => {
          handleServerRequests(c, {
            server: this.name,
            cwd: this.opts.cwd,
            elicit: this.opts.elicit,
            closed: this.closer.signal,
            callSignals: () => this.messages.openSignals(),
            notice: this.opts.notice,
          });
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
      await this.refreshCatalog(client);
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

  private listTools(client: Client, signal: AbortSignal): Promise<McpToolDef[]> {
    return listServerTools(client, this.config, { timeout: this.connectTimeoutMs, signal });
  }

  /** The tool-list refreshes the server asked for, until they have landed; undefined when none is due. */
  toolsSettled(): Promise<void> | undefined {
    return this.messages.toolsSettled();
  }

  private async refreshTools(client: Client): Promise<void> {
    // A notification during the handshake: the initial listing (which follows) already sees the new list.
    if (client !== this.client) return;
    try {
      this.tools = await this.listTools(client, this.closer.signal);
      this.opts.onChange();
    } catch (error) {
      this.error = `refreshing the tool list failed: ${message(error)}`;
      this.opts.onChange();
    }
  }

  /** Lists prompts and resources of a server that declares them; a failure is reported, not fatal. */
  private async refreshCatalog(client: Client): Promise<void> {
    if (client !== this.client) return;
    try {
      const { prompts, resources } = await listCatalog(client, {
        timeout: this.connectTimeoutMs,
        signal: this.closer.signal,
      });
      this.prompts = prompts;
      this.resources = resources;
    } catch (error) {
      this.error = `listing prompts/resources failed: ${message(error)}`;
    }
    this.opts.onChange();
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
  async call(
    tool: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
    onProgress?: (line: string) => void,
  ): Promise<RawCallResult> {
    // The connected client without a microtask in between: the request goes out in the caller's tick.
    const client = this.client ?? (await this.liveClient());
    const open = this.messages.openCall(signal, onProgress);
    const params = { name: tool, arguments: args, ...open.meta };
    try {
      return (await withRequestSignal(signal, (own) =>
        client.callTool(params, undefined, { timeout: this.callTimeoutMs, signal: own }),
      )) as RawCallResult;
    } catch (error) {
      throw this.callError(tool, client, error, signal);
    } finally {
      open.done();
    }
  }

  /** The connected client, reconnecting first when the server is down. Throws a one-line reason. */
  private async liveClient(): Promise<Client> {
    if (this.state === "closed") throw new Error(`MCP server "${this.name}" has been shut down.`);
    if (this.state === "disabled") throw new Error(`MCP server "${this.name}" is disabled in the config.`);
    if (!this.client) await this.connect();
    if (!this.client)
      throw new Error(`MCP server "${this.name}" is not available: ${this.error ?? "not connected"}`);
    return this.client;
  }

  /** prompts/get with the per-call deadline. */
  async getPrompt(
    name: string,
    args: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<GetPromptResult> {
    const client = await this.liveClient();
    return withRequestSignal(signal ?? this.closer.signal, (own) =>
      client.getPrompt({ name, arguments: args }, { timeout: this.callTimeoutMs, signal: own }),
    ).catch((error: unknown) => {
      throw new Error(`MCP server "${this.name}" could not give prompt ${name}: ${message(error)}`);
    });
  }

  /** resources/read with the per-call deadline. */
  async readResource(uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    const client = await this.liveClient();
    return withRequestSignal(signal ?? this.closer.signal, (own) =>
      client.readResource({ uri }, { timeout: this.callTimeoutMs, signal: own }),
    ).catch((error: unknown) => {
      throw new Error(`MCP server "${this.name}" could not read ${uri}: ${message(error)}`);
    });
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
