// `/mcp login <server>`: OAuth login for a remote MCP server from inside the TUI. The browser opens (or the URL
// is shown to open by hand); the server reconnects with its new token when the redirect arrives.
import { type CommandHost, note } from "./slash-host.js";

const USAGE = "Usage: /mcp (status) or /mcp login <server>";

export async function mcpSubcommand(host: CommandHost, args: string): Promise<void> {
  const [sub, name, ...rest] = args.trim().split(/\s+/);
  if (sub !== "login" || !name || rest.length) return note(host, USAGE, "warn");
  const login = host.services.mcpLogin;
  if (!login) return note(host, "/mcp login is not available in this session.", "warn");
  note(host, `Logging in to MCP server "${name}"…`);
  try {
    const state = await login(name, (line) => note(host, line));
    note(host, `MCP server "${name}": ${state}.`);
  } catch (e) {
    note(host, `Login to "${name}" failed: ${(e as Error).message}`, "error");
  }
}
