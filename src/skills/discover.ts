// Finds skills once per session: project folders, then user folders, then the skills bundled with protoagent.
// The first skill of a name wins; the others are reported as shadowed. Invalid skills are reported with the
// reason instead of being dropped silently. Symlinked skill folders are followed and recorded by real path.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseSkill } from "./parse.js";
import type { InvalidSkill, ShadowedSkill, Skill, SkillDiscovery, SkillScope } from "./types.js";

export interface SkillRoot {
  dir: string;
  scope: SkillScope;
}

export interface SkillRootOptions {
  cwd: string;
  /** Defaults to os.homedir(). */
  home?: string;
  /** Source of XDG_CONFIG_HOME; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Extra folders from config `skills.paths` (user-level; relative paths resolve against cwd). */
  extraPaths?: readonly string[];
  /** The bundled `skills/` folder (see findBundledSkillsDir); null to leave bundled skills out. */
  bundledDir?: string | null;
}

/** The folders scanned, highest priority first. */
export function skillSearchRoots(opts: SkillRootOptions): SkillRoot[] {
  const home = opts.home ?? os.homedir();
  const env = opts.env ?? process.env;
  const configHome = env.XDG_CONFIG_HOME || path.join(home, ".config");
  const roots: SkillRoot[] = [
    { dir: path.join(opts.cwd, ".protoagent", "skills"), scope: "project" },
    { dir: path.join(opts.cwd, ".agents", "skills"), scope: "project" },
    { dir: path.join(opts.cwd, ".claude", "skills"), scope: "project" },
    ...(opts.extraPaths ?? []).map((p) => ({
      dir: path.resolve(opts.cwd, p.replace(/^~(?=$|\/)/, home)),
      scope: "user" as const,
    })),
    { dir: path.join(configHome, "protoagent", "skills"), scope: "user" },
    { dir: path.join(home, ".agents", "skills"), scope: "user" },
    { dir: path.join(home, ".protoagent", "skills"), scope: "user" },
    { dir: path.join(home, ".claude", "skills"), scope: "user" },
  ];
  if (opts.bundledDir) roots.push({ dir: opts.bundledDir, scope: "bundled" });
  const seen = new Set<string>();
  return roots.filter((r) => !seen.has(r.dir) && seen.add(r.dir));
}

/**
 * The `skills/` folder shipped in the protoagent package. The package root is the nearest ancestor of this
 * module holding a package.json named "protoagent" (one level up from dist/, two from src/skills/ under tsx).
 */
export function findBundledSkillsDir(fromUrl: string = import.meta.url): string | null {
  return findBundledDir("skills", fromUrl);
}

/** A folder shipped at the root of the protoagent package (`skills`, `agents`); null when absent. */
export function findBundledDir(folder: string, fromUrl: string = import.meta.url): string | null {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "protoagent") {
        const bundled = path.join(dir, folder);
        return existsSync(bundled) ? bundled : null;
      }
    } catch {
      // No package.json here; keep walking up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Scans the roots in order. Reads SKILL.md files only; never writes. */
export function discoverSkills(roots: readonly SkillRoot[]): SkillDiscovery {
  const byName = new Map<string, Skill>();
  const invalid: InvalidSkill[] = [];
  const shadowed: ShadowedSkill[] = [];
  const seenDirs = new Set<string>();
  for (const root of roots) {
    if (!isDir(root.dir)) continue;
    for (const entry of readdirSync(root.dir).sort()) {
      if (entry.startsWith(".")) continue;
      const linkDir = path.join(root.dir, entry);
      const file = path.join(linkDir, "SKILL.md");
      if (!isDir(linkDir) || !existsSync(file)) continue;
      const dir = realpathSync(linkDir);
      if (seenDirs.has(dir)) continue;
      seenDirs.add(dir);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (error) {
        invalid.push({ dir, scope: root.scope, reason: `cannot read SKILL.md: ${(error as Error).message}` });
        continue;
      }
      const parsed = parseSkill(text, {
        dir,
        file: path.join(dir, "SKILL.md"),
        folderName: entry,
        scope: root.scope,
      });
      if (!parsed.ok) {
        invalid.push({ dir, scope: root.scope, reason: parsed.reason });
        continue;
      }
      const winner = byName.get(parsed.skill.name);
      if (winner) shadowed.push({ name: parsed.skill.name, dir, by: winner.dir });
      else byName.set(parsed.skill.name, parsed.skill);
    }
  }
  return { skills: [...byName.values()], invalid, shadowed, roots: roots.map((r) => ({ ...r })) };
}
