import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { InputBar } from "../../src/components/InputBar.js";
import { createPathCompleter, type PathCompleter } from "../../src/tui/input/completion.js";
import { type HistoryStore, historyFile, openHistory } from "../../src/tui/input/history.js";
import { makeTempEnv } from "../helpers/temp.js";
import { renderUi } from "./helpers.js";

afterEach(() => cleanup());

function bar(opts: { history?: HistoryStore; completer?: PathCompleter; running?: boolean } = {}) {
  const submitted: string[] = [];
  const calls: string[] = [];
  const r = renderUi(
    <InputBar
      active
      running={opts.running ?? false}
      history={opts.history ?? null}
      completer={opts.completer ?? null}
      width={80}
      onSubmit={(t) => submitted.push(t)}
      onEscape={() => calls.push("esc")}
      onCtrlC={() => calls.push("ctrl-c")}
      onCycleMode={() => calls.push("mode")}
      onToggleExpand={() => calls.push("expand")}
      onExit={() => calls.push("exit")}
      onActivity={() => {}}
    />,
  );
  const type = async (s: string) => {
    for (const ch of s) await r.press(ch);
  };
  return { r, submitted, calls, type };
}

describe("InputBar", () => {
  it("supports multi-line input with Ctrl+J, Alt+Enter and a trailing backslash", async () => {
    const b = bar();
    await b.r.waitFor("Ask anything");
    await b.type("a");
    await b.r.press("\n");
    await b.type("b");
    await b.r.press("\u001b\r");
    await b.type("c\\");
    await b.r.press("\r");
    await b.type("d");
    await b.r.press("\r");
    await b.r.waitFor(() => b.submitted.length === 1);
    expect(b.submitted).toEqual(["a\nb\nc\nd"]);
  });

  it("turns a large bracketed paste into a chip and sends the full text", async () => {
    const b = bar();
    await b.r.waitFor("Ask anything");
    const big = Array.from({ length: 300 }, (_, i) => `pasted line ${i}`).join("\r");
    await b.r.press(`\u001b[200~${big}\u001b[201~`);
    await b.r.waitFor("[Pasted text #1: 300 lines");
    await b.type(" end");
    await b.r.press("\r");
    await b.r.waitFor(() => b.submitted.length === 1);
    expect(b.submitted[0]).toBe(`${big.replace(/\r/g, "\n")} end`);
  });

  it("keeps a short paste with newlines in the buffer instead of submitting", async () => {
    const b = bar();
    await b.r.waitFor("Ask anything");
    await b.r.press("\u001b[200~line one\rline two\u001b[201~");
    await b.r.waitFor("line two", { in: "last" });
    expect(b.submitted).toEqual([]);
  });

  it("walks persisted history with up and down", async () => {
    const t = makeTempEnv();
    try {
      const h = await openHistory(historyFile(t.env, t.cwd));
      await h.add("one");
      await h.add("two");
      const b = bar({ history: h });
      await b.r.waitFor("Ask anything");
      await b.type("draft");
      await b.r.press("\u001b[A");
      await b.r.waitFor("❯ two", { in: "last" });
      await b.r.press("\u001b[A");
      await b.r.waitFor("❯ one", { in: "last" });
      await b.r.press("\u001b[B");
      await b.r.press("\u001b[B");
      await b.r.waitFor("❯ draft", { in: "last" });
      await b.r.press("\r");
      await b.r.waitFor(() => b.submitted.length === 1);
      expect(h.entries()).toEqual(["one", "two", "draft"]);
      // The append is fire-and-forget; poll the file with a deadline until it lands.
      const deadline = Date.now() + 3000;
      let onDisk: readonly string[] = [];
      while (Date.now() < deadline) {
        onDisk = (await openHistory(historyFile(t.env, t.cwd))).entries();
        if (onDisk.length === 3) break;
        await new Promise((res) => setImmediate(res));
      }
      expect(onDisk).toEqual(["one", "two", "draft"]);
    } finally {
      t.cleanup();
    }
  });

  it("completes slash commands and @paths", async () => {
    const b = bar({
      completer: { complete: async (f) => ["src/app.ts", "src/api.ts"].filter((p) => p.includes(f)) },
    });
    await b.r.waitFor("Ask anything");
    await b.type("/he");
    await b.r.waitFor("/help  List commands");
    await b.r.press("\r");
    await b.r.waitFor(() => b.submitted.length === 1);
    expect(b.submitted[0]?.trim()).toBe("/help");
    await b.type("look at @src/ap");
    await b.r.waitFor("src/app.ts", { in: "last" });
    await b.r.press("\t");
    await b.type("now");
    await b.r.press("\r");
    await b.r.waitFor(() => b.submitted.length === 2);
    expect(b.submitted[1]).toBe("look at @src/app.ts now");
  });

  it("routes Esc, Shift+Tab, Ctrl+O and Ctrl+C on an empty prompt to the app", async () => {
    const b = bar();
    await b.r.waitFor("Ask anything");
    await b.r.press("\u001b");
    await b.r.press("\u001b[Z");
    await b.r.press("\u000f");
    await b.r.press("\u0003");
    await b.r.waitFor(() => b.calls.length === 4);
    expect(b.calls).toEqual(["esc", "mode", "expand", "ctrl-c"]);
  });
});

describe("path completion", () => {
  it("lists files honouring .gitignore and ranks prefix matches first", async () => {
    const t = makeTempEnv();
    try {
      for (const f of [
        "src/app.ts",
        "src/lib/apple.ts",
        "build/app.js",
        "node_modules/x/app.js",
        "README.md",
      ]) {
        mkdirSync(path.dirname(path.join(t.cwd, f)), { recursive: true });
        writeFileSync(path.join(t.cwd, f), "");
      }
      writeFileSync(path.join(t.cwd, ".gitignore"), "build/\n");
      const c = createPathCompleter(t.cwd);
      const got = await c.complete("app");
      expect(got).toContain("src/app.ts");
      expect(got).toContain("src/lib/apple.ts");
      expect(got.some((p) => p.startsWith("build/") || p.startsWith("node_modules/"))).toBe(false);
      expect(await c.complete("src/")).toEqual(expect.arrayContaining(["src/", "src/lib/"]));
    } finally {
      t.cleanup();
    }
  });
});
