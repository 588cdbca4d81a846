// The session object: owns one conversation's state (history, todos, file stamps, usage, tool registry,
// approval engine) and runs prompts through the agent loop. Its features (compaction, limits, the log,
// extensions, sub-agents) are given at construction and attached once, in order, with composed loop hooks.
// Consumers observe it only through AgentEvents; the runtime (src/runtime/) is what front-ends hold.
import { randomUUID } from "node:crypto";
import type { AgentEvent } from "../agent/events.js";
import { type LoopDeps, type LoopHooks, type LoopResult, runAgentLoop } from "../agent/loop.js";
import type { ContentPart, Message, ToolCall, Usage } from "../agent/messages.js";
import { type UsageSnapshot, UsageTotals } from "../agent/usage-totals.js";
import type { ApprovalEngine } from "../approval/engine-types.js";
import type { ResolvedModel } from "../config/resolve.js";
import type { PermissionMode } from "../config/schema.js";
import type { StreamFn } from "../providers/types.js";
import type { ShellSandbox } from "../sandbox/types.js";
import type { ToolRegistry } from "../tools/registry.js";
import {
  createToolState,
  type FileCheckpoint,
  type FilePort,
  type TerminalPort,
  type ToolCallDescription,
  type ToolContext,
  type ToolState,
} from "../tools/tool.js";
import { checkFeatureNames, composeHooks, type FeatureAttachment, type SessionFeature } from "./feature.js";

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
  /** Protected folders outside the usual names (the real git dir, `core.hooksPath`). */
  protectedRoots?: string[];
  /** The OS sandbox shell commands run in (absent: off). */
  sandbox?: ShellSandbox;
  /** The loop guard's thresholds (`loopGuard` in config; defaults 3 / 5). */
  loopGuard?: { nudgeAfter?: number; stopAfter?: number };
  /** Attached once each, in this order, during construction. */
  features?: readonly SessionFeature[];
  /** Plain loop hooks (tests); composed before the features' hooks. */
  hooks?: LoopHooks;
  retryBaseMs?: number;
  /** Text file IO through the front-end (an editor's buffers); absent → the disk. */
  files?: FilePort;
  /** Shell commands through the front-end's terminal; absent → spawned here. */
  terminal?: TerminalPort;
  /** Snapshots files before the file tools change them (checkpoints); absent → none. */
  checkpoint?: FileCheckpoint;
  /** Restored state when resuming. */
  messages?: Message[];
  toolState?: ToolState;
  usage?: Usage;
  costUsd?: number;
  contextTokens?: number;
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
  readonly protectedRoots: string[];
  readonly sandbox?: ShellSandbox;
  maxTurns?: number;
  private readonly totals: UsageTotals;
  /** The features' composed loop hooks (sub-agents pass the tool hooks on to their child loop). */
  readonly hooks: LoopHooks;
  private readonly attached: FeatureAttachment[] = [];
  private stream: StreamFn;
  private readonly retryBaseMs?: number;
  private readonly loopGuard?: SessionInit["loopGuard"];
  private readonly files?: FilePort;
  private readonly terminal?: TerminalPort;
  private readonly checkpoint?: FileCheckpoint;
  private readonly listeners = new Set<(e: AgentEvent) => void>();
  private running?: AbortController;

  constructor(init: SessionInit) {
    this.id = init.id ?? randomUUID();
    this.cwd = init.cwd;
    this.model = init.model;
    this.stream = init.stream;
    this.registry = init.registry;
    this.approvals = init.approvals;
    this.readOnlyRoots = init.readOnlyRoots ?? [];
    this.protectedRoots = init.protectedRoots ?? [];
    this.sandbox = init.sandbox;
    this.messages = init.messages ?? [{ role: "system", content: init.systemPrompt }];
    this.toolState = init.toolState ?? createToolState();
    this.totals = new UsageTotals({
      usage: init.usage,
      costUsd: init.costUsd,
      contextTokens: init.contextTokens,
    });
    this.maxTurns = init.maxTurns;
    this.retryBaseMs = init.retryBaseMs;
    this.loopGuard = init.loopGuard;
    this.files = init.files;
    this.terminal = init.terminal;
    this.checkpoint = init.checkpoint;
    const features = init.features ?? [];
    checkFeatureNames(features);
    for (const f of features) this.attached.push(f.attach(this));
    this.hooks = composeHooks([
      ...(init.hooks ? [init.hooks] : []),
      ...this.attached.flatMap((a) => (a.hooks ? [a.hooks] : [])),
    ]);
  }

  /** Totals of this session so far (sub-agents included; restored on resume). */
  get usage(): Usage {
    return this.totals.usage;
  }
  get costUsd(): number {
    return this.totals.costUsd;
  }
  get contextTokens(): number {
    return this.totals.contextTokens;
  }
  usageSnapshot(): UsageSnapshot {
    return this.totals.snapshot();
  }
  /** Spent since `base` (limits judge what this process spent, not what a resumed session brought). */
  usageSince(base: UsageSnapshot): { usage: Usage; costUsd: number } {
    return this.totals.since(base);
  }

  /** Registers an event listener; returns the unsubscribe function. */
  subscribe(listener: (e: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers an event to every subscriber; usage (the session's own and its sub-agents') is totalled here. */
  emit(event: AgentEvent): void {
    let e = event;
    if (e.type === "usage") {
      // A sub-agent's context size is its own, not this conversation's (compaction and the usage bar read it).
      this.totals.add(e.usage, e.costUsd, e.subAgent ? undefined : e.contextTokens);
      e = { ...e, totals: { usage: { ...this.totals.usage }, costUsd: this.totals.costUsd } };
    }
    for (const l of this.listeners) l(e);
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
      protectedRoots: this.protectedRoots,
      denied: (abs) => this.approvals.readDenied(abs),
      signal,
      sessionId: this.id,
      callId: call.id,
      state: this.toolState,
      approve: (request) => this.approvals.approve({ ...request, callId: call.id }, signal),
      update: (chunk) => this.emit({ type: "tool_update", callId: call.id, chunk }),
      ...(this.files ? { files: this.files } : {}),
      ...(this.terminal ? { terminal: this.terminal } : {}),
      ...(this.sandbox ? { sandbox: this.sandbox } : {}),
      ...(this.checkpoint ? { checkpoint: this.checkpoint } : {}),
    };
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Aborts the running prompt, if any. */
  abort(): void {
    this.running?.abort();
  }

  /** Detaches every feature (last attached first); the session must not run afterwards. */
  close(): void {
    for (const a of [...this.attached].reverse()) a.detach?.();
    this.attached.length = 0;
  }

  /**
   * What the loop needs to run in this session: the one place its dependencies are assembled. Sub-agents
   * reuse it with their own history, tools and context.
   */
  loopDeps(overrides: Partial<LoopDeps> = {}): LoopDeps {
    return {
      stream: this.stream,
      toolSchemas: () => this.registry.schemas(),
      findTool: (name) => this.registry.get(name),
      toolNames: () => this.registry.names(),
      toolsReady: () => this.registry.ready(),
      makeContext: (call, sig) => this.toolContext(call, sig),
      gate: (name, call) => this.gate(name, call),
      maxTurns: this.maxTurns,
      contextWindow: this.model.contextWindow,
      contextTokens: this.contextTokens,
      cost: (u) => usageCost(this.model, u),
      hooks: this.hooks,
      retryBaseMs: this.retryBaseMs,
      ...(this.loopGuard ? { loopGuard: this.loopGuard } : {}),
      ...overrides,
    };
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
      return await runAgentLoop(this.messages, this.loopDeps(), (e) => this.emit(e), controller.signal);
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.running = undefined;
    }
  }
}
