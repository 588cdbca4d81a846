// End-to-end: runs the BUILT CLI inside tmux against the local fake OpenAI server and reads the screen with
// `tmux capture-pane`, polling with a deadline (no fixed sleeps). Skips cleanly without tmux.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = process.env.PROTOAGENT_TUI_CLI ?? path.join(ROOT, "dist", "cli.js");
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const SESSION = `pa-e2e-${process.pid}`;

// A private tmux server for this test only (never touches the user's sessions).
const SOCKET = `pa-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", SESSION);

async function waitForScreen(
  pred: (s: string) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (pred(s)) return s;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const waitText = (text: string, timeoutMs?: number) =>
  waitForScreen((s) => s.includes(text), JSON.stringify(text), timeoutMs);
/** Waits until `text` is on screen and the turn has ended (the idle prompt's placeholder is back). */
const waitTurnEnd = (text: string) =>
  waitForScreen(
    (s) => s.includes(text) && s.includes("Ask anything") && !s.includes("Type to queue"),
    `${text} + idle`,
  );
const send = (...keys: string[]) => tmux("send-keys", "-t", SESSION, ...keys);
const typeLine = (text: string) => {
  send("-l", text);
  send("Enter");
};

describe.skipIf(!hasTmux)("TUI in tmux (built CLI)", () => {
  let t: TempEnv;
  let fake: FakeProvider;

  beforeAll(async () => {
    // dist/ is built once by the global setup; rebuilding here would race the other CLI tests.
    t = makeTempEnv();
    fake = await FakeProvider.start();
    writeFakeUserConfig(t, fake.url);
    // CI variables make Ink print only the final frame; a real terminal session has none.
    const env = Object.entries({ ...t.env, NO_COLOR: undefined, FORCE_COLOR: "1", TERM: "xterm-256color" })
      .filter(
        ([k, v]) =>
          v !== undefined &&
          /^[A-Z_][A-Z0-9_]*$/.test(k) &&
          !/^(CI|CONTINUOUS_INTEGRATION|BUILD_NUMBER|RUN_ID)$/.test(k),
      )
      .filter(([k]) => !k.startsWith("GITHUB_") && !k.startsWith("VITEST"))
      .map(([k, v]) => `${k}=${String(v).replace(/'/g, "'\\''")}`)
      .map((kv) => `'${kv}'`)
      .join(" ");
    tmux(
      "new-session",
      "-d",
      "-s",
      SESSION,
      "-x",
      "100",
      "-y",
      "40",
      "-c",
      t.cwd,
      `env -i ${env} node ${CLI}; echo EXITED-$?; sleep 60`,
    );
    const first = await waitForScreen(
      (s) => s.includes("Ask anything") || s.includes("not available in this build"),
      "the prompt",
      30_000,
    );
    if (!first.includes("Ask anything")) throw new Error(`The TUI did not start. Screen:\n${first}`);
  }, 180_000);

  afterAll(async () => {
    if (hasTmux) spawnSync("tmux", ["-L", SOCKET, "kill-server"]);
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
    const title = () => tmux("display", "-p", "-t", SESSION, "#{pane_title}").trim();
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
