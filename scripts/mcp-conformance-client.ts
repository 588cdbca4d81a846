// The client under test for the official MCP conformance suite (`npm run conformance:mcp`). The suite starts a
// scenario server and runs this with its URL as the last argument, the scenario in MCP_CONFORMANCE_SCENARIO and
// extra data (pre-registered client, client-credentials secrets) as JSON in MCP_CONFORMANCE_CONTEXT.
// It drives protoagent's own MCP code (McpConnection + the OAuth glue in src/mcp/auth), non-interactively: where
// a user would log in, the "browser" fetches the authorization URL and follows its redirect to our loopback
// listener, as the suite's own example clients do. Exit code 0 = the scenario ran to the end.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { McpServerConfig } from "../src/config/schema.js";
import { loginMcpServer } from "../src/mcp/auth/login.js";
import { McpConnection } from "../src/mcp/connection.js";
import { type ElicitationHandler, initialText, validateForm } from "../src/mcp/elicitation.js";

/** The client ID metadata document URL the suite's CIMD scenario expects (a client would host its own). */
const CIMD_URL = "https://conformance-test.local/client-metadata.json";
const NAME = "conformance";

const log = (line: string) => process.stderr.write(`[protoagent-conformance] ${line}\n`);

/** The "browser": fetch the authorization URL and deliver its redirect (the code) to the loopback listener. */
async function followAuthorization(url: string): Promise<boolean> {
  const response = await fetch(url, { redirect: "manual" });
  const location = response.headers.get("location");
  if (!location) throw new Error(`authorization endpoint answered ${response.status} without a redirect`);
  await (await fetch(location)).text();
  return true;
}

/** Issuer of the server's first authorization server (what a user puts in oauth.issuer for client credentials). */
async function discoverIssuer(serverUrl: string): Promise<string> {
  const { discoverOAuthProtectedResourceMetadata } = await import("@modelcontextprotocol/sdk/client/auth.js");
  const prm = await discoverOAuthProtectedResourceMetadata(serverUrl);
  const issuer = prm.authorization_servers?.[0];
  if (!issuer) throw new Error("no authorization server in the protected resource metadata");
  return issuer;
}

async function serverConfig(scenario: string, url: string): Promise<McpServerConfig> {
  const ctx = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT || "{}") as Record<string, string>;
  if (scenario === "auth/pre-registration")
    return { url, oauth: { clientId: ctx.client_id, clientSecret: ctx.client_secret } };
  if (scenario.startsWith("auth/client-credentials-")) {
    // What a CI user writes in the config: client ID, the issuer, and a secret or a private key (PEM).
    const issuer = await discoverIssuer(url);
    const key = ctx.private_key_pem
      ? { privateKey: ctx.private_key_pem, signingAlgorithm: ctx.signing_algorithm }
      : { clientSecret: ctx.client_secret };
    return { url, oauth: { grant: "client_credentials", clientId: ctx.client_id, issuer, ...key } };
  }
  return scenario.startsWith("auth/") ? { url, oauth: { clientMetadataUrl: CIMD_URL } } : { url };
}

/** Arguments that satisfy a tool's required properties (numbers 1, strings "test", booleans true). */
function sampleArgs(schema: { properties?: Record<string, { type?: string }>; required?: string[] }) {
  const sample: Record<string, unknown> = {
    number: 1,
    integer: 1,
    string: "test",
    boolean: true,
    object: {},
  };
  return Object.fromEntries(
    (schema.required ?? []).map((key) => [key, sample[schema.properties?.[key]?.type ?? "string"] ?? "test"]),
  );
}

/**
 * The "user" of the elicitation scenarios: presses Enter on the form as the TUI shows it — every field
 * pre-filled with the server's defaults, validated as the TUI validates it — and declines a URL request.
 */
const answerAsShown: ElicitationHandler = async (request) => {
  if (request.mode !== "form") return { action: "decline" };
  const texts = Object.fromEntries(request.fields.map((f) => [f.key, initialText(f)]));
  const checked = validateForm(request.fields, texts);
  log(`elicitation from ${request.server}: ${"content" in checked ? "accepted" : "invalid defaults"}`);
  return "content" in checked ? { action: "accept", content: checked.content } : { action: "cancel" };
};

async function main(): Promise<number> {
  const url = process.argv.at(-1);
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? "";
  if (!url || !/^https?:/.test(url)) throw new Error("usage: mcp-conformance-client <server-url>");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "protoagent-conformance-"));
  const config = await serverConfig(scenario, url);
  const connection = new McpConnection(NAME, config, {
    cwd: process.cwd(),
    clientInfo: { name: "protoagent", version: "conformance" },
    dataDir,
    onChange: () => {},
    elicit: answerAsShown,
    notice: log,
  });
  const login = async () => {
    log("server needs login: running the login flow");
    const state = await loginMcpServer(NAME, config, { dataDir, out: log, openUrl: followAuthorization });
    log(`login: ${state}`);
    await connection.reconnect();
  };
  try {
    await connection.connect();
    // A login may be asked for again (scope step-up); at most twice, as a user would give up on a loop.
    const state = () => connection.state;
    for (let attempt = 0; state() === "needs-login" && attempt < 2; attempt++) await login();
    if (state() !== "ready") throw new Error(`not connected: ${connection.state}: ${connection.error}`);
    log(`ready; tools: ${connection.tools.map((t) => t.name).join(", ")}`);
    for (const tool of connection.tools) {
      const args = sampleArgs(tool.inputSchema as Parameters<typeof sampleArgs>[0]);
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await connection.call(tool.name, args, AbortSignal.timeout(20_000));
          log(`${tool.name}: ${JSON.stringify(result).slice(0, 200)}`);
          break;
        } catch (error) {
          if (state() !== "needs-login" || attempt >= 1) throw error;
          await login();
        }
      }
    }
    return 0;
  } finally {
    await connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
