// `protoagent mcp login|logout` and `/mcp login`: the interactive half of OAuth. Login probes the server for its
// challenge (WWW-Authenticate: resource metadata URL, scope), starts the loopback listener, lets the SDK run
// discovery/registration/PKCE and hand us the authorization URL (opened in the browser, always printed), waits
// for the redirect and lets the SDK exchange the code. Tokens land in McpAuthStore, never in the config.
import { randomBytes } from "node:crypto";
import { auth, extractWWWAuthenticateParams } from "@modelcontextprotocol/sdk/client/auth.js";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { McpServerConfig } from "../../config/schema.js";
import { browserOpener, type OpenUrl } from "../../utils/open-browser.js";
import { startLoopback } from "./loopback.js";
import { createAuthProvider, StoredOAuthProvider } from "./provider.js";
import { authUrl, describeAuth, McpAuthStore } from "./store.js";

/** How long a login waits for the browser to come back. */
export const LOGIN_TIMEOUT_MS = 5 * 60_000;

export interface LoginOptions {
  dataDir: string;
  /** A line for the user (the URL to open). */
  out(line: string): void;
  openUrl?: OpenUrl;
  signal?: AbortSignal;
  clientName?: string;
  fetchFn?: FetchLike;
}

/** The URL of a remote server, or a one-line error for a stdio one. */
export function remoteServerUrl(name: string, config: McpServerConfig): string {
  const url = authUrl(config);
  if (!url) throw new Error(`MCP server "${name}" is not a remote (http/sse) server.`);
  return url;
}

/** One unauthenticated initialize: a 401/403 names the resource metadata and the scope the server wants. */
async function probe(url: string, fetchFn: FetchLike) {
  const response = await fetchFn(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities: {},
        clientInfo: { name: "protoagent", version: "0" },
      },
    }),
  });
  await response.body?.cancel().catch(() => {});
  return response.status === 401 || response.status === 403 ? extractWWWAuthenticateParams(response) : {};
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("the login was cancelled or timed out"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Logs in to one server; resolves with its new auth state ("authenticated (expires …)"). */
export async function loginMcpServer(
  name: string,
  config: McpServerConfig,
  opts: LoginOptions,
): Promise<string> {
  const serverUrl = remoteServerUrl(name, config);
  const fetchFn = opts.fetchFn ?? fetch;
  const store = new McpAuthStore(opts.dataDir);
  const clientName = opts.clientName ?? "protoagent";
  const signal = AbortSignal.any([
    AbortSignal.timeout(LOGIN_TIMEOUT_MS),
    ...(opts.signal ? [opts.signal] : []),
  ]);
  if (config.oauth?.grant === "client_credentials") {
    const provider = createAuthProvider({ name, serverUrl, store, oauth: config.oauth, clientName });
    await abortable(auth(provider, { serverUrl, fetchFn }), signal);
    return "client credentials accepted (no browser login is needed)";
  }
  const challenge = await abortable(probe(serverUrl, fetchFn), signal);
  const scope = challenge.scope ?? store.read(name, serverUrl).needsLogin?.scope;
  const state = randomBytes(24).toString("base64url");
  const loopback = await startLoopback({ state, port: config.oauth?.redirectPort });
  const openUrl = opts.openUrl ?? browserOpener();
  try {
    const provider = new StoredOAuthProvider({
      name,
      serverUrl,
      store,
      oauth: config.oauth,
      clientName,
      login: {
        redirectUrl: loopback.url,
        state,
        onAuthorizationUrl: async (url) => {
          // The endpoint comes from the server's metadata: only a web URL is handed to the browser opener.
          if (url.protocol !== "https:" && url.protocol !== "http:")
            throw new Error(`the authorization endpoint is not an http(s) URL (${url.protocol})`);
          // URL serialisation percent-encodes control characters, so the href is safe to print.
          const opened = await openUrl(url.href);
          opts.out(
            opened
              ? `Opened your browser to log in to "${name}". If it did not open, visit:\n${url.href}`
              : `Open this URL in a browser to log in to "${name}":\n${url.href}`,
          );
        },
      },
    });
    const options = { serverUrl, resourceMetadataUrl: challenge.resourceMetadataUrl, scope, fetchFn };
    if ((await abortable(auth(provider, options), signal)) === "REDIRECT") {
      const code = await abortable(loopback.code, signal);
      await abortable(auth(provider, { ...options, authorizationCode: code }), signal);
    }
    return describeAuth(provider.stored) ?? "authenticated";
  } finally {
    await loopback.close();
  }
}

/** Forgets a server's tokens and registration; false when nothing was stored. */
export function logoutMcpServer(name: string, config: McpServerConfig, dataDir: string): boolean {
  return new McpAuthStore(dataDir).remove(name, remoteServerUrl(name, config));
}
