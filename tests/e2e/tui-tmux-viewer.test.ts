// End-to-end, in tmux at 80x24: the transcript viewer opens on the alternate screen, a diff opens in place
// (line numbers, changed words highlighted), and closing it leaves the main screen and its scrollback exactly
// as they were, with no CSI 3J in the raw output (pipe-pane). Waits for screen states, never for time.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";
import { hasTmux, TmuxServer } from "../helpers/tmux.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = process.env.PROTOAGENT_TUI_CLI ?? path.join(ROOT, "dist", "cli.js");
const NAME = "viewer";
const server = new TmuxServer();

const tmux = (...args: string[]) => server.run(...args);
const visible = (escapes = false) => tmux("capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", NAME);
/** The main screen with all of its scrollback (only meaningful while the main screen is shown). */
const history = () => tmux("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", NAME);
const onAltScreen = () => tmux("display", "-p", "-t", NAME, "#{alternate_on}").trim() === "1";
const send = (...keys: string[]) => tmux("send-keys", "-t", NAME, ...keys);

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = probe();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${visible()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const screenWith = (what: string, pred: (s: string) => boolean) =>
  until(what, () => {
    const s = visible();
    return pred(s) ? s : undefined;
  });

describe.skipIf(!hasTmux)("transcript viewer in tmux (built CLI, 80x24)", () => {
  let t: TempEnv;
  let fake: FakeProvider;
  let raw: string;

  beforeAll(async () => {
    const body = Array.from({ length: 60 }, (_, i) => `line ${i + 1}: value = ${i + 1}`).join("\n");
    t = makeTempEnv({ "b.txt": `${body}\n` });
    raw = path.join(t.root, "raw.log");
    fake = await FakeProvider.start();
    writeFakeUserConfig(t, fake.url);
    server.start({
      name: NAME,
      cols: 80,
      rows: 24,
      cwd: t.cwd,
      env: { ...t.env, NO_COLOR: undefined, FORCE_COLOR: "1", TERM: "xterm-256color" },
      command: `node ${CLI} --dangerously-accept-all`,
      rawFile: raw,
    });
    await screenWith("the prompt", (s) => s.includes("Ask anything"));
  }, 60_000);

  afterAll(async () => {
    if (hasTmux) server.kill();
    await fake?.close();
    t?.cleanup();
  });

  it("opens a diff in place and leaves the main screen exactly as it was", async () => {
    fake.enqueue(
      { text: "Reading it first.\n" },
      { toolCalls: [{ name: "read_file", arguments: { file_path: "b.txt" } }] },
      {
        toolCalls: [
          {
            name: "edit_file",
            arguments: {
              file_path: "b.txt",
              old_string: "line 50: value = 50",
              new_string: "line 50: value = fifty",
            },
          },
        ],
      },
      { text: "Changed line 50." },
    );
    send("-l", "first");
    send("Enter");
    await screenWith(
      "the first answer",
      (s) => s.includes("Reading it first.") && s.includes("Ask anything"),
    );
    send("-l", "fix line 50");
    send("Enter");
    await screenWith(
      "the end of the turn",
      (s) => s.includes("Changed line 50.") && s.includes("Ask anything"),
    );
    expect(readFileSync(path.join(t.cwd, "b.txt"), "utf8")).toContain("line 50: value = fifty");
    // A draft in the prompt must survive the trip.
    send("-l", "my draft");
    await screenWith("the draft", (s) => s.includes("❯ my draft"));
    const before = history();

    send("C-o");
    let s = await screenWith("the viewer", (x) => x.includes("Transcript ·") && x.includes("block 6/6"));
    expect(onAltScreen()).toBe(true);
    // One row short of the terminal: the frame never reaches the terminal's height.
    const rows = s.split("\n");
    expect(rows[0]).toContain("Transcript ·");
    expect(rows.findIndex((r) => r.startsWith("block 6/6"))).toBe(22);
    expect(s).toContain("+1 −1 in 1 hunk · Enter opens");
    expect(s).not.toContain("my draft");

    send("k");
    await screenWith("the edit selected", (x) => x.includes("block 5/6"));
    send("Enter");
    s = await screenWith("the diff", (x) => x.includes("│ +line 50: value = fifty"));
    expect(s).toMatch(/▌ +50 +│ -line 50: value = 50/);
    expect(s).toMatch(/▌ +50 │ \+line 50: value = fifty/);
    expect(s).toMatch(/▌ +47 +47 │ {2}line 47: value = 47/);
    // The changed word is highlighted (reverse video), the rest of the line is not.
    expect(visible(true)).toMatch(/value = \u001b\[7mfifty/);

    send("q");
    await until("the main screen", () => (onAltScreen() ? undefined : true));
    await screenWith("the prompt with the draft", (x) => x.includes("❯ my draft"));
    expect(history()).toBe(before);
    expect(existsSync(raw)).toBe(true);
    expect(readFileSync(raw, "latin1")).not.toContain("\u001b[3J");

    // Keys in one burst (Ctrl+O, k, Enter, q): the viewer takes them in order and gives the screen back as it was.
    const exits = () => readFileSync(raw, "latin1").split("\u001b[?1049l").length - 1;
    const before2 = history();
    send("C-o", "k", "Enter", "q");
    await until("the second round trip", () => (exits() >= 2 && !onAltScreen() ? true : undefined));
    await screenWith("the prompt with the draft", (x) => x.includes("❯ my draft"));
    expect(history()).toBe(before2);

    // The prompt works as before.
    fake.enqueue({ text: "Still here." });
    send("C-u");
    send("-l", "again");
    send("Enter");
    await screenWith("the next answer", (x) => x.includes("Still here.") && x.includes("Ask anything"));
  }, 120_000);

  it("follows resizes while open and never clears the scrollback", async () => {
    send("C-o");
    await screenWith("the viewer", (x) => x.includes("Transcript ·"));
    tmux("resize-window", "-t", NAME, "-x", "60", "-y", "16");
    // The footer moves to the new second-to-last row: the frame is re-laid out for 60x16.
    await screenWith("the viewer at 60x16", (x) => (x.split("\n")[14] ?? "").startsWith("block "));
    tmux("resize-window", "-t", NAME, "-x", "80", "-y", "24");
    await screenWith("the viewer at 80x24", (x) => (x.split("\n")[22] ?? "").startsWith("block "));
    send("q");
    await until("the main screen", () => (onAltScreen() ? undefined : true));
    await screenWith("the prompt", (x) => x.includes("Ask anything") && !x.includes("Transcript ·"));
    expect(history()).toContain("Changed line 50.");
    expect(readFileSync(raw, "latin1")).not.toContain("\u001b[3J");
  }, 120_000);
});
