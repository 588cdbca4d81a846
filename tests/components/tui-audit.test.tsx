// `/audit` in the running App on the real Runtime: the current session's tool actions, read back from its log,
// printed as the table `sessions show --audit` prints (one row per action, what decided and how it ended).
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { mountRuntime } from "./runtime-app.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });
afterEach(() => cleanup());

describe("/audit", () => {
  it("prints the session's tool actions, one row each", async () => {
    const rt = await env.open({ sandbox: { mode: "off" } });
    const { r, send } = mountRuntime(rt);
    await r.waitFor("Ask anything");
    await send("/audit");
    await r.waitFor("No tool actions recorded in this session.");

    rt.setApprovalHandler(async () => ({ kind: "reject" }));
    env.provider.enqueue(
      {
        toolCalls: [
          { id: "c1", name: "read_file", arguments: { file_path: "a.txt" } },
          { id: "c2", name: "bash", arguments: { command: "touch b.txt" } },
        ],
      },
      { text: "All done." },
    );
    await rt.run("read and touch");
    await send("/audit");
    const screen = await r.waitFor("2 actions; times in UTC.");
    const table = screen.slice(screen.lastIndexOf("TIME "));
    expect(table).toMatch(/\d\d:\d\d:\d\d read_file +auto +ok +\d+ a\.txt/);
    expect(table).toMatch(/\d\d:\d\d:\d\d bash +denied \(user\) +denied +\d+ touch b\.txt/);
  });
});
