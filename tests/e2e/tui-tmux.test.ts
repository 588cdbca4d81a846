// End-to-end: runs the BUILT CLI inside tmux against the local fake OpenAI server and reads the screen with
// `tmux capture-pane`, polling with a deadline (no fixed sleeps). Skips cleanly without tmux.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";
import { hasTmux, type TmuxPane, TmuxServer } from "../helpers/tmux.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = process.env.PROTOAGENT_TUI_CLI ?? path.join(ROOT, "dist", "cli.js");

describe.skipIf(!hasTmux)("TUI in tmux (built CLI)", () => {
  let t: TempEnv;
  let fake: FakeProvider;
  const server = new TmuxServer();
  let pane: TmuxPane;
  const send = (...keys: string[]) => pane.send(...keys);
  const typeLine = (text: string) => pane.typeLine(text);
  const waitText = (text: string) => pane.waitText(text);
  const waitTurnEnd = (text: string) => pane.waitTurnEnd(text);

  beforeAll(async () => {
    // dist/ is built once by the global setup; rebuilding here would race the other CLI tests.
    t = makeTempEnv();
    fake = await FakeProvider.start();
    writeFakeUserConfig(t, fake.url);
    pane = server.start({
      name: "main",
      cols: 100,
      rows: 40,
      cwd: t.cwd,
      env: { ...t.env, NO_COLOR: undefined, FORCE_COLOR: "1", TERM: "xterm-256color" },
      command: `node ${CLI}`,
    });
    const first = await pane.waitFor(
      (s) => s.includes("Ask anything") || s.includes("not available in this build"),
      "the prompt",
      { timeoutMs: 30_000 },
    );
    if (!first.includes("Ask anything")) throw new Error(`The TUI did not start. Screen:\n${first}`);
  }, 180_000);

  afterAll(async () => {
    if (hasTmux) server.kill();
    await fake?.close();
    t?.cleanup();
  });

  it("streams a Markdown answer", async () => {
    fake.enqueue({
      text: "## Plan\n\n| Step | Owner |\n|---|---|\n| build | **me** |\n\nDone with `src/*.ts`.\n",
      chunkSize: 8,
    });
    typeLine("make a plan");
    // The answer is on screen before the turn ends; later steps need the ended turn.
    const s = await waitTurnEnd("Done with src/*.ts.");
    expect(s).toContain("Plan");
    expect(s).toMatch(/build\s+│ me/);
    expect(s).toContain("ctx");
  });

  it("approves a file write and shows the diff", async () => {
    fake.enqueue(
      {
        toolCalls: [{ name: "write_file", arguments: { file_path: "notes.md", content: "hello\nworld\n" } }],
      },
      { text: "Wrote notes.md." },
    );
    typeLine("write notes");
    await waitText("Yes, once");
    send("y");
    const s = await waitTurnEnd("Wrote notes.md.");
    expect(s).toContain("+world");
    expect(readFileSync(path.join(t.cwd, "notes.md"), "utf8")).toBe("hello\nworld\n");
  });

  it("rejects a command with feedback", async () => {
    fake.enqueue(
      { toolCalls: [{ name: "bash", arguments: { command: "touch should-not-exist" } }] },
      { text: "Understood, skipping." },
    );
    typeLine("clean up");
    await waitText("Yes, once");
    send("f");
    await waitText("Feedback for the model");
    // Text and Enter in ONE write, as a loaded terminal or a fast typist delivers them: the Enter must submit.
    send("-l", "do not touch files\r");
    await waitTurnEnd("Understood, skipping.");
    expect(existsSync(path.join(t.cwd, "should-not-exist"))).toBe(false);
    const last = fake.requests.at(-1)?.body.messages.at(-1);
    expect(JSON.stringify(last)).toContain("do not touch files");
  });

  it("keeps code indentation and never lets an answer retitle the pane", async () => {
    const title = () => pane.title();
    const before = title();
    fake.enqueue({
      text: [
        "\u001b]0;PWNED-TITLE\u0007Here is the code:",
        "",
        "```python",
        "def f(x):",
        "    if x:",
        "        return 1",
        "    return 2",
        "```",
        "",
        "\u001b]2;PWNED-AGAIN\u001b\\End of code.",
        "",
      ].join("\n"),
      chunkSize: 16,
    });
    typeLine("show code");
    const s = await waitTurnEnd("End of code.");
    const lines = s.split("\n").map((l) => l.trimEnd());
    // Code blocks are indented two columns; the code's own indentation follows, exactly.
    for (const l of ["  def f(x):", "      if x:", "          return 1", "      return 2"])
      expect(lines).toContain(l);
    expect(s).not.toContain("PWNED");
    expect(title()).toBe(before);
    expect(title()).not.toContain("PWNED");
  });

  it("/quit prints the resume line", async () => {
    typeLine("/quit");
    const s = await waitText("EXITED-");
    expect(s).toMatch(/protoagent --session [0-9a-f-]{8,}/);
    expect(s).toContain("EXITED-0");
  });
});
