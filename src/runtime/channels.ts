// The runtime's outward channels, kept across session switches: event subscribers, the approval handler
// (Notification hooks hear that an approval waits, whichever session asks) and the elicitation handler (MCP
// servers asking the user for input). `attach` wires them to a session's assembly; `detach` unwires it before
// that session closes, so a closing session can never reach a front-end's prompt.
import type { AgentEvent } from "../agent/events.js";
import type { ApprovalHandler } from "../approval/types.js";
import type { ElicitationHandler } from "../mcp/elicitation.js";
import type { Assembly } from "./assemble.js";

export class RuntimeChannels {
  private readonly listeners = new Set<(e: AgentEvent) => void>();
  private approval?: ApprovalHandler;
  private elicitation?: ElicitationHandler;
  private unsubscribe: () => void = () => {};
  private current?: Assembly;

  attach(a: Assembly): void {
    this.current = a;
    this.unsubscribe = a.session.subscribe((e) => this.emit(e));
    a.session.approvals.setHandler(this.approval);
    a.mcp.setElicitationHandler(this.elicitation);
  }

  detach(): void {
    this.unsubscribe();
    this.current?.session.approvals.setHandler(undefined);
    this.current?.mcp.setElicitationHandler(undefined);
  }

  emit(e: AgentEvent): void {
    for (const l of this.listeners) l(e);
  }

  subscribe(fn: (e: AgentEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  setApprovalHandler(handler: ApprovalHandler | undefined): void {
    const ask = handler;
    this.approval =
      ask &&
      ((p, signal) => {
        this.current?.hooks.notify(`protoagent needs your permission to use ${p.request.tool}`);
        return ask(p, signal);
      });
    this.current?.session.approvals.setHandler(this.approval);
  }

  setElicitationHandler(handler: ElicitationHandler | undefined): void {
    this.elicitation = handler;
    this.current?.mcp.setElicitationHandler(handler);
  }
}
