// `protoagent mcp list|add|remove`: manages MCP servers in the user config (or the project config with
// --project) without touching comments. `list` also shows the project's .mcp.json and, with --check, connects
// to the servers that may start (user config always; project ones only when the caller says they are trusted).
// Implementation modules load inside the actions, so registering the command costs the CLI's start-up nothing.
import type { Command } from "commander";
import type { McpServerConfig } from "../../config/schema.js";
import { errorMessage, UserError } from "../../errors.js";
import { cleanText } from "../../utils/terminal-text.js";

export interface McpCommandDeps {
  cwd: string;
  userConfigPath: string;
  projectConfigPath: string;
  /** Whether project-level servers (project config, .mcp.json) are trusted and may be started by --check. */
  projectTrusted: boolean;
  /** The data folder (OAuth tokens of remote servers); without it login/logout refuse and list shows no state. */
  dataDir?: string;
  /** Opens the login URL; defaults to the browser ($BROWSER honoured). Tests follow the redirect themselves. */
  openUrl?(url: string): Promise<boolean>;
  out(line: string): void;
}

export interface AddOptions {
  project?: boolean;
  transport?: "stdio" | "http" | "sse";
  env?: string[];
  header?: string[];
  timeout?: string;
  trust?: boolean;
}

/** Builds the server entry from `mcp add` arguments. Pure; throws with a message for the user. */
export function serverFromArgs(target: string, args: string[], opts: AddOptions): McpServerConfig {
  const isUrl = /^https?:\/\//i.test(target);
  const type = opts.transport ?? (isUrl ? "http" : "stdio");
  const server: McpServerConfig = {};
  if (type === "stdio") {
    if (isUrl) throw new Error("A stdio server needs a command, not a URL.");
    server.command = target;
    if (args.length) server.args = args;
  } else {
    if (!isUrl) throw new Error(`A ${type} server needs an http(s) URL.`);
    if (args.length) throw new Error("Extra arguments only make sense for a stdio command.");
    server.type = type;
    server.url = target;
  }
  if (opts.env?.length) {
    server.env = Object.fromEntries(
      opts.env.map((pair) => {
        const eq = pair.indexOf("=");
        if (eq <= 0) throw new Error(`--env expects KEY=VALUE, got "${pair}".`);
        return [pair.slice(0, eq), pair.slice(eq + 1)];
      }),
    );
  }
  if (opts.header?.length) {
    server.headers = Object.fromEntries(
      opts.header.map((h) => {
        const colon = h.indexOf(":");
        if (colon <= 0) throw new Error(`--header expects "Name: value", got "${h}".`);
        return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()];
      }),
    );
  }
  if (opts.timeout !== undefined) {
    const ms = Number(opts.timeout);
    if (!Number.isInteger(ms) || ms <= 0) throw new Error("--timeout expects milliseconds, e.g. 30000.");
    server.timeoutMs = ms;
  }
  if (opts.trust) server.trust = true;
  return server;
}

export interface Row {
  source: string;
  name: string;
  server: McpServerConfig | undefined;
  raw: unknown;
}

function describe(server: McpServerConfig | undefined, raw: unknown): string {
  if (!server) return `invalid entry: ${JSON.stringify(raw)}`;
  const where = server.url ?? [server.command, ...(server.args ?? [])].join(" ");
  const flags = [server.enabled === false ? "disabled" : "", server.trust ? "trusted" : ""].filter(Boolean);
  return `${server.type ?? (server.url ? "http" : "stdio")}  ${where}${flags.length ? `  (${flags.join(", ")})` : ""}`;
}

export async function collectRows(deps: McpCommandDeps): Promise<Row[]> {
  const { readConfiguredServers } = await import("../../mcp/config-edit.js");
  const { loadProjectMcpJson } = await import("../../mcp/project-json.js");
  const rows: Row[] = [];
  const fromFile = (source: string, file: string) => {
    for (const [name, raw] of Object.entries(readConfiguredServers(file))) {
      const parsed = (raw && typeof raw === "object" ? raw : {}) as McpServerConfig;
      rows.push({ source, name, server: parsed.command || parsed.url ? parsed : undefined, raw });
    }
  };
  fromFile(`user (${deps.userConfigPath})`, deps.userConfigPath);
  fromFile(`project (${deps.projectConfigPath})`, deps.projectConfigPath);
  const mcpJson = loadProjectMcpJson(deps.cwd);
  if (mcpJson) {
    for (const [name, server] of Object.entries(mcpJson.servers))
      rows.push({ source: `project (${mcpJson.path})`, name, server, raw: server });
    for (const error of mcpJson.errors)
      rows.push({ source: `project (${mcpJson.path})`, name: "?", server: undefined, raw: error });
  }
  return rows;
}

export async function runMcpList(deps: McpCommandDeps, opts: { check?: boolean }): Promise<number> {
  const rows = await collectRows(deps);
  if (rows.length === 0) {
    deps.out("No MCP servers configured. Add one with: protoagent mcp add <name> -- <command> [args...]");
    return 0;
  }
  const states = new Map<string, string>();
  const { storedAuthState } = await import("../../mcp/auth/store.js");
  if (opts.check) {
    const startable = rows.filter((r) => r.server && (r.source.startsWith("user") || deps.projectTrusted));
    // Loaded only for --check so registering the command keeps the CLI's start-up free of the MCP SDK.
    const { McpManager } = await import("../../mcp/manager.js");
    const manager = new McpManager();
    manager.start(Object.fromEntries(startable.map((r) => [r.name, r.server!])), {
      cwd: deps.cwd,
      dataDir: deps.dataDir,
      projectServers: new Set(startable.filter((r) => !r.source.startsWith("user")).map((r) => r.name)),
      onToolsChanged: () => {},
    });
    await manager.settled();
    const { schemaTokens } = await import("../../mcp/tool-search.js");
    const counter = await (await import("../../usage/tokens.js")).loadTokenCounter();
    const cost = (names: string[]) =>
      schemaTokens(
        counter,
        manager.tools().filter((t) => names.includes(t.name)),
      );
    for (const s of manager.status()) {
      states.set(
        s.name,
        s.state === "ready"
          ? `ready, ${s.tools.length} tools${s.auth ? `, ${s.auth}` : ""}, schemas ≈${cost(s.tools)} tokens`
          : `${s.state}${s.error ? `: ${s.error.split("\n")[0]}` : ""}`,
      );
    }
    await manager.close();
  }
  let source = "";
  for (const row of rows) {
    if (row.source !== source) {
      source = row.source;
      deps.out(cleanText(`${source}:`));
    }
    const auth =
      !opts.check && row.server && deps.dataDir ? storedAuthState(row.name, row.server, deps.dataDir) : "";
    const state = opts.check
      ? `  [${states.get(row.name) ?? "not started (untrusted project)"}]`
      : auth
        ? `  [${auth}]`
        : "";
    // Project entries and server errors are untrusted text: no escape sequence reaches the terminal.
    deps.out(cleanText(`  ${row.name}  ${describe(row.server, row.raw)}${state}`));
  }
  return 0;
}

/** Runs an action, turning its failures (bad arguments, unreadable config) into one-line user errors. */
function userErrors<A extends unknown[]>(action: (...args: A) => void | Promise<void>) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (error) {
      throw error instanceof UserError ? error : new UserError(errorMessage(error));
    }
  };
}

/** Registers `mcp list|add|remove` on the root program; `deps` is resolved when a subcommand runs. */
export function registerMcpCommand(program: Command, deps: () => McpCommandDeps): void {
  const mcp = program.command("mcp").description("manage MCP servers (protoagent.jsonc; comments are kept)");
  mcp
    .command("list")
    .description("list configured servers (user config, project config, .mcp.json)")
    .option("--check", "connect to each startable server and show its state and tool count")
    .action(
      userErrors(async (opts: { check?: boolean }) => {
        process.exitCode = await runMcpList(deps(), opts);
      }),
    );
  mcp
    .command("add")
    .description("add a server: mcp add <name> -- <command> [args...]  or  mcp add <name> <url>")
    .argument("<name>", "server name (tools become mcp_<name>_<tool>)")
    .argument("<commandOrUrl>", "the command to run (stdio) or the server URL (http/sse)")
    .argument("[args...]", "arguments of the command (put them after --)")
    .option("--project", "write to the project config instead of the user config")
    .option("-t, --transport <type>", "stdio | http | sse (default: stdio for a command, http for a URL)")
    .option("-e, --env <KEY=VALUE...>", "environment variable for a stdio server (repeatable)")
    .option("-H, --header <header...>", '"Name: value" header for an http/sse server (repeatable)')
    .option("--timeout <ms>", "connect and per-call timeout in milliseconds")
    .option("--trust", "run this server's tools without asking")
    .action(
      userErrors(async (name: string, target: string, args: string[], opts: AddOptions) => {
        const { addServerToConfig } = await import("../../mcp/config-edit.js");
        const d = deps();
        const file = opts.project ? d.projectConfigPath : d.userConfigPath;
        const { replaced } = addServerToConfig(file, name, serverFromArgs(target, args, opts));
        d.out(`${replaced ? "Replaced" : "Added"} MCP server "${name}" in ${file}.`);
      }),
    );
  mcp
    .command("login")
    .description("log in to a remote server with OAuth (opens the browser; tokens stay in the data folder)")
    .argument("<name>")
    .action(
      userErrors(async (name: string) => {
        const { runMcpLogin } = await import("./mcp-auth.js");
        const d = deps();
        process.exitCode = await runMcpLogin(d, await collectRows(d), name);
      }),
    );
  mcp
    .command("logout")
    .description("forget a remote server's OAuth tokens and client registration")
    .argument("<name>")
    .action(
      userErrors(async (name: string) => {
        const { runMcpLogout } = await import("./mcp-auth.js");
        const d = deps();
        process.exitCode = await runMcpLogout(d, await collectRows(d), name);
      }),
    );
  mcp
    .command("remove")
    .description("remove a server from the user config (or --project)")
    .argument("<name>")
    .option("--project", "remove from the project config")
    .action(
      userErrors(async (name: string, opts: { project?: boolean }) => {
        const { removeServerFromConfig } = await import("../../mcp/config-edit.js");
        const d = deps();
        const file = opts.project ? d.projectConfigPath : d.userConfigPath;
        if (removeServerFromConfig(file, name)) d.out(`Removed MCP server "${name}" from ${file}.`);
        else {
          d.out(`No MCP server "${name}" in ${file}.`);
          process.exitCode = 1;
        }
      }),
    );
}
