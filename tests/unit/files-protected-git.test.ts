// Where git really looks is protected, not just the name `.git/` (issue: accept-edits could rewrite the hooks of
// the real git dir behind a `.git` gitfile or symlink, or of `core.hooksPath`), agent/editor config folders are
// protected, and a skill folder inside the workspace stays read-only. Real git, real files, real tools.
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileTool } from "../../src/tools/write-file.js";
import { gitProtectedRoots } from "../../src/utils/git-locations.js";
import { makeContext, makeWorkspace, run, type TempWorkspace } from "../helpers/tool-context.js";

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await makeWorkspace("pa-gitloc-");
});
afterEach(() => ws.cleanup());

const git = (...args: string[]) =>
  execFileSync("git", ["-C", ws.dir, ...args], { stdio: ["ignore", "pipe", "ignore"], encoding: "utf8" });

/** write_file through the real tool; returns whether the request it made was marked protected. */
async function protectedWrite(rel: string, protectedRoots = gitProtectedRoots(ws.dir)): Promise<boolean> {
  const ctx = makeContext(ws.dir, { protectedRoots });
  await run(writeFileTool, { file_path: rel, content: "#!/bin/sh\necho pwned\n" }, ctx);
  expect(ctx.requests).toHaveLength(1);
  return Boolean(ctx.requests[0]?.protectedPath);
}

describe("protected git locations", () => {
  it("the git dir behind a `gitdir:` file is protected", async () => {
    execFileSync("git", ["init", "-q", "--separate-git-dir", path.join(ws.dir, "meta"), ws.dir]);
    expect(gitProtectedRoots(ws.dir)).toContain(path.join(ws.dir, "meta"));
    expect(await protectedWrite("meta/hooks/pre-commit")).toBe(true);
    expect(await protectedWrite("src/ok.ts")).toBe(false);
  });

  it("the git dir behind a `.git` symlink is protected", async () => {
    mkdirSync(path.join(ws.dir, "store"));
    execFileSync("git", ["init", "-q", "--bare", path.join(ws.dir, "store")]);
    symlinkSync("store", path.join(ws.dir, ".git"));
    expect(await protectedWrite("store/hooks/post-checkout")).toBe(true);
  });

  it("the core.hooksPath folder is protected", async () => {
    git("init", "-q");
    git("config", "core.hooksPath", "tools/hooks");
    expect(await protectedWrite("tools/hooks/pre-commit")).toBe(true);
    expect(await protectedWrite("tools/build.sh")).toBe(false);
  });

  it("a relative core.hooksPath from the user's global git config is protected too", async () => {
    git("init", "-q");
    const home = `${ws.dir}-home`;
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, ".gitconfig"), "[core]\n\thooksPath = .githooks\n");
    const roots = gitProtectedRoots(ws.dir, { ...process.env, HOME: home, XDG_CONFIG_HOME: "" });
    expect(await protectedWrite(".githooks/pre-commit", roots)).toBe(true);
    // The repository's own setting wins over the global one.
    git("config", "core.hooksPath", "repo-hooks");
    const local = gitProtectedRoots(ws.dir, { ...process.env, HOME: home, XDG_CONFIG_HOME: "" });
    expect(local).toContain(path.join(ws.dir, "repo-hooks"));
    expect(local).not.toContain(path.join(ws.dir, ".githooks"));
  });

  it("agent and editor config are protected: .agents/, .claude/, .mcp.json", async () => {
    expect(await protectedWrite(".agents/skills/x/SKILL.md", [])).toBe(true);
    expect(await protectedWrite(".claude/settings.json", [])).toBe(true);
    expect(await protectedWrite(".mcp.json", [])).toBe(true);
  });

  it("a skill folder inside the workspace is read-only, not just protected", async () => {
    const skill = path.join(ws.dir, "skills", "lint");
    mkdirSync(skill, { recursive: true });
    writeFileSync(path.join(skill, "SKILL.md"), "---\nname: lint\n---\n");
    const ctx = makeContext(ws.dir, { readOnlyRoots: [skill] });
    await expect(
      run(writeFileTool, { file_path: "skills/lint/SKILL.md", content: "allowed-tools: Bash" }, ctx),
    ).rejects.toThrow(/read-only/);
    expect(ctx.requests).toHaveLength(0);
  });
});
