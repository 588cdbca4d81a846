// Headless `--output-format stream-json` with sub-agents: the built CLI against the fake OpenAI server. A child's
// events are written as `subagent` lines tagged with the child (id, label, the parent's sub_agent call id), its
// usage as `usage` lines with `subAgent` and `agent`, and the parent's own events stay untagged.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeProvider, type ScriptedReply } from "../helpers/fake-provider.js";
import { runCli } from "../helpers/run-cli.js";
import { childTask, isChildRequest } from "../helpers/sub-agents.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
let t: TempEnv;
beforeAll(async () => {
  provider = await FakeProvider.start();
});
afterAll(async () => {
  await provider.close();
  t?.cleanup();
});
beforeEach(() => {
  t = makeTempEnv({ "README.md": "# demo\n" });
  writeFakeUserConfig(t, provider.url);
});

describe("stream-json with sub-agents", () => {
  it("writes each child's events tagged with the child and the parent call running it", async () => {
    const parent: ScriptedReply[] = [
      {
        toolCalls: [
          { id: "call_a", name: "sub_agent", arguments: { task: "List A." } },
          { id: "call_b", name: "sub_agent", arguments: { task: "List B." } },
        ],
      },
      { text: "Both listed." },
    ];
    const seen = new Set<string>();
    provider.setFallback((r) => {
      if (!isChildRequest(r)) return parent.shift() ?? { text: "unexpected" };
      const task = childTask(r);
      if (seen.has(task)) return { text: `${task} done` };
      seen.add(task);
      return { toolCalls: [{ name: "list_directory", arguments: {} }] };
    });
    const r = await runCli(["-p", "Delegate.", "--output-format", "stream-json"], { env: t.env, cwd: t.cwd });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ type: "result", result: "Both listed.", is_error: false });

    const child = lines.filter((l) => l.type === "subagent");
    for (const callId of ["call_a", "call_b"]) {
      const mine = child.filter((l) => l.agent.callId === callId);
      expect(mine.map((l) => l.event.type)).toEqual(
        expect.arrayContaining([
          "agent_start",
          "turn_start",
          "tool_start",
          "tool_end",
          "message_end",
          "done",
        ]),
      );
      expect(new Set(mine.map((l) => l.agent.id)).size).toBe(1);
      expect(mine[0].agent.label).toMatch(/^sub-agent #[12]$/);
      expect(mine.find((l) => l.event.type === "tool_start")?.event.name).toBe("list_directory");
      expect(mine.at(-1).event).toMatchObject({ type: "done", reason: "completed" });
    }
    // The child's calls never appear as the parent's own: its only top-level tool calls are the two delegations.
    const parentStarts = lines.filter((l) => l.type === "tool_start").map((l) => l.name);
    expect(parentStarts).toEqual(["sub_agent", "sub_agent"]);
    const childUsage = lines.filter((l) => l.type === "usage" && l.subAgent);
    expect(childUsage).toHaveLength(4);
    expect(childUsage.every((l) => ["call_a", "call_b"].includes(l.agent?.callId))).toBe(true);
    // Text streams stay inside the child.
    expect(child.some((l) => l.event.type === "text_delta")).toBe(false);
  });

  it("names the child on stderr when the session's limits stop it", async () => {
    let delegated = false;
    provider.setFallback((r) => {
      if (isChildRequest(r)) return { toolCalls: [{ name: "list_directory", arguments: {} }] };
      if (delegated) return { text: "the parent must not ask again" };
      delegated = true;
      return { toolCalls: [{ name: "sub_agent", arguments: { task: "Keep listing." } }] };
    });
    const r = await runCli(["-p", "Delegate.", "--max-tokens", "300"], { env: t.env, cwd: t.cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/protoagent: sub-agent #1: Stopped: token limit reached/);
  });
});
