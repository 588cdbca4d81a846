// Data types of the skills area: a validated skill, an invalid one (with the reason, for /skills), and the
// result of one discovery pass. Plain data; nothing here touches the disk.

/** Where a skill was found; earlier scopes win on a name clash (project beats user beats bundled). */
export type SkillScope = "project" | "user" | "bundled";

export interface Skill {
  name: string;
  description: string;
  license?: string;
  compatibility?: string;
  metadata: Record<string, string>;
  /** Parsed `allowed-tools` entries, e.g. ["Bash(git diff:*)", "read_file"]; empty when absent. */
  allowedTools: string[];
  /** Vendor extension: hidden from the model's catalog, still invocable as /<name>. */
  disableModelInvocation: boolean;
  /** Vendor extension: false hides the skill from /<name> invocation. */
  userInvocable: boolean;
  /** Real path of the skill folder (a read-only root for tools). */
  dir: string;
  /** Absolute path of SKILL.md. */
  file: string;
  /** Markdown body after the frontmatter. */
  body: string;
  scope: SkillScope;
}

export interface InvalidSkill {
  dir: string;
  scope: SkillScope;
  /** Why it was rejected, written for the user ("name "Foo" must be lowercase letters, digits and hyphens"). */
  reason: string;
}

export interface ShadowedSkill {
  name: string;
  dir: string;
  /** Folder of the skill that won. */
  by: string;
}

export interface SkillDiscovery {
  skills: Skill[];
  invalid: InvalidSkill[];
  shadowed: ShadowedSkill[];
  /** Roots that were scanned, in priority order (missing ones included, for /skills). */
  roots: Array<{ dir: string; scope: SkillScope }>;
}
