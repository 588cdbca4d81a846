// What MCP servers offer the user directly (not the model): prompts as `/mcp__<server>__<prompt>` commands and
// resources as `@server:uri` attachments. The runtime's thin methods call these; the MCP SDK is only touched
// through the session's McpHandle (loaded only when servers are configured).
import type { ContentPart } from "../agent/messages.js";
import type { McpHandle } from "../mcp/handle.js";
import { promptArguments, promptCommandName, promptHint, promptTurn } from "../mcp/prompts.js";
import { parseResourceRef, resourceText } from "../mcp/resources.js";
import { oneLine } from "../utils/one-line.js";
import { cleanText } from "../utils/terminal-text.js";
import { type FileAttachment, textAttachment } from "./attach.js";

/** A slash command or `@` completion the front-end may offer, with a cleaned one-line hint. */
export interface McpOffer {
  name: string;
  hint: string;
}

export function mcpPromptCommands(mcp: McpHandle): McpOffer[] {
  return mcp.prompts().map(({ server, prompt }) => ({
    name: promptCommandName(server, prompt.name),
    hint: promptHint(prompt),
  }));
}

/** True when `name` (a slash command without "/") has the shape of an MCP prompt command. */
export const isMcpPromptCommand = (name: string): boolean => name.startsWith("mcp__");

/** The user turn of `/<command> args`; throws a one-line error (unknown prompt, missing arguments, server error). */
export async function expandMcpPrompt(
  mcp: McpHandle,
  command: string,
  args: string,
  signal?: AbortSignal,
): Promise<string | ContentPart[]> {
  const all = mcp.prompts();
  const hit =
    all.find((p) => promptCommandName(p.server, p.prompt.name) === command) ??
    all.find((p) => promptCommandName(p.server, p.prompt.name).toLowerCase() === command.toLowerCase());
  if (!hit) throw new Error(`No MCP prompt /${command} (see /mcp for the servers and their prompts).`);
  const name = promptCommandName(hit.server, hit.prompt.name);
  const values = promptArguments(name, hit.prompt, args);
  return promptTurn(await mcp.getPrompt(hit.server, hit.prompt.name, values, signal));
}

/** `server:uri` completions of every resource, hinted with the resource's name or title. */
export function mcpResourceRefs(mcp: McpHandle): McpOffer[] {
  return mcp.resources().map(({ server, resource }) => ({
    name: `${server}:${resource.uri}`,
    hint: oneLine(cleanText(resource.title ?? resource.name ?? resource.description ?? ""), 80),
  }));
}

/** Undefined when `ref` is not `server:scheme:…`; else the resource read as an attachment (or a one-line error). */
export function readMcpResource(mcp: McpHandle, ref: string): Promise<FileAttachment> | undefined {
  const parsed = parseResourceRef(ref);
  if (!parsed) return undefined;
  return (async () => {
    if (!mcp.status().some((s) => s.name === parsed.server))
      throw new Error(`no MCP server named "${parsed.server}".`);
    return textAttachment(ref, resourceText(ref, await mcp.readResource(parsed.server, parsed.uri)));
  })();
}
