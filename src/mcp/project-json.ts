// Reads the ecosystem's project-level `.mcp.json` (`{"mcpServers": {...}}`, as Claude Code, Cursor and others
// write it) and converts it to protoagent's server config. It only reads: project servers are untrusted and
// start only after the user trusts this exact file content (the caller hashes `content` for that).
import { readFileSync } from "node:fs";
import path from "node:path";
import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import { type McpServerConfig, mcpServerSchema } from "../config/schema.js";

export interface ProjectMcpJson {
  path: string;
  /** The raw file text; hash it to pin the user's trust decision. */
  content: string;
  servers: Record<string, McpServerConfig>;
  /** Entries that could not be converted, with the reason ("github: needs command or url"). */
  errors: string[];
}

type Env = Record<string, string | undefined>;

/** Expands `${VAR}` and `${VAR:-default}` as Claude Code does; unknown variables become "" (or the default). */
export function expandVars(text: string, env: Env): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (_m, name: string, fallback?: string) => {
      const value = env[name];
      return value !== undefined && value !== "" ? value : (fallback ?? "");
    },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Converts one `mcpServers` entry. Throws with a short reason when the entry cannot be used. */
export function convertMcpJsonEntry(entry: unknown, env: Env): McpServerConfig {
  if (!isObject(entry)) throw new Error("entry is not an object");
  const str = (v: unknown) => (typeof v === "string" ? expandVars(v, env) : undefined);
  const map = (v: unknown) =>
    isObject(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandVars(String(x), env)]))
      : undefined;
  const rawType = typeof entry.type === "string" ? entry.type : undefined;
  // Some writers use "streamable-http"/"streamableHttp"; Gemini CLI spells Streamable HTTP as `httpUrl`.
  const type =
    rawType === "stdio" || rawType === "sse"
      ? rawType
      : rawType && /^(http|streamable-?http)$/i.test(rawType)
        ? "http"
        : undefined;
  if (rawType && !type) throw new Error(`unsupported type "${rawType}"`);
  const url = str(entry.url) ?? str(entry.httpUrl);
  const candidate = {
    type: type ?? (entry.httpUrl ? "http" : undefined),
    command: str(entry.command),
    args: Array.isArray(entry.args) ? entry.args.map((a) => expandVars(String(a), env)) : undefined,
    env: map(entry.env),
    cwd: str(entry.cwd),
    url,
    headers: map(entry.headers),
    enabled: typeof entry.disabled === "boolean" ? !entry.disabled : undefined,
    timeoutMs: typeof entry.timeout === "number" ? entry.timeout : undefined,
  };
  const clean = Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined));
  const parsed = mcpServerSchema.safeParse(clean);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  if (!parsed.data.command && !parsed.data.url) throw new Error('needs "command" or "url"');
  return parsed.data;
}

/** Loads `<cwd>/.mcp.json`; null when the file does not exist. */
export function loadProjectMcpJson(cwd: string, env: Env = process.env): ProjectMcpJson | null {
  const file = path.join(cwd, ".mcp.json");
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const parseErrors: ParseError[] = [];
  const data: unknown = parse(content, parseErrors, { allowTrailingComma: true });
  const result: ProjectMcpJson = { path: file, content, servers: {}, errors: [] };
  if (parseErrors.length > 0 || !isObject(data)) {
    const first = parseErrors[0];
    result.errors.push(
      first
        ? `${file}: ${printParseErrorCode(first.error)} at offset ${first.offset}`
        : `${file}: not a JSON object`,
    );
    return result;
  }
  const servers = data.mcpServers;
  if (!isObject(servers)) return result;
  for (const [name, entry] of Object.entries(servers)) {
    try {
      result.servers[name] = convertMcpJsonEntry(entry, env);
    } catch (error) {
      result.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}
