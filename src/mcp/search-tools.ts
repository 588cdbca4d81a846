// The two meta tools of MCP tool search (tool-search.ts): mcp_search_tools ranks the session's MCP tools for a
// query and answers with names and one-line descriptions; mcp_load_tools adds exact names to the loaded set.
// Both change nothing outside this session's tool list, so they are read-only and run without asking.
import { z } from "zod";
import type { Tool } from "../tools/tool.js";
import { oneLine } from "../utils/one-line.js";

export const SEARCH_TOOL = "mcp_search_tools";
export const LOAD_TOOL = "mcp_load_tools";
const MAX_HITS = 30;

/** What the meta tools see of the search: every MCP tool, and the grow-only loaded set. */
export interface SearchState {
  all(): readonly Tool[];
  isLoaded(name: string): boolean;
  /** Adds names (known ones only) and publishes the new tool list. */
  load(names: readonly string[]): void;
}

export function metaTools(state: SearchState): Tool[] {
  return [searchTool(state), loadTool(state)];
}

function searchTool(state: SearchState): Tool {
  const parameters = z.object({
    query: z.string().describe("Words to look for in MCP tool names and descriptions; empty lists them all."),
  });
  return {
    name: SEARCH_TOOL,
    description:
      "Finds tools of the connected MCP servers. Their full schemas are not sent to save context: search by " +
      `what you need, then load the tools you will call with ${LOAD_TOOL}. Returns names and one-line descriptions.`,
    parameters,
    readOnly: true,
    safe: true,
    describe: (a: z.infer<typeof parameters>) => ({
      title: `Search MCP tools: ${a.query}`,
      kind: "search",
      subject: a.query,
    }),
    execute: async (a: z.infer<typeof parameters>) => {
      const hits = rankTools(state.all(), a.query).slice(0, MAX_HITS);
      if (hits.length === 0) return { content: `No MCP tool matches "${a.query}".`, summary: "no matches" };
      const lines = hits.map(
        (t) => `${t.name}${state.isLoaded(t.name) ? " (loaded)" : ""} — ${oneLine(t.description, 160)}`,
      );
      return { content: lines.join("\n"), summary: `${hits.length} tool(s)` };
    },
  } as Tool;
}

function loadTool(state: SearchState): Tool {
  const parameters = z.object({
    names: z.array(z.string()).min(1).max(50).describe(`Exact tool names from ${SEARCH_TOOL}.`),
  });
  return {
    name: LOAD_TOOL,
    description: `Loads MCP tools found with ${SEARCH_TOOL}: their schemas are sent from the next request on, for the rest of the session.`,
    parameters,
    readOnly: true,
    safe: true,
    describe: (a: z.infer<typeof parameters>) => ({
      title: "Load MCP tools",
      kind: "other",
      subject: a.names.join(", "),
    }),
    execute: async (a: z.infer<typeof parameters>) => {
      const known = a.names.filter((n) => state.all().some((t) => t.name === n));
      const unknown = a.names.filter((n) => !known.includes(n));
      if (known.length === 0)
        throw new Error(
          `No MCP tool named ${unknown.join(", ")}. Use ${SEARCH_TOOL} to find the exact names.`,
        );
      state.load(known);
      const missing = unknown.length ? ` Not found: ${unknown.join(", ")}.` : "";
      return {
        content: `Loaded ${known.join(", ")}; call them from your next step.${missing}`,
        summary: `${known.length} loaded`,
      };
    },
  } as Tool;
}

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Tools whose name or description contains the query's words: a whole word of the name counts most, then a part
 * of the name, then the description. Empty query: all.
 */
export function rankTools(tools: readonly Tool[], query: string): Tool[] {
  const words = wordsOf(query);
  if (words.length === 0) return [...tools];
  const scored = tools.flatMap((t) => {
    const name = t.name.toLowerCase();
    const nameWords = new Set(wordsOf(t.name));
    const about = t.description.toLowerCase();
    const score = words.reduce(
      (s, w) => s + (nameWords.has(w) ? 5 : name.includes(w) ? 3 : 0) + (about.includes(w) ? 1 : 0),
      0,
    );
    return score > 0 ? [{ t, score }] : [];
  });
  scored.sort((a, b) => b.score - a.score || a.t.name.localeCompare(b.t.name));
  return scored.map((s) => s.t);
}
