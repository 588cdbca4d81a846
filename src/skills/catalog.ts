// What skills contribute to prompts: the compact catalog for the system prompt, the activation payload (shared
// by the activate_skill tool and /<skill> invocation, wrapped in <skill_content> so compaction can recognise
// it), the read-only roots for ToolContext, and the /skills listing. Pure string building.
import type { Skill, SkillDiscovery } from "./types.js";

const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The system-prompt section listing skills (name, description, location); "" when there are none. */
export function buildSkillsCatalog(skills: readonly Skill[]): string {
  const visible = skills.filter((s) => !s.disableModelInvocation);
  if (visible.length === 0) return "";
  const lines = visible.map(
    (s) =>
      `<skill name="${escapeXml(s.name)}" location="${escapeXml(s.file)}">${escapeXml(s.description)}</skill>`,
  );
  return [
    "# Skills",
    "Skills are folders of instructions for specific tasks. When a task matches a skill's description, call " +
      "`activate_skill` with its name before starting and follow the instructions it returns. Paths in a skill " +
      "are relative to its folder; skill folders are read-only.",
    "<available_skills>",
    ...lines,
    "</available_skills>",
  ].join("\n");
}

/** Folders tools may read but never write: pass as ToolContext.readOnlyRoots. */
export function skillRoots(skills: readonly Skill[]): string[] {
  return [...new Set(skills.map((s) => s.dir))];
}

/** The activation payload: body, folder and resource listing inside one <skill_content> element. */
export function renderSkillContent(
  skill: Skill,
  resources: readonly string[],
  body: string = skill.body,
): string {
  const listing = resources.length
    ? `<skill_resources>\n${resources.join("\n")}\n</skill_resources>`
    : "<skill_resources />";
  return [
    `<skill_content name="${escapeXml(skill.name)}">`,
    body,
    "",
    `Skill folder (read-only): ${skill.dir}`,
    "Resolve relative paths in these instructions against that folder.",
    listing,
    "</skill_content>",
  ].join("\n");
}

/**
 * The user message sent for `/<skill-name> [args]`. `$ARGUMENTS` in the body is replaced by the arguments;
 * otherwise they follow the skill as the user's request.
 */
export function skillInvocationPrompt(skill: Skill, args: string, resources: readonly string[] = []): string {
  const trimmed = args.trim();
  const usesArgs = skill.body.includes("$ARGUMENTS");
  const body = usesArgs ? skill.body.replaceAll("$ARGUMENTS", trimmed) : skill.body;
  const intro = `The user invoked the skill /${skill.name}. Follow its instructions below.`;
  const request = !usesArgs && trimmed ? `\n\nUser request: ${trimmed}` : "";
  return `${intro}\n\n${renderSkillContent(skill, resources, body)}${request}`;
}

/** Plain-text report for /skills: valid skills by scope, then invalid ones with their reasons. */
export function describeSkills(found: SkillDiscovery): string {
  const lines: string[] = [];
  if (found.skills.length === 0) lines.push("No skills found.");
  for (const s of found.skills) {
    const flags = [
      s.scope,
      s.disableModelInvocation ? "user-only" : "",
      s.allowedTools.length ? `allows ${s.allowedTools.join(" ")}` : "",
    ];
    lines.push(`  /${s.name} — ${s.description.split("\n")[0]} (${flags.filter(Boolean).join(", ")})`);
  }
  for (const s of found.shadowed) lines.push(`  shadowed: ${s.name} in ${s.dir} (overridden by ${s.by})`);
  for (const s of found.invalid) lines.push(`  invalid: ${s.dir}: ${s.reason}`);
  return lines.join("\n");
}

/**
 * Recognises `/<skill-name> [args]` typed by the user. Null when the input is not a user-invocable skill
 * (built-in slash commands should be matched first by the caller).
 */
export function parseSkillCommand(
  input: string,
  skills: readonly Skill[],
): { skill: Skill; args: string } | null {
  const match = /^\/([a-z0-9-]+)(?:\s+([\s\S]*))?$/.exec(input.trim());
  if (!match) return null;
  const skill = skills.find((s) => s.name === match[1] && s.userInvocable);
  return skill ? { skill, args: match[2]?.trim() ?? "" } : null;
}
