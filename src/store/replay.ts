// Rebuilds a session's state from its records: the live history (the last compaction's snapshot plus every
// message after it), todos, usage and cost totals, mode, model, title, and a display transcript of everything,
// including what was compacted away. Pure: no IO, so list/show/resume and tests share one implementation.

import type { AuditEntry } from "../agent/audit.js";
import { contentText, emptyUsage, type Message, type Usage } from "../agent/messages.js";
import { UsageTotals } from "../agent/usage-totals.js";
import { isCompactionSummary } from "../compaction/history.js";
import type { Todo } from "../tools/todo.js";
import type { BodyRecord, CompactionReason, HeaderRecord, ToolEndView } from "./records.js";

export type TranscriptItem =
  | { kind: "user"; text: string }
  | { kind: "assistant"; text: string; interrupted?: boolean }
  | { kind: "tool_call"; callId: string; name: string; args: string }
  | { kind: "tool_result"; callId: string; name: string; text: string; isError: boolean }
  | { kind: "compaction"; summary: string; removed: number; reason: CompactionReason }
  | { kind: "model"; model: string }
  | { kind: "mode"; mode: string }
  /** A rewind: what follows replaces the conversation from turn `turn` on (or restored files only). */
  | { kind: "rewind"; turn: number; code: boolean; conversation: boolean };

export interface SessionState {
  header: HeaderRecord;
  title: string;
  /** The history to send on the next request. */
  messages: Message[];
  todos: Todo[];
  usage: Usage;
  costUsd: number;
  /** Model requests made. */
  requests: number;
  /** User prompts sent. */
  turns: number;
  model: string;
  mode?: string;
  /** The last request's context occupancy, if one was reported. */
  context?: { tokens: number; window: number };
  compactions: number;
  approvals: number;
  /** Every tool call's audit entry, oldest first (compaction and rewinds never remove them). */
  audit: AuditEntry[];
  /** ISO time of the last record (or the creation time). */
  updated: string;
  transcript: TranscriptItem[];
  /** How each recorded tool call ended, by call id (logs written before views were recorded have none). */
  toolViews: Map<string, ToolEndView>;
}

export const TITLE_MAX = 80;

/** The title a first user message gives: whitespace collapsed, trimmed, cut at a word near TITLE_MAX. */
export function titleFrom(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= TITLE_MAX) return flat;
  const cut = flat.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > TITLE_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

export function replay(
  header: HeaderRecord,
  records: readonly BodyRecord[],
  opts: { transcript?: boolean } = {},
) {
  const withTranscript = opts.transcript ?? true;
  const state: SessionState = {
    header,
    title: "",
    messages: [],
    todos: [],
    usage: emptyUsage(),
    costUsd: 0,
    requests: 0,
    turns: 0,
    model: header.model,
    compactions: 0,
    approvals: 0,
    audit: [],
    updated: header.created,
    transcript: [],
    toolViews: new Map(),
  };
  let explicitTitle: string | undefined;
  let autoTitle: string | undefined;
  const totals = new UsageTotals();
  for (const r of records) {
    state.updated = r.at || state.updated;
    switch (r.t) {
      case "msg": {
        state.messages.push(r.m);
        if (r.view && r.m.role === "tool") state.toolViews.set(r.m.toolCallId, r.view);
        if (r.m.role === "user" && !isCompactionSummary(r.m)) {
          state.turns++;
          autoTitle ??= titleFrom(contentText(r.m.content)) || undefined;
        }
        if (withTranscript) pushTranscript(state.transcript, r.m);
        break;
      }
      case "todos":
        state.todos = r.todos;
        break;
      case "usage":
        totals.add(r.usage, r.costUsd);
        state.requests++;
        if (r.contextWindow > 0) state.context = { tokens: r.contextTokens, window: r.contextWindow };
        break;
      case "model":
        state.model = r.model;
        if (withTranscript) state.transcript.push({ kind: "model", model: r.model });
        break;
      case "mode":
        state.mode = r.mode;
        if (withTranscript) state.transcript.push({ kind: "mode", mode: r.mode });
        break;
      case "compaction":
        state.messages = [...r.messages];
        state.compactions++;
        state.context = undefined;
        if (withTranscript) {
          state.transcript.push({
            kind: "compaction",
            summary: r.summary,
            removed: r.removed,
            reason: r.reason,
          });
        }
        break;
      case "approval":
        state.approvals++;
        break;
      case "audit":
        state.audit.push(r.entry);
        break;
      case "title":
        explicitTitle = r.title;
        break;
      case "rewind":
        // Like a compaction snapshot: the record carries the whole live history from here on.
        if (r.conversation && r.messages) {
          state.messages = [...r.messages];
          state.todos = r.todos ?? [];
          state.context = undefined;
        }
        if (withTranscript)
          state.transcript.push({ kind: "rewind", turn: r.turn, code: r.code, conversation: r.conversation });
        break;
      case "checkpoint":
        break;
    }
  }
  state.title = explicitTitle ?? autoTitle ?? "(untitled)";
  state.usage = totals.usage;
  state.costUsd = totals.costUsd;
  return state;
}

function pushTranscript(out: TranscriptItem[], m: Message): void {
  switch (m.role) {
    case "system":
      return;
    case "user":
      if (!isCompactionSummary(m)) out.push({ kind: "user", text: contentText(m.content) });
      return;
    case "assistant":
      if (m.content.trim()) out.push({ kind: "assistant", text: m.content, interrupted: m.interrupted });
      for (const c of m.toolCalls ?? [])
        out.push({ kind: "tool_call", callId: c.id, name: c.name, args: c.arguments });
      return;
    case "tool":
      out.push({
        kind: "tool_result",
        callId: m.toolCallId,
        name: m.name,
        text: contentText(m.content),
        isError: m.isError === true,
      });
      return;
  }
}
