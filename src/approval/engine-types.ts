// The approval engine's public interface and options (implementation in engine.ts). Types only.
import type { PermissionMode } from "../config/schema.js";
import type { CallFacts } from "./match.js";
import type { SpecifierOf } from "./rules.js";
import type {
  ApprovalHandler,
  ApprovalOutcome,
  ApprovalRecord,
  ApprovalRequest,
  SessionScope,
} from "./types.js";

export interface ApprovalEngineOptions {
  mode: PermissionMode;
  /** Already merged from config layers and --allow/--deny flags. Invalid rules throw (config error). */
  rules: { allow?: readonly string[]; ask?: readonly string[]; deny?: readonly string[] };
  /**
   * Which specifier each tool's rules take, as the tools declare it (Tool.ruleSpecifier): rules are parsed
   * against it, so `write_file(src/**)` is a path rule because write_file says so, not because of its name.
   */
  specifierOf: SpecifierOf;
  /** Whether a tool only reads: a path deny rule on such a tool guards the path from every tool. */
  readsOnly?: (tool: string) => boolean;
  headless: boolean;
  handler?: ApprovalHandler;
  onRecord?: (record: ApprovalRecord) => void;
  /** Workspace root (realpath); rule paths are relative to it. */
  cwd: string;
}

export interface TemporaryAllowHandle {
  /** Removes the temporary rules (idempotent). */
  release(): void;
  /** Patterns that did not parse and were ignored. */
  errors: string[];
}

export interface ApprovalEngine {
  /**
   * The one approval route: every call reaches it exactly once, from the tool (ctx.approve) when the tool
   * approves itself, otherwise from the executor. Prompts only when the policy cannot decide.
   */
  approve(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalOutcome>;
  /**
   * Synchronous deny-rule check of a call before it runs (defence in depth for tools whose own request could
   * differ from their description). Never prompts. Returns the denial text the model sees, or undefined.
   */
  denyCheck(tool: string, facts: CallFacts): string | undefined;
  /** The deny rule (as written) that keeps every tool from reading `absPath`, if any. */
  readDenied(absPath: string): string | undefined;
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
