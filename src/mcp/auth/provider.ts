// The glue between the MCP SDK's OAuth client (discovery, registration, PKCE, refresh, step-up — all in the SDK)
// and protoagent: an OAuthClientProvider whose state lives in McpAuthStore. Two modes: a connection (no browser:
// when the SDK wants an interactive authorization, the server is marked "needs login") and a login (the
// authorization URL goes to `onAuthorizationUrl`, the redirect lands on our loopback listener).
import type { OAuthClientProvider, OAuthDiscoveryState } from "@modelcontextprotocol/sdk/client/auth.js";
import {
  ClientCredentialsProvider,
  PrivateKeyJwtProvider,
} from "@modelcontextprotocol/sdk/client/auth-extensions.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import type { McpServerConfig } from "../../config/schema.js";
import type { McpAuthStore, StoredAuth } from "./store.js";

export type OAuthSettings = NonNullable<McpServerConfig["oauth"]>;

/** Used until a login has chosen a real loopback port; the SDK needs some redirect URL to stay interactive. */
const PLACEHOLDER_REDIRECT = "http://127.0.0.1/callback";

export interface StoredProviderOptions {
  name: string;
  serverUrl: string;
  store: McpAuthStore;
  oauth?: OAuthSettings;
  clientName: string;
  /** Login mode: the loopback redirect URL, the expected `state`, and where the authorization URL goes. */
  login?: { redirectUrl: string; state: string; onAuthorizationUrl(url: URL): void | Promise<void> };
}

export class StoredOAuthProvider implements OAuthClientProvider {
  private data: StoredAuth;
  private verifier?: string;
  private saving: Promise<void> = Promise.resolve();
  /** The scope a 403 insufficient_scope asked for (step-up), until a token carries it. */
  private wantedScope?: string;
  readonly clientMetadataUrl?: string;

  constructor(private readonly opts: StoredProviderOptions) {
    this.data = opts.store.read(opts.name, opts.serverUrl);
    this.clientMetadataUrl = opts.oauth?.clientMetadataUrl;
  }

  /** True after the SDK asked for an interactive authorization while connecting. */
  get needsLogin(): boolean {
    return this.data.needsLogin !== undefined;
  }

  /** The stored state (tests and `mcp list` use it; secrets stay in this module's callers' hands). */
  get stored(): Readonly<StoredAuth> {
    return this.data;
  }

  get redirectUrl(): string {
    return this.opts.login?.redirectUrl ?? registeredRedirect(this.data.client) ?? PLACEHOLDER_REDIRECT;
  }

  get clientMetadata(): OAuthClientMetadata {
    const secret = this.opts.oauth?.clientSecret;
    return {
      client_name: this.opts.clientName,
      redirect_uris: [this.redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: secret ? "client_secret_basic" : "none",
      ...(this.opts.oauth?.scopes?.length ? { scope: this.opts.oauth.scopes.join(" ") } : {}),
    };
  }

  state(): string {
    return this.opts.login?.state ?? "";
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    const { clientId, clientSecret, issuer } = this.opts.oauth ?? {};
    // With `issuer` the SDK sends configured credentials to that authorization server only; without it they
    // are bound to the first one the server names (and stay bound for this process).
    if (clientId)
      return {
        client_id: clientId,
        ...(clientSecret ? { client_secret: clientSecret } : {}),
        ...(issuer ? { issuer } : {}),
      };
    const client = this.data.client;
    // A dynamically registered client knows only the redirect URI it registered; a login on another
    // ephemeral port registers again rather than be refused by the authorization server.
    const redirect = this.opts.login?.redirectUrl;
    if (client && redirect && "redirect_uris" in client && !client.redirect_uris?.includes(redirect))
      return undefined;
    return client;
  }

  saveClientInformation(info: OAuthClientInformationMixed): Promise<void> {
    if (this.opts.oauth?.clientId) return Promise.resolve(); // Configured, not ours to store.
    return this.update({ client: info });
  }

  tokens(): OAuthTokens | undefined {
    // A login always asks anew (stale tokens would otherwise just be refreshed); the stored ones stay until
    // the new ones arrive, so a cancelled login loses nothing.
    if (this.opts.login) return undefined;
    const tokens = this.data.tokens;
    // The SDK would answer a step-up by refreshing, which keeps the old scope (and loops into a second 403):
    // while the token lacks the wanted scope its refresh token is not offered, so a login is asked for.
    if (tokens?.refresh_token && this.wantedScope && !covers(tokens.scope, this.wantedScope))
      return { ...tokens, refresh_token: undefined };
    return tokens;
  }

  /** A server answered 403 insufficient_scope naming `scope`. */
  requireScope(scope: string): void {
    this.wantedScope = scope;
  }

  saveTokens(tokens: OAuthTokens): Promise<void> {
    const expiresAt = tokens.expires_in ? Date.now() + tokens.expires_in * 1000 : undefined;
    return this.update({ tokens, expiresAt, needsLogin: undefined });
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    if (this.opts.login) return this.opts.login.onAuthorizationUrl(url);
    // No browser while connecting: remember that (and the scope a step-up asked for) for `mcp login`.
    await this.update({ needsLogin: { scope: url.searchParams.get("scope") ?? undefined } });
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    if (!this.verifier) throw new Error("no PKCE verifier: the login was not started by this process");
    return this.verifier;
  }

  invalidateCredentials(scope: "all" | "client" | "tokens" | "verifier" | "discovery"): Promise<void> {
    if (scope === "verifier") this.verifier = undefined;
    const drop: Partial<StoredAuth> = {};
    if (scope === "all" || scope === "client") drop.client = undefined;
    if (scope === "all" || scope === "tokens")
      Object.assign(drop, { tokens: undefined, expiresAt: undefined });
    if (scope === "all" || scope === "discovery") drop.discovery = undefined;
    return this.update(drop);
  }

  saveDiscoveryState(state: OAuthDiscoveryState): Promise<void> {
    return this.update({ discovery: state });
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.data.discovery;
  }

  /** True when the access token's lifetime has passed and a refresh token could renew it. */
  expired(now = Date.now()): boolean {
    return Boolean(this.data.tokens?.refresh_token && this.data.expiresAt && this.data.expiresAt <= now);
  }

  /** Writes are serialised so a refresh racing a registration cannot lose either. */
  private update(patch: Partial<StoredAuth>): Promise<void> {
    this.data = { ...this.data, ...patch };
    const snapshot = this.data;
    const write = this.saving.then(() => this.opts.store.write(this.opts.name, snapshot));
    this.saving = write.catch(() => {});
    return write;
  }
}

/** True when every scope in `wanted` is among `granted` (space-separated lists). */
function covers(granted: string | undefined, wanted: string): boolean {
  const have = new Set((granted ?? "").split(" "));
  return wanted.split(" ").every((s) => !s || have.has(s));
}

function registeredRedirect(client: OAuthClientInformationMixed | undefined): string | undefined {
  return client && "redirect_uris" in client ? client.redirect_uris?.[0] : undefined;
}

/**
 * The provider for a remote server: client credentials when configured (the SDK's own provider; tokens stay in
 * memory and are fetched again when they lapse), otherwise the stored authorization-code provider.
 */
export function createAuthProvider(opts: StoredProviderOptions): OAuthClientProvider {
  const o = opts.oauth;
  if (o?.grant === "client_credentials") {
    // The issuer is required so the server cannot name another authorization server to receive the secret.
    if (!o.clientId || !o.issuer || !(o.clientSecret || o.privateKey))
      throw new Error(
        'oauth.grant "client_credentials" needs oauth.clientId, oauth.issuer and oauth.clientSecret or oauth.privateKey',
      );
    const common = {
      clientId: o.clientId,
      expectedIssuer: o.issuer,
      clientName: opts.clientName,
      ...(o.scopes?.length ? { scope: o.scopes.join(" ") } : {}),
    };
    if (o.privateKey)
      return new PrivateKeyJwtProvider({
        ...common,
        privateKey: o.privateKey,
        algorithm: o.signingAlgorithm ?? "ES256",
      });
    return new ClientCredentialsProvider({ ...common, clientSecret: o.clientSecret as string });
  }
  return new StoredOAuthProvider(opts);
}
