// What a server tells us unasked, seen synchronously and in order before the SDK handles it (transports.ts
// `observe`: the SDK runs notification handlers a microtask after it settles responses): a list change starts
// its refresh at once — tool-list refreshes are chained and `toolsSettled()` is the one due, so the next
// request can wait for it — and progress reaches its call's live output while the call is still open. It also
// knows which calls are open (an elicitation during a call is cancelled with it).
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  type JSONRPCMessage,
  ProgressNotificationSchema,
  type ProgressToken,
} from "@modelcontextprotocol/sdk/types.js";
import { progressLine } from "./request-signal.js";

export interface ServerMessageHandlers {
  /** Re-lists the tools of `client` (ignored when it is no longer the connection's client). */
  refreshTools(client: Client): Promise<void>;
  /** Re-lists prompts and resources. */
  refreshCatalog(client: Client): void;
}

export class ServerMessages {
  /** The tool-list refresh a list_changed notification started, until it has landed. */
  private refreshing?: Promise<void>;
  /** Open calls that asked for progress, by the progressToken we sent. */
  private readonly progress = new Map<ProgressToken, (line: string) => void>();
  private nextToken = 1;
  private readonly calls = new Set<AbortSignal>();

  constructor(private readonly on: ServerMessageHandlers) {}

  observe(client: Client, message: JSONRPCMessage): void {
    if (!("method" in message) || "id" in message) return;
    if (message.method === "notifications/tools/list_changed") this.toolsChanged(client);
    else if (
      message.method === "notifications/prompts/list_changed" ||
      message.method === "notifications/resources/list_changed"
    )
      this.on.refreshCatalog(client);
    else if (message.method === "notifications/progress") {
      const p = ProgressNotificationSchema.safeParse(message);
      if (p.success) this.progress.get(p.data.params.progressToken)?.(progressLine(p.data.params));
    }
  }

  /** A list_changed notification: refresh now; toolsSettled() waits for it (and for any started after it). */
  private toolsChanged(client: Client): void {
    const next = (this.refreshing ?? Promise.resolve()).then(() => this.on.refreshTools(client));
    this.refreshing = next;
    void next.finally(() => {
      if (this.refreshing === next) this.refreshing = undefined;
    });
  }

  /** The tool-list refreshes the server asked for, until they have landed; undefined when none is due. */
  toolsSettled(): Promise<void> | undefined {
    return this.refreshing;
  }

  /** Registers a call until `done()`: its signal, and its progress callback under a fresh progressToken. */
  openCall(signal: AbortSignal, onProgress?: (line: string) => void) {
    const token = `protoagent-${this.nextToken++}`;
    if (onProgress) this.progress.set(token, onProgress);
    this.calls.add(signal);
    return {
      meta: onProgress ? { _meta: { progressToken: token } } : {},
      done: () => {
        this.progress.delete(token);
        this.calls.delete(signal);
      },
    };
  }

  /** The signals of calls in flight. */
  openSignals(): AbortSignal[] {
    return [...this.calls];
  }
}
