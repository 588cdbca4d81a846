// Regression tests for the holes of issue 9 outside the shell classifier: symlinked instruction files (6),
// credential files through read_file, search_files and the session log (7), and a repository-shipped rg on
// PATH (11). Real files in temp folders; the tools run for real.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadProjectInstructions } from "../../src/session/agents-md.js";
import { createRedactor } from "../../src/store/redact.js";
import { readFileTool } from "../../src/tools/read-file.js";
import { createRgDetector } from "../../src/tools/search/rg-engine.js";
import { createSearchFilesTool } from "../../src/tools/search-files.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";
import { makeContext, run, runError, text } from "../helpers/tool-context.js";

const temps: TempEnv[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.cleanup();
});
function workspace(files: Record<string, string> = {}): TempEnv {
  const t = makeTempEnv(files);
  temps.push(t);
  return t;
}

describe("hole 6: instruction files that are symlinks", () => {
  it("does not load AGENTS.md or CLAUDE.md whose real path leaves the repository, and says so", () => {
    const t = workspace({ "sub/CLAUDE.md": "" });
    mkdirSync(path.join(t.cwd, ".git"));
    const secret = path.join(t.root, "id_rsa");
    writeFileSync(secret, "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n");
    symlinkSync(secret, path.join(t.cwd, "AGENTS.md"));
    symlinkSync("/proc/self/environ", path.join(t.cwd, "sub", "AGENTS.md"));
    const result = loadProjectInstructions({ cwd: path.join(t.cwd, "sub"), configDir: t.configHome });
    expect(result.text).not.toContain("PRIVATE KEY");
    expect(result.text).not.toContain("PATH=");
    expect(result.files).toEqual([]);
    expect(result.warnings.join("\n")).toMatch(/AGENTS\.md.*outside/);
  });
  it("still loads a symlink that stays inside the repository, and a global file inside the config folder", () => {
    const t = workspace({ "docs/agents.md": "project rules" });
    mkdirSync(path.join(t.cwd, ".git"));
    symlinkSync(path.join(t.cwd, "docs", "agents.md"), path.join(t.cwd, "AGENTS.md"));
    writeFileSync(path.join(t.configHome, "AGENTS.md"), "global rules");
    const outsideGlobal = workspace();
    symlinkSync(path.join(t.root, "elsewhere"), path.join(outsideGlobal.configHome, "AGENTS.md"));
    writeFileSync(path.join(t.root, "elsewhere"), "not mine");
    const result = loadProjectInstructions({ cwd: t.cwd, configDir: t.configHome });
    expect(result.text).toContain("project rules");
    expect(result.text).toContain("global rules");
    const other = loadProjectInstructions({ cwd: outsideGlobal.cwd, configDir: outsideGlobal.configHome });
    expect(other.text).not.toContain("not mine");
  });
});

describe("hole 7: credential files through the file tools and the session log", () => {
  it("read_file asks before showing .env, keys and .npmrc, and not for templates", async () => {
    const t = workspace({
      ".env": "DB_PASSWORD=hunter2\n",
      "certs/server.pem": "KEY\n",
      ".env.example": "DB_PASSWORD=\n",
    });
    const ctx = makeContext(t.cwd);
    ctx.answer = () => ({ approved: false, reason: "The user declined." });
    expect(await runError(readFileTool, { file_path: ".env" }, ctx)).toMatch(/declined/);
    expect(await runError(readFileTool, { file_path: "certs/server.pem" }, ctx)).toMatch(/declined/);
    expect(ctx.requests).toHaveLength(2);
    expect(ctx.requests[0]).toMatchObject({ tool: "read_file" });
    expect(text(await run(readFileTool, { file_path: ".env.example" }, ctx))).toContain("DB_PASSWORD=");
    expect(ctx.requests).toHaveLength(2);
    ctx.answer = () => ({ approved: true, by: "test" });
    expect(text(await run(readFileTool, { file_path: ".env" }, ctx))).toContain("hunter2");
  });
  it("search_files leaves credential-named files out of its results and says so", async () => {
    const t = workspace({
      "config/credentials.json": '{"password": "hunter2"}\n',
      "keys/id_rsa": "password hunter2\n",
      "src/a.ts": "const password = input;\n",
    });
    for (const engine of ["js", "rg"] as const) {
      const rg = await createRgDetector().find(t.cwd);
      if (engine === "rg" && !rg) continue;
      const tool = createSearchFilesTool({ engine });
      const result = text(await run(tool, { search_term: "password" }, makeContext(t.cwd)));
      expect(result, engine).toContain("src/a.ts");
      expect(result, engine).not.toContain("hunter2");
      expect(result, engine).toMatch(/credential.*skipped|skipped.*credential/i);
    }
  });
  it("session logs redact URL credentials, MYSQL_PWD=… and token shapes even when no secret is known", () => {
    const r = createRedactor();
    const out = r.text(
      [
        "DATABASE_URL=postgres://app:s3cretpass@db.internal:5432/app",
        "export MYSQL_PWD=hunter22",
        "token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "key sk-proj-abcdefghijklmnopqrstuv",
        "aws AKIAABCDEFGHIJKLMNOP",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY",
        "see https://example.com/a@b and user@example.com",
      ].join("\n"),
    );
    for (const secret of ["s3cretpass", "hunter22", "ghp_abcdef", "sk-proj-abc", "AKIAABCDEF", "wJalrXUtn"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("postgres://app:");
    expect(out).toContain("https://example.com/a@b and user@example.com");
    expect(r.value({ a: ["MYSQL_PWD=hunter22"] })).toEqual({ a: [expect.not.stringContaining("hunter22")] });
  });
});

describe("hole 11: a repository-shipped rg on PATH", () => {
  it("search_files resolves rg outside the workspace", async () => {
    const t = workspace({ "src/a.ts": "needle\n" });
    const bin = path.join(t.cwd, "node_modules", ".bin");
    mkdirSync(bin, { recursive: true });
    const marker = path.join(t.root, "marker");
    writeFileSync(path.join(bin, "rg"), `#!/bin/sh\ntouch ${marker}\necho 'ripgrep 99'\n`, { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${path.delimiter}${saved ?? ""}`;
    try {
      const found = await createRgDetector().find(t.cwd);
      if (found) expect(found.startsWith(t.cwd)).toBe(false);
      await run(createSearchFilesTool(), { search_term: "needle" }, makeContext(t.cwd));
    } finally {
      process.env.PATH = saved;
    }
    expect(existsSync(marker)).toBe(false);
  });
});
