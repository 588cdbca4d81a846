// What a front-end shows about the session it switched to (start-up resume, /sessions, /fork): how full the
// context is and how each recorded tool call ended. Kept out of runtime.ts so the Runtime stays a thin facade.
import type { ToolEndView } from "../store/records.js";
import type { TranscriptItem } from "../store/replay.js";
import type { Assembly } from "./assemble.js";

export type { ToolEndView };
/** One entry of a saved session's full display transcript (what compaction removed included). */
export type TranscriptEntry = TranscriptItem;

export interface ContextFigure {
  /** Tokens the history occupies in the model's window. */
  tokens: number;
  /** The model's context window (0 when unknown). */
  window: number;
}

/**
 * The context figure of the current session. The last recorded request's occupancy when there is one; else
 * (a fork, which leaves usage with the original; a compaction since; a provider that reports no usage) the
 * history and tool schemas are counted the way compaction counts them, so the figure is never a false 0.
 */
export async function contextFigure(a: Assembly): Promise<ContextFigure> {
  const { session } = a;
  const window = session.model.contextWindow;
  if (session.contextTokens > 0) return { tokens: session.contextTokens, window };
  if (!session.messages.some((m) => m.role !== "system")) return { tokens: 0, window };
  const tokens = await a.compaction.tracker.estimate(session.messages, session.registry.schemas());
  return { tokens, window };
}

/** How a call of the resumed history ended (status, summary, details), when the log recorded it. */
export function recordedToolView(a: Assembly, callId: string): ToolEndView | undefined {
  return a.sessionLog.resumed?.toolViews.get(callId);
}

/**
 * Everything the resumed log recorded, in order — also the messages a compaction later replaced with its
 * summary, and a marker where it did — or undefined for a session that was not resumed.
 */
export function resumedTranscript(a: Assembly): readonly TranscriptEntry[] | undefined {
  return a.sessionLog.resumed?.transcript;
}

/** One saved session of this folder, as the /sessions picker lists it. */
export interface SessionSummary {
  id: string;
  title: string;
  updated: string;
  turns: number;
  costUsd: number;
  cwd: string;
}

/** This folder's saved sessions, newest first. */
export function folderSessions(a: Assembly, limit: number): SessionSummary[] {
  return a.sessionLog.store
    .list({ cwd: a.session.cwd })
    .slice(0, limit)
    .map((s) => ({
      id: s.id,
      title: s.title,
      updated: s.updated,
      turns: s.turns,
      costUsd: s.costUsd,
      cwd: s.cwd,
    }));
}
