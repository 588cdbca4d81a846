// Resolves and reopens a saved session for `--session <id|prefix>`, `--continue` and `--fork-session`:
// takes the writer (lock) first, then loads, so nothing can append between the load and our first write.
// Never falls back to a new session: every failure is a SessionError with a message for the user.
import type { Message, Usage } from "../agent/messages.js";
import type { Todo } from "../tools/todo.js";
import { SessionNotFoundError } from "./errors.js";
import type { ToolEndView } from "./records.js";
import type { TranscriptItem } from "./replay.js";
import type { SessionStore } from "./store.js";
import type { SessionWriter } from "./writer.js";

export interface ResumeRequest {
  /** Full id or unique prefix (`--session`). */
  id?: string;
  /** `--continue`: the latest session whose cwd is this folder. */
  continueIn?: string;
  /** `--fork-session` / `/fork`: copy into a new session; the original is only read. */
  fork?: boolean;
  /** The current workspace (a different stored cwd gives a warning). */
  cwd: string;
  /** Whether a `provider/model` reference is still configured. */
  isModelConfigured?: (ref: string) => boolean;
}

export interface Resumed {
  /** The id to give the Session (the new one on fork). */
  id: string;
  writer: SessionWriter;
  /** Pass to `new Session({...})`. */
  messages: Message[];
  todos: Todo[];
  usage: Usage;
  costUsd: number;
  /** Context occupancy at the last recorded request (0 when none, or after a compaction). */
  contextTokens: number;
  /** The stored model; use it unless -m was given or it is no longer configured (see warnings). */
  model: string;
  modelConfigured: boolean;
  mode?: string;
  title: string;
  transcript: TranscriptItem[];
  /** How each recorded tool call ended (status, summary, details), for replaying it as it looked live. */
  toolViews: ReadonlyMap<string, ToolEndView>;
  /** Show these to the user (skipped lines, model gone, other folder). */
  warnings: string[];
}

export function resumeSession(store: SessionStore, req: ResumeRequest): Resumed {
  let target = req.id;
  if (!target) {
    if (!req.continueIn) throw new SessionNotFoundError("No session id given to resume.");
    target = store.latestForCwd(req.continueIn);
    if (!target) {
      throw new SessionNotFoundError(
        `No saved session for ${req.continueIn}. Start a new one without --continue, or pick one from \`protoagent sessions list\`.`,
      );
    }
  }
  const sourceId = store.resolve(target);
  const writer = req.fork ? store.fork(sourceId, { cwd: req.cwd }) : store.openForAppend(sourceId);
  try {
    const loaded = store.load(writer.id);
    const { state } = loaded;
    const warnings = [...loaded.warnings];
    const modelConfigured = req.isModelConfigured ? req.isModelConfigured(state.model) : true;
    if (!modelConfigured) warnings.push(`This session used ${state.model}, which is no longer configured.`);
    if (state.header.cwd !== req.cwd && !req.fork) {
      warnings.push(`This session was started in ${state.header.cwd}; tools now work in ${req.cwd}.`);
    }
    return {
      id: writer.id,
      writer,
      messages: state.messages,
      todos: state.todos,
      usage: state.usage,
      costUsd: state.costUsd,
      contextTokens: state.context?.tokens ?? 0,
      model: state.model,
      modelConfigured,
      ...(state.mode ? { mode: state.mode } : {}),
      title: state.title,
      transcript: state.transcript,
      toolViews: state.toolViews,
      warnings,
    };
  } catch (err) {
    writer.close();
    throw err;
  }
}
