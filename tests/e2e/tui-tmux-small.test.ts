// End-to-end at 80x24 (and 120x40): what only a real terminal shows. The raw bytes the TUI writes (pipe-pane)
// must never contain CSI 3J (erase scrollback) — not for a 20-line write approval, a long wrapped paragraph, a
// long code block or a window shrunk under an open approval — and the header and the first answer stay in
// the scrollback. Also: code indentation on screen, no retitling by the model, keys in one read, Ctrl+C at an
// approval. Waits poll for screen states with deadlines; nothing sleeps for a fixed time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";
import { hasTmux, type TmuxPane, TmuxServer } from "../helpers/tmux.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = process.env.PROTOAGENT_TUI_CLI ?? path.join(ROOT, "dist", "cli.js");
const ERASE_SCROLLBACK = "\u001b[3J";

const content20 = Array.from({ length: 20 }, (_, i) => `    row_${i} = value(${i})`).join("\n");
const paragraph = `${Array.from({ length: 560 }, (_, i) => `w${i}`).join(" ")} PARAGRAPH-END`;
const code = [
  "```python",
  "def main():",
  ...Array.from({ length: 80 }, (_, i) =>
    i % 10 === 0 ? `    x${i} = "${"q".repeat(120)}"` : `    if step_${i}:\n        run(${i})`,
  ),
  "```",
  "",
  "CODE-END",
].join("\n");

describe.skipIf(!hasTmux)("TUI at 80x24 in tmux (built CLI)", () => {
  let t: TempEnv;
  let fake: FakeProvider;
  const server = new TmuxServer();
  let pane: TmuxPane;
  const start = (name: string, cols: number, rows: number) =>
    server.start({
      name,
      cols,
      rows,
      cwd: t.cwd,
      env: {
        ...t.env,
        NO_COLOR: undefined,
        FORCE_COLOR: "1",
        TERM: "xterm-256color",
        PROTOAGENT_TUI_STATS: path.join(t.root, `${name}-stats.jsonl`),
      },
      command: `node ${CLI}`,
      rawFile: path.join(t.root, `${name}.raw`),
    });
  /** The stripped-sequence count the TUI itself reports (SIGUSR2 appends a stats snapshot). */
  const erasesReported = async (p: TmuxPane, name: string) => {
    const file = path.join(t.root, `${name}-stats.jsonl`);
    const lines = () => {
      try {
        return readFileSync(file, "utf8").split("\n").filter(Boolean);
      } catch {
        return [];
      }
    };
    const before = lines().length;
    process.kill(p.pid(), "SIGUSR2");
    const deadline = Date.now() + 10_000;
    while (lines().length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return (JSON.parse(lines().at(-1) ?? "{}") as { scrollbackErases?: number }).scrollbackErases;
  };

  beforeAll(async () => {
    t = makeTempEnv();
    fake = await FakeProvider.start();
    writeFakeUserConfig(t, fake.url);
    pane = start("small", 80, 24);
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
  }, 120_000);

  it("a 20-line write approval, a long paragraph and a long code block never erase the scrollback", async () => {
    fake.enqueue({ text: "FIRST-ANSWER here.\n" });
    pane.typeLine("hello");
    await pane.waitTurnEnd("FIRST-ANSWER");

    fake.enqueue(
      { toolCalls: [{ name: "write_file", arguments: { file_path: "rows.py", content: `${content20}\n` } }] },
      { text: "Wrote rows.py." },
    );
    pane.typeLine("write rows");
    await pane.waitText("Yes, once");
    // The box scrolls inside: page down to the end of the diff.
    expect(await pane.waitText("lines 1–")).not.toContain("row_19");
    pane.send("PageDown", "PageDown", "PageDown");
    await pane.waitText("row_19");
    pane.send("y");
    await pane.waitTurnEnd("Wrote rows.py.");

    fake.enqueue({ text: `${paragraph}\n`, chunkSize: 64 });
    pane.typeLine("a paragraph");
    await pane.waitTurnEnd("PARAGRAPH-END");

    fake.enqueue({ text: code, chunkSize: 64 });
    pane.typeLine("some code");
    const s = await pane.waitTurnEnd("CODE-END");
    // Indentation survives to the screen: two columns for the block, then the code's own.
    expect(s.split("\n").map((l) => l.trimEnd())).toContain("          run(79)");

    expect(pane.raw()).not.toContain(ERASE_SCROLLBACK);
    expect(await erasesReported(pane, "small")).toBe(0);
    const history = pane.capture(true);
    expect(history).toContain("protoagent v");
    expect(history).toContain("FIRST-ANSWER here.");
    // Ordered: the header, the first answer, the approval's result, the paragraph, the code.
    const order = ["protoagent v", "FIRST-ANSWER", "Wrote rows.py.", "PARAGRAPH-END", "CODE-END"].map((x) =>
      history.indexOf(x),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  }, 120_000);

  it("an OSC title in an answer does not retitle the pane", async () => {
    const before = pane.title();
    fake.enqueue({ text: "\u001b]0;PWNED-TITLE\u0007Titled answer.\n" });
    pane.typeLine("title");
    await pane.waitTurnEnd("Titled answer.");
    expect(pane.title()).toBe(before);
    expect(pane.capture(true)).not.toContain("PWNED");
  }, 120_000);

  it("three Backspaces in one read delete three characters", async () => {
    pane.type("abcdef");
    await pane.waitText("❯ abcdef");
    pane.hex("7f", "7f", "7f");
    await pane.waitFor((s) => /❯ abc\s*$/m.test(s) && !s.includes("abcd"), "abc in the prompt");
    pane.send("C-u");
    await pane.waitText("Ask anything");
  }, 120_000);

  it("Ctrl+C at an approval ends the turn", async () => {
    fake.enqueue({ toolCalls: [{ name: "bash", arguments: { command: "touch never-created" } }] });
    pane.typeLine("run it");
    await pane.waitText("Yes, once");
    pane.send("C-c");
    await pane.waitFor((s) => s.includes("Ask anything") && !s.includes("Yes, once"), "the idle prompt");
  }, 120_000);

  /** The whole approval box is on screen, drawn for `cols` columns (its top border no wider than the pane). */
  const boxFits = (s: string, cols: number) => {
    const top = s.split("\n").find((l) => l.startsWith("╭"));
    return (
      top !== undefined && [...top.trimEnd()].length <= cols && s.includes("╰") && s.includes("Yes, once")
    );
  };

  it("shrinking the window under an open approval emits no CSI 3J (120x40 → 80x24)", async () => {
    const big = start("big", 120, 40);
    await big.waitText("Ask anything");
    fake.enqueue(
      { toolCalls: [{ name: "write_file", arguments: { file_path: "big.py", content: `${content20}\n` } }] },
      { text: "Wrote big.py." },
    );
    big.typeLine("write big");
    await big.waitText("Yes, once");
    big.resize(80, 24);
    await big.waitFor((s) => boxFits(s, 80), "the box redrawn at 80x24");
    big.resize(70, 18);
    await big.waitFor((s) => boxFits(s, 70), "the box redrawn at 70x18");
    big.send("y");
    await big.waitTurnEnd("Wrote big.py.");
    expect(big.raw()).not.toContain(ERASE_SCROLLBACK);
    expect(await erasesReported(big, "big")).toBe(0);
    expect(big.capture(true)).toContain("protoagent v");
  }, 120_000);
});
