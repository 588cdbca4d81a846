// Turns an MCP tools/call result into what the model sees. Pure. Text blocks are joined; images become image
// parts (the provider forwards them to models that accept images and describes them otherwise); embedded
// resources, resource links and structuredContent are rendered as text; audio and binary blobs are described.
// A result flagged isError is reported by throwing, so the executor turns it into an error result.
import type { ContentBlock } from "@modelcontextprotocol/sdk/types.js";
import type { ContentPart } from "../agent/messages.js";

/** Cap on the text of one result; larger output is cut with a note (images are not counted). */
export const MAX_RESULT_CHARS = 100_000;

export interface RenderedResult {
  content: string | ContentPart[];
  /** Plain text of the result (images as placeholders), for the UI and error messages. */
  text: string;
  images: number;
}

/** The result fields we read; loose because servers in the wild send older or partial shapes. */
export interface RawCallResult {
  content?: unknown;
  structuredContent?: unknown;
  isError?: unknown;
  toolResult?: unknown;
}

const base64Bytes = (data: string): number => Math.floor((data.length * 3) / 4);

function renderBlock(block: ContentBlock): ContentPart {
  switch (block.type) {
    case "text":
      return { type: "text", text: block.text };
    case "image":
      return { type: "image", mimeType: block.mimeType, data: block.data };
    case "audio":
      return { type: "text", text: `[audio ${block.mimeType}, ${base64Bytes(block.data)} bytes, not shown]` };
    case "resource_link": {
      const about = block.description ? ` — ${block.description}` : "";
      const mime = block.mimeType ? ` (${block.mimeType})` : "";
      return { type: "text", text: `[resource link: ${block.name} ${block.uri}${mime}]${about}` };
    }
    case "resource": {
      const r = block.resource;
      const mime = r.mimeType ?? "unknown type";
      if ("text" in r && typeof r.text === "string") {
        return { type: "text", text: `<resource uri="${r.uri}" mimeType="${mime}">\n${r.text}\n</resource>` };
      }
      const blob = "blob" in r && typeof r.blob === "string" ? r.blob : "";
      if (r.mimeType?.startsWith("image/")) return { type: "image", mimeType: r.mimeType, data: blob };
      return {
        type: "text",
        text: `[binary resource ${r.uri} (${mime}), ${base64Bytes(blob)} bytes, not shown]`,
      };
    }
    default:
      return { type: "text", text: JSON.stringify(block) };
  }
}

/** JSON with object keys sorted, so the same value serialised by another program compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * True when some text block already carries the structured content (the spec asks servers to do this), in
 * whatever layout or key order: the model then gets that one copy, not the JSON twice.
 */
function textRepeatsStructured(parts: ContentPart[], structured: unknown): boolean {
  const wanted = canonical(structured);
  return parts.some((p) => {
    if (p.type !== "text" || !/^\s*[[{]/.test(p.text)) return false;
    try {
      return canonical(JSON.parse(p.text)) === wanted;
    } catch {
      return false;
    }
  });
}

function capText(parts: ContentPart[]): ContentPart[] {
  let budget = MAX_RESULT_CHARS;
  const out: ContentPart[] = [];
  for (const part of parts) {
    if (part.type !== "text") {
      out.push(part);
      continue;
    }
    if (budget <= 0) continue;
    if (part.text.length > budget) {
      const omitted = part.text.length - budget;
      out.push({
        type: "text",
        text: `${part.text.slice(0, budget)}\n[… ${omitted} characters cut by protoagent]`,
      });
      budget = 0;
    } else {
      out.push(part);
      budget -= part.text.length;
    }
  }
  return out;
}

export function renderCallResult(result: RawCallResult): RenderedResult {
  let parts: ContentPart[] = [];
  if (Array.isArray(result.content)) {
    parts = (result.content as ContentBlock[]).map(renderBlock);
  } else if (result.toolResult !== undefined) {
    parts = [{ type: "text", text: JSON.stringify(result.toolResult, null, 2) }];
  }
  const structured = result.structuredContent;
  if (structured !== undefined && structured !== null && !textRepeatsStructured(parts, structured)) {
    parts.push({ type: "text", text: `Structured content:\n${JSON.stringify(structured, null, 2)}` });
  }
  parts = capText(parts);
  const images = parts.filter((p) => p.type === "image").length;
  const text = parts.map((p) => (p.type === "text" ? p.text : `[image ${p.mimeType}]`)).join("\n");
  if (images === 0) return { content: text, text, images };
  return { content: parts, text, images };
}
