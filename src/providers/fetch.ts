// The fetch the SDK uses, wrapped so what providers really send reaches the classifier intact:
// - an error response of any shape is rewritten into OpenAI's `{"error":{…}}` (the SDK reads only that shape and
//   otherwise reports "400 status code (no body)");
// - in a 200 stream, an error chunk that also carries `usage` (OpenRouter) keeps it inside the error, because the
//   SDK throws on the chunk and would drop the usage the provider billed;
// - a stream that closes without the blank line ending its last event still delivers that event (the SSE parser
//   discards an unterminated event, and with it the usage chunk some servers and proxies send last);
// - a 200 whose JSON body is an error (LM Studio answers an unknown path that way) becomes an error event, so the
//   user reads the server's words and a hint instead of an empty answer. Every request here streams.
import { errorFromText, readErrorBody } from "./error-body.js";

type Fetch = typeof globalThis.fetch;

async function normalizeError(res: Response): Promise<Response> {
  const text = await res.text().catch(() => "");
  const body = errorFromText(text);
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  headers.delete("content-encoding");
  const error = body
    ? { message: body.message, code: body.code, type: body.type, param: body.param, ...body.extra }
    : { message: `${res.status} ${res.statusText || "error"} with an empty body` };
  return new Response(JSON.stringify({ error }), { status: res.status, statusText: res.statusText, headers });
}

/** Rewrites one SSE line: an error chunk with usage keeps the usage inside `error`. */
function rewriteLine(line: string): string {
  if (!line.startsWith("data:") || !line.includes('"error"') || !line.includes('"usage"')) return line;
  try {
    const data = JSON.parse(line.slice(5)) as { error?: unknown; usage?: unknown };
    if (!data.error || !data.usage || typeof data.error !== "object") return line;
    return `data: ${JSON.stringify({ ...data, error: { ...data.error, usage: data.usage } })}`;
  } catch {
    return line;
  }
}

function tapStream(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = "";
  let tail = "";
  const emit = (controller: TransformStreamDefaultController<Uint8Array>, text: string) => {
    if (!text) return;
    tail = (tail + text).slice(-2);
    controller.enqueue(encoder.encode(text));
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true });
        const cut = pending.lastIndexOf("\n");
        if (cut < 0) return;
        const complete = pending.slice(0, cut + 1);
        pending = pending.slice(cut + 1);
        emit(controller, complete.split("\n").map(rewriteLine).join("\n"));
      },
      flush(controller) {
        pending += decoder.decode();
        emit(controller, rewriteLine(pending));
        if (tail && tail !== "\n\n") emit(controller, tail.endsWith("\n") ? "\n" : "\n\n");
      },
    }),
  );
}

/** A 200 JSON body that is an error, as an SSE error event; any other body as it was. */
async function jsonInsteadOfStream(res: Response): Promise<Response> {
  const text = await res.text().catch(() => "");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const error = parsed && !(parsed as { choices?: unknown }).choices ? readErrorBody(parsed) : undefined;
  if (!error)
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  const message = `${error.message} (the server answered 200 with a JSON error instead of an event stream: check that baseURL is the OpenAI-compatible endpoint, usually ending in /v1)`;
  const headers = new Headers(res.headers);
  headers.set("content-type", "text/event-stream");
  headers.delete("content-length");
  return new Response(`data: ${JSON.stringify({ error: { ...error, message } })}\n\n`, {
    status: 200,
    headers,
  });
}

/** Wraps `inner` (the global fetch by default) as described in the header. */
export function providerFetch(inner: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    if (!res.ok) return normalizeError(res);
    const type = res.headers.get("content-type") ?? "";
    if (res.body && type.includes("json")) return jsonInsteadOfStream(res);
    if (!res.body || !type.includes("event-stream")) return res;
    return new Response(tapStream(res.body), {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}
