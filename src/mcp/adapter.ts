// Wraps one MCP tool as a protoagent Tool: the server's JSON schema is sent as-is (made an object schema), the
// description is prefixed with the server and stripped of control characters, and results are rendered by
// render.ts (isError results throw). The tool never approves itself: the executor asks the approval engine with
// its describe(), marked safe only when the user trusts the server.
import type { Tool as McpToolDef } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { firstLine } from "../tools/describe.js";
import type { Tool, ToolKind } from "../tools/tool.js";
import { cleanText } from "../utils/terminal-text.js";
import type { McpConnection } from "./connection.js";
import { renderCallResult } from "./render.js";

const MAX_DESCRIPTION = 4000;

/** The server's input schema, guaranteed to be an object schema without a top-level `$schema`. */
export function objectSchema(input: McpToolDef["inputSchema"] | undefined): Record<string, unknown> {
  const { $schema: _drop, ...schema } = (input ?? {}) as Record<string, unknown>;
  if (schema.type !== "object") return { type: "object", properties: {}, additionalProperties: true };
  return { ...schema, properties: schema.properties ?? {} };
}

export interface McpToolOptions {
  exposedName: string;
  connection: McpConnection;
  def: McpToolDef;
}

/** ACP kind from the server's annotations (hints only: a server may claim anything, so they never grant). */
function kindOf(def: McpToolDef): ToolKind {
  if (def.annotations?.readOnlyHint === true) return "read";
  return "other";
}

export function createMcpTool({ exposedName, connection, def }: McpToolOptions): Tool {
  const server = connection.name;
  const trusted = connection.config.trust === true;
  const about = cleanText(def.description ?? def.title ?? "").slice(0, MAX_DESCRIPTION);
  return {
    name: exposedName,
    description: `[MCP server "${server}", tool "${def.name}"] ${about}`.trim(),
    parameters: z.record(z.string(), z.unknown()),
    inputSchema: objectSchema(def.inputSchema),
    // A server's own read-only claim only counts when the user trusts that server.
    readOnly: trusted && def.annotations?.readOnlyHint === true,
    safe: trusted,
    mcp: { server, tool: def.name },
    describe(args) {
      // The schema is the server's, so the subject is simply the first text argument (a query, a title …).
      const text = Object.values(args ?? {}).find((v): v is string => typeof v === "string" && v !== "");
      return {
        title: `Call ${server}/${def.name}`,
        kind: kindOf(def),
        ...(text === undefined ? {} : { subject: firstLine(text, 60) }),
      };
    },
    async execute(args, ctx) {
      const input = (args ?? {}) as Record<string, unknown>;
      // Progress the server reports (notifications/progress) shows as the call's live output.
      const raw = await connection.call(def.name, input, ctx.signal, (line) => ctx.update(line));
      const rendered = renderCallResult(raw);
      if (raw.isError === true) {
        throw new Error(`${server}/${def.name} reported an error: ${rendered.text || "(no message)"}`);
      }
      const size = rendered.images
        ? `${rendered.images} image(s), ${rendered.text.length} chars`
        : `${rendered.text.length} chars`;
      return {
        content: rendered.content,
        summary: `${server}/${def.name}: ${size}`,
        details: { kind: "text", text: rendered.text },
      };
    },
  };
}
