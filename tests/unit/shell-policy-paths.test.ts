// Path-sensitive policy cases: glob expansion into option-like names, symlinks out of the workspace,
// read-only roots, cd tracking, a hostile repository git config, and session-prefix suggestions.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  classifyCommand,
  classifyWithParser,
  loadShellParser,
  type ShellParser,
} from "../../src/tools/shell/index.js";
import { makeShellWorkspace, type ShellWorkspace } from "../fixtures/shell/workspace.js";

let ws: ShellWorkspace;
let parser: ShellParser;

beforeAll(async () => {
  ws = makeShellWorkspace();
  parser = await loadShellParser();
});
afterAll(() => ws.cleanup());

const classify = (command: string, cwd = ws.cwd, readOnlyRoots: string[] = []) =>
  classifyWithParser(parser, command, { cwd, readOnlyRoots });

describe("globs are expanded and checked like bash would", () => {
  it("asks when a glob expands to a file name that reads as an option", () => {
    const trap = path.join(ws.cwd, "glob-trap");
    expect(classify("rg foo *", trap)).toMatchObject({
      decision: "ask",
      reason: expect.stringContaining("--pre=evil.sh"),
    });
    expect(classify("find *", trap).decision).toBe("ask");
    expect(classify("ls *", trap).decision).toBe("ask");
  });
  it("allows globs whose matches are plain names inside the workspace", () => {
    const trap = path.join(ws.cwd, "glob-trap");
    expect(classify("ls *.txt", trap).decision).toBe("auto");
    expect(classify("cat glob-trap/*").decision).toBe("auto");
    expect(classify("wc -l src/*.ts docs/*.md").decision).toBe("auto");
  });
  it("asks when a glob reaches a symlink that leads outside", () => {
    expect(classify("ls -d */").decision).toBe("ask");
    expect(classify("cat */secret.txt").decision).toBe("ask");
  });
  it("checks the operand count after expansion (uniq IN OUT)", () => {
    expect(classify("uniq src/*.ts").decision).toBe("ask");
    expect(classify("uniq src/index.*").decision).toBe("auto");
  });
  it("keeps an unmatched glob literal, as bash does", () => {
    expect(classify("ls *.nothing").decision).toBe("auto");
  });
  it("does not expand quoted glob characters", () => {
    const trap = path.join(ws.cwd, "glob-trap");
    expect(classify("find . -name '*'", trap).decision).toBe("auto");
    expect(classify('grep -r "*" .', trap).decision).toBe("auto");
  });
});

describe("paths", () => {
  it("denies symlinks leading outside, even dangling ones", () => {
    for (const c of ["cat link-out", "cat dangling-out", "ls dir-link", "head dir-link/secret.txt"]) {
      expect(classify(c).decision, c).toBe("ask");
    }
  });
  it("accepts read-only roots for reading", () => {
    expect(classify(`cat ${path.join(ws.outside, "secret.txt")}`, ws.cwd, [ws.outside]).decision).toBe(
      "auto",
    );
    expect(classify(`cat ${path.join(ws.outside, "secret.txt")}`).decision).toBe("ask");
  });
  it("follows cd inside the workspace and asks when it leaves", () => {
    expect(classify("cd src && cat index.ts").decision).toBe("auto");
    expect(classify("cd src && cat ../../outside/secret.txt").decision).toBe("ask");
    expect(classify("cd .. && ls").decision).toBe("ask");
    expect(classify("cd src && ls *.ts").decision).toBe("ask");
  });
  it("checks option values that look like paths", () => {
    expect(classify("grep --exclude-from=../outside/secret.txt x notes.txt").decision).toBe("ask");
    expect(classify("grep --exclude-from=./notes.txt x notes.txt").decision).toBe("auto");
    expect(classify("diff --from-file=/etc/hosts notes.txt").decision).toBe("ask");
  });
  it("allows /dev/null as an operand", () => {
    expect(classify("diff notes.txt /dev/null").decision).toBe("auto");
  });
});

describe("hostile repository config", () => {
  it("asks for git when .git/config sets programs, and not otherwise", () => {
    const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "protoagent-shell-git-")));
    try {
      const clean = path.join(root, "clean");
      const hostile = path.join(root, "hostile");
      // Real repositories: the config is judged by git itself, which needs one.
      const git = (cwd: string, ...args: string[]) =>
        execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, stdio: "ignore" });
      for (const dir of [clean, hostile]) {
        mkdirSync(dir, { recursive: true });
        git(dir, "init", "-q");
        git(dir, "commit", "-q", "--allow-empty", "-m", "init");
      }
      const cleanConfig = readFileSync(path.join(clean, ".git", "config"), "utf8");
      writeFileSync(path.join(clean, ".git", "config"), `${cleanConfig}[remote "origin"]\n\turl = x\n`);
      writeFileSync(
        path.join(hostile, ".git", "config"),
        `${cleanConfig}[diff "evil"]\n\ttextconv = sh -c id\n`,
      );
      expect(classify("git diff", clean).decision).toBe("auto");
      expect(classify("git status", hostile)).toMatchObject({
        decision: "ask",
        reason: expect.stringContaining("git config"),
      });
      expect(classify("ls", hostile).decision).toBe("auto");
      const worktree = path.join(root, "wt");
      git(hostile, "worktree", "add", "-q", worktree);
      expect(classify("git log", worktree).decision).toBe("ask");
      writeFileSync(path.join(clean, ".git", "config"), cleanConfig);
      mkdirSync(path.join(clean, ".git", "modules", "lib"), { recursive: true });
      writeFileSync(
        path.join(clean, ".git", "modules", "lib", "config"),
        '[filter "x"]\n\tclean = sh -c id\n',
      );
      expect(classify("git status", clean).decision).toBe("ask");
      rmSync(path.join(clean, ".git", "modules"), { recursive: true });
      for (const key of [
        "[core]\n\tfsmonitor = x",
        '[filter "lfs"]\n\tclean = x',
        "[include]\n\tpath = x",
        "[core]\n\tpager = x",
      ]) {
        writeFileSync(path.join(clean, ".git", "config"), `${cleanConfig}${key}\n`);
        expect(classify("git status", clean).decision, key).toBe("ask");
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("session prefixes and the async entry point", () => {
  it("suggests a prefix for a single command that asks", async () => {
    const roots = { cwd: ws.cwd };
    expect(await classifyCommand("npm test", roots)).toMatchObject({ decision: "ask", prefix: "npm test" });
    expect(await classifyCommand("npm run build -- --watch", roots)).toMatchObject({
      prefix: "npm run build",
    });
    expect(await classifyCommand("git commit -m x", roots)).toMatchObject({ prefix: "git commit" });
    expect(await classifyCommand("pytest -x tests", roots)).toMatchObject({ prefix: "pytest" });
    expect((await classifyCommand("npm test && rm -rf build", roots)).prefix).toBeUndefined();
    expect((await classifyCommand("sudo ls", roots)).prefix).toBeUndefined();
  });
  it("gives readable reasons", async () => {
    const v = await classifyCommand("ls && cat notes.txt", { cwd: ws.cwd });
    expect(v).toEqual({
      decision: "auto",
      reason: "Read-only: ls, cat.",
      facts: { commands: [["ls"], ["cat", "notes.txt"]] },
    });
  });
});
