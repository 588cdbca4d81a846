// /undo and /rewind in the TUI against the real Runtime (fake OpenAI server, real files and session logs in temp
// folders): /undo says which files it reverted; /rewind goes prompt picker → what to rewind → preview (a file
// changed outside protoagent is flagged) → confirm, and only then changes files and the conversation.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { mountRuntime } from "./runtime-app.js";

const env = runtimeFixture();
afterEach(() => cleanup());

async function mount() {
  const rt = await env.open({ mode: "accept-edits" });
  const { r, send } = mountRuntime(rt);
  await r.waitFor("Ask anything");
  return { rt, r, send };
}

const a = () => path.join(env.t.cwd, "a.txt");

describe("/undo and /rewind", () => {
  it("/undo reverts the last turn's file changes and names them", async () => {
    const { r, send } = await mount();
    env.provider.enqueue(
      { toolCalls: [{ name: "write_file", arguments: { file_path: "b.txt", content: "bee\n" } }] },
      { text: "Made b." },
    );
    await send("make b");
    await r.waitFor("Made b.");
    expect(existsSync(path.join(env.t.cwd, "b.txt"))).toBe(true);
    await send("/undo");
    await r.waitFor("Undid turn 1");
    expect(r.all()).toContain("deleted b.txt");
    expect(existsSync(path.join(env.t.cwd, "b.txt"))).toBe(false);
    await send("/undo");
    await r.waitFor("Nothing to undo");
  });

  it("/rewind: pick a prompt, pick what, see the preview with an outside change, confirm", async () => {
    const { rt, r, send } = await mount();
    env.provider.enqueue(
      { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] },
      {
        toolCalls: [
          { name: "edit_file", arguments: { file_path: "a.txt", old_string: "beta", new_string: "gamma" } },
        ],
      },
      { text: "Changed it." },
      { text: "Just talk." },
    );
    await send("change beta");
    await r.waitFor("Changed it.");
    await send("say something");
    await r.waitFor("Just talk.");
    writeFileSync(a(), "alpha\ngamma\nmine\n");
    await send("/rewind");
    await r.waitFor("Rewind to before which prompt?", { in: "last" });
    await r.waitFor((f) => f.includes("1. change beta") && f.includes("a.txt"), { in: "last" });
    await send("beta");
    await r.waitFor("Rewind to before turn 1: what?", { in: "last" });
    await send("code and");
    await r.waitFor("Go ahead?", { in: "last" });
    const preview = r.all();
    expect(preview).toContain("a.txt: changed outside protoagent since");
    expect(preview).not.toContain("Not covered");
    // Nothing has changed before the confirmation.
    expect(readFileSync(a(), "utf8")).toBe("alpha\ngamma\nmine\n");
    expect(rt.messages.length).toBeGreaterThan(1);
    await send("overwrite");
    await r.waitFor("Rewound code and conversation to before turn 1");
    expect(r.all()).toContain("restored a.txt");
    expect(readFileSync(a(), "utf8")).toBe("alpha\nbeta\n");
    expect(rt.messages.map((m) => m.role)).toEqual(["system"]);
  });
});
