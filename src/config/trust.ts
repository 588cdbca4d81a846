// Project trust: a repository's own `.protoagent/protoagent.jsonc` (or `.mcp.json`) is untrusted until the user
// trusts that exact content. Trust is pinned to a SHA-256 of the file and stored per absolute path in
// <dataDir>/trusted-projects.json (dir 0700, file 0600, atomic write). Any edit to the file revokes it.
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { DEFAULT_SANDBOX_MODE, type SandboxMode } from "../sandbox/types.js";
import type { ConfigLayer, ProjectFilter } from "./load.js";
import type { ConfigFile, PermissionMode } from "./schema.js";
import {
  hookParts,
  serverPart,
  type UntrustedFile,
  type UntrustedPart,
  type UntrustedSink,
} from "./untrusted.js";

const STORE = "trusted-projects.json";

interface TrustEntry {
  sha256: string;
  trustedAt: string;
}
interface TrustStore {
  version: 1;
  projects: Record<string, TrustEntry>;
}

export const trustStorePath = (dataDir: string): string => path.join(dataDir, STORE);

export function contentHash(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

function keyOf(filePath: string): string {
  const abs = path.resolve(filePath);
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

/** Reads the store; a missing, symlinked or corrupt store trusts nothing (fail closed). */
function readStore(dataDir: string): TrustStore {
  const empty: TrustStore = { version: 1, projects: {} };
  const file = trustStorePath(dataDir);
  try {
    if (!lstatSync(file).isFile()) return empty;
    const data = JSON.parse(readFileSync(file, "utf8")) as Partial<TrustStore>;
    if (data?.version !== 1 || typeof data.projects !== "object" || data.projects === null) return empty;
    return { version: 1, projects: data.projects };
  } catch {
    return empty;
  }
}

function writeStore(dataDir: string, store: TrustStore): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = trustStorePath(dataDir);
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** True when the user trusted exactly this content of this file. */
export function isTrusted(filePath: string, content: string | Uint8Array, dataDir: string): boolean {
  const entry = readStore(dataDir).projects[keyOf(filePath)];
  return entry !== undefined && entry.sha256 === contentHash(content);
}

/** Records trust in this exact content (replaces any earlier hash for the file). */
export function trust(filePath: string, content: string | Uint8Array, dataDir: string): void {
  const store = readStore(dataDir);
  store.projects[keyOf(filePath)] = { sha256: contentHash(content), trustedAt: new Date().toISOString() };
  writeStore(dataDir, store);
}

/**
 * Whether a project file may be used: the user trusted this exact content earlier, or trusts it now
 * (`--trust-project`, which records it).
 */
export function trustedOrTrustNow(
  filePath: string,
  content: string,
  dataDir: string,
  trustNow: boolean,
): boolean {
  if (trustNow) trust(filePath, content, dataDir);
  return trustNow || isTrusted(filePath, content, dataDir);
}

/** The untrusted-list entry for `content` of `filePath` (pinned to that content's hash). */
export function untrustedFile(filePath: string, content: string, parts: UntrustedPart[]): UntrustedFile {
  return { path: filePath, sha256: contentHash(content), parts };
}

/** Forgets a file's trust; returns whether there was any. */
export function untrust(filePath: string, dataDir: string): boolean {
  const store = readStore(dataDir);
  const key = keyOf(filePath);
  if (!(key in store.projects)) return false;
  delete store.projects[key];
  writeStore(dataDir, store);
  return true;
}

const MODE_RANK: Record<PermissionMode, number> = { plan: 0, default: 1, "accept-edits": 2, bypass: 3 };
/** From the strictest sandbox to none: a project may tighten the user's choice, never loosen it. */
const SANDBOX_RANK: Record<SandboxMode, number> = { "read-only": 0, "workspace-write": 1, off: 2 };

/** A skill path an untrusted project may add: relative and staying inside the project. */
const insideProject = (p: string): boolean =>
  !path.isAbsolute(p) && !p.startsWith("~") && !p.includes("$") && !p.split(/[\\/]/).includes("..");

/** Drops every string using ${VAR} interpolation: an untrusted file may not read the user's environment. */
function dropInterpolation(value: unknown, at: string, removed: string[]): unknown {
  if (typeof value === "string") return value.includes("${") ? undefined : value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((v, i) => {
      const kept = dropInterpolation(v, `${at}[${i}]`, removed);
      if (kept === undefined && v !== undefined) removed.push(`${at}[${i}]`);
      else out.push(kept);
    });
    return out;
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = at ? `${at}.${k}` : k;
      const kept = dropInterpolation(v, key, removed);
      if (kept === undefined && typeof v === "string") removed.push(key);
      else out[k] = kept;
    }
    return out;
  }
  return value;
}

/**
 * Removes what an untrusted project layer may not do: start MCP servers, run hooks, point providers at other endpoints or
 * credentials, add allow rules, loosen the permission mode (compared with `baseMode`, the user's) or the
 * sandbox (compared with `baseSandbox`), or add skill folders outside the project. Pure; `removed` lists key paths for the warning.
 */
export function stripUntrusted(
  projectLayer: ConfigFile,
  baseMode: PermissionMode = "default",
  baseSandbox: SandboxMode = DEFAULT_SANDBOX_MODE,
): { layer: ConfigFile; removed: string[] } {
  const layer = structuredClone(projectLayer);
  const removed: string[] = [];

  if (layer.mcp !== undefined) {
    const names = Object.keys(layer.mcp.servers ?? {});
    removed.push(...(names.length > 0 ? names.map((n) => `mcp.servers.${n}`) : ["mcp"]));
    delete layer.mcp;
  }

  for (const [id, provider] of Object.entries(layer.providers ?? {})) {
    if (provider.baseURL !== undefined) {
      // A new endpoint: everything else in the entry only serves it.
      delete layer.providers?.[id];
      removed.push(`providers.${id}`);
      continue;
    }
    for (const key of ["apiKey", "apiKeyEnvVar", "headers"] as const) {
      if (provider[key] !== undefined) {
        delete provider[key];
        removed.push(`providers.${id}.${key}`);
      }
    }
  }

  // Hooks run commands unsandboxed, like MCP servers: only from content the user trusted.
  if (layer.hooks !== undefined) {
    removed.push("hooks");
    delete layer.hooks;
  }

  const perms = layer.permissions;
  if (perms?.allow !== undefined) {
    if (perms.allow.length > 0) removed.push("permissions.allow");
    delete perms.allow;
  }
  if (perms?.mode !== undefined && MODE_RANK[perms.mode] > MODE_RANK[baseMode]) {
    removed.push("permissions.mode");
    delete perms.mode;
  }

  if (layer.sandbox !== undefined && SANDBOX_RANK[layer.sandbox] > SANDBOX_RANK[baseSandbox]) {
    removed.push("sandbox");
    delete layer.sandbox;
  }

  const paths = layer.skills?.paths;
  if (layer.skills && paths !== undefined) {
    const kept = paths.filter(insideProject);
    for (const p of paths) if (!insideProject(p)) removed.push(`skills.paths (${p})`);
    layer.skills.paths = kept;
  }
  return { layer: dropInterpolation(layer, "", removed) as ConfigFile, removed };
}

/**
 * The loader's project filter: trusted content passes unchanged; `trustNow` (--trust-project) records trust in the
 * current content first; otherwise the untrusted parts are removed with one warning. `user` (optional) is the
 * user layer, so a project cannot loosen the user's own permission mode.
 */
export function createProjectFilter(opts: {
  dataDir: string;
  trustNow?: boolean;
  /** Told what the untrusted layer would enable (for the trust prompt). */
  untrusted?: UntrustedSink;
}): (layer: ConfigLayer, user?: ConfigLayer) => ReturnType<ProjectFilter> {
  return (layer: ConfigLayer, user?: ConfigLayer) => {
    if (opts.trustNow) trust(layer.path, layer.raw, opts.dataDir);
    if (opts.trustNow || isTrusted(layer.path, layer.raw, opts.dataDir))
      return { config: layer.config, warnings: [] };
    const { layer: config, removed } = stripUntrusted(
      layer.config,
      user?.config.permissions?.mode ?? "default",
      user?.config.sandbox ?? DEFAULT_SANDBOX_MODE,
    );
    if (removed.length === 0) return { config, warnings: [] };
    opts.untrusted?.(untrustedFile(layer.path, layer.raw, layerParts(layer.config, removed)));
    return { config, warnings: [untrustedWarning(layer.path, removed)] };
  };
}

/** What stripUntrusted removed from a project layer, with the commands, URLs and rules in full. */
function layerParts(config: ConfigFile, removed: readonly string[]): UntrustedPart[] {
  const parts = Object.entries(config.mcp?.servers ?? {}).map(([name, s]) => serverPart(name, s));
  parts.push(...hookParts(config.hooks));
  for (const key of removed) {
    if (key === "mcp" || key === "hooks" || key.startsWith("mcp.servers.")) continue;
    const provider = /^providers\.([^.]+)$/.exec(key)?.[1];
    const text =
      key === "permissions.allow"
        ? `${key}: ${(config.permissions?.allow ?? []).join(", ")}`
        : provider !== undefined
          ? `provider ${provider}: ${config.providers?.[provider]?.baseURL ?? ""}`
          : key;
    parts.push({ kind: "setting", text });
  }
  return parts;
}

/** The warning shown when untrusted parts were ignored. */
export function untrustedWarning(filePath: string, removed: readonly string[]): string {
  return `Ignored from the untrusted project config ${filePath}: ${removed.join(", ")}. Review the file, then trust the project (/trust or the start-up prompt, or --trust-project) to use it as written.`;
}
