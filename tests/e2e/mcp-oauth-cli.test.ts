// The OAuth flow through the built CLI against a real protected MCP server: a headless run warns that the
// server needs a login, `mcp login` opens $BROWSER and lands on the loopback listener, `mcp list` shows the
// state, a tool call works, the token is nowhere but the 0600 token file, and `mcp logout` forgets it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type OAuthFixture, startOAuthFixture } from "../fixtures/mcp/oauth-server.mjs";
import { FakeProvider } from "../helpers/fake-provider.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

const BROWSER = `${process.execPath} ${fileURLToPath(new URL("../fixtures/mcp/follow-browser.mjs", import.meta.url))}`;

let provider: FakeProvider;
let fixture: OAuthFixture;
let t: TempEnv;

beforeAll(async () => {
  provider = await FakeProvider.start();
  fixture = await startOAuthFixture();
});
afterAll(async () => {
  await provider.close();
  await fixture.close();
});
beforeEach(() => {
  t = makeTempEnv();
  writeFakeUserConfig(t, provider.url, {
    mcp: { servers: { secure: { url: fixture.mcpUrl, trust: true } } },
  });
  provider.requests.length = 0;
});
afterEach(() => t.cleanup());

const run = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { env: { ...t.env, ...env }, cwd: t.cwd });

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe("mcp login / logout through the CLI", () => {
  it("warns headless runs, logs in via $BROWSER, calls a tool, keeps the token private, logs out", async () => {
    provider.enqueue({ text: "ok" });
    const before = await run(["-p", "hi"]);
    expect(before.code).toBe(0);
    expect(before.stderr).toContain('MCP server "secure" needs login — run: protoagent mcp login secure');
    expect((await run(["mcp", "list"])).stdout).toMatch(
      /secure {2}http {2}\S+ {2}\(trusted\) {2}\[needs login\]/,
    );

    const login = await run(["mcp", "login", "secure"], { BROWSER });
    expect(login.stderr).toBe("");
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('Opened your browser to log in to "secure"');
    expect(login.stdout).toMatch(/MCP server "secure": authenticated \(expires \d{4}-/);
    expect((await run(["mcp", "list"])).stdout).toMatch(/\[authenticated \(expires \d{4}-/);
    expect((await run(["mcp", "list", "--check"])).stdout).toMatch(
      /\[ready, 2 tools, authenticated \(expires/,
    );

    provider.enqueue({ toolCalls: [{ name: "mcp_secure_whoami", arguments: {} }] }, { text: "Done." });
    const call = await run(["-p", "who am I?"]);
    expect(call.code).toBe(0);
    expect(call.stderr).not.toContain("needs login");
    const toolMsg = provider.requests.at(-1)?.body.messages.find((m) => m.role === "tool");
    expect(String(toolMsg?.content)).toMatch(/client [0-9a-f-]{36}/);

    const authDir = path.join(t.dataHome, "protoagent", "mcp-auth");
    const [tokenFile, ...more] = files(authDir);
    expect(more).toEqual([]);
    expect(statSync(tokenFile!).mode & 0o777).toBe(0o600);
    const { access_token, refresh_token } = JSON.parse(readFileSync(tokenFile!, "utf8")).tokens;
    const elsewhere = [...files(t.dataHome), ...files(t.configHome)].filter((f) => f !== tokenFile);
    for (const f of elsewhere) {
      const text = readFileSync(f, "utf8");
      expect(text, f).not.toContain(access_token);
      expect(text, f).not.toContain(refresh_token);
    }
    // Session logs exist, so the scan above covered them.
    expect(elsewhere.some((f) => f.endsWith(".jsonl"))).toBe(true);

    const logout = await run(["mcp", "logout", "secure"]);
    expect(logout.stdout).toContain('Logged out of "secure"');
    expect(files(authDir)).toEqual([]);
  });

  it("refuses an unknown server with a one-line error", async () => {
    const stdio = await run(["mcp", "login", "nope"]);
    expect(stdio.code).not.toBe(0);
    expect(stdio.stderr).toContain('No MCP server named "nope"');
  });
});
