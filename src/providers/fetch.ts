// The fetch the SDK uses, wrapped so what providers really send reaches the classifier intact:
// - an error response of any shape is rewritten into OpenAI's `{"error":{…}}` (the SDK reads only that shape and
//   otherwise reports "400 status code (no body)");
// - a 200 whose JSON body is an error (LM Studio answers an unknown path that way) becomes an error event, so the
//   user reads the server's words and a hint instead of an empty answer. Every request here streams.
// An event stream passes untouched: openai-stream.ts reads it itself (sse.ts, reply.ts), keeping the usage of an
// in-stream error chunk and delivering an unterminated last event.
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
    return res;
  };
}
