// The session's tool registry: built-ins plus groups (MCP servers, skills) that can be replaced at runtime as
// servers become ready. Owned by one session; no global state. Schemas are cached until the set changes so the
// request prefix stays byte-identical between requests.
import { type Tool, type ToolSchema, toolSchema } from "./tool.js";

export class ToolRegistry {
  private groups = new Map<string, Tool[]>();
  private cache?: { tools: Tool[]; byName: Map<string, Tool>; schemas: ToolSchema[] };
  /** Per group: resolves once that group's announced changes have landed (MCP tools/list_changed). */
  private readiness = new Map<string, () => Promise<void>>();

  constructor(builtins: Tool[]) {
    this.groups.set("builtin", builtins);
  }

  /** Replaces (or with an empty list removes) a named group of tools. */
  setGroup(group: string, tools: Tool[]): void {
    if (tools.length === 0) this.groups.delete(group);
    else this.groups.set(group, tools);
    this.cache = undefined;
  }

  /** Sets what ready() waits on for a group (e.g. MCP servers refreshing their tool lists). */
  setReadiness(group: string, ready: () => Promise<void>): void {
    this.readiness.set(group, ready);
  }

  /** Resolves once every group's pending changes have landed; the loop awaits it before taking schemas. */
  async ready(): Promise<void> {
    await Promise.all([...this.readiness.values()].map((ready) => ready()));
  }

  private build() {
    if (!this.cache) {
      const byName = new Map<string, Tool>();
      for (const list of this.groups.values())
        for (const t of list) if (!byName.has(t.name)) byName.set(t.name, t);
      const tools = [...byName.values()];
      this.cache = { tools, byName, schemas: tools.map(toolSchema) };
    }
    return this.cache;
  }

  list(): Tool[] {
    return this.build().tools;
  }

  get(name: string): Tool | undefined {
    return this.build().byName.get(name);
  }

  names(): string[] {
    return this.build().tools.map((t) => t.name);
  }

  schemas(): ToolSchema[] {
    return this.build().schemas;
  }
}
