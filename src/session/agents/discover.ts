// Finds agent definitions once per session: `*.md` files (flat, no subfolders) in the project's
// .protoagent/agents and .claude/agents, the user's config agents folder and ~/.claude/agents, then the
// agents bundled with protoagent. The first definition of a name wins (project over user, .protoagent over
// .claude, bundled last); the others are reported as shadowed. A project file is read only once the user has
// trusted that exact content. Invalid files are reported with the reason, never dropped silently.
import { readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Env, userConfigDir } from "../../config/paths.js";
import { parseAgent } from "./parse.js";
import type { AgentDefinition, AgentDiscovery, AgentSource, InvalidAgent, ShadowedAgent } from "./types.js";

/** Larger files are refused: the body goes into every request the agent makes. */
const MAX_FILE_BYTES = 64 * 1024;

export interface AgentRoot {
  dir: string;
  source: AgentSource;
}

const PROJECT_SOURCES: ReadonlySet<AgentSource> = new Set(["project", "claude-project"]);

/** The folders scanned, highest priority first. `bundledDir` null leaves the bundled agents out. */
export function agentSearchRoots(opts: { cwd: string; env: Env; bundledDir: string | null }): AgentRoot[] {
  const home = opts.env.HOME || os.homedir();
  const roots: AgentRoot[] = [
    { dir: path.join(opts.cwd, ".protoagent", "agents"), source: "project" },
    { dir: path.join(opts.cwd, ".claude", "agents"), source: "claude-project" },
    { dir: path.join(userConfigDir(opts.env), "agents"), source: "user" },
    { dir: path.join(home, ".claude", "agents"), source: "claude-user" },
  ];
  if (opts.bundledDir) roots.push({ dir: opts.bundledDir, source: "bundled" });
  return roots;
}

function mdFiles(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith(".md") && !f.startsWith("."))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/**
 * Scans the roots in order; `trusted(file, content)` decides whether a project file may be used (it is never
 * asked about user or bundled files). Reads only; the caller records trust.
 */
export function discoverAgents(
  roots: readonly AgentRoot[],
  trusted: (file: string, content: string) => boolean,
): AgentDiscovery {
  const byName = new Map<string, AgentDefinition>();
  const invalid: InvalidAgent[] = [];
  const shadowed: ShadowedAgent[] = [];
  const untrusted: string[] = [];
  for (const root of roots) {
    const inThisRoot = new Map<string, string>();
    for (const file of mdFiles(root.dir)) {
      const bad = (reason: string) => invalid.push({ file, source: root.source, reason });
      let text: string;
      try {
        const st = statSync(file);
        if (!st.isFile()) continue;
        if (st.size > MAX_FILE_BYTES) {
          bad(`larger than ${MAX_FILE_BYTES / 1024} KB`);
          continue;
        }
        text = readFileSync(file, "utf8");
      } catch (error) {
        bad(`cannot read it: ${(error as Error).message}`);
        continue;
      }
      if (PROJECT_SOURCES.has(root.source) && !trusted(file, text)) {
        untrusted.push(file);
        continue;
      }
      const parsed = parseAgent(text, { file, source: root.source });
      if (!parsed.ok) {
        bad(parsed.reason);
        continue;
      }
      const { name } = parsed.agent;
      const twin = inThisRoot.get(name);
      if (twin) {
        bad(`duplicate name "${name}" (also defined in ${twin})`);
        continue;
      }
      inThisRoot.set(name, file);
      const winner = byName.get(name);
      if (winner) shadowed.push({ name, file, by: winner.file });
      else byName.set(name, parsed.agent);
    }
  }
  return { agents: [...byName.values()], invalid, shadowed, untrusted, roots: roots.map((r) => ({ ...r })) };
}
