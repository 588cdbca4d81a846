// `protoagent sessions show <id> --audit` through the built CLI on a session log a real headless run wrote: the
// table (one line per action, at most 80 columns, escape sequences from the model stripped) and --json lines.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { runtimeFixture } from "../helpers/runtime-env.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });

const run = (...args: string[]) => runCli(args, { env: env.t.env, cwd: env.t.cwd });

describe("sessions show --audit", () => {
  it("prints the tool actions as an 80-column table and as JSON lines", async () => {
    const evil = "\u001b]0;pwned\u0007\u001b[31mred-and-a-very-long-file-name-that-does-not-fit.txt";
    env.provider.enqueue(
      {
        toolCalls: [
          { id: "c1", name: "read_file", arguments: { file_path: "a.txt" } },
          { id: "c2", name: "read_file", arguments: { file_path: evil } },
        ],
      },
      { toolCalls: [{ id: "c3", name: "bash", arguments: { command: "touch b.txt" } }] },
      { text: "done" },
    );
    const first = await run("-p", "go", "--output-format", "json", "--sandbox", "off");
    expect(first.code).toBe(0);
    const id = JSON.parse(first.stdout.trim().split("\n").at(-1)!).session_id as string;

    const table = await run("sessions", "show", id.slice(0, 8), "--audit");
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^TIME +TOOL +DECISION +OUTCOME +MS SUBJECT$/);
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(table.stdout).not.toContain("pwned");
    expect(table.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(rows.find((r) => r.includes("a.txt"))).toMatch(/^\d\d:\d\d:\d\d read_file +auto +ok +\d+ a\.txt$/);
    expect(rows.find((r) => r.includes("red-and"))).toMatch(
      /read_file +auto +error +\d+ red-and-a-very-long…$/,
    );
    expect(rows.find((r) => r.includes("bash"))).toMatch(
      /bash +denied \(headless\) +denied +\d+ touch b\.txt$/,
    );
    expect(lines.at(-1)).toBe("3 actions; times in UTC.");

    const json = await run("sessions", "show", id, "--audit", "--json");
    expect(json.code).toBe(0);
    const entries = json.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(entries.map((e) => [e.tool, e.decision.kind, e.outcome]).sort()).toEqual([
      ["bash", "denied", "denied"],
      ["read_file", "policy", "error"],
      ["read_file", "policy", "ok"],
    ]);
    expect(entries.find((e) => e.callId === "c3")).toMatchObject({
      args: { command: "touch b.txt" },
      decision: { kind: "denied", by: "headless" },
    });
  });

  it("says so when a session has no tool actions", async () => {
    env.provider.enqueue({ text: "hi" });
    const first = await run("-p", "hello", "--output-format", "json");
    const id = JSON.parse(first.stdout.trim().split("\n").at(-1)!).session_id as string;
    const shown = await run("sessions", "show", id, "--audit");
    expect(shown.stdout).toBe("No tool actions recorded in this session.\n");
    expect((await run("sessions", "show", id, "--audit", "--json")).stdout).toBe("");
  });
});
