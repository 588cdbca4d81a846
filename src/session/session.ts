// The session object: owns one conversation's state (history, todos, file stamps, usage, tool registry,
// approval engine) and runs prompts through the agent loop. This is what the TUI and headless mode hold;
// consumers observe it only through AgentEvents delivered to subscribers.
import { randomUUID } from "node:crypto";
import type { AgentEvent } from "../agent/events.js";
import { type LoopHooks, type LoopResult, runAgentLoop } from "../agent/loop.js";
import {
  addUsage,
  type ContentPart,
  emptyUsage,
  type Message,
  type ToolCall,
  type Usage,
} from "../agent/messages.js";
import type { ApprovalEngine } from "../approval/engine-types.js";
import type { ResolvedModel } from "../config/resolve.js";
import type { PermissionMode } from "../config/schema.js";
import type { StreamFn } from "../providers/types.js";
import type { ToolRegistry } from "../tools/registry.js";
import {
  createToolState,
  type ToolCallDescription,
  type ToolContext,
  type ToolState,
} from "../tools/tool.js";

export interface SessionControls {
  compact?(focus?: string, signal?: AbortSignal): Promise<unknown>;
  save?(): void;
}

export interface SessionInit {
  id?: string;
  cwd: string;
  model: ResolvedModel;
  stream: StreamFn;
  registry: ToolRegistry;
  approvals: ApprovalEngine;
  systemPrompt: string;
  maxTurns?: number;
  readOnlyRoots?: string[];
  hooks?: LoopHooks;
  retryBaseMs?: number;
  /** Restored state when resuming. */
  messages?: Message[];
  toolState?: ToolState;
  usage?: Usage;
  costUsd?: number;
}

/** USD cost of one request's usage at the model's per-million prices (cached input at its own price). */
export function usageCost(model: ResolvedModel, u: Usage): number {
  const cachedPrice = model.prices.cached ?? model.prices.input;
  const uncached = Math.max(0, u.inputTokens - u.cachedTokens);
  return (
    (uncached * model.prices.input + u.cachedTokens * cachedPrice + u.outputTokens * model.prices.output) /
    1e6
  );
}

export class Session {
  readonly id: string;
  readonly cwd: string;
  model: ResolvedModel;
  readonly messages: Message[];
  readonly toolState: ToolState;
  readonly registry: ToolRegistry;
  readonly approvals: ApprovalEngine;
  readonly readOnlyRoots: string[];
  usage: Usage;
  costUsd: number;
  contextTokens = 0;
  maxTurns?: number;
  hooks?: LoopHooks;
  private stream: StreamFn;
  private readonly retryBaseMs?: number;
  private readonly listeners = new Set<(e: AgentEvent) => void>();
  private running?: AbortController;
  private readonly controls: SessionControls = {};

  constructor(init: SessionInit) {
    this.id = init.id ?? randomUUID();
    this.cwd = init.cwd;
    this.model = init.model;
    this.stream = init.stream;
    this.registry = init.registry;
    this.approvals = init.approvals;
    this.readOnlyRoots = init.readOnlyRoots ?? [];
    this.messages = init.messages ?? [{ role: "system", content: init.systemPrompt }];
    this.toolState = init.toolState ?? createToolState();
    this.usage = init.usage ?? emptyUsage();
    this.costUsd = init.costUsd ?? 0;
    this.maxTurns = init.maxTurns;
    this.hooks = init.hooks;
    this.retryBaseMs = init.retryBaseMs;
  }

  /** Registers an event listener; returns the unsubscribe function. */
  subscribe(listener: (e: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers an event to every subscriber; usage (the session's own and its sub-agents') is totalled here. */
  emit(event: AgentEvent): void {
    if (event.type === "usage") {
      this.usage = addUsage(this.usage, event.usage);
      this.costUsd += event.costUsd;
      this.contextTokens = event.contextTokens;
    }
    for (const l of this.listeners) l(event);
  }

  /** The stream function of the current model (sub-agents use it too). */
  currentStream(): StreamFn {
    return this.stream;
  }

  /**
   * Deny rules for every call, from what the call's description states (read-only tools and auto-run commands
   * included). Synchronous and never prompts: ask rules are applied by the one approve() each call goes through.
   */
  gate(name: string, call: ToolCallDescription): string | undefined {
    return this.approvals.denyCheck(name, call);
  }

  /** The context a tool call runs with in this session; `approve` is the session's one approval route. */
  toolContext(call: ToolCall, signal: AbortSignal): ToolContext {
    return {
      cwd: this.cwd,
      readOnlyRoots: this.readOnlyRoots,
      signal,
      sessionId: this.id,
      callId: call.id,
      state: this.toolState,
      approve: (request) => this.approvals.approve(request, signal),
      update: (chunk) => this.emit({ type: "tool_update", callId: call.id, chunk }),
    };
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Aborts the running prompt, if any. */
  abort(): void {
    this.running?.abort();
  }

  /** Wires session-level controls that live outside the loop (compaction, the session log). */
  attachControls(controls: SessionControls): void {
    Object.assign(this.controls, controls);
  }

  /** /compact [focus]: summarises older history now. */
  async compact(focus?: string, signal?: AbortSignal): Promise<unknown> {
    if (!this.controls.compact) throw new Error("Compaction is not available for this session.");
    return this.controls.compact(focus, signal);
  }

  /** Flushes the session log to disk (it is written as the conversation goes; this makes it durable now). */
  async save(): Promise<void> {
    this.controls.save?.();
  }

  /** Changes the permission mode (and records it: the session log persists mode_change events). */
  setMode(mode: PermissionMode): void {
    if (this.approvals.getMode() === mode) return;
    this.approvals.setMode(mode);
    this.emit({ type: "mode_change", mode });
  }

  setModel(model: ResolvedModel, stream: StreamFn): void {
    this.model = model;
    this.stream = stream;
    this.emit({ type: "model_change", model: model.ref });
  }

  /** Runs one user prompt to completion (or abort). One prompt at a time per session. */
  async run(prompt: string | ContentPart[], signal?: AbortSignal): Promise<LoopResult> {
    if (this.running) throw new Error("A prompt is already running in this session.");
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) controller.abort();
    this.running = controller;
    try {
      this.emit({ type: "agent_start", sessionId: this.id });
      const user: Message = { role: "user", content: prompt };
      this.messages.push(user);
      this.emit({ type: "history_append", message: user });
      const result = await runAgentLoop(
        this.messages,
        {
          stream: this.stream,
          toolSchemas: () => this.registry.schemas(),
          findTool: (name) => this.registry.get(name),
          toolNames: () => this.registry.names(),
          makeContext: (call, sig) => this.toolContext(call, sig),
          gate: (name, call) => this.gate(name, call),
          maxTurns: this.maxTurns,
          contextWindow: this.model.contextWindow,
          contextTokens: this.contextTokens,
          cost: (u) => usageCost(this.model, u),
          hooks: this.hooks,
          retryBaseMs: this.retryBaseMs,
        },
        (e) => this.emit(e),
        controller.signal,
      );
      return result;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.running = undefined;
    }
  }
}
