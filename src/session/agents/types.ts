// Data types of specialist agents (named sub-agents defined in Markdown): a validated definition, an invalid
// one (file and reason, for notices and /agents), one discovery pass, and a definition made ready to run
// (model resolved, tool allowlist checked). Plain data; nothing here touches the disk.
import type { ResolvedModel } from "../../config/resolve.js";

/** Where a definition was found; earlier sources win on a name clash. */
export type AgentSource = "project" | "claude-project" | "user" | "claude-user" | "bundled";

export interface AgentDefinition {
  name: string;
  /** One line for the model (in sub_agent's description) and for /agents. */
  description: string;
  /** Allowlist as written (aliases like `Read` not yet mapped); undefined: every tool the parent has. */
  tools?: string[];
  /** As written: undefined or "inherit" (the parent's model), a `provider/model` ref, or a Claude alias. */
  model?: string;
  maxIterations: number;
  /** The Markdown body: the agent's instructions. */
  instructions: string;
  source: AgentSource;
  /** Absolute path of the definition file. */
  file: string;
}

export interface InvalidAgent {
  file: string;
  source: AgentSource;
  /** Written for the user: `missing "description"`, `"tools" must be a list or a comma-separated string`. */
  reason: string;
}

export interface ShadowedAgent {
  name: string;
  file: string;
  /** File of the definition that won. */
  by: string;
}

export interface AgentDiscovery {
  agents: AgentDefinition[];
  invalid: InvalidAgent[];
  shadowed: ShadowedAgent[];
  /** Project files skipped because the user has not trusted that exact content. */
  untrusted: string[];
  /** Folders scanned, in priority order (missing ones included, for /agents). */
  roots: Array<{ dir: string; source: AgentSource }>;
}

/** A definition ready for the runner: its model resolved, its allowlist mapped to our tool names. */
export interface LoadedAgent extends AgentDefinition {
  /** Undefined: the parent's model (at the time of the call; /model switches count). */
  resolvedModel?: ResolvedModel;
  /** Tool names and globs (`mcp_github_*`) after alias mapping; undefined: all of the parent's tools. */
  allow?: string[];
  /** Why the model is the parent's although one was written (a Claude alias nobody mapped). */
  modelNote?: string;
  /** Allowlist entries left out at load (unknown names, specifiers, sub_agent); warned at start. */
  notes: string[];
}

export interface LoadedAgents {
  agents: LoadedAgent[];
  discovery: AgentDiscovery;
}
