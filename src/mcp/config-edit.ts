// Reads and edits the `mcp.servers` section of a protoagent.jsonc with jsonc-parser's modify, so the user's
// comments and formatting survive. Writes are atomic (temp file + rename) with private permissions.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyEdits, modify, type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import { type McpServerConfig, mcpServerSchema } from "../config/schema.js";

export const SERVER_NAME_RE = /^[A-Za-z0-9_-]{1,48}$/;

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: "\n" } };

function readText(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function parseJsonc(file: string, text: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const data: unknown = parse(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first)
    throw new Error(
      `${file} is not valid JSONC (${printParseErrorCode(first.error)} at offset ${first.offset}); fix it first.`,
    );
  if (data === undefined) return {};
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new Error(`${file} is not a JSON object.`);
  return data as Record<string, unknown>;
}

/** The raw `mcp.servers` entries of a config file ({} when the file or the section is missing). */
export function readConfiguredServers(file: string): Record<string, unknown> {
  const text = readText(file);
  if (text === null) return {};
  const data = parseJsonc(file, text);
  const mcp = data.mcp as { servers?: unknown } | undefined;
  const servers = mcp?.servers;
  return typeof servers === "object" && servers !== null ? (servers as Record<string, unknown>) : {};
}

function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Adds or replaces `mcp.servers.<name>`; comments elsewhere in the file are kept. */
export function addServerToConfig(
  file: string,
  name: string,
  server: McpServerConfig,
): { replaced: boolean } {
  if (!SERVER_NAME_RE.test(name))
    throw new Error(`Server name "${name}" may only use letters, digits, "_" and "-" (max 48).`);
  const checked = mcpServerSchema.parse(server);
  const text = readText(file) ?? "{\n}\n";
  const replaced = name in readServersFromText(file, text);
  const edits = modify(text, ["mcp", "servers", name], checked, FORMAT);
  writeAtomic(file, applyEdits(text, edits));
  return { replaced };
}

function readServersFromText(file: string, text: string): Record<string, unknown> {
  const servers = (parseJsonc(file, text).mcp as { servers?: Record<string, unknown> } | undefined)?.servers;
  return servers ?? {};
}

/** Removes `mcp.servers.<name>`; false when it was not there. */
export function removeServerFromConfig(file: string, name: string): boolean {
  const text = readText(file);
  if (text === null || !(name in readServersFromText(file, text))) return false;
  writeAtomic(file, applyEdits(text, modify(text, ["mcp", "servers", name], undefined, FORMAT)));
  return true;
}
