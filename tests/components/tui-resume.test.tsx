// Switching sessions through the real Runtime (fake OpenAI server, real session logs in temp folders):
// start-up resume, the /sessions picker and /fork replay the conversation into scrollback, tool calls look
// exactly like they did live, and the usage bar gets the session's totals and context figure back.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { mountRuntime as mount } from "./runtime-app.js";

const env = runtimeFixture();
afterEach(() => cleanup());

const open = (resume?: { session?: string; fork?: boolean }) => env.open({ resume });

/** Everything printed after the first occurrence of `marker`. */
const printedAfter = (screen: string, marker: string) => screen.slice(screen.indexOf(marker));
const toolLine = (screen: string) => screen.split("\n").find((l) => l.includes("✓ read_file")) ?? "";

describe("resumed sessions in the TUI", () => {
  it("start-up resume replays the conversation as it looked live and restores usage and context", async () => {
    const rt = await open();
    const { r, send } = mount(rt);
    await r.waitFor("Ask anything");
    env.provider.enqueue(
      { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] },
      { text: "It says alpha.", usage: { prompt_tokens: 30_000, completion_tokens: 100 } },
    );
    await send("read a.txt");
    await r.waitFor((f) => f.includes("It says alpha.") && f.includes("ctx 30% of 100k"));
    const live = toolLine(r.all());
    expect(live).toMatch(/✓ read_file a\.txt — 2 lines/);
    const id = rt.id;
    cleanup();
    await rt.close();

    const resumed = mount(await open({ session: id }));
    await resumed.r.waitFor((f) => f.includes("It says alpha.") && f.includes("ctx 30% of 100k"));
    const screen = resumed.r.all();
    expect(screen).toContain("❯ read a.txt");
    // The same line (status, subject and summary), and no file content dumped below it.
    expect(toolLine(screen)).toBe(live);
    expect(screen).not.toContain("beta");
    expect(resumed.r.last()).toMatch(/\$0\.0\d+/);
    expect(resumed.r.last()).not.toContain("↑0");
  });

  it("the /sessions picker resumes with the transcript replayed; /fork replays and counts the context", async () => {
    const first = await open();
    env.provider.enqueue({ text: "Answer one.", usage: { prompt_tokens: 20_000, completion_tokens: 50 } });
    await first.run("first task");
    const firstId = first.id;
    await first.newSession();
    env.provider.enqueue({ text: "Answer two." });
    await first.run("second task");

    const { r, send } = mount(first);
    await r.waitFor("Answer two.");
    await send("/sessions");
    await r.waitFor("Resume a session", { in: "last" });
    expect(r.all()).toContain("❯ /sessions");
    await r.waitFor((f) => f.includes("first task") && f.includes("1 turn"), { in: "last" });
    await send("first");
    await r.waitFor(`Resumed session ${firstId}`);
    await r.waitFor((f) => printedAfter(f, `Resumed session ${firstId}`).includes("Answer one."));
    await r.waitFor("ctx 20% of 100k", { in: "last" });

    await send("/fork");
    await r.waitFor("Forked into session");
    await r.waitFor((f) => printedAfter(f, "Forked into session").includes("Answer one."));
    // Usage stays with the original; the fork's context is counted from its history.
    await r.waitFor((f) => /ctx (<1|[1-9]\d*)% of 100k/.test(f), { in: "last" });
    expect(r.last()).not.toContain("$");
  });

  it("resume after /compact replays the compacted turns too, with a marker and the summary", async () => {
    const rt = await open();
    const { r, send } = mount(rt);
    await r.waitFor("Ask anything");
    env.provider.enqueue({ text: "First answer." }, { text: "Second answer." });
    await send("first question");
    await r.waitFor("First answer.");
    await send("second question");
    await r.waitFor("Second answer.");
    env.provider.enqueue({ text: "SUMMARY: the user asked two questions." });
    await send("/compact");
    await r.waitFor("Context compacted");
    env.provider.enqueue({ text: "Third answer." });
    await send("third question");
    await r.waitFor("Third answer.");
    const id = rt.id;
    cleanup();
    await rt.close();

    const resumed = mount(await open({ session: id }));
    await resumed.r.waitFor("Third answer.");
    const screen = resumed.r.all();
    const order = [
      "❯ first question",
      "First answer.",
      "❯ second question",
      "── compacted",
      "SUMMARY: the user asked two questions.",
      "❯ third question",
      "Third answer.",
    ].map((x) => screen.indexOf(x));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
