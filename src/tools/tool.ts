// The tool contract: every built-in, skill and MCP tool is one object of this shape, run by the one executor.
// Tools receive their world through ToolContext (no module state), throw Errors whose messages tell the model
// how to recover, and return two channels: `content` for the model and typed `details` for the UI.
import { z } from "zod";
import type { ContentPart } from "../agent/messages.js";
import type { ShellSandbox } from "../sandbox/types.js";

/** A todo item (per session). */
export interface Todo {
  id: string;
  content: string;
  status: "pending" | "in_progress" | "completed" | "cancelled";
  priority: "high" | "medium" | "low";
}

/** Structured result data the UI renders without re-parsing text. */
export type ToolDetails =
  | { kind: "read"; path: string; startLine: number; endLine: number; totalLines: number }
  | { kind: "diff"; path: string; diff: string; added: number; removed: number; created: boolean }
  | { kind: "list"; path: string; entries: number; omitted: number }
  | { kind: "search"; query: string; matches: number; files: number; truncated: boolean; engine: string }
  | {
      kind: "shell";
      command: string;
      exitCode: number | null;
      signal: string | null;
      output: string;
      timedOut: boolean;
      truncated: boolean;
      totalBytes: number;
      durationMs: number;
    }
  | { kind: "todo"; todos: Todo[] }
  | { kind: "fetch"; url: string; status: number; contentType: string; bytes: number }
  | { kind: "denied"; reason: string; feedback?: string }
  | { kind: "text"; text: string };

export interface ToolResult {
  /** What the model sees. */
  content: string | ContentPart[];
  /** What the UI renders (diffs, exit codes, counts). */
  details?: ToolDetails;
  /** One short line for the tool-call display ("42 lines", "exit 0", "3 matches"). */
  summary?: string;
  isError?: boolean;
}

/** What a tool asks the approval engine to allow. `detail` is shown in full, never truncated. */
export interface ApprovalRequest {
  tool: string;
  kind: "write" | "edit" | "shell" | "fetch" | "mcp" | "other";
  /** One line: "Edit src/app.ts", "Run: npm test". */
  title: string;
  /** The exact command, or the full unified diff, or the URL. */
  detail: string;
  /** Absolute path of the file touched (write/edit). */
  path?: string;
  command?: string;
  url?: string;
  /** Why this could not be auto-approved (shown to the user, recorded in the audit trail). */
  reason?: string;
  /** A protected path (.git/, .env*, …): asks even in accept-edits or when a session approval exists. */
  protectedPath?: boolean;
  /**
   * Shell only: the command prefix the classifier suggests for "approve commands starting with …"
   * (e.g. "npm test", "git commit"). Used only if the command really starts with it and is one plain command.
   */
  prefix?: string;
  /**
   * Shell only: the command asks to run outside the OS sandbox (`sandbox: false`). Only the user (a prompt, never
   * a rule, skill grant or session approval) or bypass mode may allow it; headless without bypass it is denied.
   */
  unsandboxed?: boolean;
}

export type ApprovalOutcome =
  | { approved: true; by: string }
  | { approved: false; reason: string; feedback?: string };

/** Thrown by a tool when an action was denied (by policy, rule, mode or the user). */
export class ToolDeniedError extends Error {
  constructor(
    message: string,
    readonly feedback?: string,
  ) {
    super(message);
    this.name = "ToolDeniedError";
  }
}

/** A file read by the session: the staleness guard compares these against the disk before an edit. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
}

/** Per-session mutable state that tools may read and change. Owned by the session object. */
export interface ToolState {
  todos: Todo[];
  /** Absolute path → stamp of the file when the session last read or wrote it. */
  fileStamps: Map<string, FileStamp>;
}

export const createToolState = (): ToolState => ({ todos: [], fileStamps: new Map() });

export interface ToolContext {
  /** The workspace root (already realpath'd). Every file tool stays inside it. */
  cwd: string;
  /** Extra roots tools may read but never write (skill folders). */
  readOnlyRoots: readonly string[];
  signal: AbortSignal;
  sessionId: string;
  callId: string;
  state: ToolState;
  /** Asks the session's approval engine; fails closed when nobody can answer. */
  approve(request: ApprovalRequest): Promise<ApprovalOutcome>;
  /** Streams partial output (shell stdout) to the UI as tool_update events. */
  update(chunk: string): void;
  /** The OS sandbox for shell commands (src/sandbox/); absent means off (commands run as they always did). */
  sandbox?: ShellSandbox;
}

export interface Tool<P extends z.ZodType = z.ZodType> {
  name: string;
  /** Product copy for the model: preconditions, limits, exact failures, how to recover. */
  description: string;
  parameters: P;
  /**
   * A raw JSON schema sent to the model instead of the one derived from `parameters` (MCP tools, whose schemas
   * come from the server). Pair it with a permissive `parameters` such as `z.record(z.string(), z.unknown())`.
   */
  inputSchema?: Record<string, unknown>;
  /** True when the tool never changes anything (used by plan mode and for display). */
  readOnly: boolean;
  execute(args: z.infer<P>, ctx: ToolContext): Promise<ToolResult>;
}

/** Helper that keeps the args type of `execute` tied to the zod schema. */
export function defineTool<P extends z.ZodType>(tool: Tool<P>): Tool<P> {
  return tool;
}

/** The function-tool schema sent to the model, derived from zod so schema and handler cannot drift. */
export interface ToolSchema {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export function toolSchema(tool: Tool): ToolSchema {
  const { $schema: _drop, ...parameters } = (tool.inputSchema ??
    z.toJSONSchema(tool.parameters, { io: "input" })) as Record<string, unknown>;
  return { type: "function", function: { name: tool.name, description: tool.description, parameters } };
}
