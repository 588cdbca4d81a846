// The session's handle on its MCP servers. The MCP SDK (and its JSON-schema validator) is large, so it is
// imported only when at least one server is configured; with none, start-up pays nothing for MCP.
import type {
  GetPromptResult,
  Prompt,
  ReadResourceResult,
  Resource,
} from "@modelcontextprotocol/sdk/types.js";
import type { McpServerConfig } from "../config/schema.js";
import type { ElicitationHandler } from "./elicitation.js";
import type { McpServerStatus, McpStartOptions } from "./manager.js";

export interface McpHandle {
  /** Resolves when every server's first connection attempt has finished. */
  settled(): Promise<void>;
  status(): McpServerStatus[];
  reconnect(name: string): Promise<void>;
  /** OAuth login for a remote server (browser + loopback redirect), then a reconnect; resolves with its state. */
  login(name: string, out: (line: string) => void, signal?: AbortSignal): Promise<string>;
  close(): Promise<void>;
  /** Who answers elicitations (the TUI); absent → declined with a notice. */
  setElicitationHandler(handler: ElicitationHandler | undefined): void;
  /** Resolves once announced tool-list changes have landed (bounded). */
  toolsReady(): Promise<void>;
  prompts(): { server: string; prompt: Prompt }[];
  resources(): { server: string; resource: Resource }[];
  getPrompt(
    server: string,
    name: string,
    args: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<GetPromptResult>;
  readResource(server: string, uri: string, signal?: AbortSignal): Promise<ReadResourceResult>;
  /** Extra lines for /mcp (the tool-search state). */
  notes?(): string[];
}

const noServer = async (name: string): Promise<never> => {
  throw new Error(`No MCP server named "${name}" is configured.`);
};

export function startMcp(servers: Record<string, McpServerConfig>, opts: McpStartOptions): McpHandle {
  const names = Object.keys(servers);
  if (names.length === 0) {
    return {
      settled: async () => {},
      status: () => [],
      reconnect: noServer,
      login: noServer,
      close: async () => {},
      setElicitationHandler: () => {},
      toolsReady: async () => {},
      prompts: () => [],
      resources: () => [],
      getPrompt: noServer,
      readResource: noServer,
    };
  }
  let handler: ElicitationHandler | undefined;
  let manager: import("./manager.js").McpManager | undefined;
  const loading = import("./manager.js").then(({ McpManager }) => {
    manager = new McpManager();
    manager.setElicitationHandler(handler);
    manager.start(servers, opts);
    return manager;
  });
  return {
    settled: async () => (await loading).settled(),
    status: () =>
      manager?.status() ??
      names.map((name) => ({
        name,
        state: "connecting" as const,
        tools: [],
        trusted: servers[name]?.trust === true,
      })),
    reconnect: async (name) => (await loading).reconnect(name),
    login: async (name, out, signal) => {
      const config = servers[name];
      if (!config) throw new Error(`No MCP server named "${name}" is configured.`);
      if (!opts.dataDir) throw new Error("OAuth login needs a data folder.");
      const { loginMcpServer } = await import("./auth/login.js");
      const state = await loginMcpServer(name, config, { dataDir: opts.dataDir, out, signal });
      await (await loading).reconnect(name);
      return state;
    },
    close: async () => (await loading).close(),
    setElicitationHandler(h) {
      handler = h;
      manager?.setElicitationHandler(h);
    },
    toolsReady: async () => (await loading).toolsReady(),
    prompts: () => manager?.prompts() ?? [],
    resources: () => manager?.resources() ?? [],
    getPrompt: async (server, name, args, signal) => (await loading).getPrompt(server, name, args, signal),
    readResource: async (server, uri, signal) => (await loading).readResource(server, uri, signal),
  };
}
