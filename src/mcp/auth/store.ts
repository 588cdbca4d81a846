// Per-server OAuth state on disk: the client registration, tokens, PKCE verifier and discovery result of one
// remote MCP server, in <data dir>/mcp-auth/<name>-<hash of URL>.json (folder 0700, file 0600). Keyed by name
// AND URL, so pointing a name at another server never sends it the old server's tokens. Never in the config,
// never logged: the rest of protoagent sees only `describeAuth` (state and expiry, no secrets).
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { OAuthDiscoveryState } from "@modelcontextprotocol/sdk/client/auth.js";
import type { OAuthClientInformationMixed, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { atomicWrite } from "../../utils/atomic-write.js";
import { ensurePrivateDir } from "../../utils/private-dir.js";

export interface StoredAuth {
  serverUrl: string;
  client?: OAuthClientInformationMixed;
  tokens?: OAuthTokens;
  /** Epoch ms when the access token expires (from expires_in at save time). */
  expiresAt?: number;
  discovery?: OAuthDiscoveryState;
  /** Set when a connection needed an interactive login; the scope it asked for (step-up) is kept for login. */
  needsLogin?: { scope?: string };
}

export class McpAuthStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, "mcp-auth");
  }

  file(name: string, serverUrl: string): string {
    const hash = createHash("sha256").update(serverUrl).digest("hex").slice(0, 12);
    return path.join(this.dir, `${name.replace(/[^A-Za-z0-9_-]/g, "_")}-${hash}.json`);
  }

  /** The stored state, or an empty record when there is none (or it is unreadable: then a login starts over). */
  read(name: string, serverUrl: string): StoredAuth {
    try {
      const data = JSON.parse(readFileSync(this.file(name, serverUrl), "utf8")) as StoredAuth;
      if (data && typeof data === "object" && data.serverUrl === serverUrl) return data;
    } catch {
      // Missing or corrupt: treated as "never logged in".
    }
    return { serverUrl };
  }

  async write(name: string, data: StoredAuth): Promise<void> {
    ensurePrivateDir(this.dir);
    await atomicWrite(this.file(name, data.serverUrl), `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  }

  /** Forgets everything about the server; true when something was stored. */
  remove(name: string, serverUrl: string): boolean {
    const file = this.file(name, serverUrl);
    try {
      readFileSync(file);
    } catch {
      return false;
    }
    rmSync(file, { force: true });
    return true;
  }
}

/** "authenticated (expires …)", "needs login", or undefined when nothing is stored. No secrets. */
export function describeAuth(data: StoredAuth, now = Date.now()): string | undefined {
  if (data.needsLogin) return "needs login";
  if (!data.tokens) return undefined;
  if (data.expiresAt === undefined) return "authenticated";
  const when = new Date(data.expiresAt).toISOString().replace(/\.\d+Z$/, "Z");
  if (data.expiresAt > now) return `authenticated (expires ${when})`;
  return data.tokens.refresh_token
    ? `authenticated (token expired ${when}; refreshed on next use)`
    : `needs login (token expired ${when})`;
}

/** The URL tokens are stored under (normalised), or undefined for a stdio server. */
export function authUrl(config: { url?: string; command?: string }): string | undefined {
  return config.url && !config.command ? new URL(config.url).href : undefined;
}

/** The stored auth state of a remote server for `mcp list` (undefined for stdio or nothing stored). */
export function storedAuthState(
  name: string,
  config: { url?: string; command?: string },
  dataDir: string,
): string | undefined {
  const url = authUrl(config);
  return url ? describeAuth(new McpAuthStore(dataDir).read(name, url)) : undefined;
}
