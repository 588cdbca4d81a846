// The approval engine's public interface and options (implementation in engine.ts). Types only.
import type { PermissionMode } from "../config/schema.js";
import type { ApprovalOutcome, ApprovalRequest } from "../tools/tool.js";
import type { ApprovalHandler, ApprovalRecord, SessionScope } from "./types.js";

export interface ApprovalEngineOptions {
  mode: PermissionMode;
  /** Already merged from config layers and --allow/--deny flags. Invalid rules throw (config error). */
  rules: { allow?: readonly string[]; ask?: readonly string[]; deny?: readonly string[] };
  headless: boolean;
  handler?: ApprovalHandler;
  onRecord?: (record: ApprovalRecord) => void;
  /** Workspace root (realpath); rule paths are relative to it. */
  cwd: string;
}

export interface ToolCallHints {
  /** The tool changes nothing (e.g. an MCP tool annotated readOnlyHint by a trusted server): passes plan mode. */
  readOnly?: boolean;
  /** The user marked the tool's MCP server as trusted: runs without asking unless a deny/ask rule says otherwise. */
  trusted?: boolean;
  /** One line for the prompt; defaults to "Call <name>". */
  title?: string;
}

/**
 * Pre-check of every tool call. `ask`: an ask rule names this call, so the executor must get an approval
 * (approveToolCall) even if the tool would not ask on its own (read-only tools, auto-safe commands).
 */
export type ToolCallCheck = { denied: false; ask?: string } | { denied: true; reason: string };

export interface TemporaryAllowHandle {
  /** Removes the temporary rules (idempotent). */
  release(): void;
  /** Patterns that did not parse and were ignored. */
  errors: string[];
}

export interface ApprovalEngine {
  approve(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalOutcome>;
  /** For tools that never call ctx.approve themselves (MCP tools, skill helpers): asks like any request. */
  approveToolCall(
    name: string,
    args: unknown,
    signal: AbortSignal,
    hints?: ToolCallHints,
  ): Promise<ApprovalOutcome>;
  /** Synchronous deny/ask-rule check for every call, read-only tools and auto-safe commands included. */
  checkToolCall(name: string, args: unknown): ToolCallCheck;
  /** The compiled rules as written, for /permissions. */
  listRules(): {
    allow: string[];
    ask: string[];
    deny: string[];
    temporary: Array<{ source: string; rules: string[] }>;
  };
  setMode(mode: PermissionMode): void;
  getMode(): PermissionMode;
  setHandler(handler: ApprovalHandler | undefined): void;
  /** Session approvals granted so far (for /permissions). */
  grants(): SessionScope[];
  revoke(key: string): boolean;
  /** While a skill is active its `allowed-tools` act as allow rules; call release() when it ends. */
  addTemporaryAllow(patterns: readonly string[], source: string): TemporaryAllowHandle;
}
