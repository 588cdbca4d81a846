// How full the context window is: the provider's last reported prompt_tokens plus a tokenizer count of what was
// appended since (tool results, the new user prompt). Without a usable report (first request, after a
// compaction, after a resume, or a provider that reports no usage) everything is counted, tool schemas included.
import type { Message } from "../messages.js";
import type { ToolSchema } from "../tools/tool.js";
import type { TokenCounter } from "./tokens.js";

interface Baseline {
  promptTokens: number;
  /** Number of messages the reported request carried. */
  count: number;
  /** Identity of its last message: a replaced history (compaction) no longer matches. */
  last: Message | undefined;
  toolsTokens: number;
}

export class ContextTracker {
  private baseline: Baseline | undefined;
  private counter: TokenCounter | undefined;

  /** `load` is called on first use only (see loadTokenCounter); share one per process. */
  constructor(private readonly load: () => Promise<TokenCounter>) {}

  private async get(): Promise<TokenCounter> {
    this.counter ??= await this.load();
    return this.counter;
  }

  /**
   * Records a provider report: `promptTokens` (prompt_tokens, cached included) for a request that sent `sent`
   * with `tools`. Reports of 0 mean "not reported" and are ignored.
   */
  async observe(promptTokens: number, sent: readonly Message[], tools: readonly ToolSchema[]): Promise<void> {
    if (promptTokens <= 0) return;
    const counter = await this.get();
    this.baseline = {
      promptTokens,
      count: sent.length,
      last: sent.at(-1),
      toolsTokens: counter.tools(tools),
    };
  }

  /** Forgets the report (call after replacing the history yourself, e.g. on resume). */
  reset(): void {
    this.baseline = undefined;
  }

  /** Estimated prompt tokens of a request carrying `messages` and `tools`. */
  async estimate(messages: readonly Message[], tools: readonly ToolSchema[]): Promise<number> {
    const counter = await this.get();
    const b = this.baseline;
    const toolsTokens = counter.tools(tools);
    if (b && b.count > 0 && messages.length >= b.count && messages[b.count - 1] === b.last) {
      let n = b.promptTokens + (toolsTokens - b.toolsTokens);
      for (let i = b.count; i < messages.length; i++) n += counter.message(messages[i]!);
      return Math.max(0, n);
    }
    return counter.messages(messages) + toolsTokens;
  }
}
