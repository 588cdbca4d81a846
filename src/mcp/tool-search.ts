// Tool search: when the MCP tools' schemas would take more than a share of the context window (default 10 %,
// `mcp.toolSearch`), the model gets two small meta tools instead of every schema on every request:
// mcp_search_tools (names and one-line descriptions) and mcp_load_tools (those tools' schemas join the
// following requests). The loaded set only grows within a session, and loaded tools are appended after the
// meta tools in load order, so the request prefix (and the provider's prompt cache) stays stable. It lives on
// this object, so compaction keeps it; a resumed session reloads the names its history loaded.
// Counting uses the session's o200k counter, loaded off the request path: a byte bound decides the clear cases
// at once; the counter settles close calls and gives the per-server cost /mcp shows.
import type { Message } from "../agent/messages.js";
import type { Tool, ToolSchema } from "../tools/tool.js";
import { toolSchema } from "../tools/tool.js";
import type { McpHandle } from "./handle.js";
import { LOAD_TOOL, metaTools } from "./search-tools.js";

export const DEFAULT_TOOL_SEARCH_THRESHOLD = 0.1;

export interface ToolSearchConfig {
  /** auto: search when the schemas exceed `threshold` × context window; always / never override. */
  mode?: "auto" | "always" | "never";
  threshold?: number;
}

/** The part of the session's token counter (src/usage/tokens.ts) this needs: tokens of tool schemas. */
export interface SchemaCounter {
  tools(schemas: readonly ToolSchema[]): number;
}

export interface ToolSearchOptions {
  config?: ToolSearchConfig;
  contextWindow(): number;
  counter(): Promise<SchemaCounter>;
  /** Hands the tools the model should see (replaces the session's "mcp" tool group). */
  publish(tools: Tool[]): void;
  /** Names loaded earlier in this session (a resumed history's mcp_load_tools calls). */
  loaded?: readonly string[];
}

/** Tokens the schemas of `tools` add to every request (`protoagent mcp list --check`). */
export function schemaTokens(counter: SchemaCounter, tools: readonly Tool[]): number {
  return counter.tools(tools.map(toolSchema));
}

/** The tool names a history's mcp_load_tools calls asked for, in order. */
export function loadedIn(messages: readonly Message[]): string[] {
  const names: string[] = [];
  for (const m of messages) {
    if (m.role !== "assistant") continue;
    for (const c of m.toolCalls ?? []) {
      if (c.name !== LOAD_TOOL) continue;
      try {
        const args = JSON.parse(c.arguments) as { names?: unknown };
        if (Array.isArray(args.names)) names.push(...args.names.filter((n) => typeof n === "string"));
      } catch {
        // A malformed call loaded nothing.
      }
    }
  }
  return names;
}

export class McpToolSearch {
  private all: Tool[] = [];
  private readonly loaded: string[];
  /** Per tool object: a rebuilt list brings new objects, and the old counts go with the old objects. */
  private readonly tokens = new WeakMap<Tool, number>();
  private searching = false;
  private total?: number;
  private shown: Tool[] = [];
  private counting: Promise<void> = Promise.resolve();
  private pending: Promise<void> = Promise.resolve();
  private readonly meta: Tool[];

  constructor(private readonly opts: ToolSearchOptions) {
    this.loaded = [...new Set(opts.loaded ?? [])];
    this.meta = metaTools({
      all: () => this.all,
      isLoaded: (name) => this.loaded.includes(name),
      load: (names) => {
        for (const n of names) if (!this.loaded.includes(n)) this.loaded.push(n);
        this.show();
      },
    });
  }

  private get threshold(): number {
    return this.opts.config?.threshold ?? DEFAULT_TOOL_SEARCH_THRESHOLD;
  }

  /** A new full MCP tool list (from the manager); the decision and the counts follow asynchronously. */
  update(tools: Tool[]): void {
    this.all = tools;
    this.pending = this.pending
      .then(() => this.decide(tools))
      .catch(() => {
        // Whatever went wrong deciding, the model still gets every tool rather than none.
        this.searching = false;
        this.show();
      });
  }

  /** Decides again for the same tools (the model, and so the context window, changed). */
  recheck(): void {
    if (this.all.length > 0) this.update(this.all);
  }

  /**
   * Resolves when the latest update has been decided and published (the loop waits for this before a request
   * after a list_changed, so the model sees the new tools); counting for /mcp may still run.
   */
  async published(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.pending;
      await seen;
    } while (seen !== this.pending);
  }

  /** Resolves when the latest update has been decided, published and counted. */
  async idle(): Promise<void> {
    await this.published();
    await this.counting;
  }

  private async decide(tools: Tool[]): Promise<void> {
    const mode = this.opts.config?.mode ?? "auto";
    const limit = this.threshold * this.opts.contextWindow();
    // A token covers at least one byte: under the limit in bytes is under it in tokens, no tokenizer needed.
    const clearlyUnder = mode === "auto" && schemaBytes(tools) < limit;
    if (mode !== "auto" || clearlyUnder) {
      this.searching = mode === "always" && tools.length > 0;
      this.show();
      // Decided without the tokenizer (the tools are already published): the count is only for /mcp, and
      // runs off the decision chain so a tool-list change never waits for the tokenizer.
      this.counting = this.countAll(tools).catch(() => {});
      return;
    }
    await this.countAll(tools);
    if (tools !== this.all) return;
    // Without a tokenizer a close call is decided toward the smaller request.
    this.searching = this.total === undefined || this.total > limit;
    this.show();
  }

  private async countAll(tools: Tool[]): Promise<void> {
    const counter = await this.opts.counter().catch(() => undefined);
    if (tools === this.all) this.total = counter ? this.count(counter, tools) : undefined;
  }

  private count(counter: SchemaCounter, tools: Tool[]): number {
    let total = 0;
    for (const t of tools) {
      let n = this.tokens.get(t);
      if (n === undefined) {
        n = schemaTokens(counter, [t]);
        this.tokens.set(t, n);
      }
      total += n;
    }
    return total;
  }

  /** Publishes what the model should see, only when it changed (a new array would re-count the prefix). */
  private show(): void {
    const next = this.searching
      ? [...this.meta, ...this.loaded.flatMap((n) => this.all.filter((t) => t.name === n))]
      : this.all;
    if (next.length === this.shown.length && next.every((t, i) => t === this.shown[i])) return;
    this.shown = next;
    this.opts.publish(next);
  }

  /** Schema tokens of the named tools (undefined until counted). */
  tokensOf(names: readonly string[]): number | undefined {
    if (this.total === undefined) return undefined;
    return this.all.filter((t) => names.includes(t.name)).reduce((n, t) => n + (this.tokens.get(t) ?? 0), 0);
  }

  /** One line for /mcp: whether the search step is on, and why. */
  summary(): string | undefined {
    if (this.all.length === 0) return undefined;
    const window = this.opts.contextWindow();
    const cost = this.total === undefined ? "not counted yet" : `≈${this.total} tokens`;
    const share = `${Math.round(this.threshold * 100)}% of the ${window}-token window`;
    if (!this.searching) return `MCP tool schemas: ${cost} (tool search off; it turns on above ${share}).`;
    const loaded = this.loaded.filter((n) => this.all.some((t) => t.name === n)).length;
    return `MCP tool schemas: ${cost} — tool search on (${this.opts.config?.mode === "always" ? "mcp.toolSearch.mode always" : `above ${share}`}): ${loaded} of ${this.all.length} tools loaded.`;
  }
}

function schemaBytes(tools: readonly Tool[]): number {
  return tools.reduce((n, t) => n + Buffer.byteLength(JSON.stringify(toolSchema(t) satisfies ToolSchema)), 0);
}

/** The session's MCP handle with the search step: settled once decided, per-server schema cost in status. */
export function withToolSearch(mcp: McpHandle, search: McpToolSearch): McpHandle {
  return {
    ...mcp,
    settled: async () => {
      await mcp.settled();
      await search.idle();
    },
    toolsReady: async () => {
      await mcp.toolsReady();
      await search.published();
    },
    status: () => mcp.status().map((s) => ({ ...s, schemaTokens: search.tokensOf(s.tools) })),
    notes: () => {
      const line = search.summary();
      return line ? [line] : [];
    },
  };
}
