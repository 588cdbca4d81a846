// Parses and validates one SKILL.md per the Agent Skills specification: YAML frontmatter with `name` (1–64,
// lowercase letters/digits/single hyphens, equal to the folder name), `description` (1–1024), optional
// `license`, `compatibility` (≤ 500), `metadata` (string map) and `allowed-tools` (string or list). Pure.
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import type { Skill, SkillScope } from "./types.js";

export const NAME_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type ParsedSkill = { ok: true; skill: Skill } | { ok: false; reason: string };

/**
 * Parses `allowed-tools`: a YAML list, or a string separated by spaces (or commas) outside parentheses, so
 * `Bash(git diff:*) Read` gives ["Bash(git diff:*)", "Read"].
 */
export function parseAllowedTools(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  if (typeof value !== "string") return [];
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of value) {
    if (ch === "(") depth++;
    if (ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === "," || /\s/.test(ch))) {
      if (current) out.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  if (current) out.push(current);
  return out;
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * gray-matter with its engines pinned: its default engine table evaluates `---js` frontmatter as JavaScript,
 * and definitions come from repositories we do not trust, so only YAML (through the `yaml` package the rest of
 * the project uses) and JSON are accepted. Passing options also keeps gray-matter from caching by content and
 * handing back shared objects.
 */
const MATTER_OPTIONS = {
  engines: {
    yaml: (text: string) => parseYaml(text) as object,
    javascript: () => {
      throw new Error("JavaScript frontmatter is not accepted");
    },
  },
};

/**
 * Splits and parses the YAML frontmatter of a Markdown definition (SKILL.md, an agent file) into a mapping and
 * the body; the reason says what is wrong when it cannot.
 */
export function readFrontmatter(
  text: string,
): { ok: true; fm: Record<string, unknown>; body: string } | { ok: false; reason: string } {
  const src = text.replace(/^\ufeff/, "").replace(/\r\n/g, "\n");
  if (!/^---[^\S\n]*\n/.test(src) || !src.includes("\n---", 3)) {
    return { ok: false, reason: "must start with YAML frontmatter between --- lines" };
  }
  let parsed: { data: unknown; content: string };
  try {
    parsed = matter(src, MATTER_OPTIONS);
  } catch (error) {
    return { ok: false, reason: `frontmatter is not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
  if (!isMap(parsed.data)) return { ok: false, reason: "frontmatter must be a YAML mapping" };
  return { ok: true, fm: parsed.data, body: parsed.content };
}

function optionalString(fm: Record<string, unknown>, key: string, max?: number): string | undefined | Error {
  const value = fm[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !value.trim()) return new Error(`"${key}" must be a non-empty string`);
  if (max && value.length > max)
    return new Error(`"${key}" is ${value.length} characters; the limit is ${max}`);
  return value.trim();
}

/** Validates the text of `<dir>/SKILL.md`; `folderName` is the basename of the folder that holds it. */
export function parseSkill(
  text: string,
  where: { dir: string; file: string; folderName: string; scope: SkillScope },
): ParsedSkill {
  const read = readFrontmatter(text);
  if (!read.ok) return { ok: false, reason: `SKILL.md ${read.reason}` };
  const { fm, body } = read;
  const name = typeof fm.name === "string" ? fm.name.trim() : "";
  if (!name) return { ok: false, reason: 'missing "name"' };
  if (name.length > 64) return { ok: false, reason: `name is ${name.length} characters; the limit is 64` };
  if (!NAME_RE.test(name)) {
    return {
      ok: false,
      reason: `name "${name}" must be lowercase letters, digits and single hyphens (no leading/trailing hyphen)`,
    };
  }
  if (name !== where.folderName) {
    return { ok: false, reason: `name "${name}" does not match its folder name "${where.folderName}"` };
  }
  const description = typeof fm.description === "string" ? fm.description.trim() : "";
  if (!description) return { ok: false, reason: 'missing "description"' };
  if (description.length > 1024) {
    return { ok: false, reason: `description is ${description.length} characters; the limit is 1024` };
  }
  const license = optionalString(fm, "license");
  const compatibility = optionalString(fm, "compatibility", 500);
  for (const v of [license, compatibility]) if (v instanceof Error) return { ok: false, reason: v.message };
  const rawMeta = fm.metadata ?? {};
  if (!isMap(rawMeta)) return { ok: false, reason: '"metadata" must be a mapping of strings' };
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawMeta)) {
    if (isMap(v) || Array.isArray(v)) return { ok: false, reason: `metadata "${k}" must be a string` };
    metadata[k] = String(v);
  }
  const allowed = fm["allowed-tools"];
  if (allowed !== undefined && allowed !== null && typeof allowed !== "string" && !Array.isArray(allowed)) {
    return { ok: false, reason: '"allowed-tools" must be a space-separated string or a list' };
  }
  return {
    ok: true,
    skill: {
      name,
      description,
      license: license as string | undefined,
      compatibility: compatibility as string | undefined,
      metadata,
      allowedTools: parseAllowedTools(allowed),
      disableModelInvocation: fm["disable-model-invocation"] === true,
      userInvocable: fm["user-invocable"] !== false,
      dir: where.dir,
      file: where.file,
      body: body.trim(),
      scope: where.scope,
    },
  };
}
