// Converts our Message records into Chat Completions wire messages, applying compat flags (system role,
// tool-result names, image support, reasoning echo). Pure; the reverse direction lives in the stream accumulator.
// Reasoning kept in history is sent only to a model whose compat asks for it back, so switching to another model
// strips it.
import type {
  ChatCompletionContentPart,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { ContentPart, Message } from "../agent/messages.js";
import type { FullCompat } from "./types.js";

function parts(content: ContentPart[], images: boolean): ChatCompletionContentPart[] {
  return content.map((p) =>
    p.type === "text"
      ? { type: "text", text: p.text }
      : images
        ? { type: "image_url", image_url: { url: `data:${p.mimeType};base64,${p.data}` } }
        : { type: "text", text: `[${p.mimeType} image omitted: this model does not accept images]` },
  );
}

function toolText(
  content: string | ContentPart[],
  supported: boolean,
): { text: string; images: ContentPart[] } {
  if (typeof content === "string") return { text: content, images: [] };
  const images = supported ? content.filter((p) => p.type === "image") : [];
  const text = content
    .map((p) =>
      p.type === "text"
        ? p.text
        : supported
          ? `[${p.mimeType} image, attached below]`
          : `[${p.mimeType} image omitted: this model does not accept images]`,
    )
    .join("\n");
  return { text, images };
}

export function toWireMessages(messages: Message[], compat: FullCompat): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  // Tool messages cannot carry images; collect them and attach one user message after the run of tool results.
  let pendingImages: ContentPart[] = [];
  const flushImages = () => {
    if (pendingImages.length === 0) return;
    out.push({
      role: "user",
      content: parts([{ type: "text", text: "Images returned by the tools above:" }, ...pendingImages], true),
    });
    pendingImages = [];
  };
  for (const m of messages) {
    if (m.role !== "tool") flushImages();
    switch (m.role) {
      case "system":
        out.push({ role: compat.systemRole, content: m.content } as ChatCompletionMessageParam);
        break;
      case "user":
        out.push({
          role: "user",
          content: typeof m.content === "string" ? m.content : parts(m.content, compat.supportsImages),
        });
        break;
      case "assistant": {
        const msg: ChatCompletionMessageParam & Record<string, unknown> = {
          role: "assistant",
          content: m.content || null,
        };
        // DeepSeek wants the field on a tool-call turn even when no reasoning was streamed (it 400s without it).
        if (compat.echoReasoning && (m.reasoning || m.toolCalls?.length)) {
          const field = compat.reasoningField === "none" ? "reasoning_content" : compat.reasoningField;
          msg[field] = m.reasoning ?? "";
        }
        if (m.toolCalls?.length) {
          msg.tool_calls = m.toolCalls.map((c) => ({
            id: c.id,
            type: "function" as const,
            function: { name: c.name, arguments: c.arguments || "{}" },
            ...(c.extraContent ? { extra_content: c.extraContent } : {}),
          }));
        }
        out.push(msg);
        break;
      }
      case "tool": {
        const { text, images } = toolText(m.content, compat.supportsImages);
        const msg: ChatCompletionMessageParam & Record<string, unknown> = {
          role: "tool",
          tool_call_id: m.toolCallId,
          content: text,
        };
        if (compat.toolResultName) msg.name = m.name;
        out.push(msg);
        if (compat.supportsImages) pendingImages.push(...images);
        break;
      }
    }
  }
  flushImages();
  return out;
}
