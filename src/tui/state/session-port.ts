// The narrow view of a Session the TUI needs. The real Session (src/session.ts) satisfies it structurally;
// tests and benches pass small scripted objects. Optional members light up commands when the session has them.

import type {
  AgentEvent,
  ApprovalHandler,
  ContentPart,
  ContextFigure,
  ElicitationHandler,
  FileAttachment,
  McpOffer,
  Message,
  ModelChoice,
  ProjectTrustResult,
  RewindPreview,
  RewindResult,
  RewindScope,
  SessionSummary,
  Tool,
  ToolEndView,
  TranscriptEntry,
  TurnInfo,
  UntrustedProjectFile,
  UserShellOptions,
  UserShellResult,
} from "../../runtime/index.js";
import type { PermissionModeName } from "./app-types.js";

export interface SessionPort {
  readonly id: string;
  readonly cwd: string;
  readonly model: { ref: string; contextWindow?: number };
  subscribe(fn: (e: AgentEvent) => void): () => void;
  /** Runs a prompt; `attachments` (from attachFile) go with it. */
  run(
    prompt: string | ContentPart[],
    signal?: AbortSignal,
    attachments?: readonly FileAttachment[],
  ): Promise<unknown>;
  /** The user's own shell command (`!cmd`): no approval; output to the next prompt unless opted out. */
  shell?(command: string, opts: UserShellOptions): Promise<UserShellResult>;
  /** Reads a workspace file for `@path` (throws why it cannot be attached). */
  attachFile?(path: string): Promise<FileAttachment>;
  /** `/mcp__<server>__<prompt>` commands of the connected MCP servers (completion). */
  mcpPrompts?(): McpOffer[];
  /** The user turn of an MCP prompt command; throws a one-line error (missing arguments …). */
  mcpPrompt?(command: string, args: string, signal?: AbortSignal): Promise<string | ContentPart[]>;
  /** `server:uri` refs of the MCP servers' resources (`@` completion). */
  mcpResources?(): McpOffer[];
  approvals: {
    setHandler(h?: ApprovalHandler): void;
    setMode(m: PermissionModeName): void;
    getMode(): PermissionModeName;
  };
  readonly costUsd?: number;
  /** Token totals so far (restored on resume). */
  readonly usage?: { inputTokens: number; outputTokens: number };
  readonly contextTokens?: number;
  /** The conversation so far (a resumed session is replayed into the transcript). */
  readonly messages?: readonly Message[];
  /** The session's tools; `parameters` and `describe` let replayed calls be described like live ones. */
  readonly registry?: {
    list(): ReadonlyArray<
      { name: string; description: string; readOnly?: boolean } & Partial<
        Pick<Tool, "parameters" | "describe">
      >
    >;
  };
  /** Tokens in context / window; counts the history when no request reported it yet (resume, fork). */
  contextUsage?(): Promise<ContextFigure>;
  /** How a call of the resumed history ended (status, summary, details), so it replays as it looked live. */
  toolView?(callId: string): ToolEndView | undefined;
  /** The resumed log's whole display transcript (compacted parts included); undefined when not resumed. */
  transcript?(): readonly TranscriptEntry[] | undefined;
  compact?(focus?: string, signal?: AbortSignal): Promise<unknown>;
  save?(): Promise<unknown>;
  /** Changes the permission mode and records the change (preferred over approvals.setMode). */
  setMode?(m: PermissionModeName): void;
  /** The MCP elicitation channel (absent: servers' requests are declined by the core). */
  elicitation?: { setHandler(h?: ElicitationHandler): void };
}

/** What the app can ask of whoever created the session (bootstrap, session store, config). */
export interface AppServices {
  /**
   * Starts another session: fresh (for /clear), a saved one (`resume`, for /sessions <id>) or a copy of one
   * (`fork`, for /fork). The current session's log is closed first. Resolves to the new session.
   */
  newSession?(opts?: { resume?: string; fork?: boolean }): Promise<SessionPort>;
  /** Sets the session title (/rename). */
  rename?(title: string): void;
  /** The prompt for `/<skill-name> [args]`, or undefined when no such skill exists. */
  skillPrompt?(name: string, args: string): string | undefined;
  /** Ids of this folder's saved sessions, newest first, in the order /sessions numbers them. */
  listSessions?(): string[];
  /** The prompt /init sends (write or update AGENTS.md). */
  initPrompt?(): string;
  /** Model refs the user can switch to (merged catalog, incl. custom providers). */
  listModels?(): string[];
  /** The catalog with labels and key availability, for the /model picker. */
  modelChoices?(): ModelChoice[];
  /**
   * The current provider's live models (GET /models), so a local server's or a gateway's models can be picked
   * without editing config. Never rejects: a failure comes back as `error`.
   */
  liveModels?(signal: AbortSignal): Promise<{ refs: { ref: string; detail: string }[]; error?: string }>;
  /** This folder's saved sessions, newest first (title, last update, turns, folder), for the /sessions picker. */
  sessionSummaries?(): SessionSummary[];
  /** Resolves `ref` against the merged config and switches the session to it (throws a one-line error). */
  switchModel?(session: SessionPort, ref: string): Promise<void> | void;
  /** The session's user turns (prompt, time, files touched), for /rewind. */
  turns?(): TurnInfo[];
  /** What rewinding to before `turn` would do, for /rewind's preview. */
  previewRewind?(turn: number, scope: RewindScope): Promise<RewindPreview>;
  /** Rewinds (files changed outside protoagent only when listed in `confirm`). */
  rewind?(turn: number, scope: RewindScope, confirm: readonly string[] | "all"): Promise<RewindResult>;
  /** Reverts the last turn's file changes (/undo); undefined when there are none. */
  undo?(): Promise<RewindResult | undefined>;
  /** Lines describing saved sessions, MCP servers, skills, agents, permission rules and the audit trail (when those areas exist). */
  describe?(
    what: "sessions" | "mcp" | "skills" | "permissions" | "agents" | "audit",
  ): Promise<string> | string;
  /** Project files not trusted for their current content, with what each would enable (the trust prompt). */
  untrustedProject?(): UntrustedProjectFile[];
  /** Trusts exactly those files (a file changed since is not) and applies them to the session now. */
  trustProject?(): Promise<ProjectTrustResult>;
  /** /mcp login <name>: OAuth login for a remote MCP server; `out` shows the URL to open. */
  mcpLogin?(name: string, out: (line: string) => void): Promise<string>;
}
