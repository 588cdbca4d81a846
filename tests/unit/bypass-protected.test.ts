// Bypass never lifts protected paths, bash included (issue: in bypass, bash wrote .git/hooks/pre-commit and
// .protoagent/ while the file tools refused). A command that names a protected path asks — headless: denied —
// in every mode; one that reaches it indirectly is stopped by the OS sandbox. Real bash tool, engine, bwrap.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApprovalEngine } from "../../src/approval/index.js";
import type { SandboxMode } from "../../src/sandbox/types.js";
import { bashTool } from "../../src/tools/bash.js";
import { noSandboxReason, outsideTmp, testSandbox } from "../helpers/sandbox.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";
import { makeContext, run } from "../helpers/tool-context.js";

let ws: string;
beforeEach(() => {
  ws = outsideTmp("pa-bypass-");
  execFileSync("git", ["init", "-q", ws]);
  mkdirSync(path.join(ws, ".protoagent"));
});
afterEach(() => execFileSync("rm", ["-rf", ws]));

async function bypass(command: string, sandbox?: SandboxMode) {
  const engine = createApprovalEngine({
    mode: "bypass",
    rules: {},
    specifierOf: builtinSpecifiers,
    headless: true,
    cwd: ws,
  });
  const ctx = makeContext(ws);
  if (sandbox) ctx.sandbox = testSandbox(sandbox, process.env, "bypass");
  ctx.approve = (req) => engine.approve(req, ctx.signal);
  try {
    await run(bashTool, { command }, ctx);
    return "ran";
  } catch (err) {
    return (err as Error).message;
  }
}

const hook = () => path.join(ws, ".git", "hooks", "pre-commit");

describe("bypass and protected paths", () => {
  it("a command naming a protected path is denied headless, even with no sandbox", async () => {
    expect(await bypass("echo pwned > .git/hooks/pre-commit")).toMatch(/protected path/);
    expect(await bypass("cp /dev/null .protoagent/protoagent.jsonc")).toMatch(/protected path/);
    expect(existsSync(hook())).toBe(false);
    expect(await bypass("touch ordinary.txt")).toBe("ran");
  });

  it.skipIf(noSandboxReason !== undefined)(
    `an indirect write is stopped by the sandbox${noSandboxReason ? ` — skipped: ${noSandboxReason}` : ""}`,
    async () => {
      for (const mode of ["read-only", "workspace-write"] as const) {
        await bypass(`sh -c 'echo pwned > .gi""t/hooks/pre-commit'`, mode);
        expect(existsSync(hook()), mode).toBe(false);
      }
    },
  );
});
