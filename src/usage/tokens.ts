// Token counting with the o200k_base BPE (js-tiktoken's rank data, our own merge: see bpe.ts). The rank map
// loads once, lazily, through `loadTokenCounter()` (~40 ms of work in slices that yield to the event loop);
// callers keep the counter in their session and warm it while idle (ContextTracker.warm).
// Large or repetitive text is tokenised in bounded pieces (the pure-JS BPE is quadratic in a single long word).
import type { Message } from "../agent/messages.js";
import type { ToolSchema } from "../tools/tool.js";
import { buildBpeCounter } from "./bpe.js";

/** Per-message framing the chat format adds (role markers, separators). */
const MESSAGE_OVERHEAD = 4;
const TOOL_CALL_OVERHEAD = 8;
/** A typical image costs this much in the window (a 512×512 tile plus base); exact cost is model-specific. */
const IMAGE_TOKENS = 765;
const PIECE = 256;
/** Above this many characters, tokenise samples and extrapolate (bounded cost per message). */
const SAMPLE_ABOVE = 48 * 1024;
const SAMPLE = 8 * 1024;
/** Runs of one repeated character (separator lines, padding) are counted arithmetically. */
const RUN = /(.)\1{31,}/gsu;

/** What TokenCounter needs of an encoder: o200k tokens of a text, special-token strings as ordinary text. */
export interface TextEncoderLike {
  count(text: string): number;
}

export class TokenCounter {
  private readonly cache = new WeakMap<object, number>();

  constructor(private readonly enc: TextEncoderLike) {}

  text(s: string): number {
    if (s.length === 0) return 0;
    if (s.length > SAMPLE_ABOVE) return this.sampled(s);
    let runs = 0;
    const rest = s.replace(RUN, (run) => {
      runs += Math.ceil([...run].length / 8);
      return " ";
    });
    let n = runs;
    for (const piece of pieces(rest)) n += this.enc.count(piece);
    return n;
  }

  /** Tokens one message occupies in a request (cached per message object: history entries are immutable). */
  message(m: Message): number {
    const hit = this.cache.get(m);
    if (hit !== undefined) return hit;
    let n = MESSAGE_OVERHEAD;
    if (typeof m.content === "string") n += this.text(m.content);
    else for (const p of m.content) n += p.type === "text" ? this.text(p.text) : IMAGE_TOKENS;
    if (m.role === "assistant") {
      for (const c of m.toolCalls ?? []) n += TOOL_CALL_OVERHEAD + this.text(c.name) + this.text(c.arguments);
    }
    if (m.role === "tool") n += this.text(m.name);
    this.cache.set(m, n);
    return n;
  }

  messages(ms: readonly Message[]): number {
    let n = 3; // Reply priming.
    for (const m of ms) n += this.message(m);
    return n;
  }

  /** Tokens the tool definitions add to every request (their JSON is what the server tokenises, roughly). */
  tools(schemas: readonly ToolSchema[]): number {
    let n = 0;
    for (const s of schemas) {
      const hit = this.cache.get(s);
      if (hit !== undefined) {
        n += hit;
        continue;
      }
      const t = TOOL_CALL_OVERHEAD + this.text(JSON.stringify(s.function));
      this.cache.set(s, t);
      n += t;
    }
    return n;
  }

  private sampled(s: string): number {
    const starts = [0, Math.floor(s.length / 2 - SAMPLE / 2), s.length - SAMPLE];
    let tokens = 0;
    for (const start of starts) tokens += this.text(s.slice(start, start + SAMPLE));
    return Math.ceil((tokens / (SAMPLE * starts.length)) * s.length);
  }
}

/** Splits before a space near each PIECE boundary so pre-tokenisation (" word") is mostly preserved. */
function* pieces(s: string): Generator<string> {
  let i = 0;
  while (i < s.length) {
    let end = Math.min(s.length, i + PIECE);
    if (end < s.length) {
      const space = s.lastIndexOf(" ", end);
      if (space > i + PIECE / 2) end = space;
    }
    yield s.slice(i, end);
    i = end;
  }
}

/** Loads the o200k_base ranks and builds a counter (share one per process; it yields while it builds). */
export async function loadTokenCounter(): Promise<TokenCounter> {
  const ranks = await import("js-tiktoken/ranks/o200k_base");
  return new TokenCounter(await buildBpeCounter(ranks.default));
}
