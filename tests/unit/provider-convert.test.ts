// toWireMessages: our messages → Chat Completions wire messages under each compat flag. Pure, so exact.
import { describe, expect, it } from "vitest";
import type { Message } from "../../src/agent/messages.js";
import type { FullCompat } from "../../src/config/resolve.js";
import { toWireMessages } from "../../src/providers/convert.js";

const compat: FullCompat = {
  maxTokensField: "max_tokens",
  systemRole: "system",
  streamUsage: true,
  reasoningField: "reasoning_content",
  toolResultName: false,
  supportsImages: true,
  echoReasoning: false,
};
const img = { type: "image" as const, mimeType: "image/png", data: "AAA=" };

describe("toWireMessages", () => {
  it("sends an assistant message with only tool calls as content null, never reasoning or flags", () => {
    const messages: Message[] = [
      {
        role: "assistant",
        content: "",
        reasoning: "hmm",
        interrupted: true,
        toolCalls: [{ id: "a", name: "read_file", arguments: "" }],
      },
      { role: "tool", toolCallId: "a", name: "read_file", content: "x" },
    ];
    expect(toWireMessages(messages, compat)).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "a", type: "function", function: { name: "read_file", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "a", content: "x" },
    ]);
  });

  it("collects images of a run of tool results into one user message after the run", () => {
    const messages: Message[] = [
      {
        role: "assistant",
        content: "",
        toolCalls: [
          { id: "a", name: "shot", arguments: "{}" },
          { id: "b", name: "shot", arguments: "{}" },
        ],
      },
      { role: "tool", toolCallId: "a", name: "shot", content: [{ type: "text", text: "one" }, img] },
      { role: "tool", toolCallId: "b", name: "shot", content: [img] },
      { role: "assistant", content: "seen" },
    ];
    const wire = toWireMessages(messages, compat);
    expect(wire.map((m) => m.role)).toEqual(["assistant", "tool", "tool", "user", "assistant"]);
    expect(wire[1]).toEqual({
      role: "tool",
      tool_call_id: "a",
      content: "one\n[image/png image, attached below]",
    });
    expect(wire[3]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "Images returned by the tools above:" },
        { type: "image_url", image_url: { url: "data:image/png;base64,AAA=" } },
        { type: "image_url", image_url: { url: "data:image/png;base64,AAA=" } },
      ],
    });
  });

  it("puts trailing tool images at the very end", () => {
    const wire = toWireMessages(
      [
        { role: "assistant", content: "", toolCalls: [{ id: "a", name: "shot", arguments: "{}" }] },
        { role: "tool", toolCallId: "a", name: "shot", content: [img] },
      ],
      compat,
    );
    expect(wire.at(-1)?.role).toBe("user");
  });

  it("applies systemRole and toolResultName", () => {
    const wire = toWireMessages(
      [
        { role: "system", content: "sys" },
        { role: "assistant", content: "", toolCalls: [{ id: "a", name: "t", arguments: "{}" }] },
        { role: "tool", toolCallId: "a", name: "t", content: "r", isError: true },
      ],
      { ...compat, systemRole: "developer", toolResultName: true },
    );
    expect(wire[0]).toEqual({ role: "developer", content: "sys" });
    expect(wire[2]).toEqual({ role: "tool", tool_call_id: "a", content: "r", name: "t" });
  });

  it("sends user image parts as data URLs when supported, as placeholders otherwise", () => {
    const user: Message = { role: "user", content: [{ type: "text", text: "see" }, img] };
    expect(toWireMessages([user], compat)[0]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "see" },
        { type: "image_url", image_url: { url: "data:image/png;base64,AAA=" } },
      ],
    });
    expect(toWireMessages([user], { ...compat, supportsImages: false })[0]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "see" },
        { type: "text", text: "[image/png image omitted: this model does not accept images]" },
      ],
    });
  });

  it("does not claim a tool image is attached when the model cannot take images", () => {
    const wire = toWireMessages(
      [
        { role: "assistant", content: "", toolCalls: [{ id: "a", name: "shot", arguments: "{}" }] },
        { role: "tool", toolCallId: "a", name: "shot", content: [img] },
      ],
      { ...compat, supportsImages: false },
    );
    expect(wire).toHaveLength(2);
    expect(String(wire[1]?.content)).not.toMatch(/attached below/);
  });
});
