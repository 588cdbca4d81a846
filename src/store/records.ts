// The on-disk record types of a session log (one JSON object per line) and their tolerant parser.
// Invariants: the first line is the header; every later line is self-contained, so replay never needs
// a previous line to be rewritten. Unknown record types from newer versions are skipped, not fatal.

import type { AuditEntry } from "../agent/audit.js";
import type { ToolStatus } from "../agent/events.js";
import type { Message, Usage } from "../agent/messages.js";
import type { ApprovalRecord } from "../approval/types.js";
import type { Todo } from "../tools/todo.js";
import type { ToolDetails } from "../tools/tool.js";

export const FORMAT_VERSION = 1;

export interface HeaderRecord {
  t: "header";
  v: number;
  id: string;
  cwd: string;
  /** ISO time the session was created. */
  created: string;
  /** `provider/model` at creation. */
  model: string;
  /** protoagent version that created the file. */
  version: string;
  /** Set on a fork: the id of the session it was copied from. */
  forkedFrom?: string;
}

export type CompactionReason = "threshold" | "overflow" | "manual";

/**
 * How a tool call ended, as the UI showed it (status, summary, details): kept on the tool result's `msg`
 * record so a resumed transcript shows the call exactly as it looked live. An optional field on an existing
 * record, so older readers simply ignore it.
 */
export interface ToolEndView {
  status: ToolStatus;
  summary?: string;
  details?: ToolDetails;
}

export type BodyRecord =
  | { t: "msg"; at: string; m: Message; view?: ToolEndView }
  | { t: "todos"; at: string; todos: Todo[] }
  | { t: "usage"; at: string; usage: Usage; costUsd: number; contextTokens: number; contextWindow: number }
  | { t: "model"; at: string; model: string }
  | { t: "mode"; at: string; mode: string }
  /** `messages` is the complete live history after compaction; the records before it stay as the full record. */
  | {
      t: "compaction";
      at: string;
      reason: CompactionReason;
      summary: string;
      removed: number;
      kept: number;
      messages: Message[];
    }
  | { t: "approval"; at: string; record: ApprovalRecord }
  /** One tool call's audit entry (who decided, outcome, duration, diff); written after its tool_end. */
  | { t: "audit"; at: string; entry: AuditEntry }
  | { t: "title"; at: string; title: string }
  | CheckpointRecord
  | RewindRecord;

/** A file's state as a checkpoint keeps it: the content's sha256 (its blob name) and permission bits. */
export interface FileSnap {
  sha: string;
  mode: number;
  size: number;
}

/**
 * Written (after the snapshot blob is on disk, before the file is changed) each time write_file or edit_file
 * changes a file. It belongs to the user turn whose `msg` record precedes it. `before: null` = the file did not
 * exist; `after` is the sha256 of what the tool wrote, so a later change by someone else can be recognised.
 */
export interface CheckpointRecord {
  t: "checkpoint";
  at: string;
  /** Absolute, symlinks resolved (the path the tool wrote). */
  path: string;
  tool: string;
  before: FileSnap | null;
  /** null: the change deleted the file (a shell command). */
  after: string | null;
  /**
   * Set (to the command) when a shell command in this turn could change the workspace but its changes could not
   * be recorded (over the scan bounds); `path` is then the workspace and `before`/`after` are null.
   */
  uncovered?: string;
  /** Why it was not covered. */
  reason?: string;
}

/**
 * A rewind to the state before user turn `turn` (1-based on the timeline at that moment). Appended after the
 * files were restored, so the log never claims a restore that did not happen. With `conversation`, `messages`
 * and `todos` are the complete live state from then on (like a compaction snapshot); `kept` lists files whose
 * changes were left in place (changed outside protoagent and not confirmed, or not restorable).
 */
export interface RewindRecord {
  t: "rewind";
  at: string;
  turn: number;
  code: boolean;
  conversation: boolean;
  messages?: Message[];
  todos?: Todo[];
  kept?: string[];
}

export type SessionRecord = HeaderRecord | BodyRecord;

const BODY_TYPES = new Set([
  "msg",
  "todos",
  "usage",
  "model",
  "mode",
  "compaction",
  "approval",
  "audit",
  "title",
  "checkpoint",
  "rewind",
]);
const ROLES = new Set(["system", "user", "assistant", "tool"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

export function isHeader(v: unknown): v is HeaderRecord {
  return (
    isObject(v) &&
    v.t === "header" &&
    typeof v.id === "string" &&
    typeof v.cwd === "string" &&
    typeof v.created === "string" &&
    typeof v.model === "string"
  );
}

const isMessage = (v: unknown): v is Message =>
  isObject(v) && typeof v.role === "string" && ROLES.has(v.role);

const isSnap = (v: unknown): v is FileSnap =>
  isObject(v) && typeof v.sha === "string" && typeof v.mode === "number" && typeof v.size === "number";

/** Shape check cheap enough for 10,000 lines: the fields replay relies on, not a full schema. */
export function isBodyRecord(v: unknown): v is BodyRecord {
  if (!isObject(v) || typeof v.t !== "string" || !BODY_TYPES.has(v.t)) return false;
  switch (v.t) {
    case "msg":
      return isMessage(v.m);
    case "todos":
      return Array.isArray(v.todos);
    case "usage":
      return isObject(v.usage) && typeof v.costUsd === "number";
    case "model":
      return typeof v.model === "string";
    case "mode":
      return typeof v.mode === "string";
    case "compaction":
      return Array.isArray(v.messages) && v.messages.every(isMessage) && typeof v.summary === "string";
    case "approval":
      return isObject(v.record);
    case "audit":
      return isObject(v.entry) && typeof v.entry.tool === "string" && isObject(v.entry.decision);
    case "title":
      return typeof v.title === "string";
    case "checkpoint":
      return (
        typeof v.path === "string" &&
        (typeof v.after === "string" || v.after === null) &&
        (v.before === null || isSnap(v.before))
      );
    case "rewind":
      return (
        typeof v.turn === "number" &&
        typeof v.code === "boolean" &&
        typeof v.conversation === "boolean" &&
        (!v.conversation || (Array.isArray(v.messages) && v.messages.every(isMessage)))
      );
    default:
      return false;
  }
}

export interface ParsedLog {
  header: HeaderRecord;
  records: BodyRecord[];
  /** The last line was incomplete (a crash mid-write); it was ignored. */
  tornTail: boolean;
  /** Human-readable notes about skipped lines (corrupt or from a newer version). */
  warnings: string[];
}

/**
 * Parses a whole log. Returns undefined when the header is missing or unreadable (the caller reports it);
 * a torn final line and corrupt middle lines are skipped with a note, never fatal.
 */
export function parseLog(text: string): ParsedLog | undefined {
  const lines = text.split("\n");
  // A complete file ends with "\n", so the final element is "" unless the last write was torn.
  const tail = lines.pop() ?? "";
  const tornTail = tail.trim().length > 0;
  let header: HeaderRecord | undefined;
  const records: BodyRecord[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      warnings.push(`line ${i + 1} is not valid JSON; skipped`);
      continue;
    }
    if (!header) {
      if (!isHeader(value)) return undefined;
      header = value;
    } else if (isBodyRecord(value)) {
      records.push(value);
    } else {
      const t = isObject(value) ? String(value.t) : "?";
      warnings.push(`line ${i + 1} has an unknown or malformed record (${t}); skipped`);
    }
  }
  if (!header) {
    // A file whose only line is torn: the header itself never completed.
    return undefined;
  }
  if (tornTail) warnings.push("the last line was incomplete (interrupted write); ignored");
  return { header, records, tornTail, warnings };
}
