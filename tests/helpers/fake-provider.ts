// A real OpenAI-compatible HTTP server on 127.0.0.1 for tests and benchmarks. It streams scripted replies in the
// exact Chat Completions SSE chunk format (text in chunks, tool calls with arguments split across chunks,
// parallel calls, usage chunk), injects failures (HTTP errors with Retry-After, dropped connections, malformed
// arguments, slow first byte, hangs), replays recorded provider responses byte for byte (`replay`), serves fixed
// routes (GET /v1/models) and records every request body so tests can assert what the model saw.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedToolCall {
  id?: string;
  name: string;
  /** A string is sent verbatim (so malformed JSON can be scripted); objects are JSON-encoded. */
  arguments: string | Record<string, unknown>;
  /** Override the stream index (to script index gaps). */
  index?: number;
  extraContent?: Record<string, unknown>;
}

export interface ScriptedReply {
  text?: string;
  /** Characters per text chunk (default 8). */
  chunkSize?: number;
  reasoning?: string;
  /** Delta field carrying `reasoning` (default "reasoning_content"; OpenRouter/Groq use "reasoning"). */
  reasoningField?: string;
  toolCalls?: ScriptedToolCall[];
  /** Send each tool call whole (id, name and full arguments) in one chunk, as some local servers do. */
  inlineArgs?: boolean;
  /** Pieces each tool call's arguments are split into (default 3). */
  argChunks?: number;
  usage?: { prompt_tokens: number; completion_tokens: number; cached_tokens?: number } | false;
  finishReason?: string;
  /** Respond with this HTTP status and JSON error body instead of a stream. */
  status?: number;
  errorMessage?: string;
  /** `error.code` of the JSON error body (e.g. "insufficient_quota"). */
  errorCode?: string;
  headers?: Record<string, string>;
  /** Destroy the connection after sending this many chunks. */
  dropAfter?: number;
  /** Wait before the first byte. */
  delayMs?: number;
  /** Never answer (until the client gives up). */
  hang?: boolean;
  /** Wait this long between stream chunks. */
  chunkDelayMs?: number;
  /**
   * Send this many chunks, then pause: without `resume`, keep the connection open and send nothing more (until
   * the client gives up); with it, continue (or drop, when `dropAfter` equals `hangAfter`) once it settles.
   */
  hangAfter?: number;
  /** Lets a test decide when a paused stream (`hangAfter`) goes on: after it has observed the first chunks. */
  resume?: Promise<unknown>;
  /** After `errorAfter` chunks (default: all content chunks), send an in-stream `{"error": …}` event and end. */
  streamError?: { message: string; code?: number | string; type?: string };
  errorAfter?: number;
  /** Answer 200 with exactly this body instead of a stream (HTML pages, non-streamed JSON, broken SSE). */
  raw?: { contentType: string; body: string };
  /** Answer with exactly this status, these headers and these bytes (a recorded provider response). */
  replay?: RawResponse;
}

/** A complete HTTP response, written as is. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface RecordedRequest {
  body: Record<string, unknown> & { messages: Array<Record<string, unknown>>; tools?: unknown[] };
  /** The body exactly as it arrived (byte-level assertions: the cacheable prefix). */
  raw: string;
  headers: IncomingMessage["headers"];
}

type Fallback = (req: RecordedRequest) => ScriptedReply;

function sse(res: ServerResponse, obj: unknown): void {
  res.write(`data: ${JSON.stringify(obj)}\n\n`);
}

function split(s: string, n: number): string[] {
  if (n <= 1 || s.length <= 1) return [s];
  const size = Math.ceil(s.length / n);
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

/** Builds the list of chunk payloads for a reply (pure; exported for the standalone server and benches). */
export function replyChunks(reply: ScriptedReply, model: string): unknown[] {
  const base = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1_700_000_000, model };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const out: unknown[] = [chunk({ role: "assistant", content: "" })];
  if (reply.reasoning) out.push(chunk({ [reply.reasoningField ?? "reasoning_content"]: reply.reasoning }));
  const size = reply.chunkSize ?? 8;
  const text = reply.text ?? "";
  for (let i = 0; i < text.length; i += size) out.push(chunk({ content: text.slice(i, i + size) }));
  (reply.toolCalls ?? []).forEach((call, i) => {
    const index = call.index ?? i;
    const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
    if (reply.inlineArgs) {
      out.push(
        chunk({
          tool_calls: [
            {
              index,
              id: call.id ?? `call_${i + 1}`,
              type: "function",
              function: { name: call.name, arguments: args },
              ...(call.extraContent ? { extra_content: call.extraContent } : {}),
            },
          ],
        }),
      );
      return;
    }
    out.push(
      chunk({
        tool_calls: [
          {
            index,
            id: call.id ?? `call_${i + 1}`,
            type: "function",
            function: { name: call.name, arguments: "" },
            ...(call.extraContent ? { extra_content: call.extraContent } : {}),
          },
        ],
      }),
    );
    for (const piece of split(args, reply.argChunks ?? 3)) {
      if (piece) out.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  const finish = reply.finishReason ?? (reply.toolCalls?.length ? "tool_calls" : "stop");
  out.push(chunk({}, finish));
  if (reply.usage !== false) {
    const u = reply.usage ?? { prompt_tokens: 100, completion_tokens: 20 };
    out.push({
      ...base,
      choices: [],
      usage: {
        prompt_tokens: u.prompt_tokens,
        completion_tokens: u.completion_tokens,
        total_tokens: u.prompt_tokens + u.completion_tokens,
        prompt_tokens_details: { cached_tokens: u.cached_tokens ?? 0 },
      },
    });
  }
  return out;
}

export class FakeProvider {
  readonly requests: RecordedRequest[] = [];
  private queue: ScriptedReply[] = [];
  private fallback?: Fallback;
  private waiters: Array<{ n: number; resolve: () => void }> = [];
  private readonly routes = new Map<string, RawResponse>();
  /** Requests to fixed routes, as "METHOD /path". */
  readonly routeHits: string[] = [];
  private readonly sockets = new Set<import("node:net").Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  static async start(fallback?: Fallback): Promise<FakeProvider> {
    let self: FakeProvider | undefined;
    const server = createServer((req, res) => {
      void self?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    self = new FakeProvider(server, `http://127.0.0.1:${port}/v1`);
    self.fallback = fallback;
    return self;
  }

  /** Queues replies; each request takes the next one. */
  enqueue(...replies: ScriptedReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Serves `response` for every `method` request to `path` (e.g. "GET", "/v1/models"). */
  route(method: string, path: string, response: RawResponse): this {
    this.routes.set(`${method} ${path}`, response);
    return this;
  }

  setFallback(fallback: Fallback | undefined): void {
    this.fallback = fallback;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves once at least `n` requests have arrived. */
  waitForRequests(n: number): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const key = `${req.method} ${req.url?.split("?")[0]}`;
    const fixed = this.routes.get(key);
    if (fixed) {
      this.routeHits.push(key);
      res.writeHead(fixed.status, fixed.headers);
      res.end(fixed.body);
      return;
    }
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `fake provider: no route ${req.method} ${req.url}` } }));
      return;
    }
    const raw = Buffer.concat(chunks).toString("utf8");
    const recorded: RecordedRequest = { body: JSON.parse(raw), raw, headers: req.headers };
    this.requests.push(recorded);
    const ready = this.waiters.filter((w) => this.requests.length >= w.n);
    this.waiters = this.waiters.filter((w) => this.requests.length < w.n);
    for (const w of ready) w.resolve();
    const reply = this.queue.shift() ?? this.fallback?.(recorded);
    if (!reply) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "fake provider: no scripted reply left" } }));
      return;
    }
    await this.respond(reply, String(recorded.body.model ?? "fake"), res);
  }

  private async respond(reply: ScriptedReply, model: string, res: ServerResponse): Promise<void> {
    if (reply.hang) return;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.replay) {
      res.writeHead(reply.replay.status, reply.replay.headers);
      res.end(reply.replay.body);
      return;
    }
    if (reply.raw) {
      res.writeHead(200, { "content-type": reply.raw.contentType, ...reply.headers });
      res.end(reply.raw.body);
      return;
    }
    if (reply.status) {
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(
        JSON.stringify({
          error: {
            message: reply.errorMessage ?? `scripted ${reply.status}`,
            type: "fake",
            ...(reply.errorCode ? { code: reply.errorCode } : {}),
          },
        }),
      );
      return;
    }
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      ...reply.headers,
    });
    const payloads = replyChunks(reply, model);
    if (reply.streamError) {
      // An in-stream error replaces the finish and usage chunks (what gateways send when upstream fails).
      const cut = reply.errorAfter ?? payloads.length - (reply.usage === false ? 1 : 2);
      payloads.splice(cut, payloads.length, { error: reply.streamError });
    }
    for (const [i, p] of payloads.entries()) {
      if (reply.hangAfter !== undefined && i === reply.hangAfter) {
        if (!reply.resume) return;
        await reply.resume;
      }
      if (reply.dropAfter !== undefined && i >= reply.dropAfter) {
        res.socket?.destroy();
        return;
      }
      if (reply.chunkDelayMs && i > 0) await new Promise((r) => setTimeout(r, reply.chunkDelayMs));
      if (res.destroyed) return;
      sse(res, p);
    }
    res.end("data: [DONE]\n\n");
  }
}
