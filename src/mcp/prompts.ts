// MCP prompts as slash commands: `/mcp__<server>__<prompt> args`. Listing (paginated), the command name, the
// arguments (positional in the prompt's declared order, or key=value; missing required ones are one error
// naming them) and the user turn made of the prompt's messages. Everything a server returns is untrusted text:
// it becomes the user's prompt to the model, never an instruction to us, and descriptions are cleaned first.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { GetPromptResult, Prompt } from "@modelcontextprotocol/sdk/types.js";
import type { ContentPart } from "../agent/messages.js";
import { oneLine } from "../utils/one-line.js";
import { cleanText } from "../utils/terminal-text.js";
import { sanitizeNamePart } from "./names.js";
import { allPages } from "./resources.js";

export function listPrompts(client: Client, opts: RequestOptions): Promise<Prompt[]> {
  return allPages(opts, async (cursor, o) => {
    const r = await client.listPrompts(cursor ? { cursor } : {}, o);
    return { items: r.prompts, nextCursor: r.nextCursor };
  });
}

/** The slash command (without "/") of one server's prompt: `mcp__<server>__<prompt>`, whitespace-free. */
export function promptCommandName(server: string, prompt: string): string {
  return `mcp__${sanitizeNamePart(server)}__${sanitizeNamePart(prompt)}`;
}

/** One line for completion and /help: the description (or title), cleaned and clipped, plus the arguments. */
export function promptHint(p: Prompt): string {
  const args = (p.arguments ?? []).map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`)).join(" ");
  const about = oneLine(cleanText(p.description ?? p.title ?? ""), 100);
  return [args, about].filter(Boolean).join(" — ") || "MCP prompt";
}

/** Words of the argument text; "double" or 'single' quotes keep spaces inside one word (also after `key=`). */
function words(text: string): string[] {
  return [...text.matchAll(/([^\s="']+=)?(?:"([^"]*)"|'([^']*)'|(\S+))/g)].map(
    (m) => (m[1] ?? "") + (m[2] ?? m[3] ?? m[4] ?? ""),
  );
}

/**
 * The prompt's arguments from the typed text: `key=value` for a declared name, otherwise positional in the
 * declared order (extra words join the last declared argument, so a one-argument prompt takes the whole text).
 * Throws a one-line error naming every missing required argument.
 */
export function promptArguments(command: string, p: Prompt, text: string): Record<string, string> {
  const declared = p.arguments ?? [];
  const names = new Set(declared.map((a) => a.name));
  const out: Record<string, string> = {};
  const positional: string[] = [];
  for (const w of words(text)) {
    const eq = w.indexOf("=");
    const key = eq > 0 ? w.slice(0, eq) : "";
    if (names.has(key)) out[key] = w.slice(eq + 1);
    else positional.push(w);
  }
  const open = declared.filter((a) => !(a.name in out));
  open.forEach((a, i) => {
    if (i >= positional.length) return;
    out[a.name] = i === open.length - 1 ? positional.slice(i).join(" ") : positional[i]!;
  });
  if (positional.length > 0 && open.length === 0)
    throw new Error(`/${command} takes no more arguments (got "${oneLine(positional.join(" "), 40)}").`);
  const missing = declared.filter((a) => a.required && !(a.name in out)).map((a) => a.name);
  if (missing.length)
    throw new Error(
      `/${command}: missing required argument${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`,
    );
  return out;
}

type Block = GetPromptResult["messages"][number]["content"];

/** One content block as parts of our user message; what we cannot carry becomes a bracketed note. */
function blockParts(b: Block): ContentPart[] {
  switch (b.type) {
    case "text":
      return [{ type: "text", text: b.text }];
    case "image":
      return [{ type: "image", mimeType: b.mimeType, data: b.data }];
    case "resource": {
      const r = b.resource;
      if ("text" in r && typeof r.text === "string")
        return [{ type: "text", text: `<resource uri="${r.uri}">\n${r.text}\n</resource>` }];
      return [
        { type: "text", text: `[binary resource ${r.uri} (${r.mimeType ?? "unknown type"}) not included]` },
      ];
    }
    case "resource_link":
      return [{ type: "text", text: `[resource link: ${b.uri}]` }];
    default:
      return [{ type: "text", text: `[${b.type} content not supported; not included]` }];
  }
}

/**
 * The user turn made of a prompt's messages: a single user message is sent as it is; several are labelled with
 * their role so the model sees the conversation the prompt describes. Text only → one string.
 */
export function promptTurn(result: GetPromptResult): string | ContentPart[] {
  const labelled = result.messages.length > 1 || result.messages.some((m) => m.role !== "user");
  const parts: ContentPart[] = [];
  for (const m of result.messages) {
    if (labelled) parts.push({ type: "text", text: `[${m.role}]` });
    parts.push(...blockParts(m.content));
  }
  if (parts.length === 0) throw new Error("The MCP prompt returned no messages.");
  if (parts.every((p) => p.type === "text"))
    return parts.map((p) => (p as { text: string }).text).join("\n\n");
  return parts;
}
