// Classifies failures to reach the provider at all (the SDK's "Connection error.") from the cause chain's code,
// and says what to check. Retry rule (SPEC §3): a refused connection to a loopback URL is a local server that is
// not running; it gets one quick retry (in case it was starting), not the full backoff. DNS failures get one
// retry; TLS certificate failures none; resets and timeouts the normal policy.
import type { ProviderError } from "./types.js";

export interface ProviderInfo {
  baseURL: string;
  /** The provider's display name ("Ollama (local)"), when known. */
  providerName?: string;
}

const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO$|HOSTNAME_MISMATCH)/;
const RESET_CODES = new Set([
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "UND_ERR_SOCKET",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
]);
const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT"]);

interface Chained {
  code?: unknown;
  cause?: unknown;
  errors?: unknown[];
  name?: string;
  constructor?: { name?: string };
}

/** The first error code found down the cause chain (AggregateErrors included). */
export function causeCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== "object" || depth > 6) return undefined;
  const e = err as Chained;
  if (typeof e.code === "string" && /^[A-Z_]+$/.test(e.code)) return e.code;
  for (const inner of e.errors ?? []) {
    const c = causeCode(inner, depth + 1);
    if (c) return c;
  }
  return causeCode(e.cause, depth + 1);
}

function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).hostname;
  } catch {
    return baseURL;
  }
}

export function isLoopback(baseURL: string): boolean {
  const host = hostOf(baseURL).replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || host.startsWith("127.") || host.endsWith(".localhost");
}

/** "Ollama" from the catalog's "Ollama (local)"; a generic phrase for other providers. */
function serverName(info: ProviderInfo): string {
  const local = /^(.+?)\s*\(local\)\s*$/i.exec(info.providerName ?? "");
  return local?.[1] ?? "the local model server";
}

/** A ProviderError for a connection-level failure, or undefined when `err` is not one. */
export function classifyConnection(err: unknown, info: ProviderInfo): ProviderError | undefined {
  const e = err as Chained;
  const cls = e?.constructor?.name ?? e?.name;
  const code = causeCode(err);
  const url = info.baseURL || "the provider";
  if (cls === "APIConnectionTimeoutError" || (code && TIMEOUT_CODES.has(code))) {
    return {
      kind: "retryable",
      message: `Timed out connecting to ${url}${code ? ` (${code})` : ""}: check the network, a proxy or firewall, and that the server is up.`,
    };
  }
  if (code === "ECONNREFUSED") {
    if (isLoopback(info.baseURL)) {
      return {
        kind: "retryable",
        maxAttempts: 2,
        message: `Connection refused at ${url} — is ${serverName(info)} running? Start it, or fix the port in baseURL.`,
      };
    }
    return {
      kind: "retryable",
      message: `Connection refused at ${url}: check baseURL (host and port) and that the server accepts connections.`,
    };
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return {
      kind: "retryable",
      maxAttempts: 2,
      message: `Cannot resolve the host "${hostOf(info.baseURL)}" (${code}) for ${url}: check the spelling of baseURL and the network (DNS).`,
    };
  }
  if (code && TLS_CODE.test(code)) {
    return {
      kind: "fatal",
      message: `TLS failed at ${url} (${code}): check http vs https in baseURL; for a private CA or a proxy, point NODE_EXTRA_CA_CERTS at its certificate.`,
    };
  }
  if (code && RESET_CODES.has(code)) {
    return {
      kind: "retryable",
      message: `Network error talking to ${url}: ${code} (the connection was dropped).`,
    };
  }
  if (cls === "APIConnectionError") {
    return {
      kind: "retryable",
      message: `Could not connect to ${url}${code ? ` (${code})` : ""}: check baseURL and the network.`,
    };
  }
  return undefined;
}
