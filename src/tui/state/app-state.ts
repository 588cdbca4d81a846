// The TUI state machine: a pure reducer over AgentEvents and UI actions (no Ink, no clock, no IO).
// Finished things move from `live` to `pending` in transcript order; the Transcript prints `pending` once and
// acknowledges with static_printed, after which the items are dropped so memory stays bounded.
import type { AgentEvent } from "../../runtime/index.js";
import { sanitizeForTerminal } from "../render/sanitize.js";
import {
  flushAllText,
  flushStableText,
  flushTools,
  MAX_COLLAPSED,
  push,
  updateTool,
  withMode,
} from "./app-flush.js";
import type { Action, AppState, PermissionModeName, ToolView } from "./app-types.js";
import { retryView } from "./retry-view.js";
import { onSubAgentEvent, onSubAgentUsage } from "./sub-agent-view.js";
import { shellEndEvent, shellStartEvent } from "./user-input.js";

export type { Action, AppState, Item, ToolView } from "./app-types.js";

const LIVE_MAX_CHARS = 64 * 1024;

export function initialState(init: { sessionId?: string; model?: string; cwd?: string } = {}): AppState {
  return {
    nextId: 1,
    pending: [{ kind: "banner", id: 0 }],
    live: { text: "", reasoning: "", tools: [] },
    retry: null,
    streamPrinted: false,
    running: false,
    turnStartedAt: null,
    lastTurnMs: null,
    lastRun: null,
    queue: [],
    approval: null,
    usage: {
      lastInput: 0,
      lastOutput: 0,
      totalInput: 0,
      totalOutput: 0,
      contextTokens: 0,
      contextWindow: 0,
      costUsd: 0,
      seen: false,
    },
    sessionId: init.sessionId ?? "",
    model: init.model ?? "",
    mode: "default",
    cwd: init.cwd ?? "",
    expandAll: false,
    collapsed: [],
    ctrlCArmed: false,
    fatal: null,
  };
}

function onEvent(s: AppState, e: AgentEvent, at: number): AppState {
  switch (e.type) {
    case "agent_start":
      return { ...s, running: true, turnStartedAt: at, sessionId: e.sessionId || s.sessionId };
    case "turn_start":
    case "history_append":
    case "approval":
    case "audit":
      return s;
    // The first delta after a retry means the stream resumed: the retry line goes.
    case "text_delta":
      return flushStableText({ ...s, retry: null, live: { ...s.live, text: s.live.text + e.delta } });
    case "reasoning_delta":
      return { ...s, retry: null, live: { ...s.live, reasoning: s.live.reasoning + e.delta } };
    case "message_end":
      return flushAllText(s);
    case "tool_start": {
      const next = flushAllText(s);
      const tool: ToolView = {
        callId: e.callId,
        name: e.name,
        description: e.description,
        status: "running",
        live: "",
        startedAt: at,
      };
      return { ...next, live: { ...next.live, tools: [...next.live.tools, tool] } };
    }
    case "tool_update":
      // Only the tail is ever shown live; keep it bounded however much a command prints.
      return updateTool(s, e.callId, (t) => ({ ...t, live: (t.live + e.chunk).slice(-LIVE_MAX_CHARS) }));
    case "tool_end":
      return flushTools(
        updateTool(s, e.callId, (t) => ({
          ...t,
          status: e.status,
          summary: e.summary,
          details: e.details,
          content: e.content,
          endedAt: at,
        })),
      );
    case "usage": {
      const u = s.usage;
      return {
        ...onSubAgentUsage(s, e),
        usage: {
          lastInput: e.subAgent ? u.lastInput : e.usage.inputTokens,
          lastOutput: e.subAgent ? u.lastOutput : e.usage.outputTokens,
          // The session sums (sub-agents included); scripted sessions in tests may send no totals.
          totalInput: e.totals?.usage.inputTokens ?? u.totalInput + e.usage.inputTokens,
          totalOutput: e.totals?.usage.outputTokens ?? u.totalOutput + e.usage.outputTokens,
          contextTokens: e.subAgent ? u.contextTokens : e.contextTokens,
          contextWindow: (e.subAgent ? 0 : e.contextWindow) || u.contextWindow,
          costUsd: e.totals?.costUsd ?? u.costUsd + e.costUsd,
          seen: true,
        },
      };
    }
    case "retry": {
      // One live line, replaced by the next retry; the unprinted tail of the failed attempt just vanishes.
      // Only blocks already printed to scrollback need a word that they are void.
      const next = {
        ...s,
        retry: retryView(e, at),
        streamPrinted: false,
        live: { ...s.live, text: "", reasoning: "" },
      };
      if (!s.streamPrinted) return next;
      return push(next, {
        kind: "notice",
        level: "warn",
        text: "The partial answer above was discarded; retrying.",
      });
    }
    case "compaction":
      // The summary is kept collapsed (like long tool output): /expand prints it, the transcript viewer shows it.
      return push(
        {
          ...s,
          collapsed: [...s.collapsed, { title: "compaction summary", body: e.summary }].slice(-MAX_COLLAPSED),
        },
        {
          kind: "notice",
          level: "info",
          text: `Context compacted (${e.reason}): ${e.removed} older message(s) summarised, ${e.kept} kept. /expand prints the summary; Ctrl+O shows it in the transcript.`,
        },
      );
    case "model_change":
      return push({ ...s, model: e.model }, { kind: "notice", level: "info", text: `Model: ${e.model}` });
    case "mode_change":
      return withMode(s, e.mode as PermissionModeName);
    case "notice":
      return push(s, { kind: "notice", level: e.level, text: e.message });
    case "error":
      return push(flushAllText(s), { kind: "notice", level: "error", text: e.message });
    case "turn_end":
      return s;
    case "subagent":
      return onSubAgentEvent(s, e);
    case "done": {
      let next = flushAllText(s);
      // Tools still marked running when the run ends were cut short; show them as aborted.
      next = {
        ...next,
        live: {
          ...next.live,
          tools: next.live.tools.map((t) =>
            t.status === "running" ? { ...t, status: "aborted" as const } : t,
          ),
        },
      };
      next = flushTools(next);
      if (e.reason === "aborted") next = push(next, { kind: "interrupted" });
      if (e.reason === "max_turns" || e.reason === "limit")
        next = push(next, {
          kind: "notice",
          level: "warn",
          text: `Stopped: ${e.reason === "limit" ? "a configured limit was reached" : "turn limit reached"}.`,
        });
      const ms = s.turnStartedAt === null ? null : Math.max(0, at - s.turnStartedAt);
      return {
        ...next,
        running: false,
        turnStartedAt: null,
        lastTurnMs: ms,
        lastRun: { reason: e.reason, ms },
        approval: null,
      };
    }
  }
}

export function reducer(s: AppState, a: Action): AppState {
  switch (a.type) {
    case "event":
      return onEvent(s, a.event, a.at);
    case "submit":
      return push({ ...s, ctrlCArmed: false }, { kind: "user", text: a.text });
    case "enqueue":
      return { ...s, queue: [...s.queue, a.text] };
    case "dequeue":
      return { ...s, queue: s.queue.slice(1) };
    case "approval_open":
      return { ...s, approval: { id: a.id, prompt: a.prompt, openedAt: a.at } };
    case "approval_close": {
      if (s.approval?.id !== a.id) return s;
      const callId = s.approval.prompt.request.callId;
      const waited = Math.max(0, a.at - s.approval.openedAt);
      const next = { ...s, approval: null };
      return callId
        ? updateTool(next, callId, (t) => ({ ...t, waitedMs: (t.waitedMs ?? 0) + waited }))
        : next;
    }
    case "set_expand":
      return { ...s, expandAll: a.expand };
    case "expand_last": {
      const last = s.collapsed[s.collapsed.length - 1];
      if (!last) return push(s, { kind: "notice", level: "info", text: "Nothing collapsed to expand." });
      return push(
        { ...s, collapsed: s.collapsed.slice(0, -1) },
        { kind: "output", title: last.title, body: last.body },
      );
    }
    case "print":
      return push(s, a.item);
    case "static_printed":
      return s.pending.some((i) => i.id <= a.upTo)
        ? { ...s, pending: s.pending.filter((i) => i.id > a.upTo) }
        : s;
    case "set_mode":
      return withMode(s, a.mode);
    case "context_counted":
      // A request that reported since is fresher than the count.
      if (a.sessionId !== s.sessionId || s.usage.lastInput + s.usage.lastOutput > 0) return s;
      return {
        ...s,
        usage: { ...s.usage, contextTokens: a.contextTokens, contextWindow: a.contextWindow, seen: true },
      };
    case "set_session":
      return {
        ...withMode(s, a.mode ?? s.mode),
        sessionId: a.sessionId,
        model: a.model,
        cwd: a.cwd,
        usage: { ...initialState().usage, ...a.usage, contextWindow: a.contextWindow },
        collapsed: [],
        queue: [],
      };
    case "ctrl_c":
      return { ...s, ctrlCArmed: a.armed };
    case "shell_start":
      return {
        ...onEvent(s, shellStartEvent(a.callId, a.command), a.at),
        running: true,
        turnStartedAt: a.at,
      };
    case "shell_end": {
      const next = onEvent(s, shellEndEvent(a.callId, a.result, a.error), a.at);
      const ms = s.turnStartedAt === null ? null : Math.max(0, a.at - s.turnStartedAt);
      return { ...next, running: false, turnStartedAt: null, lastTurnMs: ms };
    }
    case "fatal":
      // Shown by App as it is (not through itemText): an error message may carry a model's or a file's text.
      return { ...s, fatal: a.message === null ? null : sanitizeForTerminal(a.message) };
  }
}
