// The provider → loop contract: a stream function yields normalised events and always ends with one `done`
// carrying the complete assistant message. It never throws; failures are a `done` with stopReason "error".
import type { AssistantMessage, Message, Usage } from "../agent/messages.js";
import type { ToolSchema } from "../tools/tool.js";

/**
 * Provider quirks, all set (config's `compat` is the partial form, validated by its schema; the two are kept
 * in step by a type check in config/schema.ts). Defined here so the provider layer imports nothing above it.
 */
export interface FullCompat {
  /** Which field carries the output-token cap. */
  maxTokensField: "max_tokens" | "max_completion_tokens";
  /** Role used for the system prompt. */
  systemRole: "system" | "developer";
  /** Whether to ask for usage in the stream (stream_options.include_usage). */
  streamUsage: boolean;
  /** Field of streamed deltas that carries reasoning text. */
  reasoningField: "reasoning_content" | "reasoning" | "none";
  /** Whether tool messages carry a `name` field. */
  toolResultName: boolean;
  /** Whether the model accepts image content parts. */
  supportsImages: boolean;
  /**
   * Whether assistant messages carry their reasoning back (in `reasoningField`, default `reasoning_content`):
   * DeepSeek and Moonshot thinking models reject a tool-call turn without it. Off, reasoning is never resent.
   */
  echoReasoning: boolean;
}

/** One `provider/model` resolved into everything a request needs (config/resolve.ts builds it). */
export interface ResolvedModel {
  /** "provider/model" */
  ref: string;
  providerId: string;
  modelId: string;
  providerName: string;
  modelName: string;
  baseURL: string;
  apiKey: string;
  headers: Record<string, string>;
  defaultParams: Record<string, unknown>;
  compat: FullCompat;
  contextWindow: number;
  maxOutputTokens?: number;
  prices: { input: number; output: number; cached?: number };
  /** False when the model is not in the catalog or config (prices unknown). */
  known: boolean;
}

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
  /** Fewer attempts than the default policy allows (a local server that is down, a failed generation). */
  maxAttempts?: number;
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
