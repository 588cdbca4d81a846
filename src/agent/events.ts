// The one typed channel from the agent loop to any consumer (TUI reducer, headless printer, session log).
// A discriminated union: each variant carries only its own fields; consumers switch exhaustively on `type`.

import type { ApprovalRecord } from "../approval/types.js";
import type { ToolCallDescription, ToolDetails } from "../tools/tool.js";
import type { AuditEntry } from "./audit.js";
import type { AssistantMessage, Message, Usage } from "./messages.js";

export type ToolStatus = "done" | "error" | "denied" | "aborted";

/** `loop`: the loop guard stopped a model that kept repeating the same tool call with the same result. */
export type StopReason = "completed" | "max_turns" | "aborted" | "error" | "limit" | "loop";

/** Which sub-agent an event comes from: its number in the session, its label, and the parent call running it. */
export interface SubAgentTag {
  id: number;
  /** "sub-agent #2" (later with the agent's name: "sub-agent #2 (explore)"). */
  label: string;
  /** The parent's `sub_agent` tool call. */
  callId: string;
}

export type AgentEvent =
  /** A user prompt started a run of the loop. */
  | { type: "agent_start"; sessionId: string }
  /** One model request begins (turn = 1-based request number within this run). */
  | { type: "turn_start"; turn: number }
  | { type: "text_delta"; delta: string }
  | { type: "reasoning_delta"; delta: string }
  /** The assistant message of this turn is complete (also emitted, marked interrupted, on abort). */
  | { type: "message_end"; message: AssistantMessage }
  /** A message was appended to the conversation history (the session log persists exactly these). */
  | { type: "history_append"; message: Message }
  /**
   * A tool call begins. `args` are the parsed arguments (the raw text when they were not JSON); `description`
   * is what the tool says the call is about (title, kind, subject, paths), so consumers never re-derive it.
   */
  | { type: "tool_start"; callId: string; name: string; args: unknown; description: ToolCallDescription }
  | { type: "tool_update"; callId: string; chunk: string }
  | {
      type: "tool_end";
      callId: string;
      name: string;
      status: ToolStatus;
      summary?: string;
      details?: ToolDetails;
      /** The text the model received. */
      content: string;
    }
  /** An approval decision was made (audit trail). */
  | { type: "approval"; record: ApprovalRecord }
  /** A tool call finished (after its tool_end): who decided, how it ended, how long it took (audit trail). */
  | { type: "audit"; entry: AuditEntry }
  /** Usage of one request; `contextTokens` is what the prompt occupied in the window. */
  | {
      type: "usage";
      /** This request's usage and cost. */
      usage: Usage;
      costUsd: number;
      contextTokens: number;
      contextWindow: number;
      /** The session's running totals after this request (added by the session, sub-agents included). */
      totals?: { usage: Usage; costUsd: number };
      /**
       * A sub-agent's request: it counts toward tokens, cost and limits, but its context figures are the child's
       * own window, never the parent conversation's.
       */
      subAgent?: boolean;
      /** Which sub-agent made the request (set with `subAgent`). */
      agent?: SubAgentTag;
    }
  /**
   * A request failed transiently and will be retried after `delayMs`; `attempt` is the failed attempt (1-based).
   * `discarded` says whether that attempt had streamed text or reasoning, which is now void.
   */
  | {
      type: "retry";
      attempt: number;
      maxAttempts: number;
      delayMs: number;
      reason: string;
      discarded?: boolean;
    }
  /** History was compacted: `summary` replaced `removed` older messages (the originals stay in the session log). */
  | {
      type: "compaction";
      summary: string;
      removed: number;
      kept: number;
      reason: "threshold" | "overflow" | "manual";
    }
  /** The session switched model (`provider/model`). */
  | { type: "model_change"; model: string }
  /** The permission mode changed. */
  | { type: "mode_change"; mode: string }
  /** Something the user should know that is not an error (nudges, warnings, limits at 80 %). */
  | { type: "notice"; level: "info" | "warn"; message: string }
  | { type: "error"; message: string }
  | { type: "turn_end"; turn: number }
  /**
   * An event of a running sub-agent, wrapped so no consumer mistakes it for the parent's own: `agent_start` (the
   * child began), its turns, messages, tool calls, notices, errors and `done` (it ended). Text and reasoning deltas
   * and history appends are not forwarded; its usage arrives as a top-level `usage` with `subAgent`/`agent`.
   */
  | { type: "subagent"; agent: SubAgentTag; event: AgentEvent }
  /** The run ended. `text` is the final assistant answer (may be empty). */
  | { type: "done"; reason: StopReason; text: string; turns: number };

export type AgentEventType = AgentEvent["type"];

export type Emit = (event: AgentEvent) => void;
