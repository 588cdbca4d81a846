// Specialist agent definitions found in real temp folders: project (.protoagent, .claude), user (XDG config,
// ~/.claude) and bundled, with their precedence; project files only once trusted; invalid files reported with
// file and reason; Claude Code's tool names and model aliases; model refs resolved like the session's own.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { agentCatalog, describeAgents } from "../../src/session/agents/describe.js";
import { loadAgents } from "../../src/session/agents/load.js";
import { findBundledDir } from "../../src/skills/discover.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

const TOOLS = [
  "read_file",
  "write_file",
  "edit_file",
  "list_directory",
  "search_files",
  "bash",
  "activate_skill",
];

let t: TempEnv;
afterEach(() => t.cleanup());

const agent = (name: string, extra = "", body = `Instructions of ${name}.`) =>
  `---\nname: ${name}\ndescription: The ${name} agent.\n${extra}---\n${body}\n`;

function put(dir: string, file: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const p = path.join(dir, file);
  writeFileSync(p, text);
  return p;
}

function dirs(env: TempEnv) {
  return {
    project: path.join(env.cwd, ".protoagent", "agents"),
    claudeProject: path.join(env.cwd, ".claude", "agents"),
    user: path.join(env.configHome, "protoagent", "agents"),
    claudeUser: path.join(env.root, ".claude", "agents"),
  };
}

function load(opts: { trustNow?: boolean; bundled?: boolean } = {}) {
  return loadAgents({
    cwd: t.cwd,
    env: t.env,
    loaded: loadConfig({ cwd: t.cwd, env: t.env }),
    dataDir: t.dataHome,
    trustNow: opts.trustNow ?? false,
    toolNames: TOOLS,
    bundledDir: opts.bundled === false ? null : undefined,
  });
}

describe("agent discovery", () => {
  it("finds the bundled explore and reviewer agents in the package", () => {
    t = makeTempEnv();
    expect(findBundledDir("agents")).toMatch(/agents$/);
    const r = load();
    const explore = r.agents.find((a) => a.name === "explore");
    expect(explore?.source).toBe("bundled");
    expect(explore?.allow).toEqual(["read_file", "search_files", "list_directory"]);
    expect(r.agents.find((a) => a.name === "reviewer")?.allow).toContain("bash");
    expect(r.warnings).toEqual([]);
  });

  it("ranks project over user, .protoagent over .claude, bundled last (XDG and HOME honoured)", () => {
    t = makeTempEnv();
    const d = dirs(t);
    const files = {
      project: put(d.project, "a.md", agent("same")),
      claudeProject: put(d.claudeProject, "a.md", agent("same")),
      user: put(d.user, "a.md", agent("same")),
      claudeUser: put(d.claudeUser, "a.md", agent("same")),
    };
    put(d.claudeProject, "cp.md", agent("only-claude-project"));
    put(d.claudeUser, "cu.md", agent("only-claude-user"));
    put(d.user, "explore.md", agent("explore"));
    const r = load({ trustNow: true });
    const by = (n: string) => r.agents.find((a) => a.name === n);
    expect(by("same")).toMatchObject({ source: "project", file: files.project });
    expect(by("only-claude-project")?.source).toBe("claude-project");
    expect(by("only-claude-user")?.source).toBe("claude-user");
    // A user file overrides a bundled agent of the same name.
    expect(by("explore")?.source).toBe("user");
    expect(r.discovery.shadowed.filter((s) => s.name === "same").map((s) => s.file)).toEqual([
      files.claudeProject,
      files.user,
      files.claudeUser,
    ]);
    // Without the project files, the user's .protoagent folder beats ~/.claude.
    t.write(".protoagent/agents/a.md", agent("other"));
    t.write(".claude/agents/a.md", agent("other2"));
    expect(load({ trustNow: true }).agents.find((a) => a.name === "same")?.file).toBe(files.user);
  });

  it("ignores untrusted project files with a notice and uses them once trusted (an edit revokes)", () => {
    t = makeTempEnv();
    const d = dirs(t);
    const projectFile = put(d.project, "helper.md", agent("helper"));
    const claudeFile = put(d.claudeProject, "c.md", agent("claude-helper"));
    put(d.user, "helper.md", agent("helper", "", "The user's helper."));
    const before = load();
    expect(before.agents.find((a) => a.name === "helper")?.source).toBe("user");
    expect(before.agents.some((a) => a.name === "claude-helper")).toBe(false);
    expect(before.discovery.untrusted).toEqual([projectFile, claudeFile]);
    expect(before.warnings.join("\n")).toMatch(
      /Ignored 2 project agent definition\(s\) in untrusted files.*--trust-project/,
    );
    expect(describeAgents(before)).toContain(
      `untrusted (ignored until you trust the project: /trust or --trust-project): ${projectFile}`,
    );

    expect(load({ trustNow: true }).agents.find((a) => a.name === "helper")?.source).toBe("project");
    // Trust was recorded for this content: a later start needs no flag.
    expect(load().agents.find((a) => a.name === "helper")?.source).toBe("project");
    writeFileSync(projectFile, agent("helper", "", "Changed: do something else."));
    expect(load().agents.find((a) => a.name === "helper")?.source).toBe("user");
  });

  it("reports each invalid definition with its file and reason, and loads the rest", () => {
    t = makeTempEnv();
    const d = dirs(t);
    const bad = {
      yaml: put(d.user, "yaml.md", "---\nname: [unclosed\n---\nx\n"),
      noFront: put(d.user, "plain.md", "Just text.\n"),
      noName: put(d.user, "noname.md", "---\ndescription: d\n---\nx\n"),
      noDesc: put(d.user, "nodesc.md", "---\nname: nodesc\n---\nx\n"),
      badName: put(d.user, "badname.md", '---\nname: "Bad\\e[31mName"\ndescription: d\n---\n'),
      toolsType: put(d.user, "tools.md", agent("tools-type", "tools: 42\n")),
      toolsMap: put(d.user, "toolsmap.md", agent("tools-map", "tools:\n  read: true\n")),
      iterations: put(d.user, "iter.md", agent("iter", "max_iterations: 0\n")),
      dupe: put(d.user, "zz-dupe.md", agent("good")),
      model: put(d.user, "model.md", agent("bad-model", "model: nowhere/m9\n")),
      bareModel: put(d.user, "bare.md", agent("bare-model", "model: gpt-9\n")),
    };
    put(d.user, "good.md", agent("good"));
    const r = load({ bundled: false });
    expect(r.agents.map((a) => a.name)).toEqual(["good"]);
    const reason = (file: string) => r.discovery.invalid.find((i) => i.file === file)?.reason;
    expect(reason(bad.yaml)).toMatch(/not valid YAML/);
    expect(reason(bad.noFront)).toMatch(/must start with YAML frontmatter/);
    expect(reason(bad.noName)).toBe('missing "name"');
    expect(reason(bad.noDesc)).toBe('missing "description"');
    expect(reason(bad.badName)).toMatch(/lowercase letters/);
    // The name is quoted in the reason, but no control character reaches the start-up warning.
    expect(r.warnings.join("\n")).toContain("BadName");
    expect(r.warnings.join("\n")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(reason(bad.toolsType)).toMatch(/"tools" must be a list/);
    expect(reason(bad.toolsMap)).toMatch(/"tools" must be a list/);
    expect(reason(bad.iterations)).toMatch(/"max_iterations" must be a whole number from 1 to 100/);
    expect(reason(bad.dupe)).toBe(`duplicate name "good" (also defined in ${path.join(d.user, "good.md")})`);
    expect(reason(bad.model)).toMatch(/model "nowhere\/m9": Unknown provider "nowhere"/);
    expect(reason(bad.bareModel)).toMatch(
      /model "gpt-9" is not inherit, provider\/model or sonnet\/opus\/haiku/,
    );
    expect(r.discovery.invalid).toHaveLength(Object.keys(bad).length);
    // One start-up warning per file, naming it; /agents lists the same.
    for (const file of Object.values(bad)) {
      expect(r.warnings.some((w) => w.includes(file))).toBe(true);
      expect(describeAgents(r)).toContain(`invalid: ${file} (user): `);
    }
  });

  it("maps Claude Code tool names and model aliases; resolves provider/model refs at load", () => {
    t = makeTempEnv();
    writeFakeUserConfig(t, "http://127.0.0.1:9", {
      providers: {
        fake: { baseURL: "http://127.0.0.1:9", apiKey: "k", models: { m1: {}, m2: { contextWindow: 8000 } } },
      },
    });
    const d = dirs(t);
    put(
      d.claudeUser,
      "cc.md",
      agent("cc", "tools: Read, Grep, Glob, Bash(git diff:*), WebSearch, sub_agent\nmodel: haiku\n"),
    );
    put(
      d.claudeUser,
      "inh.md",
      agent("inh", "model: inherit\ntools: [read_file, mcp_github_*, mcp__docs__search, mcp__jira]\n"),
    );
    put(d.user, "own.md", agent("own", "model: fake/m2\n"));
    const r = load({ bundled: false });
    const by = (n: string) => r.agents.find((a) => a.name === n);
    expect(by("cc")?.allow).toEqual(["read_file", "search_files", "list_directory"]);
    expect(by("cc")?.notes).toEqual([
      'tool "Bash(git diff:*)" left out: an agent\'s tools take no specifiers',
      'unknown tool "WebSearch" left out',
      "sub_agent left out: sub-agents do not nest",
    ]);
    expect(r.warnings.some((w) => w.includes("Agent cc") && w.includes("WebSearch"))).toBe(true);
    expect(by("cc")?.resolvedModel).toBeUndefined();
    expect(by("cc")?.modelNote).toMatch(/Claude Code alias/);
    expect(by("inh")).toMatchObject({
      resolvedModel: undefined,
      allow: ["read_file", "mcp_github_*", "mcp_docs_search", "mcp_jira_*"],
    });
    expect(by("own")?.resolvedModel).toMatchObject({ ref: "fake/m2", contextWindow: 8000 });
    expect(by("own")?.allow).toBeUndefined();

    // The user maps the alias to a model of theirs.
    writeFakeUserConfig(t, "http://127.0.0.1:9", {
      providers: { fake: { baseURL: "http://127.0.0.1:9", apiKey: "k", models: { m1: {}, m2: {} } } },
      agents: { modelAliases: { haiku: "fake/m2" } },
    });
    expect(load({ bundled: false }).agents.find((a) => a.name === "cc")?.resolvedModel?.ref).toBe("fake/m2");
  });

  it("is off with agents.enabled false", () => {
    t = makeTempEnv();
    writeFakeUserConfig(t, "http://127.0.0.1:9", { agents: { enabled: false } });
    expect(load().agents).toEqual([]);
  });
});

describe("agent catalog in sub_agent's description", () => {
  it("gives one cleaned line per agent, each capped, and at most 30 agents", () => {
    t = makeTempEnv();
    const many = Array.from({ length: 32 }, (_, i) => ({
      name: `a${String(i).padStart(2, "0")}`,
      description: i === 0 ? `Line one\nline two \u001b]0;title\u0007 ${"x".repeat(400)}` : "d",
    }));
    const lines = agentCatalog(many);
    expect(lines).toHaveLength(31);
    expect(lines[0]).toMatch(/^- a00: Line one line two x+…$/);
    expect(lines[0]?.length).toBeLessThanOrEqual("- a00: ".length + 200);
    expect(lines.at(-1)).toBe("- … and 2 more");
  });
});
