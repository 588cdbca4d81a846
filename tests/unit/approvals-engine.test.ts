import { describe, expect, it } from "vitest";
import { type ApprovalEngineOptions, createApprovalEngine } from "../../src/approval/engine.js";
import type {
  ApprovalAnswer,
  ApprovalHandler,
  ApprovalOutcome,
  ApprovalPrompt,
  ApprovalRecord,
  ApprovalRequest,
} from "../../src/approval/types.js";
import { shellRequest } from "../helpers/approval-requests.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";

const CWD = "/ws";
const sig = () => new AbortController().signal;
const by = (o: ApprovalOutcome): string => (o.approved ? o.by : `denied: ${o.reason}`);

const shell = shellRequest;
const write = (rel: string, extra: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  tool: "write_file",
  kind: "write",
  title: `Write ${rel}`,
  detail: "diff",
  path: `${CWD}/${rel}`,
  ...extra,
});
const fetchReq = (url: string): ApprovalRequest => ({
  tool: "webfetch",
  kind: "fetch",
  title: "Fetch",
  detail: url,
  url,
});

/** A scripted UI: answers in order, remembers what it was asked. */
function scripted(...answers: ApprovalAnswer[]) {
  const asked: ApprovalPrompt[] = [];
  const handler: ApprovalHandler = async (prompt) => {
    asked.push(prompt);
    const next = answers.shift();
    if (!next) throw new Error("unexpected prompt");
    return next;
  };
  return { asked, handler };
}

function engine(over: Partial<ApprovalEngineOptions> = {}) {
  const records: ApprovalRecord[] = [];
  const e = createApprovalEngine({
    mode: "default",
    rules: {},
    headless: false,
    specifierOf: builtinSpecifiers,
    cwd: CWD,
    onRecord: (r) => records.push(r),
    ...over,
  });
  return { e, records };
}

describe("decision order", () => {
  const rules = {
    deny: ["bash(rm:*)", "webfetch(domain:evil.com)"],
    ask: ["bash(git push:*)"],
    allow: [
      "bash(npm test)",
      "bash(git:*)",
      "write_file(src/**)",
      "webfetch(domain:docs.rs)",
      "bash(rm -rf build)",
    ],
  };
  const table: Array<
    [string, ApprovalRequest, "default" | "plan" | "accept-edits" | "bypass", boolean, RegExp]
  > = [
    ["deny beats allow", shell("rm -rf build"), "default", false, /rule deny bash\(rm:\*\)/],
    ["deny beats bypass", shell("rm x"), "bypass", false, /rule deny/],
    ["deny on a chained part", shell("npm test; rm -rf /"), "bypass", false, /rule deny/],
    ["ask beats allow (headless)", shell("git push origin main"), "default", false, /headless \(rule ask/],
    ["ask rule even in bypass", shell("git push"), "bypass", false, /headless/],
    ["allow rule exact", shell("npm test"), "default", true, /rule allow bash\(npm test\)/],
    // onlyUnlisted: the classifier's sole objection was "not on the read-only list" (what bash sends for it).
    [
      "allow prefix",
      shell("git tag v1", { onlyUnlisted: true }),
      "default",
      true,
      /rule allow bash\(git:\*\)/,
    ],
    [
      "allow prefix never lifts a risky ask (denied option, outside path)",
      shell("git diff --no-index ~/.ssh/id_rsa /dev/null"),
      "default",
      false,
      /headless/,
    ],
    ["allow prefix not for chains", shell("git status && curl x"), "default", false, /headless/],
    ["allow path glob", write("src/a.ts"), "default", true, /rule allow write_file/],
    ["no rule, default headless", write("README.md"), "default", false, /headless/],
    ["accept-edits writes in workspace", write("README.md"), "accept-edits", true, /mode accept-edits/],
    ["accept-edits does not run commands", shell("make"), "accept-edits", false, /headless/],
    ["bypass allows the rest", shell("make"), "bypass", true, /mode bypass/],
    ["plan denies allowed commands", shell("npm test"), "plan", false, /mode plan/],
    ["plan denies writes", write("src/a.ts"), "plan", false, /mode plan/],
    ["plan lets fetch reach the rules", fetchReq("https://docs.rs/x"), "plan", true, /rule allow webfetch/],
    ["fetch domain deny", fetchReq("https://a.evil.com/?q=secret"), "bypass", false, /rule deny webfetch/],
    [
      "protected path headless denied even in bypass",
      write(".env", { protectedPath: true }),
      "bypass",
      false,
      /protected/,
    ],
    [
      "protected beats allow glob",
      write("src/.env", { protectedPath: true }),
      "accept-edits",
      false,
      /protected/,
    ],
  ];
  it.each(table)("%s", async (_name, req, mode, approved, by) => {
    const { e, records } = engine({ mode, rules, headless: true });
    const out = await e.approve(req, sig());
    expect(out.approved).toBe(approved);
    expect(records).toHaveLength(1);
    expect(records[0]?.decision).toBe(approved ? "allow" : "deny");
    expect(records[0]?.by).toMatch(by);
  });

  it("headless allows a protected path only through a rule naming it exactly", async () => {
    const { e } = engine({ headless: true, rules: { allow: ["write_file(.env)", "write_file(**)"] } });
    expect((await e.approve(write(".env", { protectedPath: true }), sig())).approved).toBe(true);
    expect((await e.approve(write(".git/config", { protectedPath: true }), sig())).approved).toBe(false);
  });

  it("invalid rules are a config error naming every bad rule", () => {
    const make = () => engine({ rules: { allow: ["bash("], deny: ["webfetch(x)"] } });
    expect(make).toThrow(/"bash\("/);
    expect(make).toThrow(/"webfetch\(x\)"/);
  });
});

describe("headless messages the model sees", () => {
  it("names the action and the flag that would allow it", async () => {
    const { e } = engine({ headless: true });
    const out = await e.approve(shell("npm test"), sig());
    expect(out.approved).toBe(false);
    if (out.approved) return;
    expect(out.reason).toContain("running `npm test` needs approval and protoagent is running headless");
    expect(out.reason).toContain("--allow 'bash(npm test)'");
    const f = await e.approve(fetchReq("https://example.com/a?b=c"), sig());
    expect(!f.approved && f.reason).toContain("--allow 'webfetch(domain:example.com)'");
    const w = await e.approve(write("docs/x.md"), sig());
    expect(!w.approved && w.reason).toContain("--allow 'write_file(docs/x.md)'");
    const q = await e.approve(shell("echo 'it''s'"), sig());
    expect(!q.approved && q.reason).toContain(`--allow 'bash(echo '\\''it'\\'''\\''s'\\'')'`);
  });
  it("plan mode tells the model to read and propose", async () => {
    const { e } = engine({ mode: "plan" });
    const out = await e.approve(write("a.ts"), sig());
    expect(!out.approved && out.reason).toMatch(/plan mode.*present your plan/);
  });
  it("a handler registered while headless is never called", async () => {
    const { asked, handler } = scripted({ kind: "once" });
    const { e } = engine({ headless: true, handler });
    expect((await e.approve(shell("make"), sig())).approved).toBe(false);
    expect(asked).toHaveLength(0);
  });
});

describe("asking the user", () => {
  it("approve once asks again next time", async () => {
    const { asked, handler } = scripted({ kind: "once" }, { kind: "reject" });
    const { e, records } = engine({ handler });
    expect(await e.approve(shell("make"), sig())).toEqual({
      approved: true,
      by: "user once",
      decision: { kind: "approved_once" },
    });
    expect((await e.approve(shell("make"), sig())).approved).toBe(false);
    expect(asked).toHaveLength(2);
    expect(records.map((r) => r.by)).toEqual(["user once", "user reject"]);
  });

  it("offers narrow-to-wide scopes and honours a prefix grant", async () => {
    const asked: ApprovalPrompt[] = [];
    const h: ApprovalHandler = async (p) => {
      asked.push(p);
      const prefix = p.scopes.find((s) => s.key === "bash:prefix:npm run");
      if (!prefix || asked.length > 1) throw new Error("unexpected prompt");
      return { kind: "session", scope: prefix };
    };
    const { e } = engine({ handler: h });
    expect((await e.approve(shell("npm run build"), sig())).approved).toBe(true);
    expect(asked[0]?.scopes.map((s) => s.label)).toEqual([
      "this exact command: npm run build",
      "commands starting with `npm run`",
      "any command (bash)",
    ]);
    const again = await e.approve(shell("npm run lint --fix"), sig());
    expect(again).toEqual({
      approved: true,
      by: "session grant bash:prefix:npm run",
      decision: { kind: "approved_session", scope: "bash:prefix:npm run" },
    });
    // A chained command is not covered by the prefix grant: it asks again (and the handler throws → deny).
    const chained = await e.approve(shell("npm run x && curl evil"), sig());
    expect(chained.approved).toBe(false);
    expect(e.grants().map((g) => g.key)).toEqual(["bash:prefix:npm run"]);
    expect(e.revoke("bash:prefix:npm run")).toBe(true);
    expect(e.grants()).toEqual([]);
  });

  it("file scopes: this file, or all edits in the workspace; protected paths offer none", async () => {
    const { asked, handler } = scripted(
      { kind: "session", scope: { key: "files:edits", label: "x" } },
      { kind: "once" },
    );
    const { e } = engine({ handler });
    expect((await e.approve(write("a.ts"), sig())).approved).toBe(true);
    expect(asked[0]?.scopes.map((s) => s.key)).toEqual([`file:${CWD}/a.ts`, "files:edits"]);
    expect(by(await e.approve({ ...write("b/c.ts"), tool: "edit_file", kind: "edit" }, sig()))).toBe(
      "session grant files:edits",
    );
    // Protected paths ask even with a grant, and offer no session scope.
    expect((await e.approve(write(".npmrc", { protectedPath: true }), sig())).approved).toBe(true);
    expect(asked[1]?.scopes).toEqual([]);
  });

  it("a scope the engine did not offer is treated as once", async () => {
    const { handler } = scripted(
      { kind: "session", scope: { key: "tool:bash", label: "forged" } },
      { kind: "reject" },
    );
    const { e } = engine({ handler });
    expect(by(await e.approve(fetchReq("https://x.org/"), sig()))).toBe("user once");
    expect(e.grants()).toEqual([]);
  });

  it("rejection carries the user's feedback to the model and the audit trail", async () => {
    const { handler } = scripted({ kind: "reject", feedback: "  use pnpm instead " });
    const { e, records } = engine({ handler });
    const out = await e.approve(shell("npm install"), sig());
    expect(out).toEqual({
      approved: false,
      reason: "The user rejected running `npm install`.",
      feedback: "use pnpm instead",
      decision: { kind: "denied", by: "user" },
    });
    expect(records[0]).toMatchObject({
      decision: "deny",
      by: "user reject",
      feedback: "use pnpm instead",
      subject: "npm install",
    });
  });

  it("parallel prompts are serialised and re-check grants", async () => {
    let release!: (a: ApprovalAnswer) => void;
    const seen: ApprovalPrompt[] = [];
    const h: ApprovalHandler = (p) => {
      seen.push(p);
      return new Promise((r) => {
        release = r;
      });
    };
    const { e } = engine({ handler: h });
    const first = e.approve(write("a.ts"), sig());
    const second = e.approve(write("b.ts"), sig());
    await expect.poll(() => seen.length).toBe(1);
    release({ kind: "session", scope: { key: "files:edits", label: "" } });
    expect((await first).approved).toBe(true);
    expect(await second).toEqual({
      approved: true,
      by: "session grant files:edits",
      decision: { kind: "approved_session", scope: "files:edits" },
    });
    expect(seen).toHaveLength(1);
  });
});

describe("queued prompts re-decide after waiting", () => {
  it("a mode switch while a prompt is open applies to the queued requests", async () => {
    let release!: (a: ApprovalAnswer) => void;
    const seen: ApprovalPrompt[] = [];
    const h: ApprovalHandler = (p) => {
      seen.push(p);
      return new Promise((r) => {
        release = r;
      });
    };
    const { e, records } = engine({ handler: h });
    const first = e.approve(shell("make a"), sig());
    const second = e.approve(shell("make b"), sig());
    await expect.poll(() => seen.length).toBe(1);
    e.setMode("plan");
    release({ kind: "once" });
    expect((await first).approved).toBe(true);
    expect(await second).toMatchObject({ approved: false });
    expect(records.map((r) => r.by)).toEqual(["user once", "mode plan"]);
    expect(seen).toHaveLength(1);
  });
});

describe("fail closed", () => {
  it("no handler denies", async () => {
    const { e } = engine();
    expect((await e.approve(shell("make"), sig())).approved).toBe(false);
  });
  it("a throwing handler denies and records the error", async () => {
    const { e, records } = engine({
      handler: async () => {
        throw new Error("ui crashed");
      },
    });
    const out = await e.approve(shell("make"), sig());
    expect(!out.approved && out.reason).toMatch(/could not be completed \(ui crashed\)/);
    expect(records[0]?.by).toBe("error: ui crashed");
  });
  it("aborting while the prompt is open denies", async () => {
    const ac = new AbortController();
    const { e, records } = engine({ handler: () => new Promise<ApprovalAnswer>(() => {}) });
    const pending = e.approve(shell("make"), ac.signal);
    ac.abort();
    const out = await pending;
    expect(!out.approved && out.reason).toMatch(/Cancelled/);
    expect(records[0]?.by).toBe("aborted");
  });
  it("an already-aborted signal denies without asking", async () => {
    const { asked, handler } = scripted({ kind: "once" });
    const { e } = engine({ handler });
    const ac = new AbortController();
    ac.abort();
    expect((await e.approve(shell("make"), ac.signal)).approved).toBe(false);
    expect(asked).toHaveLength(0);
  });
  it("a malformed request denies instead of throwing", async () => {
    const { e } = engine({ handler: async () => ({ kind: "once" }) });
    const bad = { tool: "bash", kind: "shell", title: "x", detail: "x", url: "::" } as ApprovalRequest;
    Object.defineProperty(bad, "command", {
      get() {
        throw new Error("boom");
      },
    });
    expect((await e.approve(bad, sig())).approved).toBe(false);
  });
  it("an audit sink that throws does not change the decision", async () => {
    const { e } = engine({
      rules: { allow: ["bash"] },
      onRecord: () => {
        throw new Error("disk full");
      },
    });
    expect((await e.approve(shell("make"), sig())).approved).toBe(true);
  });
});

describe("mode, handler, tool calls, temporary allows", () => {
  it("setMode and setHandler take effect immediately", async () => {
    const { e } = engine();
    expect(e.getMode()).toBe("default");
    e.setMode("bypass");
    expect((await e.approve(shell("make"), sig())).approved).toBe(true);
    e.setMode("default");
    e.setHandler(async () => ({ kind: "once" }));
    expect((await e.approve(shell("make"), sig())).approved).toBe(true);
    e.setHandler(undefined);
    expect((await e.approve(shell("make"), sig())).approved).toBe(false);
  });

  /** The request the executor builds for a tool that does not approve itself (MCP tools, read-only tools). */
  const call = (tool: string, extra: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
    tool,
    kind: "other",
    title: `Call ${tool}`,
    detail: "{}",
    ...extra,
  });

  it("MCP tools ask by default; rules or a trusted server allow them; plan needs readOnly", async () => {
    const { e, records } = engine({
      headless: true,
      rules: { allow: ["mcp_github_*"], deny: ["mcp_github_delete_*"] },
    });
    expect((await e.approve(call("mcp_fs_write", { path: "/ws/x" }), sig())).approved).toBe(false);
    expect((await e.approve(call("mcp_github_list"), sig())).approved).toBe(true);
    expect((await e.approve(call("mcp_github_delete_repo", { safe: true }), sig())).approved).toBe(false);
    // A trusted server's call is the caller's own safe verdict: allowed, and nothing was decided to record.
    const before = records.length;
    expect(by(await e.approve(call("mcp_fs_write", { safe: true }), sig()))).toBe("safe");
    expect(records).toHaveLength(before);
    e.setMode("plan");
    expect((await e.approve(call("mcp_fs_write", { safe: true }), sig())).approved).toBe(false);
    expect((await e.approve(call("mcp_fs_read", { safe: true, readOnly: true }), sig())).approved).toBe(true);
  });

  it("an MCP call shows its arguments in full and offers only 'this tool'", async () => {
    const { asked, handler } = scripted({ kind: "session", scope: { key: "tool:mcp_x_y", label: "" } });
    const { e } = engine({ handler });
    const detail = JSON.stringify({ command: "ls", n: 1 }, null, 2);
    await e.approve(call("mcp_x_y", { title: "Call x/y", detail }), sig());
    expect(asked[0]?.request).toMatchObject({ kind: "other", title: "Call x/y" });
    expect(asked[0]?.request.detail).toContain('"command": "ls"');
    expect(asked[0]?.scopes.map((s) => s.key)).toEqual(["tool:mcp_x_y"]);
    // The MCP grant does not cover the bash tool running the same command.
    expect((await e.approve(shell("ls"), sig())).approved).toBe(false);
  });

  it("denyCheck enforces deny rules on any call from its stated facts, and never prompts", () => {
    const { e, records } = engine({ rules: { deny: ["read_file(.env*)", "read_file(secrets)"] } });
    expect(e.denyCheck("read_file", { path: "/ws/.env.local" })).toMatch(/deny `read_file\(\.env\*\)`/);
    expect(e.denyCheck("read_file", { path: "/ws/secrets/a/b.pem" })).toBeDefined();
    expect(e.denyCheck("read_file", { path: "/ws/src/env.ts" })).toBeUndefined();
    // A path rule guards the resource: another tool reaching the same folder is denied too.
    expect(e.denyCheck("list_directory", { path: "/ws/secrets" })).toMatch(/deny `read_file\(secrets\)`/);
    expect(e.denyCheck("list_directory", { path: "/ws/src" })).toBeUndefined();
    expect(records).toHaveLength(3);
  });

  it("a skill's allowed-tools apply only while it is active", async () => {
    const { e } = engine({ headless: true, rules: { deny: ["bash(git push:*)"] } });
    const h = e.addTemporaryAllow(["Bash(git:*)", "not a rule("], "skill release");
    expect(h.errors).toHaveLength(1);
    const tag = shell("git tag v1", { onlyUnlisted: true });
    expect(by(await e.approve(tag, sig()))).toBe("skill release allows Bash(git:*)");
    expect((await e.approve(shell("git push --tags", { onlyUnlisted: true }), sig())).approved).toBe(false);
    // A grant lifts only "not on the list": never a denied option, an outside path or a config risk.
    expect((await e.approve(shell("git log --output=/tmp/x"), sig())).approved).toBe(false);
    h.release();
    h.release();
    expect((await e.approve(tag, sig())).approved).toBe(false);
  });

  it("ask rules always prompt, once, offer no session scope, and reach safe calls too", async () => {
    const { asked, handler } = scripted({ kind: "once" }, { kind: "once" });
    const { e, records } = engine({
      handler,
      rules: { ask: ["bash(git log:*)", "read_file(secrets/**)"], allow: ["bash"] },
    });
    // The bash tool marks an auto-run command safe; the ask rule still prompts for it.
    const out = await e.approve(shell("git log -p", { safe: true, readOnly: true }), sig());
    expect(out.approved).toBe(true);
    expect(asked[0]?.request).toMatchObject({
      kind: "shell",
      command: "git log -p",
      title: "Run: git log -p",
    });
    expect(asked[0]?.scopes).toEqual([]);
    // A read-only tool's call (built by the executor) is safe too, and the ask rule reaches it.
    await e.approve(call("read_file", { path: "/ws/secrets/a", detail: "secrets/a", safe: true }), sig());
    expect(asked[1]?.request.detail).toContain("secrets/a");
    // Safe calls no rule names pass silently; the allow rule covers other commands without asking.
    expect(by(await e.approve(call("read_file", { path: "/ws/src/a", safe: true }), sig()))).toBe("safe");
    expect(by(await e.approve(shell("make"), sig()))).toBe("rule allow bash");
    expect(asked).toHaveLength(2);
    expect(records.map((r) => r.by)).toEqual(["user once", "user once", "rule allow bash"]);
  });

  it("listRules shows config rules and active skill rules", () => {
    const { e } = engine({ rules: { allow: ["bash(npm test)"], deny: ["webfetch"] } });
    const h = e.addTemporaryAllow(["Read"], "skill docs");
    expect(e.listRules()).toEqual({
      allow: ["bash(npm test)"],
      ask: [],
      deny: ["webfetch"],
      temporary: [{ source: "skill docs", rules: ["Read"] }],
    });
    h.release();
    expect(e.listRules().temporary).toEqual([]);
  });

  it("an approval answers exactly the request it was asked for: the next identical one asks again", async () => {
    const { asked, handler } = scripted({ kind: "once" }, { kind: "reject" });
    const { e, records } = engine({ handler, rules: { ask: ["bash(git push:*)"] } });
    expect((await e.approve(shell("git push origin"), sig())).approved).toBe(true);
    expect((await e.approve(shell("git push origin"), sig())).approved).toBe(false);
    expect(asked).toHaveLength(2);
    expect(records.map((r) => r.by)).toEqual(["user once", "user reject"]);
  });
});
