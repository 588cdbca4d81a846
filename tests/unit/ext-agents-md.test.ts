// AGENTS.md loading: global file, git root down to cwd (deeper last), CLAUDE.md fallback, de-duplication,
// the size cap with warnings, and /init's prompt.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findGitRoot, initAgentsMdPrompt, loadProjectInstructions } from "../../src/session/agents-md.js";

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

function layout() {
  const base = mkdtempSync(path.join(os.tmpdir(), "ext-agents-"));
  temps.push(base);
  const config = path.join(base, "config");
  const repo = path.join(base, "outer", "repo");
  const cwd = path.join(repo, "packages", "app");
  mkdirSync(config, { recursive: true });
  mkdirSync(path.join(repo, ".git"), { recursive: true });
  mkdirSync(cwd, { recursive: true });
  return { base, config, repo, cwd };
}

describe("loadProjectInstructions", () => {
  it("loads global, then git root down to cwd, with CLAUDE.md as fallback", () => {
    const { base, config, repo, cwd } = layout();
    writeFileSync(path.join(base, "outer", "AGENTS.md"), "outside the repo");
    writeFileSync(path.join(config, "AGENTS.md"), "global rules");
    writeFileSync(path.join(repo, "AGENTS.md"), "root rules");
    writeFileSync(path.join(repo, "CLAUDE.md"), "ignored: AGENTS.md exists here");
    writeFileSync(path.join(repo, "packages", "CLAUDE.md"), "packages rules");
    writeFileSync(path.join(cwd, "AGENTS.md"), "app rules");
    const result = loadProjectInstructions({ cwd, configDir: config });
    expect(result.files).toEqual([
      path.join(config, "AGENTS.md"),
      path.join(repo, "AGENTS.md"),
      path.join(repo, "packages", "CLAUDE.md"),
      path.join(cwd, "AGENTS.md"),
    ]);
    expect(result.text).toBe(
      [
        `<project_instructions path="${path.join(config, "AGENTS.md")}">\nglobal rules\n</project_instructions>`,
        `<project_instructions path="${path.join(repo, "AGENTS.md")}">\nroot rules\n</project_instructions>`,
        `<project_instructions path="${path.join(repo, "packages", "CLAUDE.md")}">\npackages rules\n</project_instructions>`,
        `<project_instructions path="${path.join(cwd, "AGENTS.md")}">\napp rules\n</project_instructions>`,
      ].join("\n\n"),
    );
    expect(result.warnings).toEqual([]);
  });

  it("reads only cwd outside a repository and skips empty and duplicate files", () => {
    const base = mkdtempSync(path.join(os.tmpdir(), "ext-agents-"));
    temps.push(base);
    const cwd = path.join(base, "work");
    mkdirSync(cwd);
    writeFileSync(path.join(base, "AGENTS.md"), "parent, not a repo root");
    writeFileSync(path.join(cwd, "AGENTS.md"), "only me");
    const config = path.join(base, "cfg");
    mkdirSync(config);
    symlinkSync(path.join(cwd, "AGENTS.md"), path.join(config, "AGENTS.md"));
    const result = loadProjectInstructions({ cwd, configDir: config });
    // The global file links out of the config folder, so it is skipped (with a warning); the project copy loads.
    if (findGitRoot(cwd) === null) expect(result.files).toEqual([path.join(cwd, "AGENTS.md")]);
    expect(result.warnings.join("\n")).toMatch(/outside/);
    expect(result.text.match(/only me/g)).toHaveLength(1);
    expect(loadProjectInstructions({ cwd: base, configDir: path.join(base, "none") }).text).toContain(
      "parent",
    );
  });

  it("caps the total size, cutting and then omitting files with warnings", () => {
    const { config, repo, cwd } = layout();
    writeFileSync(path.join(repo, "AGENTS.md"), "é".repeat(40));
    writeFileSync(path.join(cwd, "AGENTS.md"), "deeper");
    const result = loadProjectInstructions({ cwd, configDir: config, maxBytes: 51 });
    expect(result.text).toContain(
      `${"é".repeat(25)}\n[… cut at the 51-byte limit; read ${path.join(repo, "AGENTS.md")} for the rest]`,
    );
    expect(result.text).toContain(`<project_instructions path="${path.join(cwd, "AGENTS.md")}" omitted=`);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(/was cut to 51 of 80 bytes/);
    expect(result.files).toHaveLength(2);
  });

  it("returns empty text when there is nothing", () => {
    const { config, cwd } = layout();
    expect(loadProjectInstructions({ cwd, configDir: config })).toEqual({
      text: "",
      files: [],
      warnings: [],
    });
  });
});

describe("initAgentsMdPrompt", () => {
  it("asks to write or update AGENTS.md from verified project facts", () => {
    const prompt = initAgentsMdPrompt();
    expect(prompt).toMatch(/^Create or update AGENTS\.md/);
    expect(prompt).toContain("Commands");
    expect(prompt).toContain("Do not\ninvent commands");
  });
});
