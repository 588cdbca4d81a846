// The one provider module: streams Chat Completions from any OpenAI-compatible endpoint through the official SDK
// and turns chunks into StreamEvents. Accumulates tool calls across chunks (split arguments, parallel calls,
// index gaps, id-only providers) and never throws: every failure ends the stream with stopReason "error".
import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { AssistantMessage, ToolCall, Usage } from "../agent/messages.js";
import { toWireMessages } from "./convert.js";
import { contentOf, reasoningOf, usageOf } from "./delta.js";
import { classifyError } from "./errors.js";
import { providerFetch } from "./fetch.js";
import type { ResolvedModel, StopReasonProvider, StreamEvent, StreamFn, StreamRequest } from "./types.js";

interface Slot {
  index: number;
  id: string;
  name: string;
  arguments: string;
  extraContent?: Record<string, unknown>;
}

type ToolCallDelta = NonNullable<ChatCompletionChunk.Choice.Delta["tool_calls"]>[number] & {
  extra_content?: Record<string, unknown>;
};

/** Accumulates streamed tool-call fragments into complete calls. */
export class ToolCallAccumulator {
  private slots = new Map<number, Slot>();
  /** Wire index → the slot currently receiving its fragments (differs when a server reuses an index). */
  private current = new Map<number, number>();

  add(delta: ToolCallDelta, position: number): void {
    const wire = typeof delta.index === "number" ? delta.index : position;
    let index = this.current.get(wire) ?? wire;
    let slot = this.slots.get(index);
    // Some servers reuse index 0 for parallel calls but give each its own id.
    if (slot && delta.id && slot.id && delta.id !== slot.id) {
      index = Math.max(...this.slots.keys()) + 1;
      slot = undefined;
    }
    if (!slot) {
      slot = { index, id: "", name: "", arguments: "" };
      this.slots.set(index, slot);
    }
    this.current.set(wire, index);
    if (delta.id) slot.id = delta.id;
    const name = delta.function?.name;
    if (name && name !== slot.name)
      slot.name = slot.name && !name.startsWith(slot.name) ? slot.name + name : name;
    if (delta.function?.arguments) slot.arguments += delta.function.arguments;
    if (delta.extra_content) slot.extraContent = { ...slot.extraContent, ...delta.extra_content };
  }

  calls(): ToolCall[] {
    return [...this.slots.values()]
      .sort((a, b) => a.index - b.index)
      .filter((s) => s.name)
      .map((s, i) => ({
        id: s.id || `call_${Date.now().toString(36)}_${i}`,
        name: s.name,
        arguments: s.arguments,
        ...(s.extraContent ? { extraContent: s.extraContent } : {}),
      }));
  }
}

function mapFinish(reason: string | null | undefined, hasCalls: boolean): StopReasonProvider {
  if (hasCalls) return "tool_calls";
  return reason === "length" ? "length" : "stop";
}

export function createOpenAIClient(model: ResolvedModel): OpenAI {
  return new OpenAI({
    apiKey: model.apiKey,
    baseURL: model.baseURL,
    defaultHeaders: model.headers,
    fetch: providerFetch(),
    // We own the retry policy (src/providers/errors.ts); the SDK must not retry underneath it.
    maxRetries: 0,
    // Never forward OpenAI-specific ambient settings to other providers.
    organization: null,
    project: null,
  });
}

/** Creates the StreamFn for a resolved model. The client is created once per model, not per request. */
/** A stream that sends nothing for this long after its headers is treated as dropped (and retried). */
export const STREAM_IDLE_MS = 300_000;

export interface StreamOptions {
  client?: OpenAI;
  /** Idle timeout between chunks once the response has started (default STREAM_IDLE_MS). */
  idleMs?: number;
}

export function createStreamFn(model: ResolvedModel, opts: StreamOptions = {}): StreamFn {
  const client = opts.client ?? createOpenAIClient(model);
  const idleMs = opts.idleMs ?? STREAM_IDLE_MS;
  return (request) => streamChat(client, model, request, idleMs);
}

/** Aborts `controller` when no activity was reported for `ms`; `touch()` reports activity. */
function idleWatch(controller: AbortController, ms: number) {
  let fired = false;
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      fired = true;
      controller.abort();
    }, ms);
    timer.unref();
  };
  return { touch, stop: () => clearTimeout(timer), fired: () => fired };
}

async function* streamChat(
  client: OpenAI,
  model: ResolvedModel,
  req: StreamRequest,
  idleMs: number,
): AsyncGenerator<StreamEvent> {
  const inner = new AbortController();
  const forward = () => inner.abort();
  req.signal.addEventListener("abort", forward, { once: true });
  if (req.signal.aborted) inner.abort();
  const idle = idleWatch(inner, idleMs);
  try {
    yield* streamAttempt(client, model, req, inner.signal, idle);
  } finally {
    idle.stop();
    req.signal.removeEventListener("abort", forward);
  }
}

async function* streamAttempt(
  client: OpenAI,
  model: ResolvedModel,
  req: StreamRequest,
  signal: AbortSignal,
  idle: ReturnType<typeof idleWatch>,
): AsyncGenerator<StreamEvent> {
  const { compat } = model;
  const message: AssistantMessage = { role: "assistant", content: "" };
  const acc = new ToolCallAccumulator();
  let usage: Usage | undefined;
  let finish: string | null | undefined;
  const body: Record<string, unknown> = {
    ...model.defaultParams,
    model: model.modelId,
    messages: toWireMessages(req.messages, compat),
    stream: true,
  };
  if (compat.streamUsage) body.stream_options = { include_usage: true };
  if (req.tools.length) body.tools = req.tools;
  // Only an explicit cap is sent: a catalog maximum may exceed what a gateway accepts.
  if (req.maxTokens !== undefined) body[compat.maxTokensField] = req.maxTokens;
  try {
    const { data: stream, response } = await client.chat.completions
      .create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming, { signal })
      .withResponse();
    idle.touch();
    let chunks = 0;
    for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
      idle.touch();
      chunks++;
      usage = usageOf(chunk.usage) ?? usage;
      const choice = chunk.choices?.[0];
      if (!choice?.delta) {
        if (choice?.finish_reason) finish = choice.finish_reason;
        continue;
      }
      const delta = choice.delta as ChatCompletionChunk.Choice.Delta & Record<string, unknown>;
      const content = contentOf(delta.content);
      const reasoning = reasoningOf(delta, compat.reasoningField) + content.reasoning;
      if (reasoning) {
        message.reasoning = (message.reasoning ?? "") + reasoning;
        yield { type: "reasoning_delta", delta: reasoning };
      }
      if (content.text) {
        message.content += content.text;
        yield { type: "text_delta", delta: content.text };
      }
      delta.tool_calls?.forEach((tc, i) => {
        acc.add(tc as ToolCallDelta, i);
      });
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    if (idle.fired() && !req.signal.aborted) {
      throw new Error("stream idle timeout");
    }
    // A 200 that carried no chunk at all is not an empty answer: it is a web page or a non-streaming server.
    if (chunks === 0 && !req.signal.aborted) {
      const type = response.headers.get("content-type") || "no content type";
      throw new Error(
        `No chat-completion events from ${model.baseURL} (the response was ${type}); check that baseURL is the provider's OpenAI-compatible endpoint (usually ending in /v1) and that it supports streaming.`,
      );
    }
  } catch (err) {
    const calls = acc.calls();
    if (calls.length) message.toolCalls = calls;
    const error =
      idle.fired() && !req.signal.aborted
        ? {
            kind: "retryable" as const,
            message: `The provider stopped sending data (stream idle timeout) at ${model.baseURL}.`,
          }
        : classifyError(err, req.signal.aborted, {
            baseURL: model.baseURL,
            providerName: model.providerName,
          });
    // OpenRouter reports what a failed generation cost on its error chunk (fetch.ts keeps it in the error).
    usage = usage ?? usageOf((err as { error?: { usage?: Parameters<typeof usageOf>[0] } })?.error?.usage);
    if (error.kind === "aborted") message.interrupted = true;
    yield { type: "done", message, stopReason: error.kind === "aborted" ? "aborted" : "error", usage, error };
    return;
  }
  if (req.signal.aborted) {
    // The SDK ends iteration quietly when aborted mid-stream; this is an interrupted reply, not a complete one.
    message.interrupted = true;
    yield {
      type: "done",
      message,
      stopReason: "aborted",
      usage,
      error: { kind: "aborted", message: "Aborted by user." },
    };
    return;
  }
  const calls = acc.calls();
  if (calls.length) message.toolCalls = calls;
  yield { type: "done", message, stopReason: mapFinish(finish, calls.length > 0), usage };
}
