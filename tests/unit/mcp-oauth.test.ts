// MCP OAuth against a real local authorization server + protected MCP server (tests/fixtures/mcp/oauth-server):
// login through the loopback redirect, a tool call, expiry → refresh, revocation → needs login, a 401 at
// start-up, client credentials, the token file's permissions, and the SSRF rule for project servers.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { McpServerConfig } from "../../src/config/schema.js";
import { loginMcpServer, logoutMcpServer } from "../../src/mcp/auth/login.js";
import { startLoopback } from "../../src/mcp/auth/loopback.js";
import { McpAuthStore, storedAuthState } from "../../src/mcp/auth/store.js";
import { McpConnection } from "../../src/mcp/connection.js";
import { McpManager } from "../../src/mcp/manager.js";
import { projectServerNames } from "../../src/mcp/origin.js";
import { formatMcpStatus, mcpFailureNotice } from "../../src/mcp/status-text.js";
import { checkRemoteServerUrl } from "../../src/mcp/url-policy.js";
import { browserOpener } from "../../src/utils/open-browser.js";
import { followAuthorization, startOAuthFixture } from "../fixtures/mcp/oauth-server.mjs";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(opts?: Parameters<typeof startOAuthFixture>[0]) {
  const fixture = await startOAuthFixture(opts);
  const t = makeTempEnv();
  cleanups.push(
    () => fixture.close(),
    () => t.cleanup(),
  );
  return { fixture, t, dataDir: t.dataHome };
}

function connection(name: string, config: McpServerConfig, dataDir: string) {
  const c = new McpConnection(name, config, {
    cwd: process.cwd(),
    clientInfo: { name: "protoagent-test", version: "0" },
    dataDir,
    onChange: () => {},
    elicit: async () => ({ action: "decline" }),
    notice: () => {},
  });
  cleanups.push(() => c.close());
  return c;
}

const text = (r: { content?: unknown }) => JSON.stringify(r.content);

async function login(name: string, config: McpServerConfig, dataDir: string) {
  const lines: string[] = [];
  const state = await loginMcpServer(name, config, {
    dataDir,
    out: (l) => lines.push(l),
    openUrl: followAuthorization,
  });
  return { state, lines };
}

function tokenFile(t: TempEnv) {
  const dir = path.join(t.dataHome, "mcp-auth");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  expect(files).toHaveLength(1);
  return { dir, file: path.join(dir, files[0]!) };
}

describe("MCP OAuth (authorization code + PKCE)", () => {
  it("logs in through the loopback redirect, calls a tool, refreshes an expired token, and asks for a login after revocation", async () => {
    const { fixture, t, dataDir } = await setup();
    const config = { url: fixture.mcpUrl };
    const { state, lines } = await login("secure", config, dataDir);
    expect(state).toMatch(/^authenticated \(expires \d{4}-/);
    // The printed line carries the authorization URL with PKCE, state and the resource indicator.
    const url = new URL(lines.join("\n").match(/http:\/\/\S+authorize\S*/)![0]);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get("resource")).toBe(fixture.mcpUrl);
    expect(url.searchParams.get("scope")).toBe("mcp:tools");

    const { dir, file } = tokenFile(t);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(storedAuthState("secure", config, dataDir)).toMatch(/^authenticated \(expires/);

    const c = connection("secure", config, dataDir);
    await c.connect();
    expect(c.state).toBe("ready");
    expect(c.authState).toMatch(/^authenticated/);
    const signal = new AbortController().signal;
    expect(text(await c.call("whoami", {}, signal))).toContain("client ");

    const before = JSON.parse(readFileSync(file, "utf8")).tokens.access_token;
    fixture.provider.expireAccessTokens();
    expect(text(await c.call("whoami", {}, signal))).toContain("client ");
    expect(fixture.provider.refreshCount).toBe(1);
    expect(JSON.parse(readFileSync(file, "utf8")).tokens.access_token).not.toBe(before);

    fixture.provider.revokeAll();
    await expect(c.call("whoami", {}, signal)).rejects.toThrow(
      /needs login — run: protoagent mcp login secure/,
    );
    expect(c.state).toBe("needs-login");
    expect(storedAuthState("secure", config, dataDir)).toBe("needs login");

    // A new login brings it back.
    await login("secure", config, dataDir);
    expect(text(await c.call("whoami", {}, signal))).toContain("client ");
    expect(c.state).toBe("ready");

    expect(logoutMcpServer("secure", config, dataDir)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toEqual([]);
    expect(logoutMcpServer("secure", config, dataDir)).toBe(false);
  });

  it("steps up the scope: a 403 insufficient_scope asks for a login, which requests the larger scope", async () => {
    const { fixture, dataDir } = await setup();
    const config = { url: fixture.mcpUrl };
    await login("secure", config, dataDir);
    const c = connection("secure", config, dataDir);
    await c.connect();
    const signal = new AbortController().signal;
    await expect(c.call("admin", {}, signal)).rejects.toThrow(
      /needs login — run: protoagent mcp login secure/,
    );
    expect(c.state).toBe("needs-login");
    const { lines } = await login("secure", config, dataDir);
    const url = new URL(lines.join("\n").match(/http:\/\/\S+authorize\S*/)![0]);
    expect(url.searchParams.get("scope")).toBe("mcp:tools mcp:admin");
    expect(text(await c.call("admin", {}, signal))).toContain("admin scopes mcp:tools mcp:admin");
  });

  it("a cancelled login keeps the tokens it would have replaced", async () => {
    const { fixture, dataDir } = await setup();
    const config = { url: fixture.mcpUrl };
    await login("secure", config, dataDir);
    const controller = new AbortController();
    const cancelled = loginMcpServer("secure", config, {
      dataDir,
      out: () => {},
      signal: controller.signal,
      // The user never comes back from the browser.
      openUrl: async () => {
        controller.abort();
        return true;
      },
    });
    await expect(cancelled).rejects.toThrow("the login was cancelled or timed out");
    expect(storedAuthState("secure", config, dataDir)).toMatch(/^authenticated \(expires/);
  });

  it("refreshes a token whose lifetime has passed before connecting", async () => {
    const { fixture, dataDir } = await setup({ ttlSeconds: 1 });
    const config = { url: fixture.mcpUrl };
    await login("short", config, dataDir);
    const store = new McpAuthStore(dataDir);
    const saved = store.read("short", new URL(fixture.mcpUrl).href);
    await store.write("short", { ...saved, expiresAt: Date.now() - 1 });
    fixture.provider.expireAccessTokens();
    const c = connection("short", config, dataDir);
    await c.connect();
    expect(c.state).toBe("ready");
    expect(fixture.provider.refreshCount).toBe(1);
  });

  it("marks a server that answers 401 at start-up as needs login, with the hint", async () => {
    const { fixture, dataDir } = await setup();
    const manager = new McpManager();
    cleanups.push(() => manager.close());
    const notices: string[] = [];
    manager.start(
      { secure: { url: fixture.mcpUrl } },
      {
        cwd: process.cwd(),
        dataDir,
        onToolsChanged: () => {},
        onStatus: (s) => {
          const n = mcpFailureNotice(s);
          if (n) notices.push(n);
        },
      },
    );
    await manager.settled();
    const [status] = manager.status();
    expect(status?.state).toBe("needs-login");
    expect(formatMcpStatus(manager.status())).toContain("secure: needs login");
    expect(notices).toEqual(['MCP server "secure" needs login — run: protoagent mcp login secure']);
    // Nothing was authorised: the fixture never issued a code.
    expect(fixture.provider.authorizeCount).toBe(0);
  });

  it("uses the client-credentials grant without a browser when configured", async () => {
    const clientCredentials = { clientId: "ci-bot", clientSecret: "s3cret" };
    const { fixture, dataDir } = await setup({ clientCredentials });
    const oauth = { grant: "client_credentials" as const, issuer: fixture.base, ...clientCredentials };
    const c = connection("ci", { url: fixture.mcpUrl, oauth }, dataDir);
    await c.connect();
    expect(c.state).toBe("ready");
    expect(text(await c.call("whoami", {}, new AbortController().signal))).toContain("client ci-bot");

    const wrong = connection(
      "ci2",
      {
        url: fixture.mcpUrl,
        oauth: { ...oauth, clientSecret: "nope" },
      },
      dataDir,
    );
    await wrong.connect();
    expect(wrong.state).toBe("failed");
    expect(wrong.error).toBe("InvalidClientError");

    // Without the issuer the secret could be sent wherever the server points: refused before any request.
    const open = connection("ci3", { url: fixture.mcpUrl, oauth: { ...oauth, issuer: undefined } }, dataDir);
    await open.connect();
    expect(open.state).toBe("failed");
    expect(open.error).toMatch(
      /needs oauth.clientId, oauth.issuer and oauth.clientSecret or oauth.privateKey/,
    );
  });
});

describe("browser", () => {
  it("prints the URL to open when no browser could be started", async () => {
    expect(await browserOpener({ BROWSER: "/nonexistent/browser" })("https://example.com/")).toBe(false);
    const { fixture, dataDir } = await setup();
    const lines: string[] = [];
    const state = await loginMcpServer(
      "secure",
      { url: fixture.mcpUrl },
      {
        dataDir,
        out: (l) => lines.push(l),
        // The user opens the printed URL by hand.
        openUrl: async (url) => {
          void followAuthorization(url);
          return false;
        },
      },
    );
    expect(lines.join("\n")).toMatch(
      /^Open this URL in a browser to log in to "secure":\nhttp:\/\/127\.0\.0\.1:\d+\/authorize\?/,
    );
    expect(state).toMatch(/^authenticated/);
  });
});

describe("loopback redirect", () => {
  it("ignores a redirect with the wrong state and takes the one with ours", async () => {
    const loop = await startLoopback({ state: "good" });
    cleanups.push(() => loop.close());
    expect((await fetch(`${loop.url}?code=x&state=bad`)).status).toBe(400);
    const ok = await fetch(`${loop.url}?code=the-code&state=good`);
    expect(await ok.text()).toContain("You can close this tab");
    expect(await loop.code).toBe("the-code");
  });

  it("turns an error redirect into a one-line failure", async () => {
    const loop = await startLoopback({ state: "s" });
    cleanups.push(() => loop.close());
    await fetch(`${loop.url}?error=access_denied&error_description=%1b[31mno&state=s`);
    await expect(loop.code).rejects.toThrow("the authorization server refused the login (access_denied)");
  });
});

describe("remote URL policy", () => {
  it("refuses metadata, private and loopback addresses for project servers, not for the user's own", async () => {
    await expect(checkRemoteServerUrl("http://169.254.169.254/mcp", "project")).rejects.toThrow(
      /169\.254\.169\.254 is a link-local or cloud metadata address\. A remote MCP server from a project config/,
    );
    await expect(checkRemoteServerUrl("http://127.0.0.1:9/mcp", "project")).rejects.toThrow(/loopback/);
    await expect(checkRemoteServerUrl("http://10.0.0.1/mcp", "project")).rejects.toThrow(/private/);
    await expect(checkRemoteServerUrl("http://localhost:3000/mcp", "user")).resolves.toBeUndefined();
    const lookup = async () => [{ address: "169.254.169.254", family: 4 as const }];
    await expect(checkRemoteServerUrl("https://innocent.example/mcp", "project", lookup)).rejects.toThrow(
      /resolves to 169\.254\.169\.254/,
    );
  });

  it("a project server pointing at a metadata IP fails without being contacted", async () => {
    const manager = new McpManager();
    cleanups.push(() => manager.close());
    manager.start(
      { meta: { url: "http://169.254.169.254/mcp" } },
      { cwd: process.cwd(), projectServers: new Set(["meta"]), onToolsChanged: () => {} },
    );
    await manager.settled();
    const [status] = manager.status();
    expect(status?.state).toBe("failed");
    expect(status?.error).toMatch(/link-local or cloud metadata address/);
  });

  it("knows which servers came with the project", () => {
    const names = projectServerNames(
      {
        config: {
          mcp: { servers: { mine: { url: "http://localhost:1" }, theirs: { url: "https://x.example" } } },
        },
        project: { config: { mcp: { servers: { theirs: { url: "https://x.example" } } } } },
      },
      { mine: {}, theirs: {}, fromJson: {} },
    );
    expect([...names].sort()).toEqual(["fromJson", "theirs"]);
  });
});
