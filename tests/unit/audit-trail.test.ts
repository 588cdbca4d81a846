// The audit trail end to end on the real Runtime, the real session log and the fake OpenAI server: every
// decision kind the engine reports (policy, rule, approved once, approved for the session, denied by the user,
// a rule and headless), sandboxed runs, sub-agents' calls tagged with their id, the diff of an edit, redaction
// of a secret in the arguments, and what a resumed session keeps.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/agent/audit.js";
import type { ApprovalPrompt, Runtime } from "../../src/runtime/index.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { noSandboxReason } from "../helpers/sandbox.js";

const env = runtimeFixture({ "a.txt": "alpha\nbeta\n", "secret.txt": "s3cret\n" });

/** The audit records in the session's log file, in order. */
function logged(rt: Runtime): AuditEntry[] {
  const file = `${env.t.dataHome}/protoagent/sessions/${rt.id}.jsonl`;
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((r) => r.t === "audit")
    .map((r) => r.entry as AuditEntry);
}

describe("audit trail", () => {
  it("records who decided each call, its outcome, duration and diff, in the session log", async () => {
    env.t.env.SERVICE_TOKEN = "tok-abcdef123456";
    const rt = await env.open({
      allow: ["write_file(notes.md)"],
      deny: ["read_file(secret.txt)"],
      sandbox: { mode: "off" },
    });
    const asked: string[] = [];
    rt.setApprovalHandler(async (p: ApprovalPrompt) => {
      asked.push(p.request.title);
      if (p.request.tool === "bash") return { kind: "session", scope: p.scopes[0]! };
      if (p.request.title.includes("a.txt") && asked.length === 1) return { kind: "once" };
      return { kind: "reject", feedback: "not now" };
    });
    env.provider.enqueue(
      {
        toolCalls: [
          { id: "c1", name: "read_file", arguments: { file_path: "a.txt" } },
          { id: "c2", name: "read_file", arguments: { file_path: "secret.txt" } },
          {
            id: "c3",
            name: "write_file",
            arguments: { file_path: "notes.md", content: "tok-abcdef123456\n" },
          },
          {
            id: "c4",
            name: "edit_file",
            arguments: { file_path: "a.txt", old_string: "beta", new_string: "gamma" },
          },
          { id: "c5", name: "bash", arguments: { command: "touch made.txt" } },
          { id: "c6", name: "bash", arguments: { command: "touch made.txt" } },
          {
            id: "c7",
            name: "edit_file",
            arguments: { file_path: "a.txt", old_string: "alpha", new_string: "x" },
          },
        ],
      },
      { text: "done" },
    );
    const result = await rt.run("go");
    expect(result.reason).toBe("completed");

    // Consecutive read-only calls run concurrently: their entries come in completion order.
    const entries = logged(rt).sort((a, b) => a.callId.localeCompare(b.callId));
    expect(entries.map((e) => [e.callId, e.tool, e.decision, e.outcome])).toEqual([
      ["c1", "read_file", { kind: "policy", by: "safe" }, "ok"],
      ["c2", "read_file", { kind: "denied", by: "rule" }, "denied"],
      ["c3", "write_file", { kind: "rule", rule: "write_file(notes.md)" }, "ok"],
      ["c4", "edit_file", { kind: "approved_once" }, "ok"],
      ["c5", "bash", { kind: "approved_session", scope: expect.stringContaining("touch made.txt") }, "ok"],
      // The second run of the command is covered by the session approval given for the first: no prompt.
      ["c6", "bash", { kind: "approved_session", scope: expect.stringContaining("touch made.txt") }, "ok"],
      ["c7", "edit_file", { kind: "denied", by: "user" }, "denied"],
    ]);
    expect(asked).toHaveLength(3);
    for (const e of entries) {
      expect(Number.isInteger(e.durationMs) && e.durationMs >= 0).toBe(true);
      expect(Date.parse(e.at)).not.toBeNaN();
      expect(e.agent).toBeUndefined();
    }
    const edit = entries.find((e) => e.callId === "c4")!;
    expect(edit.diff).toContain("-beta");
    expect(edit.diff).toContain("+gamma");
    expect(edit.subject).toBe("a.txt");
    // The secret in the arguments never reaches the disk; the file itself got it.
    const write = entries.find((e) => e.callId === "c3")!;
    expect(JSON.stringify(write.args)).toContain("[REDACTED:SERVICE_TOKEN]");
    expect(readFileSync(`${env.t.dataHome}/protoagent/sessions/${rt.id}.jsonl`, "utf8")).not.toContain(
      "tok-abcdef123456",
    );
    expect(readFileSync(`${env.t.cwd}/notes.md`, "utf8")).toBe("tok-abcdef123456\n");
  });

  it("headless: what would ask is denied by nobody to ask; a resumed session keeps the earlier entries", async () => {
    const rt = await env.open({ headless: true, sandbox: { mode: "off" } });
    env.provider.enqueue(
      { toolCalls: [{ id: "h1", name: "bash", arguments: { command: "touch x.txt" } }] },
      { text: "ok" },
    );
    await rt.run("go");
    const id = rt.id;
    expect(logged(rt).map((e) => [e.decision.kind, e.outcome])).toEqual([["denied", "denied"]]);
    expect(logged(rt)[0]!.decision).toMatchObject({ kind: "denied", by: "headless" });
    await rt.close();

    const again = await env.open({ headless: true, sandbox: { mode: "off" }, resume: { session: id } });
    env.provider.enqueue(
      { toolCalls: [{ id: "h2", name: "read_file", arguments: { file_path: "a.txt" } }] },
      { text: "ok" },
    );
    await again.run("more");
    expect(logged(again).map((e) => e.callId)).toEqual(["h1", "h2"]);
    expect(again.describe("audit")).toMatch(
      /\n\d\d:\d\d:\d\d bash +denied \(headless\) +denied +\d+ touch x\.txt\n/,
    );
  });

  it("tags a sub-agent's calls with the child's id", async () => {
    const rt = await env.open({ headless: true });
    env.provider.enqueue(
      { toolCalls: [{ id: "p1", name: "sub_agent", arguments: { task: "read a.txt" } }] },
      { toolCalls: [{ id: "k1", name: "read_file", arguments: { file_path: "a.txt" } }] },
      { text: "child done" },
      { text: "parent done" },
    );
    await rt.run("delegate");
    expect(logged(rt).map((e) => [e.agent, e.callId, e.tool, e.outcome])).toEqual([
      ["sub-1", "k1", "read_file", "ok"],
      [undefined, "p1", "sub_agent", "ok"],
    ]);
  });

  it.skipIf(noSandboxReason)("marks a command that ran inside the OS sandbox", async () => {
    const rt = await env.open({ headless: true, sandbox: { mode: "read-only" } });
    env.provider.enqueue(
      { toolCalls: [{ id: "s1", name: "bash", arguments: { command: "ls" } }] },
      { text: "ok" },
    );
    await rt.run("list");
    expect(logged(rt)).toEqual([
      expect.objectContaining({
        callId: "s1",
        decision: { kind: "policy", by: "safe" },
        sandboxed: "read-only",
      }),
    ]);
  });
});
