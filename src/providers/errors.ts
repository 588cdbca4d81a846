// The one place that classifies provider/HTTP/network failures and computes retry delays. Pure and table-tested.
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
const OVERFLOW_TEXT =
  /context[ _-]?(length|window)|maximum context|prompt is too long|too many tokens|tokens? exceeds?|exceeds? the (maximum|limit)|input is too long|reduce the length/i;

export const MAX_ATTEMPTS = 5;

interface ErrorLike {
  status?: number;
  code?: string;
  message?: string;
  name?: string;
  headers?: Headers | Record<string, string>;
  cause?: unknown;
  error?: { message?: string; code?: string | number; type?: string };
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

/** Classifies anything thrown by the SDK or the stream. `aborted` wins when the signal fired. */
export function classifyError(raw: unknown, aborted: boolean, baseURL = ""): ProviderError {
  const err = (raw && typeof raw === "object" ? raw : { message: String(raw) }) as ErrorLike;
  const detail = err.error?.message ?? err.message ?? "unknown error";
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
  if (status === 429) {
    return {
      kind: "rate_limit",
      status,
      message: `Rate limited (429): ${detail}`,
      retryAfterMs: retryAfterMs(err.headers),
    };
  }
  if (status === 408 || status === 409 || status === 425 || (status !== undefined && status >= 500)) {
    return {
      kind: "retryable",
      status,
      message: `Provider error ${status}: ${detail}`,
      retryAfterMs: retryAfterMs(err.headers),
    };
  }
  if ((status === 400 || status === 413 || status === undefined) && OVERFLOW_TEXT.test(detail)) {
    return {
      kind: "context_overflow",
      status,
      message: `The conversation is too long for the model's context window: ${detail}`,
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
  if (status !== undefined)
    return { kind: "bad_request", status, message: `Request rejected (${status}): ${detail}` };
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
