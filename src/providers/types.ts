// The provider → loop contract: a stream function yields normalised events and always ends with one `done`
// carrying the complete assistant message. It never throws; failures are a `done` with stopReason "error".
import type { AssistantMessage, Message, Usage } from "../agent/messages.js";
import type { ToolSchema } from "../tools/tool.js";

export type ProviderErrorKind =
  | "retryable"
  | "rate_limit"
  | "context_overflow"
  | "auth"
  | "not_found"
  | "bad_request"
  | "aborted"
  | "fatal";

export interface ProviderError {
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  /** Server-requested wait (Retry-After), when given. */
  retryAfterMs?: number;
}

export type StopReasonProvider = "stop" | "tool_calls" | "length" | "error" | "aborted";

export type StreamEvent =
  | { type: "text_delta"; delta: string }
  | { type: "reasoning_delta"; delta: string }
  | {
      type: "done";
      message: AssistantMessage;
      stopReason: StopReasonProvider;
      usage?: Usage;
      error?: ProviderError;
    };

export interface StreamRequest {
  messages: Message[];
  tools: ToolSchema[];
  signal: AbortSignal;
  /** Output cap for this request (compaction summaries use a small one). */
  maxTokens?: number;
}

export type StreamFn = (request: StreamRequest) => AsyncIterable<StreamEvent>;
