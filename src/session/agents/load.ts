// Makes discovered agent definitions ready to run, once per session: resolves each `model` through the same
// resolution the session's own model uses (an unknown model or a missing key makes the definition invalid, with
// the file and reason), maps Claude Code tool names to ours and reports allowlist entries that name no tool.
// Project definitions count only once trusted (hash-pinned per file, like a project's MCP servers).

import path from "node:path";
import { canonicalToolName, isGlob } from "../../approval/index.js";
import type { LoadedConfig } from "../../config/load.js";
import type { Env } from "../../config/paths.js";
import { resolveModel } from "../../config/resolve.js";
import { trustedOrTrustNow, untrustedFile } from "../../config/trust.js";
import type { UntrustedSink } from "../../config/untrusted.js";
import { errorMessage } from "../../errors.js";
import { baseToolName, sanitizeNamePart } from "../../mcp/names.js";
import { findBundledDir } from "../../skills/discover.js";
import { cleanText } from "../../utils/terminal-text.js";
import { agentSearchRoots, discoverAgents } from "./discover.js";
import type { AgentDefinition, AgentDiscovery, LoadedAgent, LoadedAgents } from "./types.js";

/** Claude Code's model aliases: they name Anthropic models, so they mean the parent's unless mapped in config. */
const CLAUDE_ALIASES = new Set(["sonnet", "opus", "haiku"]);

export interface AgentLoadOptions {
  cwd: string;
  env: Env;
  loaded: LoadedConfig;
  dataDir: string;
  /** `--trust-project`: project definitions are trusted (and recorded) now. */
  trustNow: boolean;
  /** Told about each untrusted project agent file (for the trust prompt). */
  untrusted?: UntrustedSink;
  /** Tools the session has at load (built-ins, activate_skill); MCP tools (`mcp_*`) arrive later. */
  toolNames: readonly string[];
  /** The bundled agents folder; defaults to the package's `agents/`. */
  bundledDir?: string | null;
}

/** Claude Code's MCP names (`mcp__server__tool`, `mcp__server` for all its tools) in our `mcp_server_tool` form. */
function mcpName(entry: string): string | undefined {
  const m = /^mcp__(.+?)(?:__(.+))?$/.exec(entry);
  if (!m?.[1]) return undefined;
  return m[2] ? baseToolName(m[1], m[2]) : `mcp_${sanitizeNamePart(m[1])}_*`;
}

type Ready = { ok: true; agent: LoadedAgent } | { ok: false; reason: string };

function prepare(def: AgentDefinition, opts: AgentLoadOptions): Ready {
  const notes: string[] = [];
  let resolvedModel: LoadedAgent["resolvedModel"];
  let modelNote: string | undefined;
  const aliases = opts.loaded.config.agents?.modelAliases ?? {};
  const written = def.model && def.model !== "inherit" ? def.model : undefined;
  const ref = written ? (aliases[written] ?? written) : undefined;
  if (ref && !ref.includes("/") && CLAUDE_ALIASES.has(ref)) {
    modelNote = `"${ref}" is a Claude Code alias: the session's model is used (map it in agents.modelAliases)`;
  } else if (ref) {
    if (!ref.includes("/"))
      return { ok: false, reason: `model "${ref}" is not inherit, provider/model or sonnet/opus/haiku` };
    try {
      resolvedModel = resolveModel(opts.loaded.config, ref, opts.env);
    } catch (error) {
      return { ok: false, reason: `model "${ref}": ${errorMessage(error)}` };
    }
  }
  let allow: string[] | undefined;
  if (def.tools) {
    allow = [];
    for (const entry of def.tools) {
      const name = mcpName(entry) ?? canonicalToolName(entry);
      if (name.includes("(")) notes.push(`tool "${entry}" left out: an agent's tools take no specifiers`);
      else if (name === "sub_agent") notes.push("sub_agent left out: sub-agents do not nest");
      else if (isGlob(name) || name.startsWith("mcp_") || opts.toolNames.includes(name)) allow.push(name);
      else notes.push(`unknown tool "${entry}" left out`);
    }
  }
  return { ok: true, agent: { ...def, resolvedModel, modelNote, allow, notes } };
}

/** Discovers and prepares the agents; `warnings` are for the start-up notice (file and reason each). */
export function loadAgents(opts: AgentLoadOptions): LoadedAgents & { warnings: string[] } {
  if (opts.loaded.config.agents?.enabled === false) {
    const none: AgentDiscovery = { agents: [], invalid: [], shadowed: [], untrusted: [], roots: [] };
    return { agents: [], discovery: none, warnings: [] };
  }
  const roots = agentSearchRoots({
    cwd: opts.cwd,
    env: opts.env,
    bundledDir: opts.bundledDir === undefined ? findBundledDir("agents") : opts.bundledDir,
  });
  const discovery = discoverAgents(roots, (file, content) => {
    if (trustedOrTrustNow(file, content, opts.dataDir, opts.trustNow)) return true;
    const text = `agent definition ${path.basename(file, ".md")}`;
    opts.untrusted?.(untrustedFile(file, content, [{ kind: "agent", text }]));
    return false;
  });
  const agents: LoadedAgent[] = [];
  for (const def of discovery.agents) {
    const ready = prepare(def, opts);
    if (ready.ok) agents.push(ready.agent);
    else discovery.invalid.push({ file: def.file, source: def.source, reason: ready.reason });
  }
  discovery.agents = agents;
  const warnings = discovery.invalid.map((bad) => `Agent definition ignored (${bad.file}): ${bad.reason}`);
  for (const a of agents) {
    if (a.notes.length) warnings.push(`Agent ${a.name} (${a.file}): ${a.notes.join("; ")}`);
  }
  if (discovery.untrusted.length) {
    warnings.push(
      `Ignored ${discovery.untrusted.length} project agent definition(s) in untrusted files (${discovery.untrusted.join(", ")}). Review them, then trust the project (/trust, or --trust-project) to use them.`,
    );
  }
  // Names and YAML errors come from files: no control characters on the way to a terminal or a log.
  return { agents, discovery, warnings: warnings.map(cleanText) };
}
