// The stream reader's two pure parts: the SSE parser (framing rules, every split of the bytes across network reads)
// and the reply builder (one JSON.parse per event, coalesced deltas in order, the SDK's error semantics).
import { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { ReplyBuilder } from "../../src/providers/reply.js";
import { type SseEvent, SseParser } from "../../src/providers/sse.js";
import type { FullCompat } from "../../src/providers/types.js";

const enc = new TextEncoder();

/** Parses `text` delivered as the given reads (strings, or split points into its bytes). */
function parse(parts: string[]): SseEvent[] {
  const p = new SseParser();
  const out: SseEvent[] = [];
  for (const part of parts) p.feed(enc.encode(part), out);
  p.end(out);
  return out;
}

function parseSplitAt(bytes: Uint8Array, cuts: number[]): SseEvent[] {
  const p = new SseParser();
  const out: SseEvent[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    p.feed(bytes.subarray(at, cut), out);
    at = cut;
  }
  p.end(out);
  return out;
}

describe("SseParser", () => {
  it("reads data events, skips comments and keeps the event name", () => {
    const body =
      ': OPENROUTER PROCESSING\n\ndata: {"a":1}\n\nevent: error\ndata: {"error":{}}\n\ndata: [DONE]\n\n';
    expect(parse([body])).toEqual([
      { event: "", data: '{"a":1}' },
      { event: "error", data: '{"error":{}}' },
      { event: "", data: "[DONE]" },
    ]);
  });

  it("joins multi-line data, reads fields without a space or a value, ignores id/retry and data-less events", () => {
    const body = "id: 7\nretry: 10\ndata:first\ndata\ndata: third\n\nevent: ping\n\ndata: x\n\n";
    expect(parse([body])).toEqual([
      { event: "", data: "first\n\nthird" },
      { event: "", data: "x" },
    ]);
  });

  it("accepts LF, CRLF and CR line ends, and a BOM", () => {
    const lf = 'data: {"n":1}\n\ndata: {"n":2}\n\n';
    const expected = [
      { event: "", data: '{"n":1}' },
      { event: "", data: '{"n":2}' },
    ];
    expect(parse([lf.replaceAll("\n", "\r\n")])).toEqual(expected);
    expect(parse([lf.replaceAll("\n", "\r")])).toEqual(expected);
    expect(parse([`\uFEFF${lf}`])).toEqual(expected);
  });

  it("gives the same events however the bytes are split across reads (CRLF and multi-byte text included)", () => {
    const body = enc.encode(
      'data: {"c":"héllo ✓ 𝄞"}\r\n\r\n: keep-alive\r\n\r\nevent: error\r\ndata: {"e":1}\r\ndata: two\r\n\r\ndata: [DONE]\r\n\r\n',
    );
    const whole = parseSplitAt(body, []);
    expect(whole).toHaveLength(3);
    for (let i = 1; i < body.length; i++) expect(parseSplitAt(body, [i])).toEqual(whole);
    for (let i = 1; i + 3 < body.length; i += 3) expect(parseSplitAt(body, [i, i + 1, i + 3])).toEqual(whole);
    expect(
      parseSplitAt(
        body,
        Array.from({ length: body.length - 1 }, (_, i) => i + 1),
      ),
    ).toEqual(whole);
  });

  it("delivers a last event whose blank line never came, with or without its final newline", () => {
    expect(parse(['data: {"a":1}\n\ndata: {"usage":{}}\n'])).toEqual([
      { event: "", data: '{"a":1}' },
      { event: "", data: '{"usage":{}}' },
    ]);
    expect(parse(['data: {"a":1}\n\ndata: {"usage":{}}'])).toHaveLength(2);
  });
});

const compat: FullCompat = {
  maxTokensField: "max_tokens",
  systemRole: "system",
  streamUsage: true,
  reasoningField: "reasoning_content",
  toolResultName: false,
  supportsImages: true,
  echoReasoning: false,
};
const ev = (data: unknown): SseEvent => ({ event: "", data: JSON.stringify(data) });
const delta = (d: Record<string, unknown>, finish: string | null = null) =>
  ev({ choices: [{ index: 0, delta: d, finish_reason: finish }] });

describe("ReplyBuilder", () => {
  it("coalesces the deltas of one read into one event per run of the same kind, in order", () => {
    const r = new ReplyBuilder(compat, new Headers());
    for (const e of [
      delta({ role: "assistant", content: "" }),
      delta({ reasoning_content: "think " }),
      delta({ reasoning_content: "more" }),
      delta({ content: "Hel" }),
      delta({ content: [{ type: "text", text: "lo" }] }),
      delta({ content: [{ type: "thinking", thinking: [{ type: "text", text: " again" }] }] }),
      delta({ content: "!" }),
    ])
      r.apply(e);
    expect(r.take()).toEqual([
      { type: "reasoning_delta", delta: "think more" },
      { type: "text_delta", delta: "Hello" },
      { type: "reasoning_delta", delta: " again" },
      { type: "text_delta", delta: "!" },
    ]);
    expect(r.take()).toEqual([]);
    r.apply(delta({ content: " more" }));
    expect(r.take()).toEqual([{ type: "text_delta", delta: " more" }]);
    expect(r.message).toEqual({ role: "assistant", content: "Hello! more", reasoning: "think more again" });
  });

  it("reads tool calls, finish reason and usage, and ignores what follows [DONE]", () => {
    const r = new ReplyBuilder(compat, new Headers());
    r.apply(delta({ tool_calls: [{ id: "c1", function: { name: "read_file", arguments: '{"a"' } }] }));
    r.apply(delta({ tool_calls: [{ function: { arguments: ":1}" } }] }, "tool_calls"));
    r.apply(ev({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }));
    r.apply({ event: "", data: "[DONE]" });
    r.apply({ event: "", data: "not json after the end" });
    expect(r.calls.calls()).toEqual([{ id: "c1", name: "read_file", arguments: '{"a":1}' }]);
    expect(r.finish).toBe("tool_calls");
    expect(r.usage).toEqual({ inputTokens: 5, outputTokens: 2, cachedTokens: 0 });
    expect(r.chunks).toBe(3);
  });

  it("throws an APIError for an in-stream error and keeps the usage billed on it", () => {
    const r = new ReplyBuilder(compat, new Headers());
    const bad = {
      error: { message: "upstream failed", code: 502 },
      usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
    };
    expect(() => r.apply({ event: "error", data: JSON.stringify(bad) })).toThrow(APIError);
    expect(r.usage).toEqual({ inputTokens: 9, outputTokens: 1, cachedTokens: 0 });
  });

  it("throws a SyntaxError for data that is not JSON", () => {
    const r = new ReplyBuilder(compat, new Headers());
    expect(() => r.apply({ event: "", data: "{not json" })).toThrow(SyntaxError);
  });
});
