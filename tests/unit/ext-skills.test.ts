// Skills: validation per the Agent Skills spec, discovery order and precedence, the catalog, activate_skill,
// /<skill> invocation text, and the bundled skills shipped in skills/.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createActivateSkillTool, listSkillResources } from "../../src/skills/activate.js";
import {
  buildSkillsCatalog,
  describeSkills,
  parseSkillCommand,
  skillInvocationPrompt,
  skillRoots,
} from "../../src/skills/catalog.js";
import {
  discoverSkills,
  findBundledSkillsDir,
  skillSearchRoots as rootsFor,
} from "../../src/skills/discover.js";
import { parseAllowedTools, parseSkill } from "../../src/skills/parse.js";
import { testContext } from "../fixtures/mcp/harness.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/skills", import.meta.url));
const REPO = fileURLToPath(new URL("../..", import.meta.url));
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "ext-skills-"));
  temps.push(d);
  return d;
};
function writeSkill(root: string, name: string, description = `The ${name} skill.`, extra = ""): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "SKILL.md"),
    `---\nname: ${name}\ndescription: ${description}\n${extra}---\nBody of ${name} at ${root}\n`,
  );
  return dir;
}

describe("validation", () => {
  const fixtures = discoverSkills([{ dir: FIXTURES, scope: "project" }]);
  const reason = (folder: string) => fixtures.invalid.find((i) => path.basename(i.dir) === folder)?.reason;

  it("accepts valid skills with optional fields", () => {
    const pdf = fixtures.skills.find((s) => s.name === "pdf-tools");
    expect(pdf).toMatchObject({
      license: "Apache-2.0",
      compatibility: "Requires python3 and the pypdf package.",
      metadata: { author: "example-org", version: "1" },
      allowedTools: ["Bash(python3 scripts/extract.py:*)", "Read"],
      scope: "project",
      body: expect.stringContaining("# PDF tools"),
    });
    expect(fixtures.skills.find((s) => s.name === "list-tools")?.allowedTools).toEqual([
      "read_file",
      "bash(npm test)",
    ]);
    expect(fixtures.skills.map((s) => s.name).sort()).toEqual(["list-tools", "pdf-tools", "user-only"]);
  });

  it("reports each invalid skill with its reason", () => {
    expect(reason("wrong-name")).toBe('name "other-name" does not match its folder name "wrong-name"');
    expect(reason("Bad_Name")).toMatch(/must be lowercase letters, digits and single hyphens/);
    expect(reason("no-description")).toBe('missing "description"');
    expect(reason("no-frontmatter")).toMatch(/must start with YAML frontmatter/);
    expect(reason("bad-yaml")).toMatch(/not valid YAML/);
    expect(fixtures.invalid).toHaveLength(5);
  });

  it("enforces the length limits", () => {
    const where = { dir: "/x/a", file: "/x/a/SKILL.md", folderName: "a", scope: "user" as const };
    const long = parseSkill(`---\nname: a\ndescription: ${"d".repeat(1025)}\n---\n`, where);
    expect(long).toEqual({ ok: false, reason: "description is 1025 characters; the limit is 1024" });
    const compat = parseSkill(
      `---\nname: a\ndescription: ok\ncompatibility: ${"c".repeat(501)}\n---\n`,
      where,
    );
    expect(compat.ok).toBe(false);
    const name65 = "a".repeat(65);
    expect(
      parseSkill(`---\nname: ${name65}\ndescription: ok\n---\n`, { ...where, folderName: name65 }).ok,
    ).toBe(false);
    expect(parseSkill("---\nname: a--b\ndescription: ok\n---\n", { ...where, folderName: "a--b" }).ok).toBe(
      false,
    );
    expect(parseSkill("\ufeff---\r\nname: a\r\ndescription: ok\r\n---\r\nbody\r\n", where)).toMatchObject({
      ok: true,
    });
  });

  it("never evaluates JavaScript frontmatter from an untrusted file", () => {
    const where = { dir: "/x/a", file: "/x/a/SKILL.md", folderName: "a", scope: "project" as const };
    const g = globalThis as { pwned?: number };
    const js = parseSkill('---js\n({ name: (globalThis.pwned = 1, "a"), description: "x" })\n---\n', where);
    expect(js.ok).toBe(false);
    expect(g.pwned).toBeUndefined();
    expect(parseSkill("---\nname: a\ndescription: ok\n---\n# Body\n", where)).toMatchObject({
      ok: true,
      skill: { body: expect.stringContaining("# Body") },
    });
  });

  it("splits allowed-tools on spaces and commas outside parentheses", () => {
    expect(parseAllowedTools("Bash(git diff:*) Read, Grep")).toEqual(["Bash(git diff:*)", "Read", "Grep"]);
    expect(parseAllowedTools(undefined)).toEqual([]);
  });
});

describe("discovery", () => {
  it("scans project, user and bundled roots with project beating user beating bundled", () => {
    const cwd = tempDir();
    const home = tempDir();
    const bundled = tempDir();
    writeSkill(path.join(cwd, ".agents", "skills"), "shared");
    writeSkill(path.join(home, ".config", "protoagent", "skills"), "shared");
    writeSkill(path.join(home, ".agents", "skills"), "user-one");
    writeSkill(path.join(home, ".protoagent", "skills"), "user-two");
    writeSkill(bundled, "user-one");
    writeSkill(bundled, "bundled-only");
    writeSkill(path.join(cwd, ".protoagent", "skills"), "proj");
    const found = discoverSkills(rootsFor({ cwd, home, env: {}, bundledDir: bundled }));
    const where = Object.fromEntries(found.skills.map((s) => [s.name, s.scope]));
    expect(where).toEqual({
      proj: "project",
      shared: "project",
      "user-one": "user",
      "user-two": "user",
      "bundled-only": "bundled",
    });
    expect(found.shadowed.map((s) => s.name).sort()).toEqual(["shared", "user-one"]);
    expect(describeSkills(found)).toContain("shadowed: shared");
  });

  it("respects XDG_CONFIG_HOME, config paths and symlinked skill folders", () => {
    const cwd = tempDir();
    const home = tempDir();
    const xdg = tempDir();
    const elsewhere = tempDir();
    writeSkill(path.join(xdg, "protoagent", "skills"), "xdg-skill");
    const real = writeSkill(elsewhere, "linked");
    mkdirSync(path.join(home, ".agents", "skills"), { recursive: true });
    symlinkSync(real, path.join(home, ".agents", "skills", "linked"));
    writeSkill(path.join(cwd, "custom"), "from-config");
    const found = discoverSkills(
      rootsFor({ cwd, home, env: { XDG_CONFIG_HOME: xdg }, extraPaths: ["custom"] }),
    );
    expect(found.skills.map((s) => s.name).sort()).toEqual(["from-config", "linked", "xdg-skill"]);
    const linked = found.skills.find((s) => s.name === "linked")!;
    expect(linked.dir).toBe(path.join(elsewhere, "linked"));
    expect(skillRoots(found.skills)).toContain(linked.dir);
  });

  it("finds the bundled skills folder of the package and its skills are valid", () => {
    const dir = findBundledSkillsDir(new URL("../../src/skills/discover.ts", import.meta.url).href);
    expect(dir).toBe(path.join(REPO, "skills"));
    expect(findBundledSkillsDir(new URL("../../dist/cli.js", import.meta.url).href)).toBe(
      path.join(REPO, "skills"),
    );
    const found = discoverSkills([{ dir: dir!, scope: "bundled" }]);
    expect(found.invalid).toEqual([]);
    expect(found.skills.map((s) => s.name).sort()).toEqual(["code-review", "commit-message"]);
    for (const s of found.skills) expect(s.body.length).toBeGreaterThan(500);
    expect(findBundledSkillsDir(new URL(`file://${os.tmpdir()}/x/y.js`).href)).toBeNull();
  });
});

describe("catalog, activation and invocation", () => {
  const { skills } = discoverSkills([{ dir: FIXTURES, scope: "project" }]);

  it("builds a compact catalog without user-only skills, XML-escaped", () => {
    const catalog = buildSkillsCatalog(skills);
    expect(catalog).toContain('<skill name="pdf-tools" location="');
    expect(catalog).toContain("Extracts text and tables from PDF files");
    expect(catalog).not.toContain("user-only");
    expect(buildSkillsCatalog([])).toBe("");
    const tricky = { ...skills[0]!, description: 'a <b> & "c"', disableModelInvocation: false };
    expect(buildSkillsCatalog([tricky])).toContain("a &lt;b&gt; &amp; &quot;c&quot;");
  });

  it("activate_skill returns the body, folder and resources, and reports the activation", async () => {
    const activated: string[] = [];
    const tool = createActivateSkillTool(skills, { onActivate: (s) => activated.push(s.name) })!;
    expect(tool.readOnly).toBe(true);
    expect(tool.parameters.safeParse({ name: "user-only" }).success).toBe(false);
    expect(tool.parameters.safeParse({ name: "nope" }).success).toBe(false);
    const { ctx, requests } = testContext();
    const result = await tool.execute({ name: "pdf-tools" }, ctx);
    const text = String(result.content);
    expect(text).toMatch(/^<skill_content name="pdf-tools">\n# PDF tools/);
    expect(text).toContain(`Skill folder (read-only): ${path.join(FIXTURES, "pdf-tools")}`);
    expect(text).toContain(
      "<skill_resources>\nscripts/extract.py\nreferences/REFERENCE.md\nassets/forms/w9.txt\n</skill_resources>",
    );
    expect(text.endsWith("</skill_content>")).toBe(true);
    expect(activated).toEqual(["pdf-tools"]);
    expect(requests).toEqual([]);
    expect(createActivateSkillTool([])).toBeNull();
  });

  it("bounds the resource listing", () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "assets"));
    for (let i = 0; i < 12; i++)
      writeFileSync(path.join(dir, "assets", `f${String(i).padStart(2, "0")}`), "");
    const listed = listSkillResources(dir, 10);
    expect(listed).toHaveLength(11);
    expect(listed.at(-1)).toMatch(/more files not listed/);
  });

  it("builds the /<skill> message with $ARGUMENTS substituted or the request appended", () => {
    const list = skills.find((s) => s.name === "list-tools")!;
    expect(skillInvocationPrompt(list, " run the tests ")).toContain("Arguments were: run the tests");
    const pdf = skills.find((s) => s.name === "pdf-tools")!;
    const prompt = skillInvocationPrompt(pdf, "extract invoice.pdf");
    expect(prompt).toMatch(/^The user invoked the skill \/pdf-tools\./);
    expect(prompt).toContain('<skill_content name="pdf-tools">');
    expect(prompt.endsWith("User request: extract invoice.pdf")).toBe(true);
    expect(skillInvocationPrompt(pdf, "")).not.toContain("User request");
  });

  it("recognises /<skill> commands for user-invocable skills only", () => {
    expect(parseSkillCommand("/pdf-tools  fill form.pdf ", skills)).toMatchObject({
      skill: { name: "pdf-tools" },
      args: "fill form.pdf",
    });
    expect(parseSkillCommand("/user-only", skills)).toMatchObject({ skill: { name: "user-only" }, args: "" });
    const hidden = skills.map((s) => (s.name === "pdf-tools" ? { ...s, userInvocable: false } : s));
    expect(parseSkillCommand("/pdf-tools", hidden)).toBeNull();
    expect(parseSkillCommand("/unknown x", skills)).toBeNull();
    expect(parseSkillCommand("pdf-tools", skills)).toBeNull();
  });
});
