// Reads protoagent.jsonc layers (user, then project over it), reports every mistake as one line that names the
// file, line, column and key path, interpolates ${VAR} in strings, and merges the layers. No UI, no globals.
import { existsSync, readFileSync } from "node:fs";
import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import type { z } from "zod";
import { UserError } from "../errors.js";
import { type Env, projectConfigPath, userConfigPath } from "./paths.js";
import { type ConfigFile, configSchema } from "./schema.js";

export interface ConfigLayer {
  path: string;
  raw: string;
  config: ConfigFile;
}

export interface LoadedConfig {
  config: ConfigFile;
  user?: ConfigLayer;
  project?: ConfigLayer;
  warnings: string[];
}

/** Filters a project layer before it is merged (project trust plugs in here). */
export type ProjectFilter = (
  layer: ConfigLayer,
  user?: ConfigLayer,
) => { config: ConfigFile; warnings: string[] };

function lineCol(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}`;
}

function describeIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return { path: [...issue.path, key], message: `unknown key "${key}"` };
  }
  if (issue.code === "invalid_type") return { path: issue.path, message: `expected ${issue.expected}` };
  if (issue.code === "invalid_value") {
    return {
      path: issue.path,
      message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
    };
  }
  return { path: issue.path, message: issue.message };
}

/** Parses and validates one config text; throws UserError naming `file:line:col key.path: problem`. */
export function parseConfigText(text: string, file: string): ConfigFile {
  const errors: ParseError[] = [];
  const tree: Node | undefined = parseTree(text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
  });
  const first = errors[0];
  if (first) {
    throw new UserError(
      `${file}:${lineCol(text, first.offset)}: invalid JSONC (${printParseErrorCode(first.error)})`,
    );
  }
  if (!tree) return {};
  const result = configSchema.safeParse(nodeValue(tree));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const { path, message } = describeIssue(issue);
  const keyPath = path.map(String);
  let node = findNodeAtLocation(tree, keyPath);
  if (node?.parent?.type === "property") node = node.parent;
  for (let i = keyPath.length - 1; !node && i >= 0; i--) node = findNodeAtLocation(tree, keyPath.slice(0, i));
  const where = lineCol(text, node?.offset ?? 0);
  throw new UserError(`${file}:${where}: ${keyPath.join(".") || "(root)"}: ${message}`);
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) out[String(k.value)] = nodeValue(v);
      }
      return out;
    }
    case "array":
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** Replaces ${VAR} in every string; a missing variable becomes "" with a warning; empty headers are dropped. */
export function interpolate<T>(value: T, env: Env, warnings: string[], key = ""): T {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
      const v = env[name];
      if (v === undefined) {
        warnings.push(`Environment variable ${name} is not set (used in config${key ? ` at ${key}` : ""}).`);
        return "";
      }
      return v;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, warnings, `${key}[${i}]`)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Hook commands are shell text: `${CLAUDE_PROJECT_DIR}` is the shell's to expand when the hook runs.
      if (key === "" && k === "hooks") {
        out[k] = v;
        continue;
      }
      const child = interpolate(v, env, warnings, key ? `${key}.${k}` : k);
      if (k !== "headers" || !child || typeof child !== "object") out[k] = child;
      else out[k] = Object.fromEntries(Object.entries(child).filter(([, hv]) => hv !== ""));
    }
    return out as T;
  }
  return value;
}

const CONCAT_ARRAYS = new Set(["allow", "ask", "deny"]);

/** Deep merge, `over` wins; permission rule lists are concatenated so a project cannot drop user denies. */
export function mergeConfig<T>(base: T, over: T, key = ""): T {
  if (Array.isArray(base) && Array.isArray(over)) {
    return (CONCAT_ARRAYS.has(key) ? [...base, ...over] : over) as T;
  }
  if (base && over && typeof base === "object" && typeof over === "object" && !Array.isArray(over)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
      out[k] = k in out ? mergeConfig(out[k], v, k) : v;
    }
    return out as T;
  }
  return over === undefined ? base : over;
}

function readLayer(path: string): ConfigLayer | undefined {
  if (!existsSync(path)) return undefined;
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (err) {
    throw new UserError(`${path}: cannot read config (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return { path, raw, config: parseConfigText(raw, path) };
}

export interface LoadOptions {
  cwd: string;
  env?: Env;
  projectFilter?: ProjectFilter;
}

/** Loads user and project layers and merges them (project over user) after interpolation. */
export function loadConfig(opts: LoadOptions): LoadedConfig {
  const env = opts.env ?? process.env;
  const warnings: string[] = [];
  const user = readLayer(userConfigPath(env));
  const project = readLayer(projectConfigPath(opts.cwd));
  let projectConfig = project?.config ?? {};
  if (project && opts.projectFilter) {
    const filtered = opts.projectFilter(project, user);
    projectConfig = filtered.config;
    warnings.push(...filtered.warnings);
  }
  const merged = mergeConfig<ConfigFile>(user?.config ?? {}, projectConfig);
  const config = interpolate(merged, env, warnings);
  return { config, user, project, warnings };
}
