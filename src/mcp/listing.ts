// What a connected server offers, listed in full: its tools (every page, then the config's includeTools /
// excludeTools), and its prompts and resources when it declares those capabilities. Shared pagination and
// per-page signals come from resources.ts.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { Tool as McpToolDef, Prompt, Resource } from "@modelcontextprotocol/sdk/types.js";
import type { McpServerConfig } from "../config/schema.js";
import { listPrompts } from "./prompts.js";
import { allPages, listResources } from "./resources.js";

/** Matches `pattern` (exact, or with `*` wildcards) against a tool name. */
function matches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return re.test(name);
}

/** Every tool the server lists, filtered by the server's includeTools/excludeTools. */
export async function listServerTools(
  client: Client,
  config: McpServerConfig,
  opts: RequestOptions,
): Promise<McpToolDef[]> {
  const all = await allPages(opts, async (cursor, o) => {
    const page = await client.listTools(cursor ? { cursor } : {}, o);
    return { items: page.tools, nextCursor: page.nextCursor };
  });
  const { includeTools, excludeTools } = config;
  return all.filter(
    (t) =>
      (!includeTools || includeTools.some((p) => matches(p, t.name))) &&
      !(excludeTools ?? []).some((p) => matches(p, t.name)),
  );
}

/** Prompts and resources of a server that declares them (empty lists for one that does not). */
export async function listCatalog(
  client: Client,
  opts: RequestOptions,
): Promise<{ prompts: Prompt[]; resources: Resource[] }> {
  const caps = client.getServerCapabilities();
  return {
    prompts: caps?.prompts ? await listPrompts(client, opts) : [],
    resources: caps?.resources ? await listResources(client, opts) : [],
  };
}
