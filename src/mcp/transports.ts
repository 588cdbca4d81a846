// Creates a connected MCP client for one server config: stdio (spawned with a minimal environment, stderr kept
// for error messages, never printed over the TUI), Streamable HTTP, or the older HTTP+SSE transport. A
// Streamable HTTP attempt that the server answers with a 4xx falls back to HTTP+SSE, as the MCP spec advises.
import path from "node:path";
import { Client, type ClientOptions } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from "@modelcontextprotocol/sdk/client/streamableHttp.js";
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
}

export interface Connected {
  client: Client;
  kind: TransportKind;
}

function stdioTransport(config: McpServerConfig, opts: ConnectOptions): StdioClientTransport {
  if (!config.command) throw new Error('a stdio server needs "command"');
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args ?? [],
    env: minimalEnv(config.env, opts.parentEnv),
    cwd: config.cwd ? path.resolve(opts.cwd, config.cwd) : opts.cwd,
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => opts.stderr.push(chunk.toString("utf8")));
  return transport;
}

function remoteUrl(config: McpServerConfig): URL {
  if (!config.url) throw new Error('an http/sse server needs "url"');
  const url = new URL(config.url);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`unsupported URL scheme ${url.protocol}`);
  return url;
}

async function attach(client: Client, transport: Parameters<Client["connect"]>[0], opts: ConnectOptions) {
  try {
    await client.connect(transport, { timeout: opts.timeoutMs, signal: opts.signal });
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
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
  const newClient = () =>
    new Client(opts.clientInfo, { jsonSchemaValidator: acceptAnyOutput, ...opts.clientOptions });
  const requestInit: RequestInit = { headers: config.headers ?? {} };
  if (kind === "stdio") {
    const client = newClient();
    await attach(client, stdioTransport(config, opts), opts);
    return { client, kind };
  }
  const url = remoteUrl(config);
  if (kind === "http") {
    const client = newClient();
    try {
      await attach(client, new StreamableHTTPClientTransport(url, { requestInit }), opts);
      return { client, kind };
    } catch (error) {
      if (!shouldFallBack(error)) throw error;
    }
  }
  const client = newClient();
  await attach(client, new SSEClientTransport(url, { requestInit }), opts);
  return { client, kind: "sse" };
}
