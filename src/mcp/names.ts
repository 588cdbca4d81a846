// Tool naming for MCP tools: `mcp_<server>_<tool>`, restricted to the characters every provider accepts
// ([a-zA-Z0-9_-]) and to 64 characters. Pure. Names are stable for a given set of tools: a hash of the original
// server/tool pair is appended only when sanitising or truncating would otherwise make two names equal.
import { createHash } from "node:crypto";

export const MAX_TOOL_NAME = 64;

/** Replaces every character outside [a-zA-Z0-9_-] with "_". */
export function sanitizeNamePart(part: string): string {
  const clean = part.replace(/[^a-zA-Z0-9_-]/g, "_");
  return clean.length > 0 ? clean : "_";
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/** The name before collision handling: sanitised, and cut to 64 characters with a hash suffix if longer. */
export function baseToolName(server: string, tool: string): string {
  const name = `mcp_${sanitizeNamePart(server)}_${sanitizeNamePart(tool)}`;
  if (name.length <= MAX_TOOL_NAME) return name;
  return withHash(name, server, tool);
}

function withHash(name: string, server: string, tool: string): string {
  const suffix = `_${shortHash(`${server}\0${tool}`)}`;
  return name.slice(0, MAX_TOOL_NAME - suffix.length) + suffix;
}

export interface ToolIdentity {
  server: string;
  tool: string;
}

/**
 * Assigns a unique exposed name to every (server, tool) pair. Pairs whose base names collide (with each other
 * or with a `reserved` name such as a built-in tool) all get a hash suffix derived from their own identity, so
 * the result does not depend on the order servers became ready.
 */
export function assignToolNames(
  ids: readonly ToolIdentity[],
  reserved: ReadonlySet<string> = new Set(),
): string[] {
  const bases = ids.map((id) => baseToolName(id.server, id.tool));
  const counts = new Map<string, number>();
  for (const base of bases) counts.set(base, (counts.get(base) ?? 0) + 1);
  const taken = new Set<string>(reserved);
  return bases.map((base, i) => {
    const id = ids[i]!;
    let name = base;
    if ((counts.get(base) ?? 0) > 1 || reserved.has(base)) name = withHash(base, id.server, id.tool);
    // A hash suffix colliding as well is astronomically unlikely; count up rather than fail.
    for (let n = 2; taken.has(name); n++) name = withHash(base, id.server, `${id.tool}\0${n}`);
    taken.add(name);
    return name;
  });
}
