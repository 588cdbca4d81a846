// Plain-text rendering of MCP server status for `/mcp` and headless stderr. Pure; the TUI may render the same
// McpServerStatus data its own way.
import type { McpServerStatus } from "./manager.js";

const STATE_LABEL: Record<McpServerStatus["state"], string> = {
  connecting: "connecting…",
  ready: "ready",
  failed: "failed",
  "needs-login": "needs login",
  disabled: "disabled",
  closed: "closed",
};

/** One block per server: state, transport, tools and the last error (indented). */
export function formatMcpStatus(servers: readonly McpServerStatus[]): string {
  if (servers.length === 0)
    return "No MCP servers configured (mcp.servers in protoagent.jsonc, or .mcp.json).";
  return servers
    .map((s) => {
      const auth = s.state === "needs-login" ? "" : s.auth;
      const head = [
        `${s.name}: ${STATE_LABEL[s.state]}`,
        s.transport,
        s.server,
        auth,
        s.trusted ? "trusted" : "",
      ]
        .filter(Boolean)
        .join(" · ");
      const lines = [head];
      if (s.tools.length) lines.push(`  tools (${s.tools.length}): ${s.tools.join(", ")}`);
      if (s.schemaTokens !== undefined) lines.push(`  schema cost: ≈${s.schemaTokens} tokens per request`);
      if (s.error) lines.push(...s.error.split("\n").map((l) => `  ${l}`));
      return lines.join("\n");
    })
    .join("\n");
}

/** A one-line notice for a server that just failed or needs a login (status line, headless stderr); else null. */
export function mcpFailureNotice(status: McpServerStatus): string | null {
  if (status.state === "needs-login") return `MCP server "${status.name}" ${status.error ?? "needs login"}`;
  if (status.state !== "failed" || !status.error) return null;
  return `MCP server "${status.name}" failed: ${status.error.split("\n")[0]} (see /mcp)`;
}
