// Parallel sub-agents in the real App on a real Runtime (fake OpenAI server): while children run, each has one
// live line under its sub_agent call (label, turn, tokens); once done, the row shows what the child did.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { ScriptedReply } from "../helpers/fake-provider.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { childTask, isChildRequest } from "../helpers/sub-agents.js";
import { mountRuntime } from "./runtime-app.js";

const env = runtimeFixture();
afterEach(() => cleanup());

describe("sub-agents in the TUI", () => {
  it("shows one live line per running child, then each child's calls and report on its row", async () => {
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const parent: ScriptedReply[] = [
      {
        toolCalls: [
          { name: "sub_agent", arguments: { task: "Look at the files." } },
          { name: "sub_agent", arguments: { task: "Look again." } },
        ],
      },
      { text: "Both children reported." },
    ];
    const seen = new Set<string>();
    env.provider.setFallback((r) => {
      if (!isChildRequest(r)) return parent.shift() ?? { text: "unexpected" };
      const task = childTask(r);
      if (seen.has(task)) return { text: `Report on: ${task}`, hangAfter: 0, resume: held };
      seen.add(task);
      return { toolCalls: [{ name: "list_directory", arguments: {} }] };
    });
    const rt = await env.open();
    const { r, send } = mountRuntime(rt);
    await r.waitFor("Ask anything");
    await send("Delegate two looks.");

    // Both children are on their second request (held by the server), each with its own line.
    const live = await r.waitFor(
      (f) =>
        f.includes("↳ sub-agent #1 · turn 2 · 120 tokens") &&
        f.includes("↳ sub-agent #2 · turn 2 · 120 tokens"),
      { in: "last" },
    );
    expect(live.split("\n").filter((l) => l.includes("↳ sub-agent #")).length).toBe(2);
    release();

    const screen = await r.waitFor("Both children reported.");
    // The finished rows show the child's calls and its report instead of the live lines.
    expect(screen).toContain("Report on: Look at the files.");
    expect(screen).toContain("Report on: Look again.");
    expect(screen).toMatch(/↳ list_directory/);
    expect(r.last()).not.toContain("↳ sub-agent #");
  });
});
