// What the connection needs from OAuth: a provider for a remote server (state in the data folder), an early
// refresh of a lapsed token, and the test "does this error mean the user must log in?".
import {
  auth,
  extractWWWAuthenticateParams,
  type OAuthClientProvider,
  UnauthorizedError,
} from "@modelcontextprotocol/sdk/client/auth.js";
import { SseError } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { McpServerConfig } from "../../config/schema.js";
import { createAuthProvider, StoredOAuthProvider } from "./provider.js";
import { authUrl, describeAuth, McpAuthStore } from "./store.js";

/** The hint every "needs login" message carries. */
export const loginHint = (name: string) => `needs login — run: protoagent mcp login ${name}`;

/** A provider for a remote server, or undefined for stdio or when no data folder is known (tests, probes). */
export function connectionAuth(
  name: string,
  config: McpServerConfig,
  dataDir: string | undefined,
  clientName: string,
): OAuthClientProvider | undefined {
  const serverUrl = authUrl(config);
  if (!dataDir || !serverUrl) return undefined;
  return createAuthProvider({
    name,
    serverUrl,
    store: new McpAuthStore(dataDir),
    oauth: config.oauth,
    clientName,
  });
}

/**
 * Refreshes an access token whose lifetime has passed before connecting, so the first request carries a valid
 * one. Failure is not an error here: the transport meets the 401 and the SDK decides (refresh or login).
 */
export async function refreshIfExpired(provider: OAuthClientProvider | undefined, serverUrl: string) {
  if (!(provider instanceof StoredOAuthProvider) || !provider.expired()) return;
  await auth(provider, { serverUrl }).catch(() => undefined);
}

/** True when the server refused us for want of (valid) credentials: only a login can help. */
export function isAuthRequired(error: unknown, provider: OAuthClientProvider | undefined): boolean {
  if (error instanceof UnauthorizedError) return true;
  const code = (error instanceof StreamableHTTPError || error instanceof SseError) && error.code;
  if (code === 401) return true;
  return provider instanceof StoredOAuthProvider && provider.needsLogin;
}

/** The stored auth state behind a provider, for /mcp ("authenticated (expires …)"). */
export function authStateOf(provider: OAuthClientProvider | undefined): string | undefined {
  if (provider instanceof StoredOAuthProvider) return describeAuth(provider.stored);
  return provider ? "client credentials" : undefined;
}

/**
 * The transports' fetch for a stored provider: notes the scope of a 403 insufficient_scope challenge before the
 * SDK reacts to it, so the step-up asks for a login with that scope instead of refreshing the old one.
 */
export function stepUpFetch(provider: OAuthClientProvider | undefined): FetchLike | undefined {
  if (!(provider instanceof StoredOAuthProvider)) return undefined;
  return async (url, init) => {
    const response = await fetch(url, init);
    if (response.status === 403) {
      const { error, scope } = extractWWWAuthenticateParams(response);
      if (error === "insufficient_scope" && scope) provider.requireScope(scope);
    }
    return response;
  };
}
