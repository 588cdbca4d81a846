// The runtime: the one object a front-end (headless, the TUI, ACP) holds. It owns the current session and
// everything a front-end may ask of it — run a prompt, abort, switch model or mode, start/resume/fork a
// session, list sessions, answer approvals (one request/response channel), MCP status, close — so front-ends
// are thin adapters that import nothing else from the core. Session switches keep subscribers and the
// approval handler attached.
import type { AgentEvent } from "../agent/events.js";
import type { LoopResult } from "../agent/loop.js";
import type { ContentPart, Message, Usage } from "../agent/messages.js";
import type { ApprovalHandler } from "../approval/types.js";
import type { ModelChoice } from "../config/model-choice.js";
import type { PermissionMode, TuiConfig } from "../config/schema.js";
import type { ElicitationHandler } from "../mcp/elicitation.js";
import { createStreamFn } from "../providers/openai-stream.js";
import { lazyProbe } from "../sandbox/setup.js";
import { sandboxLabel } from "../sandbox/types.js";
import { initAgentsMdPrompt } from "../session/agents-md.js";
import { recordTitle } from "../store/recorder.js";
import { describeCall } from "../tools/describe.js";
import type { Tool, ToolCallDescription } from "../tools/tool.js";
import { type Assembly, assembleSession, lazyCounter, type RuntimeOptions } from "./assemble.js";
import { type FileAttachment, readAttachment } from "./attach.js";
import { RuntimeChannels } from "./channels.js";
import { type DescribeArea, describeArea, skillPromptFor } from "./describe.js";
import type { LiveModels } from "./live-models.js";
import * as mcpCatalog from "./mcp-catalog.js";
import * as projectTrust from "./project-trust.js";
import {
  previewSessionRewind,
  type RewindPreview,
  type RewindResult,
  type RewindScope,
  rewindSession,
  sessionTurns,
  type TurnInfo,
  undoLastTurn,
} from "./rewind.js";
import { type PromptRun, runPrompt } from "./run-prompt.js";
import { RuntimeModels } from "./runtime-models.js";
import {
  type ContextFigure,
  contextFigure,
  folderSessions,
  recordedToolView,
  resumedTranscript,
  type SessionSummary,
  type ToolEndView,
  type TranscriptEntry,
} from "./session-view.js";
import * as userShell from "./user-shell.js";

const WAIT_FOR_TURN = "Wait for the current prompt to finish (or interrupt it) first.";

export class Runtime {
  /** Warnings of the first session's assembly (config, resume, model), for the front-end to show once. */
  readonly warnings: string[];
  /** Subscribers, the approval and the elicitation handler: they outlive session switches. */
  private readonly channels = new RuntimeChannels();
  private closed = false;
  private readonly models: RuntimeModels;
  /** Output of the user's own commands (`!cmd`) waiting to go with the next prompt; dropped on a switch. */
  private userContext: string[] = [];

  private constructor(
    private readonly opts: RuntimeOptions,
    private a: Assembly,
  ) {
    this.warnings = [...a.warnings];
    this.models = new RuntimeModels(() => this.cwd, opts.env);
    this.channels.attach(a);
  }

  /** Assembles the first session (resuming when the options say so). Throws UserError on bad input. */
  static async open(opts: RuntimeOptions): Promise<Runtime> {
    // The sandbox probe runs at most once per runtime; every session it assembles reuses the answer.
    const probe = opts.sandbox?.probe ?? lazyProbe({ env: opts.env, cwd: opts.cwd });
    // Start it now so it overlaps loading the config and the session (the result is awaited there).
    if (opts.sandbox?.mode !== "off") void probe();
    const shared = {
      ...opts,
      tokenCounter: opts.tokenCounter ?? lazyCounter(),
      sandbox: { ...opts.sandbox, probe },
    };
    const runtime = new Runtime(shared, await assembleSession(shared));
    const resumed = opts.resume?.session !== undefined || opts.resume?.continue === true;
    runtime.warnings.push(...(await runtime.a.hooks.start(resumed ? "resume" : "startup")));
    return runtime;
  }

  // ── what a front-end reads ──────────────────────────────────────────────────────────────────────────
  get id(): string {
    return this.a.session.id;
  }
  get cwd(): string {
    return this.a.session.cwd;
  }
  get model(): { ref: string; contextWindow: number } {
    return this.a.session.model;
  }
  /** The live history (a resumed session's is replayed by front-ends). */
  get messages(): readonly Message[] {
    return this.a.session.messages;
  }
  get usage(): Usage {
    return this.a.session.usage;
  }
  get costUsd(): number {
    return this.a.session.costUsd;
  }
  get contextTokens(): number {
    return this.a.session.contextTokens;
  }
  get busy(): boolean {
    return this.a.session.busy;
  }
  get mode(): PermissionMode {
    return this.a.session.approvals.getMode();
  }
  /** The OS sandbox in effect: "read-only", "workspace-write", "off" or "off (no sandbox available)". */
  get sandbox(): string {
    return sandboxLabel(this.a.session.sandbox);
  }
  /** The merged config's `tui` settings (notifications), for the interactive front-end. */
  get tuiConfig(): TuiConfig {
    return this.a.loaded.config.tui ?? {};
  }
  /** The tools the model currently sees (built-ins, skills, connected MCP servers). */
  tools(): readonly Tool[] {
    return this.a.session.registry.list();
  }

  /** Tokens in context / window now; counts a history with no recorded figure (resume, fork). */
  contextUsage(): Promise<ContextFigure> {
    return contextFigure(this.a);
  }
  /** The resumed log's whole display transcript, compacted parts included (undefined when not resumed). */
  transcript(): readonly TranscriptEntry[] | undefined {
    return resumedTranscript(this.a);
  }
  /** How a call of the resumed history ended, as it was shown live (absent in logs that predate it). */
  toolView(callId: string): ToolEndView | undefined {
    return recordedToolView(this.a, callId);
  }

  /** What a call is about (title, kind, locations), as its tool describes it: for replaying history. */
  describeCall(name: string, args: unknown): ToolCallDescription {
    return describeCall(this.a.session.registry.get(name), name, args, { cwd: this.cwd });
  }

  // ── events and approvals ────────────────────────────────────────────────────────────────────────────
  /** Events of the current session, and of every later one after a switch. Returns the unsubscribe. */
  subscribe(fn: (e: AgentEvent) => void): () => void {
    return this.channels.subscribe(fn);
  }

  /**
   * The approval channel: `handler` is asked whenever the policy cannot decide alone (answer once, for the
   * session, or reject with feedback). Without one — headless — everything that would ask is denied.
   */
  setApprovalHandler(handler: ApprovalHandler | undefined): void {
    this.channels.setApprovalHandler(handler);
  }

  /**
   * The elicitation channel: `handler` is asked when an MCP server requests input from the user (a form, or
   * consent to open a URL). Without one — headless, ACP — requests are declined and a notice names the server.
   */
  setElicitationHandler(handler: ElicitationHandler | undefined): void {
    this.channels.setElicitationHandler(handler);
  }

  // ── running ─────────────────────────────────────────────────────────────────────────────────────────
  /** Runs one prompt to its end (run-prompt.ts: hooks, attachments, the time limit). */
  run(
    prompt: string | ContentPart[],
    opts: Pick<PromptRun, "signal" | "attachments"> = {},
  ): Promise<LoopResult> {
    return runPrompt(this.a, {
      prompt,
      ...opts,
      pending: this.userContext,
      timeoutLabel: this.opts.limitFlags?.timeout,
      emit: (e) => this.channels.emit(e),
    });
  }

  abort(): void {
    this.a.session.abort();
  }

  /**
   * Runs the user's own shell command (`!cmd`) in the workspace: no approval, no sandbox, killed with its
   * process group when `signal` aborts. Its output (the last 10 KB) goes with the next prompt unless
   * `addToContext` is false.
   */
  async shell(command: string, opts: userShell.UserShellOptions = {}): Promise<userShell.UserShellResult> {
    const r = await userShell.runUserShell({ command, cwd: this.cwd, env: this.opts.env, ...opts });
    const addedToContext = opts.addToContext !== false;
    if (addedToContext) this.userContext.push(userShell.shellContextBlock(r));
    return { ...r, addedToContext };
  }

  /** Reads a workspace file for `@file` (the read_file path policy; credential and protected files refused). */
  attachFile(path: string): Promise<FileAttachment> {
    // `@server:uri` is an MCP resource, read through resources/read under the same caps.
    const resource = mcpCatalog.readMcpResource(this.a.mcp, path);
    if (resource) return resource;
    const s = this.a.session;
    const roots = { cwd: s.cwd, readOnlyRoots: s.readOnlyRoots, protectedRoots: s.protectedRoots };
    return readAttachment(path, roots, (abs) => s.approvals.readDenied(abs));
  }

  /** Resolves once every MCP server has connected or failed (headless waits so all tools are there). */
  mcpSettled(): Promise<void> {
    return this.a.mcp.settled();
  }

  // ── model, mode ─────────────────────────────────────────────────────────────────────────────────────
  setMode(mode: PermissionMode): void {
    this.a.session.setMode(mode);
  }

  /** Model refs the user can switch to (merged catalog, custom providers included). */
  listModels(): string[] {
    return this.modelChoices().map((c) => c.ref);
  }

  /** The merged catalog with labels and whether a key (or no need for one: local servers) is there. */
  modelChoices(): ModelChoice[] {
    return this.models.choices();
  }

  /**
   * A provider's live models (GET /v1/models, context windows from server metadata), for the /model picker.
   * Default: the current model's provider. Network failures come back in `error`, never thrown.
   */
  listLiveModels(providerId = this.a.session.model.providerId, signal?: AbortSignal): Promise<LiveModels> {
    return this.models.live(providerId, signal);
  }

  /** Switches the session to `ref` (throws a one-line error for an unknown model or a missing key). */
  setModel(ref: string): void {
    const resolved = this.models.resolve(ref);
    this.a.session.setModel(resolved, createStreamFn(resolved));
  }

  // ── sessions ────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Replaces the current session: a fresh one (same model), a saved one (`resume`, id or unique prefix) or
   * a copy of one (`fork`). The current session's log is closed first. Subscribers stay attached.
   */
  async newSession(opts: { resume?: string; fork?: boolean } = {}): Promise<void> {
    if (this.busy) throw new Error(WAIT_FOR_TURN);
    await this.a.hooks.end("clear");
    this.userContext = [];
    // A resumed session keeps its stored model (unless -m said otherwise); a fresh one keeps the current.
    const model = opts.resume ? this.opts.model : this.model.ref;
    await this.reassemble({ model, resume: { session: opts.resume, continue: false, fork: opts.fork } });
    await this.a.hooks.start(opts.resume ? "resume" : "clear");
  }

  /** Closes the current session and assembles the next from the runtime's options with `over` applied. */
  private async reassemble(over: Partial<RuntimeOptions>): Promise<void> {
    await this.closeCurrent();
    this.a = await assembleSession({ ...this.opts, ...over });
    this.channels.attach(this.a);
  }

  /** Project files present but not trusted for their current content, with what each would enable (sanitised). */
  untrustedProject(): projectTrust.UntrustedProjectFile[] {
    return projectTrust.untrustedView(this.a.untrusted, this.cwd);
  }

  /** Trusts those files as listed (project-trust.ts), then resumes this same session so they apply now. */
  async trustProject(): Promise<projectTrust.ProjectTrustResult> {
    if (this.busy) throw new Error(WAIT_FOR_TURN);
    const result = projectTrust.recordProjectTrust(this.a.untrusted, this.cwd, this.opts.env);
    if (result.trusted.length > 0)
      await this.reassemble({ model: this.model.ref, mode: this.mode, resume: { session: this.id } });
    return result;
  }

  /** This folder's saved sessions, newest first. */
  listSessions(limit = 20): SessionSummary[] {
    return folderSessions(this.a, limit);
  }

  /** Sets the session title (/rename). */
  rename(title: string): void {
    const writer = this.a.sessionLog.currentWriter;
    if (!writer) throw new Error("No session to rename.");
    recordTitle(writer, title);
  }

  /** /compact [focus]: summarises older history now. */
  compact(focus?: string, signal?: AbortSignal): Promise<unknown> {
    return this.a.compaction.compactNow(focus, signal);
  }

  // ── checkpoints and rewind ──────────────────────────────────────────────────────────────────────────
  /** The session's user turns on the current timeline: prompt, time, files whose changes are in effect. */
  turns(): TurnInfo[] {
    return sessionTurns(this.a);
  }

  /** What rewinding to before `turn` would do (files to restore/remove, conflicts, messages kept). */
  previewRewind(turn: number, scope: RewindScope): Promise<RewindPreview> {
    return previewSessionRewind(this.a, turn, scope);
  }

  /**
   * Rewinds to the state before `turn`: code (files restored, created files removed), conversation, or both.
   * Files changed outside protoagent since the agent's edit are left alone unless named in `confirm`.
   */
  rewind(turn: number, scope: RewindScope, opts: { confirm?: readonly string[] | "all" } = {}) {
    return rewindSession(this.a, turn, scope, opts.confirm);
  }

  /** Reverts the file changes of the last turn that has some (undefined: nothing to undo). */
  undo(): Promise<RewindResult | undefined> {
    return undoLastTurn(this.a);
  }

  /** Makes the session log durable now (it is written as the conversation goes). */
  save(): void {
    this.a.sessionLog.currentWriter?.sync();
  }

  // ── extensions ──────────────────────────────────────────────────────────────────────────────────────
  /** The prompt for `/<skill-name> [args]` (activating the skill), or undefined when there is no such skill. */
  skillPrompt(name: string, args: string): string | undefined {
    return skillPromptFor(this.a, name, args);
  }

  /** The prompt /init sends (write or update AGENTS.md). */
  initPrompt(): string {
    return initAgentsMdPrompt();
  }

  skillNames(): string[] {
    return this.a.skills.skills.map((s) => s.name);
  }

  /** `/mcp__<server>__<prompt>` commands of the connected servers, with a cleaned one-line hint. */
  mcpPrompts(): mcpCatalog.McpOffer[] {
    return mcpCatalog.mcpPromptCommands(this.a.mcp);
  }
  /** The user turn of an MCP prompt command (throws a one-line error: unknown, missing arguments …). */
  mcpPrompt(command: string, args: string, signal?: AbortSignal): Promise<string | ContentPart[]> {
    return mcpCatalog.expandMcpPrompt(this.a.mcp, command, args, signal);
  }
  /** `server:uri` refs of the servers' resources, for `@` completion. */
  mcpResources(): mcpCatalog.McpOffer[] {
    return mcpCatalog.mcpResourceRefs(this.a.mcp);
  }

  mcpStatus(): ReadonlyArray<{ name: string; state: string }> {
    return this.a.mcp.status();
  }

  /** `/mcp login <name>`: OAuth login for a remote MCP server; `out` gets the URL to open. */
  mcpLogin(name: string, out: (line: string) => void, signal?: AbortSignal): Promise<string> {
    return this.a.mcp.login(name, out, signal);
  }

  /** Text for /mcp, /skills, /sessions and /permissions. */
  describe(area: DescribeArea): string {
    return describeArea(this.a, area);
  }

  // ── end ─────────────────────────────────────────────────────────────────────────────────────────────
  private async closeCurrent(): Promise<void> {
    this.channels.detach();
    this.a.session.close();
    this.a.sessionLog.close();
    await this.a.mcp.close().catch(() => undefined);
  }

  /** Closes the session log (releasing its lock), MCP servers and the log file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.a.hooks.end("other");
    await this.closeCurrent();
    await this.a.log.close();
  }
}
