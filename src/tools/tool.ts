// The tool contract: every built-in, skill and MCP tool is one object of this shape, run by the one executor.
// Tools receive their world through ToolContext (no module state), throw Errors whose messages tell the model
// how to recover, and return two channels: `content` for the model and typed `details` for the UI.
import { z } from "zod";
import type { ContentPart } from "../agent/messages.js";
import type { ApprovalOutcome, ApprovalRequest } from "../approval/types.js";
import type { ShellSandbox } from "../sandbox/types.js";
import { tidySchema } from "./json-schema.js";
import type { Todo } from "./todo.js";

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
      /** Set when the command ran inside the OS sandbox, with its profile (the audit trail records it). */
      sandbox?: "read-only" | "workspace-write";
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

/**
 * Where file tools read and write text when a front-end owns the buffers (an editor over ACP): reads see
 * unsaved changes, writes land in the editor. Paths are absolute and already passed the workspace path policy.
 */
export interface FilePort {
  readText(absPath: string): Promise<string>;
  writeText(absPath: string, text: string): Promise<void>;
}

/** One command run in a front-end's terminal (an editor's, over ACP): the exact argv, environment and folder. */
export interface TerminalRun {
  /** The tool call the terminal belongs to (the editor shows it inside that call). */
  callId: string;
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  signal: AbortSignal;
  /** Bytes of output the terminal keeps (the latest ones). */
  outputLimit: number;
}

export interface TerminalResult {
  exitCode: number | null;
  signal: string | null;
  output: string;
  /** The terminal dropped earlier output to stay within `outputLimit`. */
  truncated: boolean;
  timedOut: boolean;
  aborted: boolean;
}

/**
 * Where the bash tool runs commands when a front-end owns a terminal (an editor over ACP). It is called only
 * after the call's approval; it kills the command on timeout and abort and always resolves with what ran.
 */
export interface TerminalPort {
  run(input: TerminalRun): Promise<TerminalResult>;
}

export interface ToolContext {
  /** The workspace root (already realpath'd). Every file tool stays inside it. */
  cwd: string;
  /** Extra roots tools may read but never write (skill folders). */
  readOnlyRoots: readonly string[];
  /** Folders protected wherever they are: the real git dir, `core.hooksPath` (resolved once per session). */
  protectedRoots?: readonly string[];
  /** The deny rule that keeps every tool from reading this absolute path, if any (searches leave it out). */
  denied?(absPath: string): string | undefined;
  signal: AbortSignal;
  sessionId: string;
  callId: string;
  state: ToolState;
  /** Asks the session's approval engine; fails closed when nobody can answer. */
  approve(request: ApprovalRequest): Promise<ApprovalOutcome>;
  /** Streams partial output (shell stdout) to the UI as tool_update events. */
  update(chunk: string): void;
  /** Text file IO through the front-end (read_file, write_file, edit_file); absent → the disk. */
  files?: FilePort;
  /** Shell commands through the front-end's terminal (bash); absent → spawned here. */
  terminal?: TerminalPort;
  /** The OS sandbox for shell commands (src/sandbox/); absent means off (commands run as they always did). */
  sandbox?: ShellSandbox;
  /** Saves a file's state before write_file / edit_file change it (checkpoints); absent → no snapshots. */
  checkpoint?: FileCheckpoint;
}

/**
 * Called after approval and every re-check, right before a tool changes `abs` (already through the path policy)
 * to `next`. Saves what the file was (or that it did not exist) so /rewind can restore it. Throws when it cannot
 * save it; the tool then does not write (no change without a way back).
 */
export interface FileCheckpoint {
  beforeWrite(abs: string, next: string | Uint8Array, tool: string): Promise<void>;
  /**
   * Before a shell command that may write the workspace: snapshots it (bounded). Call `after()` once the command
   * ended; it records what the command created, changed or deleted, or that it could not (then it is listed as
   * not covered). Never throws: a command is never refused because its changes cannot be recorded.
   */
  beforeShell?(cwd: string, command: string): Promise<{ after(): Promise<void> }>;
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
  /** True when the tool never changes anything (plan mode, concurrent batches, display). */
  readOnly: boolean;
  /**
   * Calls of this tool that follow each other in one reply run concurrently, at most this many at a time (each
   * call isolates its own state: sub_agent). Read-only tools batch without it.
   */
  concurrency?: number;
  /**
   * True when execute() asks ctx.approve itself, exactly once per call that may need a decision, passing its own
   * verdict (request.safe). Otherwise the executor asks, once, with a request built from describe().
   */
  approvesItself?: boolean;
  /**
   * For tools that do not approve themselves: calls run without a prompt unless a rule or plan mode says
   * otherwise (tools of a trusted MCP server). Defaults to `readOnly`.
   */
  safe?: boolean;
  /**
   * What a permission rule's specifier names for this tool: `bash(npm test)` → "command",
   * `write_file(src/**)` → "path", `webfetch(domain:docs.rs)` → "domain". Absent: rules name the tool whole.
   */
  ruleSpecifier?: RuleSpecifier;
  /** An MCP tool's server and its own name (hooks match Claude's `mcp__<server>__<tool>` form against it). */
  mcp?: { server: string; tool: string };
  /** What one call is about, from its validated arguments (UI line, sub-agent progress, approval subject). */
  describe?(args: z.infer<P>, env: DescribeEnv): ToolCallDescription;
  execute(args: z.infer<P>, ctx: ToolContext): Promise<ToolResult>;
}

export type RuleSpecifier = "path" | "command" | "domain";

/** The Agent Client Protocol's ToolKind values. */
export type ToolKind =
  | "read"
  | "edit"
  | "delete"
  | "move"
  | "search"
  | "execute"
  | "think"
  | "fetch"
  | "other";

/** What a describe() needs besides the arguments. */
export interface DescribeEnv {
  /** The workspace root: relative paths in arguments resolve against it. */
  cwd: string;
}

/** A tool call as the tool itself describes it. Pure data, computed once per call by the executor. */
export interface ToolCallDescription {
  /** One line: "Edit src/app.ts", "Run: npm test", "Search TODO in src". */
  title: string;
  kind: ToolKind;
  /** The short subject shown after the tool name: path, command's first line, pattern or URL. */
  subject?: string;
  /** Files or folders the call touches (absolute). */
  locations?: { path: string; line?: number }[];
  /** The absolute path a path rule matches. */
  path?: string;
  /** The exact, full command a command rule matches. */
  command?: string;
  /** The URL whose host a domain rule matches. */
  url?: string;
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
  // An MCP server's schema is sent as the server wrote it (adapter.ts already dropped its `$schema`); only ours,
  // derived from zod, is tidied.
  const parameters =
    tool.inputSchema ??
    tidySchema(z.toJSONSchema(tool.parameters, { io: "input" }) as Record<string, unknown>);
  return { type: "function", function: { name: tool.name, description: tool.description, parameters } };
}
