// Creates a connected MCP client for one server config: stdio (spawned with a minimal environment, stderr kept
// for error messages, never printed over the TUI), Streamable HTTP, or the older HTTP+SSE transport. A
// Streamable HTTP attempt that the server answers with a 4xx falls back to HTTP+SSE, as the MCP spec advises.
import path from "node:path";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client, type ClientOptions } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { JsonSchemaValidator, jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/types.js";
import type { McpServerConfig } from "../config/schema.js";
import { minimalEnv } from "./env.js";

export type TransportKind = "stdio" | "http" | "sse";

/** The type a config means: explicit `type`, else stdio for a command and Streamable HTTP for a URL. */
export function transportKind(config: McpServerConfig): TransportKind {
  if (config.type) return config.type;
  if (config.command) return "stdio";
  if (config.url) return "http";
  throw new Error('needs "command" (stdio) or "url" (http/sse)');
}

/** Keeps the last lines a stdio server wrote to stderr, for "failed to start" and "crashed" messages. */
export class StderrTail {
  private text = "";
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-2000);
  }
  /** The last few non-empty lines, or "" when the server wrote nothing. */
  lines(max = 5): string {
    return this.text
      .split("\n")
      .filter((l) => l.trim())
      .slice(-max)
      .join("\n");
  }
}

/**
 * Accepts any structuredContent. The SDK's default Ajv validator costs ~50 ms of blocked event loop to build
 * (felt as a stutter in the TUI), and a server breaking its own output schema should not turn a usable result
 * into an error: the model sees the structured content rendered as text either way.
 */
export const acceptAnyOutput: jsonSchemaValidator = {
  getValidator<T>(): JsonSchemaValidator<T> {
    const accept = (input: unknown) => ({ valid: true, data: input, errorMessage: undefined });
    return accept as JsonSchemaValidator<T>;
  },
};

export interface ConnectOptions {
  cwd: string;
  timeoutMs: number;
  clientInfo: { name: string; version: string };
  parentEnv?: Record<string, string | undefined>;
  stderr: StderrTail;
  signal: AbortSignal;
  clientOptions: ClientOptions;
  /** Registers handlers on a new client before it connects (server requests, notifications). */
  setup?(client: Client): void;
  /**
   * Sees every message from the server synchronously, in order, before the SDK: the SDK runs notification
   * handlers a tick later than it settles responses, so progress sent just before a result would be lost.
   */
  observe?(client: Client, message: JSONRPCMessage): void;
  /** OAuth for a remote server (the SDK runs discovery, refresh and step-up through it). */
  authProvider?: OAuthClientProvider;
  /** The fetch remote transports use (the OAuth glue watches step-up challenges through it). */
  fetch?: FetchLike;
}

export interface Connected {
  client: Client;
  kind: TransportKind;
}

function stdioTransport(config: McpServerConfig, opts: ConnectOptions): TrackedStdioTransport {
  if (!config.command) throw new Error('a stdio server needs "command"');
  const transport = new TrackedStdioTransport({
    command: config.command,
    args: config.args ?? [],
    env: minimalEnv(config.env, opts.parentEnv),
    cwd: config.cwd ? path.resolve(opts.cwd, config.cwd) : opts.cwd,
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => opts.stderr.push(chunk.toString("utf8")));
  return transport;
}

export function remoteUrl(config: McpServerConfig): URL {
  if (!config.url) throw new Error('an http/sse server needs "url"');
  const url = new URL(config.url);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`unsupported URL scheme ${url.protocol}`);
  return url;
}

/** A stdio transport that remembers its child's pid and when it exited, so we can end it ourselves. */
class TrackedStdioTransport extends StdioClientTransport {
  private spawnedPid: number | null = null;
  private exited = false;
  private readonly exit = new Promise<void>((resolve) => {
    // The SDK calls onclose on the child's "close" event (exited and reaped); Client.connect chains its own
    // handler after this one, so it keeps firing after the client has closed.
    this.onclose = () => {
      this.exited = true;
      resolve();
    };
  });

  override async start(): Promise<void> {
    await super.start();
    this.spawnedPid = this.pid;
  }

  /** SIGTERM (then SIGKILL after 2 s) to a child that has not exited; resolves once it is gone. */
  async terminate(): Promise<void> {
    const pid = this.spawnedPid;
    if (pid === null || this.exited) return;
    const waitExit = (ms: number) =>
      Promise.race([this.exit, new Promise<void>((r) => setTimeout(r, ms).unref())]);
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      try {
        process.kill(pid, signal);
      } catch {
        return; // Already gone.
      }
      await waitExit(2000);
      if (this.exited) return;
    }
  }
}

/**
 * Closes a client. A stdio server gets its stdin closed and, if it has not exited after `graceMs`, SIGTERM
 * (the SDK alone waits 2 s before signalling, which would hold up quitting protoagent behind a hung server).
 */
export async function closeClient(client: Client, graceMs = 500): Promise<void> {
  const transport = client.transport;
  if (transport instanceof StreamableHTTPClientTransport && transport.sessionId) {
    // Ends the server-side session (HTTP DELETE); a server that does not answer does not hold up quitting.
    const bounded = new Promise<void>((r) => setTimeout(r, graceMs).unref());
    await Promise.race([transport.terminateSession().catch(() => {}), bounded]);
  }
  const closing = client.close().catch(() => {});
  if (!(transport instanceof TrackedStdioTransport)) return closing;
  const timer = setTimeout(() => void transport.terminate(), graceMs);
  await closing;
  clearTimeout(timer);
  await transport.terminate();
}

/**
 * Connects, bounded by `opts.signal`. `initialize` must never be cancelled (MCP forbids it), so the SDK gets no
 * signal and no timeout of its own for it: on the deadline the transport is closed instead, which fails it.
 */
async function attach(client: Client, transport: Parameters<Client["connect"]>[0], opts: ConnectOptions) {
  const giveUp = () => void client.close().catch(() => {});
  const { observe } = opts;
  if (observe) transport.onmessage = (message) => observe(client, message);
  try {
    opts.signal.throwIfAborted();
    opts.signal.addEventListener("abort", giveUp, { once: true });
    await client.connect(transport, { timeout: 2 ** 31 - 1 });
    opts.signal.throwIfAborted();
  } catch (error) {
    // A server that failed its handshake gets no grace period; the SDK may already be closing it slowly.
    await client.close().catch(() => {});
    if (transport instanceof TrackedStdioTransport) await transport.terminate();
    throw error;
  } finally {
    opts.signal.removeEventListener("abort", giveUp);
  }
}

/** True for the answers an SSE-only server gives to a Streamable HTTP POST (404, 405, 400…). */
function shouldFallBack(error: unknown): boolean {
  if (!(error instanceof StreamableHTTPError)) return false;
  const code = error.code ?? 0;
  return code >= 400 && code < 500 && code !== 401 && code !== 403;
}

/** Connects a new client to the server, or throws. The caller enforces the overall deadline through `signal`. */
export async function connectServer(config: McpServerConfig, opts: ConnectOptions): Promise<Connected> {
  const kind = transportKind(config);
  const newClient = () => {
    const client = new Client(opts.clientInfo, {
      jsonSchemaValidator: acceptAnyOutput,
      ...opts.clientOptions,
    });
    opts.setup?.(client);
    return client;
  };
  const requestInit: RequestInit = { headers: config.headers ?? {} };
  const { authProvider, fetch } = opts;
  if (kind === "stdio") {
    const client = newClient();
    await attach(client, stdioTransport(config, opts), opts);
    return { client, kind };
  }
  const url = remoteUrl(config);
  if (kind === "http") {
    const client = newClient();
    try {
      await attach(
        client,
        new StreamableHTTPClientTransport(url, { requestInit, authProvider, fetch }),
        opts,
      );
      return { client, kind };
    } catch (error) {
      if (!shouldFallBack(error)) throw error;
    }
  }
  const client = newClient();
  await attach(client, new SSEClientTransport(url, { requestInit, authProvider, fetch }), opts);
  return { client, kind: "sse" };
}
