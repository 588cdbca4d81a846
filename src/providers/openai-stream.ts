// The one provider module: streams Chat Completions from any OpenAI-compatible endpoint and turns them into
// StreamEvents. The official SDK sends the request and owns its errors (status, body, abort); the event stream
// itself is read here (sse.ts → reply.ts: one string scan per network read, one JSON.parse per event, coalesced
// deltas), because the SDK's reader spent most of a long answer's time copying buffers. Never throws: every
// failure ends the stream with stopReason "error".
import OpenAI from "openai";
import type { ToolCall } from "../agent/messages.js";
import { toWireMessages } from "./convert.js";
import { usageOf } from "./delta.js";
import { classifyError } from "./errors.js";
import { providerFetch } from "./fetch.js";
import { ReplyBuilder } from "./reply.js";
import { type SseEvent, SseParser } from "./sse.js";
import type { ResolvedModel, StopReasonProvider, StreamEvent, StreamFn, StreamRequest } from "./types.js";

export { ToolCallAccumulator } from "./accumulator.js";

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
  let reply = new ReplyBuilder(compat, new Headers());
  try {
    // asResponse(): the SDK has checked the status (and turned an error body into an APIError); the body is ours.
    const response = await client.chat.completions
      .create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming, { signal })
      .asResponse();
    idle.touch();
    reply = new ReplyBuilder(compat, response.headers);
    if (response.body) yield* readEvents(response.body, reply, idle.touch);
    if (idle.fired() && !req.signal.aborted) {
      throw new Error("stream idle timeout");
    }
    // A 200 that carried no chunk at all is not an empty answer: it is a web page or a non-streaming server.
    if (reply.chunks === 0 && !req.signal.aborted) {
      const type = response.headers.get("content-type") || "no content type";
      throw new Error(
        `No chat-completion events from ${model.baseURL} (the response was ${type}); check that baseURL is the provider's OpenAI-compatible endpoint (usually ending in /v1) and that it supports streaming.`,
      );
    }
  } catch (err) {
    // An abort (the user's, not the idle watch's) ends below as an interrupted reply, whatever was thrown.
    if (!req.signal.aborted) {
      yield* reply.take();
      yield failed(err, reply, model, idle.fired());
      return;
    }
  }
  const { message, usage } = reply;
  if (req.signal.aborted) {
    // A partial answer is kept, marked interrupted; half-received tool calls are dropped.
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
  const calls = reply.calls.calls();
  if (calls.length) message.toolCalls = calls;
  yield { type: "done", message, stopReason: mapFinish(reply.finish, calls.length > 0), usage };
}

/** The longest the reader works before it gives the event loop a turn. */
const SLICE_MS = 10;

/** Reads the body: every network read is parsed whole, then its coalesced deltas are yielded. */
async function* readEvents(
  body: ReadableStream<Uint8Array>,
  reply: ReplyBuilder,
  touch: () => void,
): AsyncGenerator<StreamEvent> {
  const reader = body.getReader();
  const parser = new SseParser();
  const events: SseEvent[] = [];
  let slice = performance.now();
  try {
    for (;;) {
      // Buffered data resolves reads as microtasks, so a fast server could keep this loop going without a break
      // for 100 ms and more; after SLICE_MS of it, let timers and rendering run (the TUI's longest stall).
      if (performance.now() - slice > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      const { done, value } = await reader.read();
      if (done) parser.end(events);
      else {
        touch();
        parser.feed(value, events);
      }
      for (const ev of events) reply.apply(ev);
      events.length = 0;
      yield* reply.take();
      if (done) return;
    }
  } finally {
    // Early exit (an in-stream error, the consumer stopped): release the connection instead of draining it.
    reader.cancel().catch(() => {});
  }
}

/** The final event of a failed attempt: what was assembled so far, the classified error. */
function failed(err: unknown, reply: ReplyBuilder, model: ResolvedModel, idleFired: boolean): StreamEvent {
  const { message } = reply;
  const calls: ToolCall[] = reply.calls.calls();
  if (calls.length) message.toolCalls = calls;
  const error = idleFired
    ? {
        kind: "retryable" as const,
        message: `The provider stopped sending data (stream idle timeout) at ${model.baseURL}.`,
      }
    : classifyError(err, false, { baseURL: model.baseURL, providerName: model.providerName });
  // A provider's error body may carry what the failed generation cost (fetch.ts keeps it in the error).
  const usage =
    reply.usage ?? usageOf((err as { error?: { usage?: Parameters<typeof usageOf>[0] } })?.error?.usage);
  if (error.kind === "aborted") message.interrupted = true;
  return { type: "done", message, stopReason: error.kind === "aborted" ? "aborted" : "error", usage, error };
}
