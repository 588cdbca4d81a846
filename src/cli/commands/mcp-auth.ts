// `protoagent mcp login|logout <server>`: OAuth for a remote MCP server from the user config (or, once the
// project is trusted, the project's config or .mcp.json — whose URL must then pass the SSRF policy).
// Tokens go to the data folder (mcp/auth/store.ts), never to the config.
import type { McpServerConfig } from "../../config/schema.js";
import type { McpCommandDeps, Row } from "./mcp.js";

/** The server's effective entry (${VAR} expanded, validated) and where it came from; throws a one-line error. */
async function findServer(deps: McpCommandDeps, rows: Row[], name: string) {
  const row = rows.find((r) => r.name === name && r.server);
  if (!row?.server) throw new Error(`No MCP server named "${name}" (see: protoagent mcp list).`);
  const origin = row.source.startsWith("user") ? ("user" as const) : ("project" as const);
  if (origin === "project" && !deps.projectTrusted)
    throw new Error(
      `"${name}" comes from an untrusted project config; run protoagent in it with --trust-project first.`,
    );
  const { interpolate } = await import("../../config/load.js");
  const { mcpServerSchema } = await import("../../config/schema.js");
  const warnings: string[] = [];
  const server: McpServerConfig = mcpServerSchema.parse(interpolate(row.server, process.env, warnings));
  if (!server.url || server.command)
    throw new Error(`MCP server "${name}" is not a remote (http/sse) server.`);
  const { checkRemoteServerUrl } = await import("../../mcp/url-policy.js");
  await checkRemoteServerUrl(server.url, origin);
  return server;
}

export async function runMcpLogin(deps: McpCommandDeps, rows: Row[], name: string): Promise<number> {
  if (!deps.dataDir) throw new Error("no data folder to store tokens in");
  const server = await findServer(deps, rows, name);
  const { loginMcpServer } = await import("../../mcp/auth/login.js");
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    deps.out(`Logging in to MCP server "${name}" (${new URL(server.url!).origin})…`);
    const state = await loginMcpServer(name, server, {
      dataDir: deps.dataDir,
      out: deps.out,
      signal: controller.signal,
      openUrl: deps.openUrl,
    });
    deps.out(`MCP server "${name}": ${state}.`);
    return 0;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

export async function runMcpLogout(deps: McpCommandDeps, rows: Row[], name: string): Promise<number> {
  if (!deps.dataDir) throw new Error("no data folder");
  const row = rows.find((r) => r.name === name && r.server);
  if (!row?.server?.url) throw new Error(`No remote MCP server named "${name}" (see: protoagent mcp list).`);
  const { logoutMcpServer } = await import("../../mcp/auth/login.js");
  const removed = logoutMcpServer(name, row.server, deps.dataDir);
  deps.out(
    removed
      ? `Logged out of "${name}": its stored tokens and client registration are deleted.`
      : `No stored login for "${name}".`,
  );
  return 0;
}
