// /mcp and /mcp login in the real App on a real Runtime, against the real OAuth-protected fixture server: the
// server starts as "needs login" with the hint, /mcp login <name> runs the login ($BROWSER plays the browser)
// and the server reconnects with its tools.
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { type OAuthFixture, startOAuthFixture } from "../fixtures/mcp/oauth-server.mjs";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { writeFakeUserConfig } from "../helpers/temp.js";
import { mountRuntime } from "./runtime-app.js";

const env = runtimeFixture();
const BROWSER = `${process.execPath} ${fileURLToPath(new URL("../fixtures/mcp/follow-browser.mjs", import.meta.url))}`;
let fixture: OAuthFixture | undefined;
const savedBrowser = process.env.BROWSER;
afterEach(async () => {
  await fixture?.close();
  if (savedBrowser === undefined) delete process.env.BROWSER;
  else process.env.BROWSER = savedBrowser;
});

it("shows needs login with the hint, and /mcp login logs in and brings the tools", async () => {
  fixture = await startOAuthFixture();
  writeFakeUserConfig(env.t, env.provider.url, { mcp: { servers: { secure: { url: fixture.mcpUrl } } } });
  const rt = await env.open();
  await rt.mcpSettled();
  expect(rt.mcpStatus()[0]?.state).toBe("needs-login");
  const { r, send } = mountRuntime(rt);
  await send("/mcp");
  await r.waitFor("secure: needs login");
  await r.waitFor("needs login — run: protoagent mcp login secure");

  await send("/mcp login");
  await r.waitFor("Usage: /mcp (status) or /mcp login <server>");

  // The login opens $BROWSER (read from the process environment, as in a real terminal).
  process.env.BROWSER = BROWSER;
  await send("/mcp login secure");
  await r.waitFor('Opened your browser to log in to "secure"');
  await r.waitFor('MCP server "secure": authenticated (expires');
  expect(rt.mcpStatus()[0]?.state).toBe("ready");
  expect(rt.tools().some((t) => t.name === "mcp_secure_whoami")).toBe(true);
});
