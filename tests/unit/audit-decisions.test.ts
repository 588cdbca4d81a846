// The decision kind the approval engine reports with every outcome, for the audit trail: the typed union next to
// the `by` text it always had (which stays as it was), for the kinds the runtime test does not reach (a skill's
// grant, the modes, an ask rule and plan mode headless, an interrupted prompt).
import { describe, expect, it } from "vitest";
import { createApprovalEngine } from "../../src/approval/engine.js";
import type { ApprovalRequest } from "../../src/approval/types.js";
import { shellRequest } from "../helpers/approval-requests.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";

const CWD = "/ws";
const shell = shellRequest;
const write: ApprovalRequest = {
  tool: "write_file",
  kind: "write",
  title: "Write a",
  detail: "d",
  path: `${CWD}/a`,
};
const engine = (o: Partial<Parameters<typeof createApprovalEngine>[0]> = {}) =>
  createApprovalEngine({
    mode: "default",
    rules: {},
    specifierOf: builtinSpecifiers,
    headless: true,
    cwd: CWD,
    ...o,
  });
const sig = () => new AbortController().signal;

describe("decision kinds reported by the engine", () => {
  it("names the skill and rule that allowed a call", async () => {
    const e = engine();
    e.addTemporaryAllow(["Bash(git:*)"], "skill release");
    const o = await e.approve(shell("git tag v1", { onlyUnlisted: true }), sig());
    expect(o).toMatchObject({
      approved: true,
      decision: { kind: "skill", skill: "skill release", rule: "Bash(git:*)" },
    });
  });

  it("reports the modes as policy and plan mode as a policy denial", async () => {
    expect((await engine({ mode: "bypass" }).approve(shell("make"), sig())).decision).toEqual({
      kind: "policy",
      by: "mode bypass",
    });
    expect((await engine({ mode: "accept-edits" }).approve(write, sig())).decision).toEqual({
      kind: "policy",
      by: "mode accept-edits",
    });
    expect((await engine({ mode: "plan" }).approve(write, sig())).decision).toEqual({
      kind: "denied",
      by: "policy",
      detail: "mode plan",
    });
  });

  it("a headless ask rule names the rule; an interrupted prompt is an aborted denial", async () => {
    const asked = await engine({ rules: { ask: ["bash(make:*)"] } }).approve(shell("make all"), sig());
    expect(asked.decision).toEqual({ kind: "denied", by: "headless", detail: "rule ask bash(make:*)" });
    const ctl = new AbortController();
    const e = engine({ headless: false, handler: () => new Promise(() => {}) });
    const pending = e.approve(shell("make"), ctl.signal);
    ctl.abort();
    expect((await pending).decision).toEqual({ kind: "denied", by: "aborted" });
  });
});
