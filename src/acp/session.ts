// One ACP session = one Runtime. Forwards the runtime's events as session/update notifications (in order),
// asks the client for every approval, runs prompts and slash commands, and cancels. File tools go through
// the client's fs methods when it offers them (paths were checked by the tools' path policy first).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { AgentContext } from "@agentclientprotocol/sdk";
import * as acp from "@agentclientprotocol/sdk";
import {
  type AgentEvent,
  type ApprovalAnswer,
  type ApprovalPrompt,
  type FilePort,
  Runtime,
  type RuntimeOptions,
} from "../runtime/index.js";
import { clientFiles } from "./files.js";
import {
  answerFor,
  availableCommands,
  modelOption,
  modeState,
  permissionOptions,
  permissionToolCall,
  promptEnd,
  promptFromBlocks,
} from "./map-session.js";
import {
  diffBlock,
  planFromTodos,
  toolCallFromEnd,
  toolCallFromStart,
  toolCallProgress,
} from "./map-tools.js";
import { clientTerminal } from "./terminal.js";

const OUTPUT_TAIL = 32 * 1024;
const logical = (t: string) => t.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");

export class AcpSession {
  private sending: Promise<unknown> = Promise.resolve();
  private running?: AbortController;
  /** Calls started and not yet ended (an approval belongs to the latest one of its tool). */
  private readonly open = new Map<string, string>();
  private readonly output = new Map<string, string>();
  /** Client terminals shown in open calls: their final update keeps the terminal next to the result. */
  private readonly terminals = new Map<string, string>();

  private constructor(
    readonly runtime: Runtime,
    private readonly client: AgentContext,
    private readonly caps: acp.ClientCapabilities,
    private readonly files: FilePort,
    /** Text last written through the port per path (the client may not have saved it to disk). */
    private readonly written: Map<string, string>,
  ) {
    runtime.subscribe((e) => this.onEvent(e));
    runtime.setApprovalHandler((p, signal) => this.ask(p, signal));
  }

  /** Opens a Runtime for a new (or, with `resume`, a saved) session with the client's fs and MCP servers. */
  static async open(
    base: Omit<RuntimeOptions, "files">,
    client: AgentContext,
    caps: acp.ClientCapabilities,
  ): Promise<AcpSession> {
    const ref = { id: "", written: new Map<string, string>() };
    const files = clientFiles(client, caps, ref);
    const viaClient = Boolean(caps.fs?.readTextFile || caps.fs?.writeTextFile);
    // bash runs in the editor's terminal when it offers one; the terminal shows inside its tool call.
    const shown: { session?: AcpSession } = {};
    const terminal = caps.terminal
      ? clientTerminal(client, ref, (callId, terminalId) => shown.session?.showTerminal(callId, terminalId))
      : undefined;
    const runtime = await Runtime.open({
      ...base,
      ...(viaClient ? { files } : {}),
      ...(terminal ? { terminal } : {}),
    });
    ref.id = runtime.id;
    for (const w of runtime.warnings) process.stderr.write(`protoagent acp: warning: ${w}\n`);
    shown.session = new AcpSession(runtime, client, caps, files, ref.written);
    return shown.session;
  }

  /** Embeds a client terminal in its tool call (a sub-agent's call is no ACP tool call: nothing to show). */
  showTerminal(callId: string, terminalId: string): void {
    if (!this.open.has(callId)) return;
    this.terminals.set(callId, terminalId);
    this.send({
      sessionUpdate: "tool_call_update",
      toolCallId: callId,
      status: "in_progress",
      content: [{ type: "terminal", terminalId }],
    });
  }

  get id(): string {
    return this.runtime.id;
  }

  modes(): acp.SessionModeState {
    return modeState(this.runtime.mode);
  }

  configOptions(): acp.SessionConfigOption[] {
    return [modelOption(this.runtime.model.ref, this.runtime.listModels())];
  }

  /** Sends one update after every earlier one (notifications keep their order on the wire). */
  send(update: acp.SessionUpdate): void {
    this.sending = this.sending
      .then(() => this.client.notify("session/update", { sessionId: this.id, update }))
      .catch((err: unknown) => process.stderr.write(`protoagent acp: update not sent: ${String(err)}\n`));
  }

  /** Resolves once every update sent so far is written. */
  flush(): Promise<unknown> {
    return this.sending;
  }

  announceCommands(): void {
    this.send({
      sessionUpdate: "available_commands_update",
      availableCommands: availableCommands(this.runtime.skillNames()),
    });
  }

  private onEvent(e: AgentEvent): void {
    for (const update of this.updatesFor(e)) this.send(update);
  }

  /** The updates one runtime event becomes (notices only when the client said it shows them). */
  private updatesFor(e: AgentEvent): acp.SessionUpdate[] {
    const notice = (severity: "info" | "warning" | "error", title: string): acp.SessionUpdate[] =>
      this.caps.session?.notices ? [{ sessionUpdate: "notice", severity, title }] : [];
    switch (e.type) {
      case "text_delta":
        return [{ sessionUpdate: "agent_message_chunk", content: { type: "text", text: e.delta } }];
      case "reasoning_delta":
        return [{ sessionUpdate: "agent_thought_chunk", content: { type: "text", text: e.delta } }];
      case "tool_start":
        this.open.set(e.callId, e.name);
        return [{ sessionUpdate: "tool_call", ...toolCallFromStart(e, this.runtime.cwd) }];
      case "tool_update": {
        const out = ((this.output.get(e.callId) ?? "") + e.chunk).slice(-OUTPUT_TAIL);
        this.output.set(e.callId, out);
        return [{ sessionUpdate: "tool_call_update", ...toolCallProgress(e.callId, out) }];
      }
      case "tool_end": {
        this.open.delete(e.callId);
        this.output.delete(e.callId);
        const terminalId = this.terminals.get(e.callId);
        this.terminals.delete(e.callId);
        const after = e.details?.kind === "diff" ? this.textAfter(e.details.path) : undefined;
        const end: acp.SessionUpdate = {
          sessionUpdate: "tool_call_update",
          ...toolCallFromEnd(e, this.runtime.cwd, after, terminalId),
        };
        if (e.details?.kind !== "todo") return [end];
        return [end, { sessionUpdate: "plan", entries: planFromTodos(e.details.todos) }];
      }
      case "usage":
        // A sub-agent's figures describe its own context window, not this session's.
        if (e.subAgent) return [];
        return [
          {
            sessionUpdate: "usage_update",
            used: e.contextTokens,
            size: e.contextWindow,
            cost: { amount: this.runtime.costUsd, currency: "USD" },
          },
        ];
      case "mode_change":
        return [{ sessionUpdate: "current_mode_update", currentModeId: e.mode }];
      case "model_change":
        return [{ sessionUpdate: "config_option_update", configOptions: this.configOptions() }];
      case "error":
        return notice("error", e.message);
      case "notice":
        return notice(e.level === "warn" ? "warning" : "info", e.message);
      case "compaction":
        return notice("info", `Compacted ${e.removed} older messages into a summary.`);
      default:
        return [];
    }
  }

  /** The edited file's full text now: what was written through the client, else the disk. */
  private textAfter(rel: string): string | undefined {
    const abs = path.resolve(this.runtime.cwd, rel);
    const text = this.written.get(abs);
    this.written.delete(abs);
    if (text !== undefined) return logical(text);
    try {
      return logical(readFileSync(abs, "utf8"));
    } catch {
      return undefined;
    }
  }

  /** Asks the client about one approval; a cancelled or failed request rejects. */
  private async ask(prompt: ApprovalPrompt, signal: AbortSignal): Promise<ApprovalAnswer> {
    // The request names its call; a sub-agent's calls are not ACP tool calls, so those match the latest open
    // call of the same tool (or the latest open call).
    const named = prompt.request.callId;
    const callId =
      (named && this.open.has(named) ? named : undefined) ??
      [...this.open].reverse().find(([, name]) => name === prompt.request.tool)?.[0] ??
      [...this.open.keys()].pop() ??
      `approval-${Date.now()}`;
    const r = prompt.request;
    let block: acp.ToolCallContent | undefined;
    if ((r.kind === "edit" || r.kind === "write") && r.path) {
      const created = /^--- \/dev\/null/m.test(r.detail);
      const before = created ? undefined : await this.files.readText(r.path).catch(() => undefined);
      block = diffBlock(r.detail, r.path, created, {
        before: before === undefined ? undefined : logical(before),
      });
    }
    await this.flush();
    const res = await this.client.request(
      "session/request_permission",
      {
        sessionId: this.id,
        toolCall: permissionToolCall(callId, prompt, block),
        options: permissionOptions(prompt),
      },
      { cancellationSignal: signal, stopWaitingOnCancel: true },
    );
    const answer = answerFor(res.outcome, prompt);
    if (answer.kind !== "reject")
      this.send({ sessionUpdate: "tool_call_update", toolCallId: callId, status: "in_progress" });
    return answer;
  }

  /** Runs one prompt (or slash command) to its end and says why it stopped. */
  async prompt(blocks: readonly acp.ContentBlock[]): Promise<acp.PromptResponse> {
    if (this.running || this.runtime.busy) throw new Error("A prompt is already running in this session.");
    const controller = new AbortController();
    this.running = controller;
    try {
      const input = await this.command(promptFromBlocks(blocks), controller.signal);
      if (input === undefined) return { stopReason: controller.signal.aborted ? "cancelled" : "end_turn" };
      const result = await this.runtime.run(input, { signal: controller.signal });
      await this.flush();
      if (controller.signal.aborted) return { stopReason: "cancelled" };
      const end = promptEnd(result);
      if ("error" in end) throw new acp.RequestError(-32603, end.error);
      if (end.note)
        this.send({
          sessionUpdate: "agent_message_chunk",
          content: { type: "text", text: `\n\n${end.note}` },
        });
      await this.flush();
      return { stopReason: end.stopReason };
    } finally {
      this.running = undefined;
    }
  }

  /**
   * Slash commands: `/compact [focus]` runs here (undefined: nothing left to send), `/init` and `/<skill>`
   * become the prompt to run; anything else is sent as typed.
   */
  private async command(input: ReturnType<typeof promptFromBlocks>, signal: AbortSignal) {
    if (typeof input !== "string" || !input.startsWith("/")) return input;
    const [, name = "", rest = ""] = /^\/(\S+)\s*([\s\S]*)$/.exec(input) ?? [];
    if (name === "compact") {
      await this.runtime.compact(rest.trim() || undefined, signal);
      this.send({
        sessionUpdate: "agent_message_chunk",
        content: { type: "text", text: "History compacted." },
      });
      await this.flush();
      return undefined;
    }
    if (name === "init") return this.runtime.initPrompt();
    return this.runtime.skillPrompt(name, rest.trim()) ?? input;
  }

  /** session/cancel: aborts the running prompt (pending approvals then reject). */
  cancel(): void {
    this.running?.abort();
  }

  async close(): Promise<void> {
    this.cancel();
    await this.runtime.close();
  }
}
