// How full the context window is: the provider's last reported prompt_tokens plus a tokenizer count of what was
// appended since (tool results, the new user prompt). Without a usable report (first request, after a
// compaction, after a resume, or a provider that reports no usage) everything is counted, tool schemas included.
// `exceeds()` first checks a byte-count upper bound (a token covers at least one UTF-8 byte): the tokenizer only
// settles close calls, so short sessions never load it. It is loaded while idle (`warmIfNearing()` once the bound
// passes half the limit, called after a turn and on resume), so a close call finds it ready instead of building
// it between Enter and the request. The decisions are exactly those of a count made when needed.
import type { Message } from "../agent/messages.js";
import type { ToolSchema } from "../tools/tool.js";
import type { TokenCounter } from "./tokens.js";

interface Baseline {
  promptTokens: number;
  /** Number of messages the reported request carried. */
  count: number;
  /** Identity of its last message: a replaced history (compaction) no longer matches. */
  last: Message | undefined;
  /** The schema array sent (the registry keeps one array until the tool set changes). */
  tools: readonly ToolSchema[];
}

/** Per-message framing allowance in the upper bound (role markers, call ids, separators). */
const FRAMING = 16;
const IMAGE_BOUND = 2_000;
/** Warm the tokenizer once the byte bound reaches this fraction of the limit (a turn or more before it is needed). */
export const WARM_AT = 0.5;

export class ContextTracker {
  private baseline: Baseline | undefined;
  private counter: TokenCounter | undefined;
  private loading: Promise<TokenCounter> | undefined;
  private readonly bytes = new WeakMap<object, number>();

  /** `load` is called once, on warm-up or on the first real count (see loadTokenCounter); share one per process. */
  constructor(private readonly load: () => Promise<TokenCounter>) {}

  private get(): Promise<TokenCounter> {
    if (this.counter) return Promise.resolve(this.counter);
    this.loading ??= this.load().then(
      (c) => {
        this.counter = c;
        return c;
      },
      (err: unknown) => {
        // A failed load may be retried by the next count rather than failing every later request.
        this.loading = undefined;
        throw err;
      },
    );
    return this.loading;
  }

  /** Resolves when a load in progress ends (at once when none is), whether or not it succeeded. */
  settled(): Promise<void> {
    return (this.loading ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }

  /** True once the tokenizer is loaded (counts no longer wait for it). */
  get warm(): boolean {
    return this.counter !== undefined;
  }

  /**
   * Starts loading the tokenizer without waiting, when a request carrying `messages` could come near `limit`
   * (byte bound ≥ WARM_AT × limit). Returns the load in progress, or undefined when none is needed yet.
   */
  warmIfNearing(
    messages: readonly Message[],
    tools: readonly ToolSchema[],
    limit: number,
  ): Promise<unknown> | undefined {
    if (this.counter) return undefined;
    if (!this.loading && (limit <= 0 || this.upperBound(messages, tools) < limit * WARM_AT)) return undefined;
    return this.get().then(undefined, () => undefined);
  }

  /**
   * Records a provider report: `promptTokens` (prompt_tokens, cached included) for a request that sent `sent`
   * with `tools`. Reports of 0 mean "not reported" and are ignored.
   */
  observe(promptTokens: number, sent: readonly Message[], tools: readonly ToolSchema[]): void {
    if (promptTokens <= 0) return;
    this.baseline = { promptTokens, count: sent.length, last: sent.at(-1), tools };
  }

  /** Forgets the report (call after replacing the history yourself, e.g. on resume). */
  reset(): void {
    this.baseline = undefined;
  }

  private usable(messages: readonly Message[]): Baseline | undefined {
    const b = this.baseline;
    return b && b.count > 0 && messages.length >= b.count && messages[b.count - 1] === b.last ? b : undefined;
  }

  /** Estimated prompt tokens of a request carrying `messages` and `tools` (loads the tokenizer). */
  async estimate(messages: readonly Message[], tools: readonly ToolSchema[]): Promise<number> {
    const counter = await this.get();
    const b = this.usable(messages);
    if (!b) return counter.messages(messages) + counter.tools(tools);
    let n = b.promptTokens + (tools === b.tools ? 0 : counter.tools(tools) - counter.tools(b.tools));
    for (let i = b.count; i < messages.length; i++) n += counter.message(messages[i]!);
    return Math.max(0, n);
  }

  /** The estimate when it is at least `limit`, else undefined; cheap (no tokenizer) when clearly below. */
  async exceeds(
    messages: readonly Message[],
    tools: readonly ToolSchema[],
    limit: number,
  ): Promise<number | undefined> {
    if (this.upperBound(messages, tools) < limit) return undefined;
    const n = await this.estimate(messages, tools);
    return n >= limit ? n : undefined;
  }

  private upperBound(messages: readonly Message[], tools: readonly ToolSchema[]): number {
    const b = this.usable(messages);
    let n = b ? b.promptTokens : 0;
    if (!b || tools !== b.tools) n += this.sizeOf(tools, () => Buffer.byteLength(JSON.stringify(tools)));
    for (let i = b ? b.count : 0; i < messages.length; i++) {
      const m = messages[i]!;
      n += this.sizeOf(m, () => messageBytes(m));
    }
    return n;
  }

  private sizeOf(key: object, compute: () => number): number {
    let n = this.bytes.get(key);
    if (n === undefined) {
      n = compute();
      this.bytes.set(key, n);
    }
    return n;
  }
}

function messageBytes(m: Message): number {
  let n = FRAMING;
  if (typeof m.content === "string") n += Buffer.byteLength(m.content);
  else for (const p of m.content) n += p.type === "text" ? Buffer.byteLength(p.text) : IMAGE_BOUND;
  if (m.role === "assistant") {
    for (const c of m.toolCalls ?? [])
      n += FRAMING + Buffer.byteLength(c.name) + Buffer.byteLength(c.arguments);
  }
  if (m.role === "tool") n += Buffer.byteLength(m.name);
  return n;
}
