import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { ApprovalAnswer, ApprovalPrompt as Prompt } from "../../src/approval/types.js";
import { ApprovalPrompt } from "../../src/components/ApprovalPrompt.js";
import { renderUi } from "./helpers.js";

afterEach(() => cleanup());

const shell = (scopes = 1): Prompt => ({
  request: {
    tool: "bash",
    kind: "shell",
    title: "Run: npm test",
    detail: "npm test -- --watch=false\u200b",
    reason: "not on the allow list",
  },
  scopes: Array.from({ length: scopes }, (_, i) => ({
    key: `k${i}`,
    label: i === 0 ? "commands starting with `npm test`" : "any `npm` command",
  })),
});

function setup(prompt: Prompt, rows = 30) {
  const answers: ApprovalAnswer[] = [];
  const r = renderUi(
    <ApprovalPrompt prompt={prompt} onAnswer={(a) => answers.push(a)} width={80} rows={rows} />,
  );
  return { r, answers };
}

describe("ApprovalPrompt", () => {
  it("shows the full command with invisible characters marked and the scope spelled out", async () => {
    const { r } = setup(shell());
    const screen = await r.waitFor("Run: npm test");
    expect(screen).toContain("npm test -- --watch=false⟨ZWSP⟩");
    expect(screen).toContain("1 invisible/control character(s)");
    expect(screen.replace(/[│\s]+/g, " ")).toContain(
      "[a] Yes, and don't ask again this session for commands starting with `npm test`",
    );
    expect(screen).toContain("not on the allow list");
  });

  it("y approves once, a approves for the session, n rejects, Esc rejects", async () => {
    for (const [keys, expected] of [
      ["y", { kind: "once" }],
      ["a", { kind: "session", scope: { key: "k0", label: "commands starting with `npm test`" } }],
      ["n", { kind: "reject" }],
      ["\u001b", { kind: "reject" }],
    ] as const) {
      const { r, answers } = setup(shell());
      await r.waitFor("Yes, once");
      await r.press(keys);
      await r.waitFor(() => answers.length > 0);
      expect(answers[0]).toEqual(expected);
      cleanup();
    }
  });

  it("lets the user pick among several scopes with a, arrows and Enter", async () => {
    const { r, answers } = setup(shell(2));
    await r.waitFor("any `npm` command");
    await r.press("a");
    await r.press("a");
    await r.press("\r");
    await r.waitFor(() => answers.length > 0);
    expect(answers[0]).toMatchObject({ kind: "session", scope: { key: "k1" } });
    cleanup();
    const second = setup(shell(2));
    await second.r.waitFor("Yes, once");
    await second.r.press("\u001b[B");
    await second.r.press("\r");
    await second.r.waitFor(() => second.answers.length > 0);
    expect(second.answers[0]).toMatchObject({ kind: "session", scope: { key: "k0" } });
  });

  it("f asks for feedback and rejects with it", async () => {
    const { r, answers } = setup(shell());
    await r.waitFor("Yes, once");
    await r.press("f");
    await r.waitFor("Feedback for the model");
    for (const ch of "use pnpm") await r.press(ch);
    await r.press("\r");
    await r.waitFor(() => answers.length > 0);
    expect(answers[0]).toEqual({ kind: "reject", feedback: "use pnpm" });
  });

  it("feedback typed with its Enter in one chunk is sent, not swallowed (loaded terminals, automation)", async () => {
    const { r, answers } = setup(shell());
    await r.waitFor("Yes, once");
    await r.press("f");
    // No wait for the feedback field: keys typed right after "f" belong to it.
    await r.press("do not touch [files]\r");
    await r.waitFor(() => answers.length > 0);
    expect(answers[0]).toEqual({ kind: "reject", feedback: "do not touch [files]" });
  });

  it("a pasted multi-line feedback is joined, not sent early; Esc goes back to the options", async () => {
    const { r, answers } = setup(shell());
    await r.waitFor("Yes, once");
    await r.press("f");
    await r.press("\u001b[200~first\rsecond\r\u001b[201~");
    await r.waitFor("first second", { in: "last" });
    expect(answers).toEqual([]);
    await r.press("\u001b");
    await r.waitFor("Yes, once", { in: "last" });
    expect(answers).toEqual([]);
    await r.press("n");
    await r.waitFor(() => answers.length > 0);
    expect(answers[0]).toEqual({ kind: "reject" });
  });

  it("shows long diffs in full by scrolling, never silently cut", async () => {
    const diff = [
      "--- a/x.ts",
      "+++ b/x.ts",
      "@@ -1,40 +1,40 @@",
      ...Array.from({ length: 40 }, (_, i) => `+line ${i}`),
    ].join("\n");
    const { r } = setup(
      { request: { tool: "write_file", kind: "write", title: "Write x.ts", detail: diff }, scopes: [] },
      20,
    );
    let screen = await r.waitFor("more line(s)", { in: "last" });
    expect(screen).not.toContain("+line 39");
    await r.press("\u001b[6~");
    await r.press("\u001b[6~");
    await r.press("\u001b[6~");
    await r.press("\u001b[6~");
    screen = await r.waitFor("+line 39", { in: "last" });
    expect(screen).toContain("line(s) above");
  });
});
