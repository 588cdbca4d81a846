// The sandbox's pure parts and its decisions: the bwrap argv and the macOS profile as text, what is masked and
// protected, the stricter fallback policy, who counts as having seen a command, the failure note, the approval
// rule for `sandbox: false`, project configs that try to loosen the sandbox, and the probe's fallback.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApprovalEngine } from "../../src/approval/engine.js";
import type { ApprovalRequest } from "../../src/approval/types.js";
import { stripUntrusted } from "../../src/config/trust.js";
import { bwrapArgs } from "../../src/sandbox/bwrap.js";
import { cleanupCreated, sandboxFailureNote, userSawCommand } from "../../src/sandbox/outcome.js";
import { buildPolicy } from "../../src/sandbox/policy.js";
import { fallbackWarning, findBinary, probeSandbox } from "../../src/sandbox/probe.js";
import { missingProtected, protectedPaths } from "../../src/sandbox/protected.js";
import { sbplString, seatbeltProfile } from "../../src/sandbox/seatbelt.js";
import { isSecretFileName, workspaceSecrets } from "../../src/sandbox/secrets.js";
import { resolveSandbox } from "../../src/sandbox/setup.js";
import { type SandboxPolicy, sandboxLabel } from "../../src/sandbox/types.js";
import { bashTool } from "../../src/tools/bash.js";
import { loadShellParser } from "../../src/tools/shell/parser.js";
import { strictReason } from "../../src/tools/shell/strict.js";
import { gitDirs, hooksPath } from "../../src/utils/git-locations.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";
import { makeContext, run, runError } from "../helpers/tool-context.js";

let root: string;
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "protoagent-sbx-policy-")));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const policy = (over: Partial<SandboxPolicy> = {}): SandboxPolicy => ({
  profile: "workspace-write",
  workspace: "/w",
  cwd: "/w",
  writable: ["/w"],
  privateDirs: ["/tmp", "/run"],
  visible: [],
  readOnly: ["/w/.git"],
  maskedDirs: ["/h/.ssh"],
  maskedFiles: ["/w/.env"],
  env: { PATH: "/usr/bin", TMPDIR: "/tmp" },
  ...over,
});

describe("bwrap argv", () => {
  it("mounts in an order where later mounts cover earlier ones, then isolates and sets the env", () => {
    const a = bwrapArgs(policy());
    const at = (...seq: string[]) => a.findIndex((_, i) => seq.every((s, j) => a[i + j] === s));
    expect(a.slice(0, 11)).toEqual([
      "--ro-bind",
      "/",
      "/",
      "--dev",
      "/dev",
      "--proc",
      "/proc",
      "--tmpfs",
      "/tmp",
      "--tmpfs",
      "/run",
    ]);
    expect(at("--bind", "/w", "/w")).toBeGreaterThan(at("--tmpfs", "/tmp"));
    expect(at("--ro-bind", "/w/.git", "/w/.git")).toBeGreaterThan(at("--bind", "/w", "/w"));
    expect(at("--tmpfs", "/h/.ssh", "--remount-ro", "/h/.ssh")).toBeGreaterThan(
      at("--ro-bind", "/w/.git", "/w/.git"),
    );
    expect(at("--ro-bind", "/dev/null", "/w/.env")).toBeGreaterThan(0);
    for (const f of ["--unshare-all", "--die-with-parent", "--new-session", "--clearenv"])
      expect(a).toContain(f);
    expect(a).not.toContain("--share-net");
    expect(at("--setenv", "PATH", "/usr/bin")).toBeGreaterThan(at("--clearenv"));
    expect(a.slice(-3)).toEqual(["--chdir", "/w", "--"]);
  });

  it("read-only binds nothing writable; a workspace under /tmp is bound back read-only", () => {
    const a = bwrapArgs(policy({ profile: "read-only", writable: [], readOnly: [], visible: ["/tmp/ws"] }));
    expect(a).not.toContain("--bind");
    expect(a.join(" ")).toContain("--tmpfs /run --ro-bind /tmp/ws /tmp/ws");
  });
});

describe("macOS sandbox-exec profile (text only; not run here)", () => {
  const text = seatbeltProfile(policy({ maskedFiles: ['/w/we"ird\\.env'] }), ["/private/tmp"]);
  it("denies by default and has no network rule that allows anything", () => {
    expect(text.startsWith("(version 1)\n(deny default)\n")).toBe(true);
    expect(text).toContain("(deny network*)");
    expect(text).not.toMatch(/\(allow network/);
  });
  it("reads everything but the masked secrets (the deny comes after the allow)", () => {
    expect(text.indexOf("(allow file-read*)")).toBeLessThan(text.indexOf("(deny file-read*"));
    expect(text).toContain('(deny file-read* (subpath "/h/.ssh") (literal "/w/we\\"ird\\\\.env"))');
  });
  it("writes only temp folders, /dev/null and the workspace, minus protected paths", () => {
    expect(text).toMatch(
      /\(allow file-write\* \(subpath "\/private\/tmp"\) \(subpath "\/w"\) \(literal "\/dev\/null"\)/,
    );
    expect(text.indexOf("(allow file-write*")).toBeLessThan(
      text.indexOf('(deny file-write* (subpath "/w/.git")'),
    );
  });
  it("escapes SBPL strings", () => {
    expect(sbplString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

describe("what is masked", () => {
  it("names credential files but not templates", () => {
    for (const n of [
      ".env",
      ".env.local",
      ".env.production",
      ".npmrc",
      ".netrc",
      "id_rsa",
      "server.pem",
      "tls.key",
      "credentials.json",
      "secrets.yaml",
    ])
      expect(isSecretFileName(n), n).toBe(true);
    for (const n of [
      ".env.example",
      ".env.sample",
      ".env.template",
      "README.md",
      "env.ts",
      "keys.ts",
      "secrets.example",
    ])
      expect(isSecretFileName(n), n).toBe(false);
  });

  it("finds .env files a few levels deep, skipping node_modules and .git, and never masks a venv named .env", () => {
    for (const d of ["a/b", "node_modules/x", ".git", ".env/bin"])
      mkdirSync(path.join(root, d), { recursive: true });
    for (const f of ["a/.env", "a/b/.env.local", "node_modules/x/.env", ".git/.env", ".env.example"])
      writeFileSync(path.join(root, f), "");
    const found = workspaceSecrets(root);
    expect(found.files.map((f) => path.relative(root, f)).sort()).toEqual(["a/.env", "a/b/.env.local"]);
    expect(found.dirs).toEqual([]);
  });

  it("masks HOME secrets and protoagent's own folders from the given environment", () => {
    const home = path.join(root, "home");
    for (const d of [".ssh", ".aws", ".config/protoagent", ".local/share/protoagent"])
      mkdirSync(path.join(home, d), { recursive: true });
    writeFileSync(path.join(home, ".git-credentials"), "x");
    const ws = path.join(root, "ws");
    mkdirSync(ws);
    const p = buildPolicy({ profile: "read-only", workspace: ws, env: {}, secretsEnv: { HOME: home } });
    expect(p.maskedDirs).toEqual(
      expect.arrayContaining(
        [".ssh", ".aws", ".config/protoagent", ".local/share/protoagent"].map((d) => path.join(home, d)),
      ),
    );
    expect(p.maskedFiles).toContain(path.join(home, ".git-credentials"));
    expect(p.writable).toEqual([]);
    expect(p.env.TMPDIR).toBe("/tmp");
  });

  it("hides local service sockets: /run and XDG_RUNTIME_DIR become private, agent variables are dropped", () => {
    const ws = path.join(root, "ws");
    mkdirSync(ws);
    const p = buildPolicy({
      profile: "read-only",
      workspace: ws,
      env: { SSH_AUTH_SOCK: "/run/user/1000/ssh", DOCKER_HOST: "unix:///run/docker.sock", PATH: "/usr/bin" },
      secretsEnv: { HOME: root, XDG_RUNTIME_DIR: "/var/xdg-runtime" },
    });
    expect(p.privateDirs).toEqual(["/tmp", "/run", "/var/xdg-runtime"]);
    expect(p.env).toEqual({ PATH: "/usr/bin", TMPDIR: "/tmp" });
  });
});

describe("what stays read-only in workspace-write", () => {
  it("protects .git and the existing settings folders only", () => {
    execFileSync("git", ["init", "-q", root]);
    mkdirSync(path.join(root, ".vscode"));
    writeFileSync(path.join(root, ".mcp.json"), "{}");
    const p = protectedPaths(root)
      .map((x) => path.relative(root, x))
      .sort();
    expect(p).toEqual([".git", ".mcp.json", ".vscode"]);
    expect(missingProtected(root).map((x) => path.basename(x))).toContain(".protoagent");
  });

  it("follows a gitfile to the real git dir and a worktree to its common dir", () => {
    const main = path.join(root, "main");
    execFileSync("git", ["init", "-q", main]);
    execFileSync("git", [
      "-C",
      main,
      "-c",
      "user.email=a@b",
      "-c",
      "user.name=a",
      "commit",
      "-q",
      "--allow-empty",
      "-m",
      "x",
    ]);
    const wt = path.join(root, "wt");
    execFileSync("git", ["-C", main, "worktree", "add", "-q", wt]);
    const dirs = gitDirs(wt);
    expect(dirs).toEqual(
      expect.arrayContaining([
        path.join(wt, ".git"),
        path.join(main, ".git/worktrees/wt"),
        path.join(main, ".git"),
      ]),
    );
  });

  it("follows a .git symlink and reads core.hooksPath (also through [include])", () => {
    const real = path.join(root, "elsewhere");
    execFileSync("git", ["init", "-q", "--bare", real]);
    const ws = path.join(root, "ws");
    mkdirSync(ws);
    symlinkSync(real, path.join(ws, ".git"));
    expect(gitDirs(ws)).toEqual([real]);
    writeFileSync(path.join(real, "config"), "[core]\n\thooksPath = tools/hooks\n");
    expect(hooksPath(ws, [real])).toBe(path.join(ws, "tools/hooks"));
    writeFileSync(path.join(real, "extra"), "[core]\n\thooksPath = other\n");
    writeFileSync(
      path.join(real, "config"),
      `[core]\n\tbare = false\n\tworktree = ${ws}\n[include]\n\tpath = ${path.join(real, "extra")}\n`,
    );
    expect(hooksPath(ws, [real])).toBe(path.join(ws, "other"));
  });

  it("removes protected paths that a command created, and only those", () => {
    const missing = missingProtected(root);
    mkdirSync(path.join(root, ".claude"));
    writeFileSync(path.join(root, ".claude/settings.json"), "{}");
    mkdirSync(path.join(root, "src"));
    expect(cleanupCreated(root, missing)).toEqual([".claude"]);
  });
});

describe("the stricter fallback policy", () => {
  it("lets only plain readers through, never git, find, awk, sed, globs or recursion", async () => {
    const parser = await loadShellParser();
    for (const ok of [
      "ls -la",
      "cat README.md | head -n 5",
      "wc -l a.txt && pwd",
      "grep -n foo a.txt",
      "cd src && ls",
    ])
      expect(strictReason(parser, ok), ok).toBeNull();
    for (const asks of [
      "git status",
      "git log -n 1",
      "find . -name x",
      "awk '{print}' a",
      "sed -n 1p a",
      "ls *.md",
      "cat src/*.ts",
      "grep -r foo .",
      "ls -R",
      "ls -laL",
      "rg foo",
      "tree",
      "du -a",
      "jq . a.json",
    ])
      expect(strictReason(parser, asks), asks).toMatch(/No OS sandbox|glob/);
  });

  it("makes the bash tool ask for what read-only mode would auto-run", async () => {
    execFileSync("git", ["init", "-q", root]);
    writeFileSync(path.join(root, "a.txt"), "x\n");
    const ctx = makeContext(root);
    ctx.sandbox = {
      requested: "read-only",
      mode: "off",
      fallback: true,
      env: {},
      permissionMode: () => "default",
    };
    ctx.answer = () => ({ approved: false, reason: "Denied: headless." });
    expect(await runError(bashTool, { command: "git status" }, ctx)).toContain("Denied");
    expect(ctx.requests[0]?.reason).toContain("No OS sandbox");
    await run(bashTool, { command: "cat a.txt" }, ctx);
    expect(ctx.requests).toHaveLength(1);
  });
});

describe("who has seen a command", () => {
  it("is the user answering a prompt or an earlier exact/prefix session approval", () => {
    for (const by of [
      "user once",
      "user once (pre-check)",
      "user session (commands starting with `npm test`)",
      "session grant bash:prefix:npm test",
      "session grant bash:exact:make",
    ])
      expect(userSawCommand(by), by).toBe(true);
    for (const by of [
      "rule allow bash(touch:*)",
      "mode bypass",
      "trusted server",
      "skill code-review allows Bash(git diff:*)",
      "session grant tool:bash",
      "mode accept-edits",
      "something new",
    ])
      expect(userSawCommand(by), by).toBe(false);
  });
});

describe("the failure note", () => {
  it("appears only for failures that look like the sandbox", () => {
    expect(sandboxFailureNote("read-only", 1, "touch: cannot touch 'x': Read-only file system")).toContain(
      '"sandbox": false',
    );
    expect(
      sandboxFailureNote("workspace-write", 6, "curl: (6) Could not resolve host: example.com"),
    ).toContain("network is unreachable");
    expect(sandboxFailureNote("read-only", 1, "npm ERR! code ENETUNREACH")).toBeDefined();
    expect(sandboxFailureNote("read-only", 0, "Read-only file system")).toBeUndefined();
    expect(sandboxFailureNote("read-only", 1, "AssertionError: expected 1 to be 2")).toBeUndefined();
  });
});

describe("approving `sandbox: false`", () => {
  const req: ApprovalRequest = {
    tool: "bash",
    kind: "shell",
    title: "Run: npm test",
    detail: "npm test",
    command: "npm test",
    unsandboxed: true,
  };
  const sig = () => new AbortController().signal;

  it("is not answered by an allow rule: headless it is denied, with a reason that says why", async () => {
    const e = createApprovalEngine({
      specifierOf: builtinSpecifiers,
      mode: "default",
      rules: { allow: ["bash(npm test)"] },
      headless: true,
      cwd: root,
    });
    const o = await e.approve(req, sig());
    expect(o.approved).toBe(false);
    if (!o.approved) expect(o.reason).toContain("outside the OS sandbox");
    expect((await e.approve({ ...req, unsandboxed: false }, sig())).approved).toBe(true);
  });

  it("always prompts in the TUI (no session scopes), and bypass mode allows it", async () => {
    const asked: unknown[] = [];
    const e = createApprovalEngine({
      specifierOf: builtinSpecifiers,
      mode: "default",
      rules: { allow: ["bash(npm test)"] },
      headless: false,
      cwd: root,
      handler: async (p) => {
        asked.push(p.scopes);
        return { kind: "once" };
      },
    });
    expect(await e.approve(req, sig())).toEqual({
      approved: true,
      by: "user once",
      decision: { kind: "approved_once" },
    });
    expect(asked).toEqual([[]]);
    const bypass = createApprovalEngine({
      specifierOf: builtinSpecifiers,
      mode: "bypass",
      rules: {},
      headless: true,
      cwd: root,
    });
    expect(await bypass.approve(req, sig())).toMatchObject({
      approved: true,
      by: "mode bypass",
      decision: { kind: "policy", by: "mode bypass" },
    });
    const plan = createApprovalEngine({
      specifierOf: builtinSpecifiers,
      mode: "plan",
      rules: {},
      headless: false,
      cwd: root,
      handler: async () => ({ kind: "once" }),
    });
    expect((await plan.approve(req, sig())).approved).toBe(false);
  });
});

describe("settings", () => {
  it("an untrusted project config may tighten the sandbox, never loosen it", () => {
    expect(stripUntrusted({ sandbox: "off" }).removed).toContain("sandbox");
    expect(stripUntrusted({ sandbox: "workspace-write" }).removed).toContain("sandbox");
    expect(stripUntrusted({ sandbox: "read-only" }, "default", "off").layer.sandbox).toBe("read-only");
    expect(stripUntrusted({ sandbox: "workspace-write" }, "default", "off").removed).toEqual([]);
  });

  it("labels the mode for the header and the JSON result", () => {
    expect(sandboxLabel(undefined)).toBe("off");
    expect(sandboxLabel({ mode: "workspace-write", fallback: false })).toBe("workspace-write");
    expect(sandboxLabel({ mode: "off", fallback: true })).toBe("off (no sandbox available)");
  });
});

describe("probe and fallback", () => {
  it("a missing binary means no sandbox, with a warning that names the fix", async () => {
    const missing = path.join(root, "no-such-bwrap");
    const support = await probeSandbox({ env: { PROTOAGENT_BWRAP: missing }, cwd: root, platform: "linux" });
    expect(support).toEqual({ ok: false, reason: `bubblewrap (bwrap) was not found at ${missing}` });
    const r = await resolveSandbox({ probe: async () => support, env: {}, permissionMode: () => "default" });
    expect(r.sandbox).toMatchObject({ requested: "read-only", mode: "off", fallback: true });
    expect(r.warning).toContain("apt install bubblewrap");
    expect(r.warning).toContain("kernel.unprivileged_userns_clone=1");
    expect(fallbackWarning("x", "darwin")).not.toContain("apt install");
  });

  it("does not probe when the user chose off, and the flag beats the config", async () => {
    let probed = 0;
    const probe = async () => {
      probed++;
      return { ok: true as const, kind: "bwrap" as const, binary: "/usr/bin/bwrap" };
    };
    const off = await resolveSandbox({
      flag: "off",
      config: "workspace-write",
      probe,
      env: {},
      permissionMode: () => "default",
    });
    expect(off.sandbox).toMatchObject({ mode: "off", fallback: false });
    expect(probed).toBe(0);
    const ww = await resolveSandbox({
      config: "workspace-write",
      probe,
      env: {},
      permissionMode: () => "default",
    });
    expect(ww.sandbox.mode).toBe("workspace-write");
  });

  it("never takes bwrap from a relative or in-workspace PATH entry", () => {
    const bin = path.join(root, "node_modules/.bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "bwrap"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    const found = findBinary("bwrap", { PATH: `${bin}:.:` }, root);
    expect(found === undefined || !found.startsWith(root)).toBe(true);
  });

  it("says there is no sandbox on other platforms", async () => {
    expect(await probeSandbox({ env: {}, cwd: root, platform: "win32" })).toMatchObject({ ok: false });
  });
});
