// The error-body reader (every shape providers send) and the connection classifier (what to check when the
// provider cannot be reached), as tables. The recorded bodies themselves are replayed in tests/loop/captures-*.
import { APIConnectionError, APIError } from "openai";
import { describe, expect, it } from "vitest";
import { causeCode, classifyConnection, isLoopback } from "../../src/providers/connection.js";
import { errorFromText } from "../../src/providers/error-body.js";
import { classifyError, rejectedField } from "../../src/providers/errors.js";

describe("errorFromText", () => {
  it.each([
    [
      "OpenAI object",
      '{"error":{"message":"bad","type":"t","code":"c"}}',
      { message: "bad", type: "t", code: "c" },
    ],
    [
      "Gemini array",
      '[{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT"}}]',
      { message: "m", code: 400 },
    ],
    [
      "Mistral/vLLM object:error",
      '{"object":"error","message":"too long","type":"BadRequestError"}',
      { message: "too long" },
    ],
    [
      "xAI string",
      '{"code":"Client specified an invalid argument","error":"prompt too long"}',
      { message: "prompt too long" },
    ],
    ["FastAPI detail", '{"detail":"Not Found"}', { message: "Not Found" }],
    [
      "a gateway wrapping the upstream body as a JSON string",
      '{"error":{"message":"{\\n  \\"error\\": {\\n    \\"code\\": 400,\\n    \\"message\\": \\"inner\\"\\n  }\\n}\\n","code":400}}',
      { message: "inner" },
    ],
    ["HTML page", "<html><body><h1>502 Bad Gateway</h1></body></html>", { message: "502 Bad Gateway" }],
  ])("%s", (_name, text, want) => {
    expect(errorFromText(text)).toMatchObject(want);
  });

  it("flattens Mistral's detail list with the field path", () => {
    const body =
      '{"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","n"],"msg":"Extra inputs are not permitted"}]}}';
    expect(errorFromText(body)?.message).toBe("body.n: Extra inputs are not permitted (extra_forbidden)");
  });

  it("is undefined for an empty body", () => {
    expect(errorFromText("  ")).toBeUndefined();
  });
});

const coded = (code: string) =>
  new APIConnectionError({
    cause: new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) }),
  });

describe("classifyConnection", () => {
  const local = { baseURL: "http://localhost:11434/v1", providerName: "Ollama (local)" };
  const remote = { baseURL: "https://api.example.test/v1", providerName: "Example" };

  it("finds the code down the cause chain and in aggregate errors", () => {
    expect(causeCode(coded("ECONNREFUSED"))).toBe("ECONNREFUSED");
    expect(
      causeCode({ cause: new AggregateError([Object.assign(new Error("x"), { code: "ENOTFOUND" })]) }),
    ).toBe("ENOTFOUND");
  });

  it("a refused loopback port names the local server and allows one retry", () => {
    expect(classifyConnection(coded("ECONNREFUSED"), local)).toEqual({
      kind: "retryable",
      maxAttempts: 2,
      message:
        "Connection refused at http://localhost:11434/v1 — is Ollama running? Start it, or fix the port in baseURL.",
    });
  });

  it.each([
    ["ENOTFOUND", "retryable", /Cannot resolve the host "api\.example\.test"/],
    ["CERT_HAS_EXPIRED", "fatal", /TLS failed .*NODE_EXTRA_CA_CERTS/],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "fatal", /TLS failed/],
    ["ETIMEDOUT", "retryable", /Timed out connecting/],
    ["ECONNRESET", "retryable", /connection was dropped/],
    ["ECONNREFUSED", "retryable", /check baseURL \(host and port\)/],
  ])("%s", (code, kind, message) => {
    expect(classifyConnection(coded(code), remote)).toMatchObject({
      kind,
      message: expect.stringMatching(message),
    });
  });

  it("is not a connection failure when nothing says so", () => {
    expect(classifyConnection(new Error("boom"), remote)).toBeUndefined();
  });

  it.each([
    ["http://127.0.0.1:8080/v1", true],
    ["http://localhost:1234/v1", true],
    ["http://[::1]:8000/v1", true],
    ["https://api.openai.com/v1", false],
  ])("isLoopback(%s) is %s", (url, want) => {
    expect(isLoopback(url)).toBe(want);
  });
});

describe("rejected fields and permanent 5xx wordings", () => {
  it.each([
    ["Unrecognized request argument supplied: stream_options", '"streamUsage": false'],
    [
      "Unsupported parameter: 'max_tokens' is not supported with this model.",
      '"maxTokensField": "max_completion_tokens"',
    ],
    ["body.messages.3.assistant.reasoning_content: Extra inputs are not permitted", '"echoReasoning": false'],
    ["Invalid role 'developer'", '"systemRole": "system"'],
  ])("%s", (detail, flag) => {
    expect(rejectedField(detail)).toContain(flag);
  });

  it("names nothing when the message names no field we send", () => {
    expect(rejectedField("Extra inputs are not permitted")).toBeUndefined();
    expect(rejectedField("prompt is required")).toBeUndefined();
  });

  it("a 500 saying tools need --jinja is fatal with advice; another 500 is retried", () => {
    const jinja = APIError.generate(
      500,
      { error: { code: 500, message: "tools param requires --jinja flag", type: "server_error" } },
      undefined,
      new Headers(),
    );
    expect(classifyError(jinja, false, "http://127.0.0.1:8080/v1")).toMatchObject({
      kind: "fatal",
      message: expect.stringContaining("Start llama-server with --jinja"),
    });
    const other = APIError.generate(500, { error: { message: "oops" } }, undefined, new Headers());
    expect(classifyError(other, false).kind).toBe("retryable");
  });
});

describe("the tool-result name field", () => {
  it("is blamed only when the message is about a tool message", () => {
    expect(rejectedField("body.messages.2.tool.name: Extra inputs are not permitted")).toContain(
      '"toolResultName": false',
    );
    expect(rejectedField("Invalid value for model name")).toBeUndefined();
  });
});
