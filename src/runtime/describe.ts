// The runtime's text answers for /mcp, /skills, /agents, /sessions, /permissions and /audit, and the prompt of
// `/<skill>`.
// Moved out of the TUI entry so every front-end (TUI, ACP commands) gets the same words.

import { formatMcpStatus } from "../mcp/status-text.js";
import { sandboxLabel } from "../sandbox/types.js";
import { describeAgents } from "../session/agents/describe.js";
import { listSkillResources } from "../skills/activate.js";
import { describeSkills, parseSkillCommand, skillInvocationPrompt } from "../skills/catalog.js";
import { formatAuditTable } from "../store/audit-view.js";
import type { Assembly } from "./assemble.js";

export type DescribeArea = "sessions" | "mcp" | "skills" | "permissions" | "agents" | "audit";

export function describeArea(a: Assembly, area: DescribeArea): string {
  switch (area) {
    case "mcp":
      return [formatMcpStatus(a.mcp.status()), ...(a.mcp.notes?.() ?? [])].join("\n");
    case "skills":
      return describeSkills(a.skills);
    case "agents":
      return describeAgents(a.agents);
    case "sessions":
      return describeSavedSessions(a);
    case "permissions":
      return describePermissions(a);
    case "audit":
      // Read back from the log: what was written (redacted), earlier runs of a resumed session included.
      return formatAuditTable(
        a.sessionLog.store.load(a.session.id, { transcript: false }).state.audit,
      ).trimEnd();
  }
}

/** /sessions: the saved sessions of this folder, newest first, numbered for `/sessions <n>`. */
function describeSavedSessions(a: Assembly): string {
  const current = a.session;
  const list = a.sessionLog.store.list({ cwd: current.cwd }).slice(0, 20);
  if (list.length === 0) return "No saved sessions in this folder.";
  const rows = list.map(
    (s, i) =>
      `${String(i + 1).padStart(2)}${s.id === current.id ? "*" : " "} ${s.id.slice(0, 8)}  ${s.updated.slice(0, 16).replace("T", " ")}  ${String(s.turns).padStart(3)} turns  $${s.costUsd.toFixed(4)}  ${s.title}`,
  );
  return `${rows.join("\n")}\n/sessions <n> or /sessions <id> switches (* is this one); protoagent --session <id> resumes later.`;
}

function describePermissions(a: Assembly): string {
  const p = a.session.approvals.listRules();
  const rules = (k: "allow" | "ask" | "deny") => `${k}: ${p[k].join(", ") || "(none)"}`;
  const grants = a.session.approvals.grants().map((g) => `  ${g.label}`);
  return [
    rules("allow"),
    rules("ask"),
    rules("deny"),
    `approved for this session:${grants.length ? `\n${grants.join("\n")}` : " (none)"}`,
    `sandbox: ${sandboxLabel(a.session.sandbox)}`,
  ].join("\n");
}

/** `/<skill-name> [args]`: activates the skill and returns the prompt that runs it. */
export function skillPromptFor(a: Assembly, name: string, args: string): string | undefined {
  const hit = parseSkillCommand(`/${name} ${args}`, a.skills.skills);
  if (!hit) return undefined;
  a.activateSkill(hit.skill);
  return skillInvocationPrompt(hit.skill, hit.args, listSkillResources(hit.skill.dir));
}
