// The conversation data model shared by the provider, the loop, tools and session storage.
// Plain, JSON-serialisable records close to the Chat Completions shape so they persist and replay losslessly;
// the provider module is the only place that converts them to and from the wire format.

/** A part of a multimodal message (MCP tools may return images). */
export type ContentPart = { type: "text"; text: string } | { type: "image"; mimeType: string; data: string };

/** One tool call requested by the model. `arguments` is the raw JSON text the model produced. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
  /** Provider-specific data that must be sent back verbatim (Gemini thought signatures live here). */
  extraContent?: Record<string, unknown>;
}

export interface SystemMessage {
  role: "system";
  content: string;
}

export interface UserMessage {
  role: "user";
  content: string | ContentPart[];
}

export interface AssistantMessage {
  role: "assistant";
  content: string;
  toolCalls?: ToolCall[];
  /** Reasoning text some providers stream separately; kept for display, never resent. */
  reasoning?: string;
  /** Set when the user aborted while this message was streaming. */
  interrupted?: boolean;
}

export interface ToolMessage {
  role: "tool";
  toolCallId: string;
  name: string;
  content: string | ContentPart[];
  isError?: boolean;
}

export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** Token usage of one request, as the provider reported it. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
}

export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
  };
}

/** Flattens message content to text (images become a placeholder). */
export function contentText(content: string | ContentPart[]): string {
  if (typeof content === "string") return content;
  return content.map((p) => (p.type === "text" ? p.text : `[image ${p.mimeType}]`)).join("\n");
}
