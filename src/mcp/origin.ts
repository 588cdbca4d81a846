// Where a configured MCP server came from, which decides the URL policy for a remote one (url-policy.ts).
// Kept apart from the policy so session assembly does not load the network guard at start-up.
import type { ConfigFile } from "../config/schema.js";

export type ServerOrigin = "user" | "project";

/**
 * Names of the servers that came with the project: set in the project config layer, or added from .mcp.json
 * (`servers` is the user+project config merge plus .mcp.json, before any servers given by the caller).
 */
export function projectServerNames(
  loaded: { config: ConfigFile; project?: { config: ConfigFile } },
  servers: Record<string, unknown>,
): Set<string> {
  const configured = loaded.config.mcp?.servers ?? {};
  const fromLayer = Object.keys(loaded.project?.config.mcp?.servers ?? {});
  const fromJson = Object.keys(servers).filter((name) => !(name in configured));
  return new Set([...fromLayer, ...fromJson]);
}
