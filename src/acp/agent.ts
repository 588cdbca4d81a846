// The ACP agent: answers initialize with what protoagent really supports, and routes session methods to
// one AcpSession (one Runtime) per session id. Errors thrown here become JSON-RPC errors for the client.
import * as acp from "@agentclientprotocol/sdk";
import type { RuntimeOptions } from "../runtime/index.js";
import { historyUpdates, MODES, mcpServersFromAcp } from "./map-session.js";
import { AcpSession } from "./session.js";

export interface AcpAgentOptions {
  version: string;
  /** Options every session's Runtime starts from (model, limits, log level…); cwd comes from the client. */
  base: Omit<RuntimeOptions, "cwd" | "headless" | "resume" | "files" | "extraMcpServers">;
}

export interface AcpAgent {
  app: acp.AgentApp;
  /** Closes every open session (their logs, MCP servers). */
  closeAll(): Promise<void>;
}

export function createAcpAgent(opts: AcpAgentOptions): AcpAgent {
  const sessions = new Map<string, AcpSession>();
  let caps: acp.ClientCapabilities = {};
  const need = (id: string) => {
    const s = sessions.get(id);
    if (!s) throw acp.RequestError.invalidParams({ sessionId: id }, `Unknown session ${id}.`);
    return s;
  };
  const open = async (
    client: acp.AgentContext,
    params: { cwd: string; mcpServers?: acp.McpServer[] },
    resume?: string,
  ) =>
    AcpSession.open(
      {
        ...opts.base,
        cwd: params.cwd,
        headless: false,
        extraMcpServers: mcpServersFromAcp(params.mcpServers ?? []),
        ...(resume ? { resume: { session: resume } } : {}),
      },
      client,
      caps,
    ).catch((err: unknown) => {
      // Start-up failures (no model, missing key, bad config, unknown session) carry a one-line message.
      throw new acp.RequestError(-32603, err instanceof Error ? err.message : String(err));
    });
  const later = (fn: () => void) => setImmediate(fn);

  const app = acp
    .agent({ name: "protoagent" })
    .onRequest("initialize", ({ params }) => {
      caps = params.clientCapabilities ?? {};
      return {
        protocolVersion: acp.PROTOCOL_VERSION,
        agentCapabilities: {
          loadSession: true,
          promptCapabilities: { image: true, audio: false, embeddedContext: true },
          mcpCapabilities: { http: true, sse: true },
          sessionCapabilities: { close: {} },
        },
        agentInfo: { name: "protoagent", title: "protoagent", version: opts.version },
        authMethods: [],
      };
    })
    .onRequest("session/new", async ({ params, client }) => {
      const s = await open(client, params);
      sessions.set(s.id, s);
      later(() => s.announceCommands());
      return { sessionId: s.id, modes: s.modes(), configOptions: s.configOptions() };
    })
    .onRequest("session/load", async ({ params, client }) => {
      // A session open here already holds its log's lock: close it, then reopen from what it saved.
      await sessions.get(params.sessionId)?.close();
      sessions.delete(params.sessionId);
      const s = await open(client, params, params.sessionId);
      sessions.set(s.id, s);
      for (const update of historyUpdates(s.runtime.messages, s.runtime.cwd, (name, args) =>
        s.runtime.describeCall(name, args),
      ))
        s.send(update);
      await s.flush();
      later(() => s.announceCommands());
      return { modes: s.modes(), configOptions: s.configOptions() };
    })
    .onRequest("session/set_mode", ({ params }) => {
      const mode = MODES.find((m) => m.id === params.modeId);
      if (!mode)
        throw acp.RequestError.invalidParams({ modeId: params.modeId }, `Unknown mode ${params.modeId}.`);
      need(params.sessionId).runtime.setMode(mode.id);
      return {};
    })
    .onRequest("session/set_config_option", ({ params }) => {
      const s = need(params.sessionId);
      if (params.configId !== "model" || typeof params.value !== "string")
        throw acp.RequestError.invalidParams(
          { configId: params.configId },
          `Unknown option ${params.configId}.`,
        );
      try {
        s.runtime.setModel(params.value);
      } catch (err) {
        throw acp.RequestError.invalidParams({ value: params.value }, (err as Error).message);
      }
      return { configOptions: s.configOptions() };
    })
    .onRequest("session/prompt", async ({ params }) => need(params.sessionId).prompt(params.prompt))
    .onNotification("session/cancel", ({ params }) => {
      sessions.get(params.sessionId)?.cancel();
    })
    .onRequest("session/close", async ({ params }) => {
      await sessions.get(params.sessionId)?.close();
      sessions.delete(params.sessionId);
      return {};
    });

  return {
    app,
    async closeAll() {
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map((s) => s.close().catch(() => undefined)));
    },
  };
}
