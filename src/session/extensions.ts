// Extensions built once per session: AGENTS.md instructions, skills (catalog, read-only roots, activate_skill,
// allowed-tools while active) and MCP servers (connected in the background; their tools join the registry as
// servers become ready). Project-level MCP servers start only when the user trusts that exact file content.

import { readFileSync } from "node:fs";
import type { TemporaryAllowHandle } from "../approval/engine-types.js";
import type { LoadedConfig } from "../config/load.js";
import { type Env, userConfigDir } from "../config/paths.js";
import type { McpServerConfig } from "../config/schema.js";
import { trustedOrTrustNow, untrustedFile } from "../config/trust.js";
import { serverPart, type UntrustedSink } from "../config/untrusted.js";
import { type McpHandle, startMcp } from "../mcp/handle.js";
import { loadProjectMcpJson } from "../mcp/project-json.js";
import { mcpFailureNotice } from "../mcp/status-text.js";
import {
  loadedIn,
  McpToolSearch,
  type SchemaCounter,
  type ToolSearchConfig,
  withToolSearch,
} from "../mcp/tool-search.js";
import { createActivateSkillTool } from "../skills/activate.js";
import { buildSkillsCatalog, skillRoots } from "../skills/catalog.js";
import { discoverSkills, findBundledSkillsDir, skillSearchRoots } from "../skills/discover.js";
import type { Skill, SkillDiscovery } from "../skills/types.js";
import { version } from "../version.js";
import { loadProjectInstructions } from "./agents-md.js";
import type { SessionFeature } from "./feature.js";

export interface PromptExtensions {
  agentsMd?: string;
  skillsCatalog?: string;
  readOnlyRoots: string[];
  skills: SkillDiscovery;
  warnings: string[];
}

/** Reads AGENTS.md files and discovers skills (no side effects beyond reading files). */
export function loadPromptExtensions(cwd: string, env: Env, loaded: LoadedConfig): PromptExtensions {
  const warnings: string[] = [];
  const instructions = loadProjectInstructions({ cwd, configDir: userConfigDir(env) });
  warnings.push(...instructions.warnings);
  const skills: SkillDiscovery =
    loaded.config.skills?.enabled === false
      ? { skills: [], invalid: [], shadowed: [], roots: [] }
      : discoverSkills(
          skillSearchRoots({
            cwd,
            env,
            home: env.HOME,
            extraPaths: loaded.config.skills?.paths,
            bundledDir: findBundledSkillsDir(),
          }),
        );
  for (const bad of skills.invalid) warnings.push(`Skill ignored (${bad.dir}): ${bad.reason}`);
  return {
    agentsMd: instructions.text || undefined,
    skillsCatalog: buildSkillsCatalog(skills.skills) || undefined,
    readOnlyRoots: skillRoots(skills.skills),
    skills,
    warnings,
  };
}

export interface SessionExtensions {
  mcp: McpHandle;
  /** Marks a skill active: its allowed-tools run without asking until the current run ends. */
  activateSkill(skill: Skill): void;
}

/** Whether a project skill's allowed-tools count; `untrusted` is told when they would not. */
function projectSkillTrusted(
  skill: Skill,
  opts: { dataDir: string; trustNow: boolean },
  untrusted?: UntrustedSink,
): boolean {
  let content: string;
  try {
    content = readFileSync(skill.file, "utf8");
  } catch {
    return false;
  }
  if (trustedOrTrustNow(skill.file, content, opts.dataDir, opts.trustNow)) return true;
  const text = `skill ${skill.name}: runs ${skill.allowedTools.join(", ")} without asking`;
  untrusted?.(untrustedFile(skill.file, content, [{ kind: "skill", text }]));
  return false;
}

/** Tells `untrusted` about each project skill whose allowed-tools are ignored until its file is trusted. */
export function untrustedSkills(
  skills: SkillDiscovery,
  opts: { dataDir: string; trustNow: boolean },
  untrusted: UntrustedSink,
): void {
  for (const skill of skills.skills)
    if (skill.scope === "project" && skill.allowedTools.length) projectSkillTrusted(skill, opts, untrusted);
}

/** MCP servers from user config, plus project ones (config layer or .mcp.json) once trusted. */
export function mcpServers(
  cwd: string,
  env: Env,
  loaded: LoadedConfig,
  dataDir: string,
  trustNow: boolean,
  warnings: string[],
  untrusted?: UntrustedSink,
): Record<string, McpServerConfig> {
  const servers: Record<string, McpServerConfig> = { ...(loaded.config.mcp?.servers ?? {}) };
  const json = loadProjectMcpJson(cwd, env);
  if (!json) return servers;
  warnings.push(...json.errors.map((e) => `${json.path}: ${e}`));
  if (trustedOrTrustNow(json.path, json.content, dataDir, trustNow)) {
    for (const [name, s] of Object.entries(json.servers)) servers[name] ??= s;
  } else if (Object.keys(json.servers).length) {
    const parts = Object.entries(json.servers).map(([name, s]) => serverPart(name, s));
    untrusted?.(untrustedFile(json.path, json.content, parts));
    warnings.push(
      `Ignored ${Object.keys(json.servers).length} MCP server(s) from the untrusted ${json.path}. Review it, then trust the project (/trust, or --trust-project) to start them.`,
    );
  }
  return servers;
}

/**
 * The extensions feature: registers activate_skill, lifts a skill's allowed-tools while it is active, and starts
 * MCP (servers connect in the background; their tools join the registry as they become ready). `mcp` and
 * `activateSkill` work once a session has attached it.
 */
export function extensionsFeature(
  skills: SkillDiscovery,
  servers: Record<string, McpServerConfig>,
  trustOpts: { dataDir: string; trustNow: boolean; projectServers?: ReadonlySet<string> },
  toolSearch: { config?: ToolSearchConfig; counter: () => Promise<SchemaCounter> },
): SessionFeature & SessionExtensions {
  let attached: SessionExtensions | undefined;
  const need = () => {
    if (!attached) throw new Error("Extensions are not attached to a session.");
    return attached;
  };
  return {
    name: "extensions",
    get mcp() {
      return need().mcp;
    },
    activateSkill: (skill) => need().activateSkill(skill),
    attach(session) {
      let allows: TemporaryAllowHandle[] = [];
      const activateSkill = (skill: Skill) => {
        if (!skill.allowedTools.length) return;
        // A project's skill comes with the repository: its allowed-tools count only once the user trusted
        // that exact SKILL.md (hash-pinned), like a project's MCP servers.
        if (skill.scope === "project" && !projectSkillTrusted(skill, trustOpts)) {
          session.emit({
            type: "notice",
            level: "warn",
            message: `Skill ${skill.name}: its allowed-tools were ignored (the project's ${skill.file} is not trusted). Review it, then trust the project (/trust, or --trust-project) to let it run those without asking.`,
          });
          return;
        }
        allows.push(session.approvals.addTemporaryAllow(skill.allowedTools, `skill ${skill.name}`));
      };
      const search = new McpToolSearch({
        config: toolSearch.config,
        contextWindow: () => session.model.contextWindow,
        counter: toolSearch.counter,
        publish: (tools) => session.registry.setGroup("mcp", tools),
        loaded: loadedIn(session.messages),
      });
      const unsubscribe = session.subscribe((e) => {
        // Another model has another window: the tool-search decision is made again (the loaded set stays).
        if (e.type === "model_change") search.recheck();
        if (e.type !== "done") return;
        for (const h of allows) h.release();
        allows = [];
      });
      const activate = createActivateSkillTool(skills.skills, { onActivate: activateSkill });
      session.registry.setGroup("skills", activate ? [activate] : []);
      const started = startMcp(servers, {
        cwd: session.cwd,
        parentEnv: process.env,
        clientInfo: { name: "protoagent", version: version() },
        dataDir: trustOpts.dataDir,
        projectServers: trustOpts.projectServers,
        onToolsChanged: (tools) => search.update(tools),
        onNotice: (message) => session.emit({ type: "notice", level: "warn", message }),
        onStatus: (status) => {
          const message = mcpFailureNotice(status);
          if (message) session.emit({ type: "notice", level: "warn", message });
        },
      });
      const mcp = withToolSearch(started, search);
      session.registry.setReadiness("mcp", () => mcp.toolsReady());
      attached = { mcp, activateSkill };
      return { detach: unsubscribe };
    },
  };
}
