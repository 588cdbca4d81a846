// The error classifier and backoff policy as tables, fed with the real SDK error classes and the network
// errors Node's fetch actually throws, so a change in either shows up here.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  classifyError,
  isRetryable,
  MAX_ATTEMPTS,
  retryAfterMs,
} from "../../src/providers/errors.js";
import type { ProviderError, ProviderErrorKind } from "../../src/providers/types.js";

const BASE = "https://api.example.test/v1";

function http(status: number, message: string, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, { error: { message, type: "x" } }, undefined, new Headers(headers));
}

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** What undici throws when the server resets a connection mid-body. */
function terminated(): TypeError {
  return new TypeError("terminated", { cause: withCode("other side closed", "UND_ERR_SOCKET") });
}

describe("classifyError", () => {
  const table: Array<[string, unknown, ProviderErrorKind, RegExp?]> = [
    ["429 rate limit", http(429, "slow down"), "rate_limit", /^Rate limited \(429\): slow down$/],
    [
      "429 that mentions tokens is still a rate limit",
      http(429, "Request too large for gpt-4: tokens per min (TPM): Limit 30000, Requested 40000"),
      "rate_limit",
    ],
    [
      "429 Gemini RESOURCE_EXHAUSTED (a per-minute limit) is retried",
      http(429, "Resource has been exhausted (e.g. check quota)."),
      "rate_limit",
    ],
    [
      "429 insufficient_quota (billing) is not retried",
      APIError.generate(
        429,
        {
          error: {
            message: "You exceeded your current quota, please check your plan and billing details.",
            type: "insufficient_quota",
            code: "insufficient_quota",
          },
        },
        undefined,
        new Headers(),
      ),
      "fatal",
      /quota/,
    ],
    ["500", http(500, "oops"), "retryable", /^Provider error 500: oops$/],
    ["502", http(502, "bad gateway"), "retryable"],
    ["503", http(503, "overloaded"), "retryable"],
    ["504", http(504, "timeout"), "retryable"],
    ["529 (Anthropic overloaded)", http(529, "Overloaded"), "retryable"],
    ["408", http(408, "request timeout"), "retryable"],
    ["409", http(409, "conflict"), "retryable"],
    ["425", http(425, "too early"), "retryable"],
    [
      "401",
      http(401, "bad key"),
      "auth",
      /^Authentication failed \(401\) at https:\/\/api\.example\.test\/v1: check the API key/,
    ],
    ["403", http(403, "forbidden"), "auth", /may use this model/],
    [
      "404",
      http(404, "no such model"),
      "not_found",
      /check the model id and the provider's baseURL\. no such model$/,
    ],
    [
      "400 plain",
      http(400, "invalid tool schema"),
      "bad_request",
      /^Request rejected \(400\): invalid tool schema$/,
    ],
    ["422", http(422, "unprocessable"), "bad_request"],
    [
      "400 OpenAI overflow",
      http(
        400,
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
      ),
      "context_overflow",
      /^The conversation is too long for the model's context window: /,
    ],
    [
      "400 Anthropic overflow",
      http(400, "prompt is too long: 210000 tokens > 200000 maximum"),
      "context_overflow",
    ],
    [
      "400 Gemini overflow",
      http(400, "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."),
      "context_overflow",
    ],
    ["413 overflow text", http(413, "context_length_exceeded"), "context_overflow"],
    [
      "in-stream overflow error (no status)",
      new APIError(
        undefined,
        { message: "context_length_exceeded: reduce the length of the messages" },
        undefined,
        undefined,
      ),
      "context_overflow",
    ],
    [
      "in-stream error event with a 5xx code",
      new APIError(undefined, { message: "upstream overloaded", code: 502 }, undefined, undefined),
      "retryable",
    ],
    [
      "in-stream error event with a 429 code",
      new APIError(undefined, { message: "rate limited upstream", code: 429 }, undefined, undefined),
      "rate_limit",
    ],
    [
      "connection refused (SDK wraps fetch failed)",
      new APIConnectionError({
        cause: new TypeError("fetch failed", {
          cause: withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED"),
        }),
      }),
      "retryable",
      /^Connection refused at https:\/\/api\.example\.test\/v1: check baseURL \(host and port\)/,
    ],
    ["connection timeout", new APIConnectionTimeoutError(), "retryable"],
    ["stream terminated mid-body", terminated(), "retryable", /UND_ERR_SOCKET/],
    ["ECONNRESET", withCode("read ECONNRESET", "ECONNRESET"), "retryable"],
    ["ETIMEDOUT", withCode("connect ETIMEDOUT", "ETIMEDOUT"), "retryable"],
    ["EAI_AGAIN (DNS)", withCode("getaddrinfo EAI_AGAIN", "EAI_AGAIN"), "retryable"],
    ["socket hang up", new Error("socket hang up"), "retryable"],
    ["premature close", new Error("Premature close"), "retryable"],
    ["SDK abort", new APIUserAbortError(), "aborted", /^Aborted by user\.$/],
    ["DOM abort", new DOMException("This operation was aborted", "AbortError"), "aborted"],
    ["unknown error", new Error("something odd"), "fatal", /^something odd$/],
    ["thrown string", "weird", "fatal", /^weird$/],
    ["malformed SSE JSON", new SyntaxError("Unexpected token } in JSON at position 3"), "fatal"],
  ];

  it.each(
    table.map(([label, err, kind, message]) => [label, kind, err, message] as const),
  )("%s → %s", (_label, kind, err, message) => {
    const got = classifyError(err, false, BASE);
    expect(got.kind).toBe(kind);
    if (message) expect(got.message).toMatch(message);
  });

  it("aborted wins over everything when the signal fired", () => {
    expect(classifyError(http(500, "x"), true, BASE)).toEqual({
      kind: "aborted",
      message: "Aborted by user.",
    });
    expect(classifyError(terminated(), true, BASE).kind).toBe("aborted");
  });

  it("keeps the HTTP status and the server's Retry-After", () => {
    const e = classifyError(http(429, "wait", { "retry-after": "7" }), false, BASE);
    expect(e).toMatchObject({ kind: "rate_limit", status: 429, retryAfterMs: 7000 });
    expect(classifyError(http(503, "wait", { "retry-after-ms": "250" }), false, BASE).retryAfterMs).toBe(250);
    expect(classifyError(http(500, "no header"), false, BASE).retryAfterMs).toBeUndefined();
  });

  it("marks exactly the transient kinds retryable", () => {
    const kinds: ProviderErrorKind[] = [
      "retryable",
      "rate_limit",
      "context_overflow",
      "auth",
      "not_found",
      "bad_request",
      "aborted",
      "fatal",
    ];
    expect(kinds.filter((kind) => isRetryable({ kind, message: "" }))).toEqual(["retryable", "rate_limit"]);
    expect(MAX_ATTEMPTS).toBe(5);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    ["retry-after-ms wins", { "retry-after-ms": "250", "retry-after": "9" }, 250],
    ["seconds", { "retry-after": "3" }, 3000],
    ["fractional seconds", { "retry-after": "1.5" }, 1500],
    ["zero", { "retry-after": "0" }, 0],
    ["HTTP date", { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, 5000],
    ["HTTP date in the past", { "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }, 0],
    ["garbage", { "retry-after": "soon" }, undefined],
    ["invalid ms falls back to seconds", { "retry-after-ms": "abc", "retry-after": "2" }, 2000],
    ["none", {}, undefined],
  ] as Array<[string, Record<string, string>, number | undefined]>)("%s", (_label, headers, want) => {
    expect(retryAfterMs(new Headers(headers), now)).toBe(want);
    expect(retryAfterMs(headers, now)).toBe(want);
  });

  it("handles missing headers", () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  const err: ProviderError = { kind: "retryable", message: "x" };
  it("doubles per attempt with jitter between 50 % and 100 %", () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, err, 1000, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, err, 1000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(2, err, 1000, () => 0.5)).toBe(1500);
  });

  it("caps the exponential part at 30 s", () => {
    expect(backoffDelay(20, err, 1000, () => 1)).toBe(30_000);
  });

  it("defaults to a 1 s base", () => {
    expect(backoffDelay(1, err, undefined, () => 1)).toBe(1000);
  });

  it("uses the server's Retry-After instead, capped at 60 s", () => {
    expect(backoffDelay(1, { ...err, retryAfterMs: 2500 }, 1000, () => 0)).toBe(2500);
    expect(backoffDelay(4, { ...err, retryAfterMs: 0 }, 1000, () => 1)).toBe(0);
    expect(backoffDelay(1, { ...err, retryAfterMs: 3_600_000 }, 1000, () => 1)).toBe(60_000);
  });
});
