// The activate_skill tool: returns a skill's instructions, its folder and a bounded listing of its scripts/,
// references/ and assets/. Read-only and never asks for approval. `onActivate` lets the session apply the
// skill's allowed-tools for the rest of the run (the approval engine owns what that means).
import { readdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defineTool, type Tool } from "../tools/tool.js";
import { renderSkillContent } from "./catalog.js";
import type { Skill } from "./types.js";

export const MAX_RESOURCES = 200;
const RESOURCE_DIRS = ["scripts", "references", "assets"];

/** Relative, `/`-separated paths of the files under scripts/, references/ and assets/ (sorted, bounded). */
export function listSkillResources(dir: string, max = MAX_RESOURCES): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    if (out.length > max || depth > 6) return;
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === "node_modules" || e.name === ".git") continue;
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child, depth + 1);
      else out.push(child);
      if (out.length > max) return;
    }
  };
  for (const top of RESOURCE_DIRS) walk(top, 0);
  if (out.length > max) return [...out.slice(0, max), `… more files not listed (limit ${max})`];
  return out;
}

export interface ActivateSkillOptions {
  /** Called after a successful activation (apply allowed-tools, mark the skill active in the UI). */
  onActivate?(skill: Skill): void;
}

/** The tool, or null when no skill can be activated by the model (then register nothing). */
export function createActivateSkillTool(
  skills: readonly Skill[],
  opts: ActivateSkillOptions = {},
): Tool | null {
  const usable = skills.filter((s) => !s.disableModelInvocation);
  const names = usable.map((s) => s.name);
  const [first, ...rest] = names;
  if (first === undefined) return null;
  const parameters = z.object({ name: z.enum([first, ...rest]).describe("The skill to activate.") });
  return defineTool({
    name: "activate_skill",
    description:
      "Load a skill listed under <available_skills>: returns its instructions and the files in its folder. Call " +
      "it before a task that matches a skill's description, then follow the instructions (read its files with " +
      "read_file).",
    parameters,
    readOnly: true,
    describe: (args) => ({ title: `Activate skill ${args.name}`, kind: "read", subject: args.name }),
    async execute(args) {
      const skill = usable.find((s) => s.name === args.name);
      if (!skill) throw new Error(`Unknown skill "${args.name}". Available: ${names.join(", ")}.`);
      const resources = listSkillResources(skill.dir);
      opts.onActivate?.(skill);
      return {
        content: renderSkillContent(skill, resources),
        summary: `${skill.name}${resources.length ? ` (${resources.length} files)` : ""}`,
        details: { kind: "text", text: `Activated skill ${skill.name} from ${skill.dir}` },
      };
    },
  });
}
