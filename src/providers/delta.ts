// Reads the parts of a streamed chunk that providers shape differently: answer text (a string, or Mistral's
// array of `text`/`thinking` parts), reasoning (`reasoning_content`, `reasoning`, OpenRouter's
// `reasoning_details`, thinking parts) and usage (reasoning tokens some providers leave out of
// completion_tokens). Pure.
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { Usage } from "../agent/messages.js";
import type { FullCompat } from "./types.js";

type Rec = Record<string, unknown>;
const REASONING_FIELDS = ["reasoning_content", "reasoning"] as const;

/** Text of a thinking part: `thinking` is a string or a list of text parts. */
function thinkingText(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v))
    return v.map((p) => (typeof (p as Rec)?.text === "string" ? (p as Rec).text : "")).join("");
  return "";
}

/** Splits `delta.content` into answer text and reasoning, whatever its shape. */
export function contentOf(content: unknown): { text: string; reasoning: string } {
  if (typeof content === "string") return { text: content, reasoning: "" };
  let text = "";
  let reasoning = "";
  if (Array.isArray(content)) {
    for (const part of content as Rec[]) {
      if (part?.type === "text" && typeof part.text === "string") text += part.text;
      else if (part?.type === "thinking") reasoning += thinkingText(part.thinking);
    }
  }
  return { text, reasoning };
}

/** OpenRouter's reasoning_details: text and summary entries (encrypted ones carry no readable text). */
function detailsText(v: unknown): string {
  if (!Array.isArray(v)) return "";
  return v
    .map((d) => {
      const r = d as Rec;
      if (typeof r?.text === "string") return r.text;
      return typeof r?.summary === "string" ? r.summary : "";
    })
    .join("");
}

/**
 * Reasoning text of a delta. The configured field wins; the other known fields are read only when it is absent,
 * because gateways send the same text in several fields at once (OpenRouter: `reasoning` and `reasoning_details`).
 */
export function reasoningOf(delta: Rec, field: FullCompat["reasoningField"]): string {
  if (field === "none") return "";
  const first = delta[field];
  if (typeof first === "string" && first) return first;
  for (const f of REASONING_FIELDS) {
    const v = delta[f];
    if (f !== field && typeof v === "string" && v) return v;
  }
  return detailsText(delta.reasoning_details);
}

type WireUsage = NonNullable<ChatCompletionChunk["usage"]> & {
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
};

/**
 * Usage as billed. Output counts reasoning tokens too: when `total_tokens` exceeds prompt + completion, the
 * provider left reasoning out of completion_tokens (xAI, Gemini) and the difference is billed output.
 */
export function usageOf(u: WireUsage | null | undefined): Usage | undefined {
  if (!u || typeof u !== "object") return undefined;
  const input = u.prompt_tokens ?? 0;
  const completion = u.completion_tokens ?? 0;
  const hidden = (u.total_tokens ?? 0) - input - completion;
  return {
    inputTokens: input,
    outputTokens: completion + (hidden > 0 ? hidden : 0),
    cachedTokens: u.prompt_tokens_details?.cached_tokens ?? 0,
  };
}
