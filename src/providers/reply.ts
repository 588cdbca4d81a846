// Assembles one streamed reply from its SSE events: one JSON.parse per event, the answer text, reasoning, tool-call
// fragments, usage and finish reason, and the StreamEvents for the loop. Text and reasoning deltas are coalesced:
// everything one network read brings becomes at most one event per run of the same kind (order kept), so a
// server sending 8-byte chunks costs the loop, the session log and the TUI a few events per read, not thousands —
// and nothing waits for more data than has arrived, so the first words show as soon as they come.
import { APIError } from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { AssistantMessage, Usage } from "../agent/messages.js";
import { ToolCallAccumulator, type ToolCallDelta } from "./accumulator.js";
import { contentOf, reasoningOf, usageOf } from "./delta.js";
import type { SseEvent } from "./sse.js";
import type { FullCompat, StreamEvent } from "./types.js";

type Chunk = Partial<ChatCompletionChunk> & { error?: unknown; usage?: Parameters<typeof usageOf>[0] };
type Delta = ChatCompletionChunk.Choice.Delta & Record<string, unknown>;

export class ReplyBuilder {
  readonly message: AssistantMessage = { role: "assistant", content: "" };
  readonly calls = new ToolCallAccumulator();
  usage: Usage | undefined;
  finish: string | null | undefined;
  /** Chat-completion chunks seen (a 200 without any is not an answer). */
  chunks = 0;
  /** `[DONE]` arrived: whatever follows is ignored, as the SDK's reader did. */
  private finished = false;
  private pendingKind: "text_delta" | "reasoning_delta" = "text_delta";
  private pending = "";
  private out: StreamEvent[] = [];

  constructor(
    private readonly compat: FullCompat,
    private readonly headers: Headers,
  ) {}

  /** Applies one SSE event. Throws what the SDK threw: a SyntaxError for data that is not JSON, an APIError for
   * an in-stream `{"error": …}` (also sent as `event: error`), so one classifier handles every failure. */
  apply(ev: SseEvent): void {
    if (this.finished) return;
    if (ev.data.startsWith("[DONE]")) {
      this.finished = true;
      return;
    }
    const chunk = JSON.parse(ev.data) as Chunk | null;
    if (!chunk) return;
    // Before the error check: OpenRouter bills a failed generation on its error chunk.
    this.usage = usageOf(chunk.usage) ?? this.usage;
    if (chunk.error) throw new APIError(undefined, chunk.error as object, undefined, this.headers);
    this.chunks++;
    const choice = chunk.choices?.[0];
    if (!choice) return;
    if (choice.finish_reason) this.finish = choice.finish_reason;
    const delta = choice.delta as Delta | undefined;
    if (!delta) return;
    const content = contentOf(delta.content);
    const reasoning = reasoningOf(delta, this.compat.reasoningField) + content.reasoning;
    if (reasoning) {
      this.message.reasoning = (this.message.reasoning ?? "") + reasoning;
      this.push("reasoning_delta", reasoning);
    }
    if (content.text) {
      this.message.content += content.text;
      this.push("text_delta", content.text);
    }
    const calls = delta.tool_calls;
    if (calls) for (let i = 0; i < calls.length; i++) this.calls.add(calls[i] as ToolCallDelta, i);
  }

  /** The delta events gathered since the last call, coalesced. */
  take(): StreamEvent[] {
    this.flush();
    const out = this.out;
    this.out = [];
    return out;
  }

  private push(kind: "text_delta" | "reasoning_delta", text: string): void {
    if (kind !== this.pendingKind) this.flush();
    this.pendingKind = kind;
    this.pending += text;
  }

  private flush(): void {
    if (this.pending) this.out.push({ type: this.pendingKind, delta: this.pending });
    this.pending = "";
  }
}
