// Named agents through a real session and the fake OpenAI server: a child started with `agent` gets the agent's
// instructions in its system prompt, only its allowlisted tools in the request's `tools`, and its own model in
// the request's `model` (priced at that model's rates); an unknown name is an error result listing the names.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import { assembleSession } from "../../src/runtime/assemble.js";
import { FakeProvider, type RecordedRequest, type ScriptedReply } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
let t: TempEnv;
beforeAll(async () => {
  provider = await FakeProvider.start();
});
afterAll(() => provider.close());
beforeEach(() => {
  t = makeTempEnv({ "a.txt": "a" });
  writeFakeUserConfig(t, provider.url, {
    providers: {
      fake: {
        baseURL: provider.url,
        apiKey: "test-key",
        models: {
          m1: { contextWindow: 100_000, inputPricePerMillion: 1, outputPricePerMillion: 2 },
          cheap: { contextWindow: 50_000, inputPricePerMillion: 10, outputPricePerMillion: 10 },
        },
      },
    },
  });
  provider.requests.length = 0;
});
afterEach(() => t.cleanup());

const isChild = (r: RecordedRequest) => String(r.body.messages[0]?.content).includes("# Sub-agent mode");
const toolNames = (r: RecordedRequest) =>
  ((r.body.tools ?? []) as Array<{ function: { name: string } }>).map((x) => x.function.name);

/** Parent calls sub_agent with `args`, the child answers `childText`; returns the parent's final request. */
async function delegate(args: Record<string, unknown>, childText = "report") {
  const child: ScriptedReply[] = [{ text: childText }];
  const parent: ScriptedReply[] = [{ toolCalls: [{ name: "sub_agent", arguments: args }] }, { text: "ok" }];
  provider.setFallback((r) => (isChild(r) ? child.shift() : parent.shift()) ?? { text: "unexpected" });
  const { session } = await assembleSession({ cwd: t.cwd, env: t.env, headless: true });
  const events: AgentEvent[] = [];
  session.subscribe((e) => events.push(e));
  await session.run("Go.");
  const final = provider.requests.filter((r) => !isChild(r)).at(-1);
  const toolMsg = final?.body.messages.find((m) => m.role === "tool");
  return { session, events, children: provider.requests.filter(isChild), toolMsg };
}

describe("sub_agent with a named agent", () => {
  it("gives the explore child its instructions, only its tools, and the session's model", async () => {
    const { children, toolMsg, session } = await delegate({ task: "Where is a.txt?", agent: "explore" });
    expect(toolMsg?.content).toBe("report");
    expect(children).toHaveLength(1);
    const system = String(children[0]?.body.messages[0]?.content);
    expect(system).toContain("# Agent: explore");
    expect(system).toContain("You investigate; you never change anything.");
    // The base prompt's essentials stay (cwd, sub-agent mode).
    expect(system).toContain(t.cwd);
    expect(toolNames(children[0] as RecordedRequest)).toEqual([
      "read_file",
      "list_directory",
      "search_files",
    ]);
    expect(children[0]?.body.model).toBe("m1");
    // The parent's own requests list the agents in sub_agent's description.
    const parentTools = provider.requests.find((r) => !isChild(r))?.body.tools as Array<{
      function: { name: string; description: string };
    }>;
    const sub = parentTools.find((x) => x.function.name === "sub_agent");
    expect(sub?.function.description).toContain("- explore: Read-only codebase search");
    expect(sub?.function.description).toContain("- reviewer: ");
    session.close();
  });

  it("runs an agent on its own model, priced at that model's rates", async () => {
    const dir = path.join(t.configHome, "protoagent", "agents");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "scout.md"),
      "---\nname: scout\ndescription: Cheap scout.\nmodel: fake/cheap\ntools: Read, Glob\n---\nScout carefully.\n",
    );
    const { children, events, session } = await delegate({ task: "Look.", agent: "scout" });
    expect(children).toHaveLength(1);
    expect(children[0]?.body.model).toBe("cheap");
    expect(String(children[0]?.body.messages[0]?.content)).toContain("Scout carefully.");
    expect(toolNames(children[0] as RecordedRequest)).toEqual(["read_file", "list_directory"]);
    // Parent requests stay on the session's model.
    expect(provider.requests.filter((r) => !isChild(r)).map((r) => r.body.model)).toEqual(["m1", "m1"]);
    // 100 input + 20 output tokens at 10 $/M each on the child's model.
    const childUsage = events.find((e) => e.type === "usage" && e.subAgent);
    expect(childUsage?.type === "usage" && childUsage.costUsd).toBeCloseTo((120 * 10) / 1e6, 10);
    session.close();
  });

  it("answers an unknown agent name with an error result listing the agents, and starts no child", async () => {
    const { children, toolMsg, session } = await delegate({ task: "Do it.", agent: "nobody" });
    expect(children).toHaveLength(0);
    const result = session.messages.find((m) => m.role === "tool");
    expect(result?.role === "tool" && result.isError).toBe(true);
    expect(String(toolMsg?.content)).toMatch(
      /Unknown agent "nobody"\. Available agents: explore, reviewer\./,
    );
    session.close();
  });
});
