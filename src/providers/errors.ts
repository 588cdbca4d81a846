// The one place that classifies provider/HTTP/network failures and computes retry delays. Pure and table-tested.
// Bodies of any provider shape arrive normalised by fetch.ts; connection failures are read in connection.ts.
import { classifyConnection, type ProviderInfo } from "./connection.js";
import type { ProviderError } from "./types.js";

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const NETWORK_TEXT =
  /socket hang up|terminated|premature close|connection error|network|fetch failed|timed? ?out|ECONN/i;
// Wordings seen in real bodies: OpenAI, Anthropic, llama.cpp ("exceeds the available context size"), xAI
// ("maximum prompt length is … but the request contains …"), Gemini ("The input token count (…) exceeds …").
const OVERFLOW_TEXT =
  /context[ _-]?(length|window|size)|maximum context|prompt is too long|too many tokens|tokens? exceeds?|exceeds? the (maximum|limit|available context)|input is too long|reduce the length|maximum prompt length|input token count|exceed_context_size/i;
/** 5xx wordings that no retry will change (llama.cpp without tool streaming, a server missing a flag). */
const PERMANENT_5XX: Array<[RegExp, string]> = [
  [
    /cannot use tools with stream/i,
    "This llama.cpp server cannot stream tool calls: update llama-server and start it with --jinja.",
  ],
  [/requires --jinja|--jinja flag/i, "Start llama-server with --jinja so it accepts tools."],
  [
    /does not support tools|tools? (are|is) not supported/i,
    "This model cannot use tools; pick one that can.",
  ],
  [/not implemented|unsupported (parameter|feature)/i, "The server does not implement this request."],
];
/** Request fields we send that a provider may reject, and the compat flag that stops sending them. */
const FIELD_FLAGS: Array<[string, string]> = [
  ["stream_options", '"streamUsage": false'],
  ["max_completion_tokens", '"maxTokensField": "max_tokens"'],
  ["max_tokens", '"maxTokensField": "max_completion_tokens"'],
  ["reasoning_content", '"echoReasoning": false'],
  ["developer", '"systemRole": "system"'],
  ["name", '"toolResultName": false'],
];
const FIELD_REJECTED =
  /extra_forbidden|extra inputs are not permitted|unrecognized request argument|unknown (field|parameter|argument)|unsupported (parameter|field)|not (permitted|allowed|supported)|unexpected (field|parameter|keyword)|invalid (role|value)/i;

export const MAX_ATTEMPTS = 5;

interface ErrorLike {
  status?: number;
  code?: string;
  message?: string;
  name?: string;
  headers?: Headers | Record<string, string>;
  cause?: unknown;
  error?: { message?: string; code?: string | number; type?: string; param?: string };
}

function header(headers: ErrorLike["headers"], name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const rec = headers as Record<string, string>;
  return rec[name] ?? rec[name.toLowerCase()];
}

/** Retry-After in ms from `retry-after-ms`, `retry-after` seconds, or an HTTP date. */
export function retryAfterMs(headers: ErrorLike["headers"], now = Date.now()): number | undefined {
  const ms = Number(header(headers, "retry-after-ms"));
  if (Number.isFinite(ms) && ms >= 0 && header(headers, "retry-after-ms") !== undefined) return ms;
  const ra = header(headers, "retry-after");
  if (ra === undefined) return undefined;
  const secs = Number(ra);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(ra);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function codeOf(err: ErrorLike): string | undefined {
  if (err.code) return err.code;
  const cause = err.cause as ErrorLike | undefined;
  return cause && typeof cause === "object" ? codeOf(cause) : undefined;
}

/** Which request field (and compat flag) a 400/422 rejected, when its message names one we send. */
export function rejectedField(detail: string, param?: string): string | undefined {
  // The opposite case: DeepSeek/Moonshot thinking models want the reasoning of a tool-call turn back.
  if (/missing\W+reasoning_content/i.test(detail))
    return 'This model wants its reasoning sent back; set "compat": { "echoReasoning": true } on it in protoagent.jsonc.';
  if (!FIELD_REJECTED.test(detail)) return undefined;
  for (const [field, flag] of FIELD_FLAGS) {
    const named = new RegExp(`(^|[^a-z_])${field}([^a-z_]|$)`, "i");
    // "name" is too common a word: only a tool message's name field counts.
    const relevant = field !== "name" || /tool/i.test(detail);
    if (relevant && (param === field || named.test(detail)))
      return `The provider rejected the field "${field}" that protoagent sends; set "compat": { ${flag} } on this provider (or model) in protoagent.jsonc.`;
  }
  return undefined;
}

/** Classifies anything thrown by the SDK or the stream. `aborted` wins when the signal fired. */
export function classifyError(
  raw: unknown,
  aborted: boolean,
  where: string | ProviderInfo = "",
): ProviderError {
  const info = typeof where === "string" ? { baseURL: where } : where;
  const baseURL = info.baseURL;
  const err = (raw && typeof raw === "object" ? raw : { message: String(raw) }) as ErrorLike;
  const detail = err.error?.message ?? err.message ?? "unknown error";
  const errType = String(err.error?.type ?? "");
  if (aborted || err.name === "AbortError" || (raw as object)?.constructor?.name === "APIUserAbortError") {
    return { kind: "aborted", message: "Aborted by user." };
  }
  // In-stream error events (gateways) carry no HTTP status; their numeric code plays that role.
  const streamCode = Number(err.error?.code);
  const status =
    err.status ??
    (Number.isInteger(streamCode) && streamCode >= 400 && streamCode < 600 ? streamCode : undefined);
  // OpenAI answers 429 when the account is out of credit; waiting will not help.
  if (
    status === 429 &&
    (err.error?.code === "insufficient_quota" || err.error?.type === "insufficient_quota")
  ) {
    return {
      kind: "fatal",
      status,
      message: `Quota exhausted (429) at ${baseURL}: ${detail} Check the plan and billing of this API key.`,
    };
  }
  // Groq reports a model's malformed tool call as an error (inside a 200 stream or as a 400): a failed
  // generation, so another sample may well succeed. Bounded: two more tries.
  if (err.error?.code === "tool_use_failed" || errType === "tool_use_failed") {
    return {
      kind: "retryable",
      status,
      maxAttempts: 3,
      message: `The model produced an invalid tool call (tool_use_failed): ${detail}`,
    };
  }
  if (
    (status === undefined || status === 400 || status === 413 || status >= 500) &&
    (errType === "exceed_context_size_error" || OVERFLOW_TEXT.test(detail))
  ) {
    return {
      kind: "context_overflow",
      status,
      message: `The conversation is too long for the model's context window: ${detail}`,
    };
  }
  if (status === 429) {
    return {
      kind: "rate_limit",
      status,
      message: `Rate limited (429): ${detail}`,
      retryAfterMs: retryAfterMs(err.headers),
    };
  }
  const permanent = status !== undefined && status >= 500 && PERMANENT_5XX.find(([re]) => re.test(detail));
  if (permanent) {
    return { kind: "fatal", status, message: `Provider error ${status}: ${detail} ${permanent[1]}` };
  }
  if (status === 408 || status === 409 || status === 425 || (status !== undefined && status >= 500)) {
    return {
      kind: "retryable",
      status,
      message: `Provider error ${status}: ${detail}`,
      retryAfterMs: retryAfterMs(err.headers),
    };
  }
  if (status === 401 || status === 403) {
    return {
      kind: "auth",
      status,
      message: `Authentication failed (${status}) at ${baseURL}: check the API key for this provider (and that it may use this model). ${detail}`,
    };
  }
  if (status === 404) {
    return {
      kind: "not_found",
      status,
      message: `Not found (404) at ${baseURL}: check the model id and the provider's baseURL. ${detail}`,
    };
  }
  if (status !== undefined) {
    const hint = status === 400 || status === 422 ? rejectedField(detail, err.error?.param) : undefined;
    return {
      kind: "bad_request",
      status,
      message: `Request rejected (${status}): ${detail}${hint ? ` ${hint}` : ""}`,
    };
  }
  const connection = classifyConnection(raw, info);
  if (connection) return connection;
  const code = codeOf(err);
  if ((code && NETWORK_CODES.has(code)) || NETWORK_TEXT.test(detail) || err.name === "APIConnectionError") {
    return {
      kind: "retryable",
      message: `Network error talking to ${baseURL || "the provider"}: ${code ?? detail}`,
    };
  }
  return { kind: "fatal", message: detail };
}

export const isRetryable = (e: ProviderError): boolean => e.kind === "retryable" || e.kind === "rate_limit";

/**
 * Delay before retry number `attempt` (1-based): exponential with full jitter in [50 %, 100 %],
 * or the server's Retry-After when it asked for one (capped at 60 s).
 */
export function backoffDelay(
  attempt: number,
  error: ProviderError,
  baseMs = 1000,
  random = Math.random,
): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, 60_000);
  const exp = Math.min(baseMs * 2 ** (attempt - 1), 30_000);
  return Math.round(exp * (0.5 + random() * 0.5));
}
