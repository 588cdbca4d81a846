// Regression tests for the holes an adversarial review found in the shell classifier (issue 9, section 2):
// arithmetic in [[ ]], glob semantics, awk writes, git config read through git itself, recursive searches
// reaching credential files, and listings that follow symlinks. Real files and real git repositories in temp
// folders; classification only, except where a test proves what bash itself does.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { bashTool } from "../../src/tools/bash.js";
import { shellEnvironment } from "../../src/tools/shell/env.js";
import { expandGlob } from "../../src/tools/shell/glob.js";
import { classifyWithParser, loadShellParser, type ShellParser } from "../../src/tools/shell/index.js";
import { decodeWord } from "../../src/tools/shell/words.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";
import { makeContext, run, text } from "../helpers/tool-context.js";

let parser: ShellParser;
beforeAll(async () => {
  parser = await loadShellParser();
});
const temps: TempEnv[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.cleanup();
});

function workspace(files: Record<string, string> = {}): TempEnv {
  const t = makeTempEnv({ "README.md": "# demo\n", "notes.txt": "hello\n", ...files });
  temps.push(t);
  return t;
}
const decide = (t: TempEnv, command: string) => classifyWithParser(parser, command, { cwd: t.cwd }).decision;

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: cwd },
  });
}
function repo(t: TempEnv): string {
  git(t.cwd, "init", "-q");
  git(t.cwd, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".");
  git(t.cwd, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init");
  return path.join(t.cwd, ".git", "config");
}

describe("hole 1: bash evaluates [[ ]] operands arithmetically", () => {
  it("asks for arithmetic comparisons and -v whose operands are not plain literals", () => {
    const t = workspace();
    for (const cmd of [
      "[[ 1 -eq 'a[$(touch x)]' ]]",
      "[[ -v 'a[$(touch x)]' ]]",
      "[ -v 'a[$(touch x)]' ]",
      "test -v 'a[$(touch x)]'",
      "[[ 'a[$(touch x)]' -lt 3 ]]",
      "[[ 1 -ne x ]]",
      "[[ 2 -ge '1+1' ]] && ls",
      "test 1 -gt 'a[$(id)]'",
      "((1))",
      "let x=1",
      "declare -i x=1",
      "echo $((1+1))",
      "a[1]=x",
    ]) {
      expect(decide(t, cmd), cmd).toBe("ask");
    }
  });
  it("still auto-runs plain comparisons", () => {
    const t = workspace();
    for (const cmd of ["[[ 1 -eq 1 ]]", "[ 2 -gt 1 ] && echo yes", "test -v HOME", "[[ -f README.md ]]"]) {
      expect(decide(t, cmd), cmd).toBe("auto");
    }
  });
  it("bash really runs the quoted substitution (why the rule exists)", () => {
    const t = workspace();
    execFileSync("bash", ["--noprofile", "--norc", "-c", "[[ 1 -eq 'a[$(touch pwned)]' ]] || true"], {
      cwd: t.cwd,
    });
    expect(execFileSync("ls", [t.cwd], { encoding: "utf8" })).toContain("pwned");
  });
});

describe("hole 2: globs expand exactly as bash does", () => {
  it("asks when a POSIX class glob reaches a file named like an option", () => {
    const t = workspace({ "--expression=1e sh x": "", "-fp.awk": "" });
    expect(decide(t, "sed -n -e p README.md [[:punct:]]*")).toBe("ask");
    expect(decide(t, "awk '{print}' [[:punct:]]*")).toBe("ask");
    expect(decide(t, "cat [!a-z]*")).toBe("ask");
    expect(decide(t, "cat [^a-z]*")).toBe("ask");
    expect(decide(t, "cat [-]*")).toBe("ask");
    expect(decide(t, "cat ?fp.awk")).toBe("ask");
  });
  it("matches bash on classes, negation, ranges, dotfiles and the no-match case", () => {
    const t = workspace({ ".hidden": "", "b.txt": "", "C.txt": "", x1: "", "sub/d.txt": "", _u: "" });
    const bash = (pattern: string) =>
      execFileSync("bash", ["--noprofile", "--norc", "-c", `printf '%s\\n' ${pattern}`], {
        cwd: t.cwd,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", LC_ALL: "C" },
      })
        .trim()
        .split("\n");
    for (const pattern of [
      "[[:punct:]]*",
      "[[:upper:]]*",
      "[[:lower:]].txt",
      "[[:digit:][:alpha:]]*",
      "[!b]*.txt",
      "[^b]*.txt",
      "[a-c]*",
      "*",
      ".*",
      "[.]*",
      "*/*.txt",
      "[]x]1",
      "nomatch*",
      "[[:alpha:]",
      "x[[:digit:]]",
      "[a-]*",
      "[z-a]*",
      "[!]]*",
      "[[.b.]]*",
      "*[[:space:]]*",
      "'['*",
      "[b]'*'",
    ]) {
      const ours = classifyWithParser(parser, `echo ${pattern}`, { cwd: t.cwd });
      expect(ours.decision, pattern).toBe("auto");
      expect(expandForTest(t, pattern), pattern).toEqual(bash(pattern));
    }
  });
});

// The glob module is exercised directly too, so the comparison above checks words, not only verdicts.
function expandForTest(t: TempEnv, src: string): string[] {
  const d = decodeWord(src);
  if (!d.ok) throw new Error(d.reason);
  if (!d.word.glob) return [d.word.value];
  return expandGlob(d.word.glob, t.cwd)?.words ?? [];
}

describe("hole 3: awk writes hidden across lines", () => {
  it("asks for output redirection anywhere in the program", () => {
    const t = workspace();
    for (const cmd of [
      `awk 'BEGIN { print "x",\n"y" > "/tmp/any" }'`,
      `awk 'BEGIN { print "x" \\\n> "out" }'`,
      `awk 'BEGIN { printf "%s",\n"x" | "sh" }'`,
      `awk 'BEGIN { print "x"\n}\nEND { print "y" >> "f" }'`,
      `awk 'BEGIN { getline l < "/etc/passwd" }'`,
      `awk 'BEGIN { print ENVIRON["HOME"] }'`,
      `awk 'BEGIN { print PROCINFO["pid"] }'`,
      `awk 'BEGIN { close("x") }'`,
      `jq -n env`,
      `jq -n '$ENV.HOME'`,
      `jq '.a | env' package.json`,
    ]) {
      expect(decide(t, cmd), cmd).toBe("ask");
    }
  });
  it("still auto-runs plain awk and jq", () => {
    const t = workspace({ "a.csv": "1,2\n", "package.json": "{}" });
    for (const cmd of [
      "awk '$1 > 1' a.csv",
      "awk '{ if ($1 > 1) print $1 }' a.csv",
      "awk 'NR > 1 {\nprint $1\n}' a.csv",
      "jq .env package.json",
      "jq '.environment' package.json",
    ]) {
      expect(decide(t, cmd), cmd).toBe("auto");
    }
  });
});

describe("hole 4: git config judged by git itself", () => {
  it("asks when one-line or included config sets programs", () => {
    for (const config of [
      '[diff "rt"] textconv = evil\n',
      "[core] fsmonitor = evil\n",
      "[include] path = ../inc\n",
      '[filter "x"] clean = evil\n',
      "[core] worktree = ../..\n",
      '[includeIf "gitdir:/"] path = ../inc\n',
      "[gpg] program = evil\n",
      "[core] sshCommand = evil\n",
    ]) {
      const t = workspace();
      const file = repo(t);
      writeFileSync(path.join(t.root, "inc"), "[core]\n\tpager = evil\n");
      writeFileSync(file, `${readFileSync(file, "utf8")}${config}`);
      expect(decide(t, "git log -p"), config).toBe("ask");
      expect(decide(t, "git status"), config).toBe("ask");
    }
  });
  it("asks for config listings that print credentials", () => {
    const t = workspace();
    repo(t);
    for (const cmd of [
      "git config --list",
      "git config -l",
      "git config --global --list",
      "git config list",
    ]) {
      expect(decide(t, cmd), cmd).toBe("ask");
    }
    expect(decide(t, "git config user.name")).toBe("auto");
  });
  it("asks in a committed bare repository (it would bring its own config)", () => {
    const t = workspace();
    repo(t);
    const evil = path.join(t.cwd, "evil");
    git(t.cwd, "init", "-q", "--bare", "evil");
    writeFileSync(path.join(evil, "config"), '[core]\n\tbare = true\n[diff "x"] textconv = evil\n');
    expect(decide(t, "cd evil && git log -p")).toBe("ask");
  });
  it("auto-runs log/show/diff/blame with --no-textconv --no-ext-diff, so no diff driver starts", async () => {
    const t = workspace({ ".gitattributes": "*.txt diff=x\n" });
    repo(t);
    writeFileSync(path.join(t.cwd, "notes.txt"), "changed\n");
    const verdict = classifyWithParser(parser, "git --no-pager log -p && git diff -- notes.txt", {
      cwd: t.cwd,
    });
    expect(verdict.run).toBe(
      "git --no-pager log --no-textconv --no-ext-diff -p && git diff --no-textconv --no-ext-diff -- notes.txt",
    );
    // The user's own global config names a textconv driver: an auto-run diff must still not start it.
    const marker = path.join(t.root, "textconv-ran");
    writeFileSync(path.join(t.root, ".gitconfig"), `[diff "x"]\n\ttextconv = touch ${marker}; cat\n`);
    const savedHome = process.env.HOME;
    process.env.HOME = t.root;
    try {
      const ctx = makeContext(t.cwd);
      const result = await run(bashTool, { command: "git diff -- notes.txt" }, ctx);
      expect(ctx.requests).toHaveLength(0);
      expect(text(result)).toContain("+changed");
    } finally {
      process.env.HOME = savedHome;
    }
    expect(existsSync(marker)).toBe(false);
  });
  it("auto-runs git in an ordinary repository", () => {
    const t = workspace();
    repo(t);
    for (const cmd of ["git status", "git log -p", "git diff HEAD", "git grep hello"]) {
      expect(decide(t, cmd), cmd).toBe("auto");
    }
  });
});

describe("hole 7: recursive searches that reach credential files ask", () => {
  it("asks for grep -r / rg over a tree holding .env or keys, and git grep --untracked", () => {
    const t = workspace({ ".env": "DB_PASSWORD=hunter2\n", "src/a.ts": "x\n", "keys/server.pem": "k\n" });
    for (const cmd of [
      "grep -r PASSWORD .",
      "grep -rn PASSWORD",
      "grep -r --include='*' PASS",
      "rg --hidden PASSWORD",
      "rg -uu PASSWORD",
      "rg BEGIN",
      "rg BEGIN keys",
      "git grep --untracked PASSWORD",
    ]) {
      expect(decide(t, cmd), cmd).toBe("ask");
    }
    for (const cmd of ["grep -rn x src", "rg x src", "grep PASS notes.txt"]) {
      expect(decide(t, cmd), cmd).toBe("auto");
    }
  });
});

describe("hole 12: listings that follow symlinks ask", () => {
  it("asks for ls -L, du -L, tree -l, find -L/-follow, grep -R, rg -L", () => {
    const t = workspace({ "src/a.ts": "x\n" });
    mkdirSync(path.join(t.root, "home"), { recursive: true });
    symlinkSync(path.join(t.root, "home"), path.join(t.cwd, "homelink"));
    for (const cmd of [
      "ls -L",
      "ls -LR",
      "ls -RL src",
      "ls --dereference",
      "du -L",
      "du -aL",
      "du --dereference .",
      "tree -l",
      "find -L .",
      "find . -follow",
      "grep -R x .",
      "rg -L x",
      "rg --follow x",
    ]) {
      expect(decide(t, cmd), cmd).toBe("ask");
    }
    for (const cmd of ["ls -la", "ls -R src", "du -sh .", "tree -L 2"]) {
      expect(decide(t, cmd), cmd).toBe("auto");
    }
  });
});

describe("hole 7 and 11: the child environment", () => {
  it("drops MYSQL_PWD and values that are URLs with credentials", () => {
    const env = shellEnvironment({
      PATH: "/usr/bin",
      MYSQL_PWD: "hunter2",
      DATABASE_URL: "postgres://u:pass@db.example/x",
      JDBC: "jdbc:mysql://root:pw@localhost/db",
      HOMEPAGE: "https://example.com/a@b",
      PWD: "/work",
      OLDPWD: "/",
    });
    expect(env.MYSQL_PWD).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.JDBC).toBeUndefined();
    expect(env.HOMEPAGE).toBe("https://example.com/a@b");
    expect(env.PWD).toBe("/work");
    expect(env.OLDPWD).toBe("/");
  });
  it("gives children a PATH without empty, relative or in-workspace entries", () => {
    const t = workspace();
    const bin = path.join(t.cwd, "node_modules", ".bin");
    const value = ["", ".", "rel/bin", bin, "/usr/bin", t.cwd, "/bin"].join(path.delimiter);
    expect(shellEnvironment({ PATH: value }, t.cwd).PATH).toBe(["/usr/bin", "/bin"].join(path.delimiter));
  });
  it("a repository-shipped git never runs on an auto-run git status", async () => {
    const t = workspace();
    repo(t);
    const bin = path.join(t.cwd, "node_modules", ".bin");
    mkdirSync(bin, { recursive: true });
    const marker = path.join(t.root, "marker");
    writeFileSync(path.join(bin, "git"), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}.${path.delimiter}${saved ?? ""}`;
    try {
      const ctx = makeContext(t.cwd);
      ctx.answer = () => ({ approved: false, reason: "no" });
      const result = await run(bashTool, { command: "git status --short" }, ctx);
      expect(ctx.requests).toHaveLength(0);
      expect(text(result)).toContain("Exit code: 0");
    } finally {
      process.env.PATH = saved;
    }
    expect(existsSync(marker)).toBe(false);
  });
  it("a committed bare repository cannot bring its config to an approved git command", async () => {
    const t = workspace();
    repo(t);
    git(t.cwd, "init", "-q", "--bare", "evil");
    const ctx = makeContext(t.cwd);
    const result = await run(bashTool, { command: "cd evil && git log" }, ctx);
    expect(text(result)).toContain("cannot use bare repository");
  });
});
