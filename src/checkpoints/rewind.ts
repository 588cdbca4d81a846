// Rewinding a session log to the state before one of its user turns: the code (files the agent changed in that
// turn and later), the conversation (history and todos as they were before that turn), or both. Works on the log
// alone (the live Runtime and `protoagent sessions rewind` share it); the caller holds the log's writer (lock).
// Crash safety: files are restored first (each atomically), the `rewind` record is appended last in one write.
// A crash before the record leaves the log as it was; the files already restored then read as "unchanged" and a
// repeated rewind finishes the rest. A torn record is dropped on load, so the session always loads.
import type { Message } from "../agent/messages.js";
import type { RewindRecord } from "../store/records.js";
import { replay } from "../store/replay.js";
import type { LoadedSession } from "../store/store.js";
import type { Todo } from "../tools/todo.js";
import type { PathRoots } from "../utils/path-policy.js";
import { displayPath } from "../utils/workspace-path.js";
import type { BlobStore } from "./blobs.js";
import { applyRestore, type FilePlan, planRestore } from "./restore.js";
import { buildTimeline, type TurnEntry } from "./timeline.js";

export type RewindScope = "code" | "conversation" | "both";

/** One user turn as /rewind lists it. */
export interface TurnInfo {
  turn: number;
  text: string;
  at: string;
  /** Workspace-relative paths whose changes from this turn are still in effect. */
  files: string[];
  /** Shell commands of this turn whose changes could not be recorded (and why). */
  notCovered: string[];
}

export interface RewindPreview {
  turn: number;
  scope: RewindScope;
  /** What each file would do (empty for a conversation-only rewind). */
  files: FilePlan[];
  /** Messages the conversation keeps (system prompt included), for conversation rewinds. */
  keptMessages?: number;
  /** The prompt of the turn rewound (a front-end may offer it for editing). */
  prompt: string;
  /** Shell commands in the turns rewound whose changes were not recorded: a code rewind cannot undo them. */
  notCovered: string[];
}

export interface RewindResult extends RewindPreview {
  restored: FilePlan[];
  kept: FilePlan[];
  /** The conversation from now on (conversation rewinds). */
  messages?: Message[];
  todos?: Todo[];
}

export interface RewindDeps {
  blobs: BlobStore;
  roots: PathRoots;
}

export function listTurns(loaded: LoadedSession, cwd: string): TurnInfo[] {
  return buildTimeline(loaded.records).map((t) => ({
    turn: t.turn,
    text: t.text,
    at: t.at,
    files: [...new Set(t.changes.map((c) => displayPath(cwd, c.path)))],
    notCovered: t.uncovered,
  }));
}

function pick(turns: readonly TurnEntry[], turn: number): TurnEntry {
  const t = turns[turn - 1];
  if (!Number.isInteger(turn) || !t) {
    throw new Error(
      turns.length === 0
        ? "This session has no user turns to rewind to."
        : `There is no turn ${turn}; this session's turns are 1-${turns.length}.`,
    );
  }
  return t;
}

const hasCode = (s: RewindScope) => s !== "conversation";
const hasConversation = (s: RewindScope) => s !== "code";

export async function previewRewind(
  loaded: LoadedSession,
  turn: number,
  scope: RewindScope,
  deps: RewindDeps,
): Promise<RewindPreview> {
  const turns = buildTimeline(loaded.records);
  const t = pick(turns, turn);
  const files = hasCode(scope)
    ? await planRestore(
        turns.slice(turn - 1).flatMap((x) => x.changes),
        { blobs: deps.blobs, sessionId: loaded.id, roots: deps.roots },
      )
    : [];
  const kept = hasConversation(scope) ? conversationBefore(loaded, t) : undefined;
  return {
    turn,
    scope,
    files,
    ...(kept ? { keptMessages: kept.messages.length } : {}),
    prompt: t.text,
    notCovered: turns.slice(turn - 1).flatMap((x) => x.uncovered),
  };
}

function conversationBefore(loaded: LoadedSession, t: TurnEntry): { messages: Message[]; todos: Todo[] } {
  // Replaying the records before the turn's prompt gives exactly the history the next request had then,
  // compactions and earlier rewinds included.
  const s = replay(loaded.header, loaded.records.slice(0, t.recordIndex), { transcript: false });
  return { messages: s.messages, todos: s.todos };
}

/**
 * Rewinds: restores files (conflicts only when confirmed), then appends the one `rewind` record through
 * `append` and syncs it. Returns what changed; the caller updates a live session with `messages`/`todos`.
 */
export async function rewindLog(
  loaded: LoadedSession,
  turn: number,
  scope: RewindScope,
  deps: RewindDeps & {
    append: (r: RewindRecord) => void;
    confirm?: readonly string[] | "all";
  },
): Promise<RewindResult> {
  const preview = await previewRewind(loaded, turn, scope, deps);
  const t = pick(buildTimeline(loaded.records), turn);
  const outcome = await applyRestore(
    preview.files,
    { blobs: deps.blobs, sessionId: loaded.id },
    deps.confirm,
  );
  const conv = hasConversation(scope) ? conversationBefore(loaded, t) : undefined;
  deps.append({
    t: "rewind",
    at: new Date().toISOString(),
    turn,
    code: hasCode(scope),
    conversation: conv !== undefined,
    ...(conv ? { messages: conv.messages, todos: conv.todos } : {}),
    ...(outcome.kept.length ? { kept: outcome.kept.map((p) => p.path) } : {}),
  });
  return { ...preview, ...outcome, ...(conv ?? {}) };
}

/** The last turn whose file changes are still in effect (what /undo reverts), if any. */
export function lastChangedTurn(loaded: LoadedSession): number | undefined {
  return buildTimeline(loaded.records).findLast((t) => t.changes.length > 0)?.turn;
}
