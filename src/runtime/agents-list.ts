// `protoagent agents`: the /agents listing without starting a session or a model. Loads config and agent
// definitions exactly as a session would (project config filtered by trust, project agent files only once
// trusted), but never records trust: listing is read-only.
import { loadConfig } from "../config/load.js";
import { dataDir, type Env } from "../config/paths.js";
import { createProjectFilter } from "../config/trust.js";
import { describeAgents } from "../session/agents/describe.js";
import { loadAgents } from "../session/agents/load.js";
import { builtinTools } from "../tools/builtin.js";
import { realCwd } from "./assemble.js";

export function listAgentsText(opts: { cwd: string; env: Env }): string {
  const cwd = realCwd(opts.cwd);
  const data = dataDir(opts.env);
  const loaded = loadConfig({ cwd, env: opts.env, projectFilter: createProjectFilter({ dataDir: data }) });
  const found = loadAgents({
    cwd,
    env: opts.env,
    loaded,
    dataDir: data,
    trustNow: false,
    toolNames: [...builtinTools().map((t) => t.name), "activate_skill"],
  });
  return describeAgents(found);
}
