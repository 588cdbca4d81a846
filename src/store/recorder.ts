// Attaches a session log to a Session: every history_append, todo change, usage report, approval decision, tool
// audit entry, model/mode switch and compaction becomes one appended record (redacted by the writer). Records are written
// as they happen (they survive a crash of this process); the log is fsynced at each turn end and run end.
import type { Session } from "../session/session.js";
import type { BodyRecord, ToolEndView } from "./records.js";
import type { SessionWriter } from "./writer.js";

export interface RecorderOptions {
  /** A new log: also write the history the session already holds (the system prompt). */
  fresh?: boolean;
}

export function attachRecorder(
  session: Session,
  writer: SessionWriter,
  opts: RecorderOptions = {},
): () => void {
  const at = () => new Date().toISOString();
  if (opts.fresh) writer.append(session.messages.map((m): BodyRecord => ({ t: "msg", at: at(), m })));
  // tool_end precedes the append of its result message; the view waits here to be written with it.
  const views = new Map<string, ToolEndView>();
  const unsubscribe = session.subscribe((e) => {
    switch (e.type) {
      case "history_append": {
        const m = e.message;
        const view = m.role === "tool" ? views.get(m.toolCallId) : undefined;
        if (view && m.role === "tool") views.delete(m.toolCallId);
        writer.append([{ t: "msg", at: at(), m, ...(view ? { view } : {}) }]);
        break;
      }
      case "tool_end":
        views.set(e.callId, {
          status: e.status,
          ...(e.summary ? { summary: e.summary } : {}),
          ...(e.details ? { details: e.details } : {}),
        });
        if (e.details?.kind === "todo") writer.append([{ t: "todos", at: at(), todos: e.details.todos }]);
        break;
      case "usage":
        writer.append([
          {
            t: "usage",
            at: at(),
            usage: e.usage,
            costUsd: e.costUsd,
            contextTokens: e.contextTokens,
            contextWindow: e.contextWindow,
          },
        ]);
        break;
      case "approval":
        writer.append([{ t: "approval", at: at(), record: e.record }]);
        break;
      case "audit":
        writer.append([{ t: "audit", at: at(), entry: e.entry }]);
        break;
      case "model_change":
        writer.append([{ t: "model", at: at(), model: e.model }]);
        break;
      case "mode_change":
        writer.append([{ t: "mode", at: at(), mode: e.mode }]);
        break;
      case "compaction":
        // attachCompaction replaces session.messages before emitting, so this is the new live history.
        writer.append([
          {
            t: "compaction",
            at: at(),
            reason: e.reason,
            summary: e.summary,
            removed: e.removed,
            kept: e.kept,
            messages: [...session.messages],
          },
        ]);
        writer.sync();
        break;
      case "turn_end":
      case "done":
        writer.sync();
        break;
      default:
        break;
    }
  });
  return () => {
    unsubscribe();
    writer.sync();
  };
}

/** `/rename <title>`: records an explicit title (the last one wins). */
export function recordTitle(writer: SessionWriter, title: string): string {
  const clean = title.replace(/\s+/g, " ").trim();
  if (!clean) throw new Error("A title cannot be empty.");
  writer.append([{ t: "title", at: new Date().toISOString(), title: clean }]);
  writer.sync();
  return clean;
}
