// Accumulates streamed tool-call fragments into complete calls: arguments split across chunks, parallel calls,
// index gaps, calls without an index (position in the chunk stands in), and servers that reuse index 0 for
// parallel calls but give each its own id. Pure.
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { ToolCall } from "../agent/messages.js";

interface Slot {
  index: number;
  id: string;
  name: string;
  arguments: string;
  extraContent?: Record<string, unknown>;
}

export type ToolCallDelta = NonNullable<ChatCompletionChunk.Choice.Delta["tool_calls"]>[number] & {
  extra_content?: Record<string, unknown>;
};

/** Accumulates streamed tool-call fragments into complete calls. */
export class ToolCallAccumulator {
  private slots = new Map<number, Slot>();
  /** Wire index → the slot currently receiving its fragments (differs when a server reuses an index). */
  private current = new Map<number, number>();

  add(delta: ToolCallDelta, position: number): void {
    const wire = typeof delta.index === "number" ? delta.index : position;
    let index = this.current.get(wire) ?? wire;
    let slot = this.slots.get(index);
    // Some servers reuse index 0 for parallel calls but give each its own id.
    if (slot && delta.id && slot.id && delta.id !== slot.id) {
      index = Math.max(...this.slots.keys()) + 1;
      slot = undefined;
    }
    if (!slot) {
      slot = { index, id: "", name: "", arguments: "" };
      this.slots.set(index, slot);
    }
    this.current.set(wire, index);
    if (delta.id) slot.id = delta.id;
    const name = delta.function?.name;
    if (name && name !== slot.name)
      slot.name = slot.name && !name.startsWith(slot.name) ? slot.name + name : name;
    if (delta.function?.arguments) slot.arguments += delta.function.arguments;
    if (delta.extra_content) slot.extraContent = { ...slot.extraContent, ...delta.extra_content };
  }

  calls(): ToolCall[] {
    return [...this.slots.values()]
      .sort((a, b) => a.index - b.index)
      .filter((s) => s.name)
      .map((s, i) => ({
        id: s.id || `call_${Date.now().toString(36)}_${i}`,
        name: s.name,
        arguments: s.arguments,
        ...(s.extraContent ? { extraContent: s.extraContent } : {}),
      }));
  }
}
