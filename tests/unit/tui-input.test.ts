import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { completeCommand, findCommand, parseSlash } from "../../src/tui/commands/slash-commands.js";
import * as ed from "../../src/tui/input/editor.js";
import { historyStep } from "../../src/tui/input/history.js";
import { interpretKey } from "../../src/tui/input/keys.js";
import { emptyLineEntry, type LineEntry, lineEntryStep } from "../../src/tui/input/line-entry.js";
import { keyWith } from "../../src/tui/input/split-keys.js";
import { makeVisible } from "../../src/tui/render/visible.js";

const key = keyWith;

describe("editor", () => {
  it("inserts, deletes and moves across lines", () => {
    let s = ed.insert(ed.emptyEditor, "ab\r\ncd");
    expect(s).toEqual({ value: "ab\ncd", cursor: 5 });
    s = ed.up(s)!;
    expect(s.cursor).toBe(2);
    expect(ed.up(s)).toBeNull();
    s = ed.down(s)!;
    expect(ed.down(s)).toBeNull();
    expect(ed.backspace(s).value).toBe("ab\nc");
    expect(ed.killWordBefore(ed.setText("git commit -m")).value).toBe("git commit ");
    expect(ed.killLineBefore(ed.setText("one\ntwo")).value).toBe("one\n");
  });

  it("finds the token being completed", () => {
    expect(ed.currentToken(ed.setText("/he"))).toEqual({ kind: "command", text: "he", start: 0 });
    expect(ed.currentToken(ed.setText("look at @src/ap"))).toEqual({
      kind: "path",
      text: "src/ap",
      start: 8,
    });
    expect(ed.currentToken(ed.setText("mail me@x"))).toBeNull();
    expect(ed.replaceToken(ed.setText("see @sr"), 4, "@src/")).toEqual({ value: "see @src/", cursor: 9 });
  });
});

describe("key interpretation", () => {
  it("maps terminal quirks to commands", () => {
    expect(interpretKey("\r", key({ return: true }))).toEqual({ type: "submit" });
    expect(interpretKey("\r", key({ return: true, meta: true }))).toEqual({ type: "newline" });
    expect(interpretKey("\r", key({ return: true, shift: true }))).toEqual({ type: "newline" });
    expect(interpretKey("[27;2;13~", key())).toEqual({ type: "newline" });
    expect(interpretKey("\n", key())).toEqual({ type: "newline" });
    expect(interpretKey("", key({ delete: true }))).toEqual({ type: "backspace" });
    expect(interpretKey("", key({ tab: true, shift: true }))).toEqual({ type: "cycle-mode" });
    expect(interpretKey("o", key({ ctrl: true }))).toEqual({ type: "toggle-expand" });
    expect(interpretKey("c", key({ ctrl: true }))).toEqual({ type: "ctrl-c" });
    expect(interpretKey("[200~", key())).toEqual({ type: "paste-start" });
    expect(interpretKey("x", key())).toEqual({ type: "insert", text: "x" });
  });
});

describe("one-line entry (feedback, API key)", () => {
  /** Feeds Ink-style events (input, key) and returns the final text and the actions taken. */
  const feed = (events: [string, Partial<Key>?][]) => {
    let s: LineEntry = emptyLineEntry;
    const actions: string[] = [];
    for (const [input, k] of events) {
      const r = lineEntryStep(s, input, key(k));
      s = r.state;
      if (r.action) actions.push(`${r.action}:${s.text}`);
    }
    return { text: s.text, actions };
  };

  it("submits on Enter, whether it came alone or at the end of a chunk", () => {
    expect(feed([["ab"], ["c"], ["\r", { return: true }]]).actions).toEqual(["submit:abc"]);
    expect(feed([["do not touch files\r"]]).actions).toEqual(["submit:do not touch files"]);
    expect(feed([["sk-123\n"]]).actions).toEqual(["submit:sk-123"]);
    expect(feed([["x"], ["\n"]]).actions).toEqual(["submit:x"]);
  });

  it("keeps brackets and joins pasted lines without submitting", () => {
    expect(feed([["["], ["a]"]]).text).toBe("[a]");
    const bracketed = feed([["[200~"], ["one\rtwo\r"], ["[201~"]]);
    expect(bracketed).toEqual({ text: "one two ", actions: [] });
    expect(feed([["one\ntwo"]])).toEqual({ text: "one two", actions: [] });
  });

  it("edits and cancels", () => {
    expect(feed([["hello world"], ["w", { ctrl: true }]]).text).toBe("hello ");
    expect(feed([["hello"], ["", { delete: true }]]).text).toBe("hell");
    expect(feed([["hello"], ["u", { ctrl: true }]]).text).toBe("");
    expect(feed([["hi"], ["", { escape: true }]]).actions).toEqual(["cancel:hi"]);
  });
});

describe("history navigation", () => {
  it("walks back and returns to the draft", () => {
    const entries = ["one", "two"];
    let cur = { index: 2, draft: "" };
    const a = historyStep(entries, cur, "draft", -1)!;
    expect(a.text).toBe("two");
    cur = a.cursor;
    const b = historyStep(entries, cur, "two", -1)!;
    expect(b.text).toBe("one");
    expect(historyStep(entries, b.cursor, "one", -1)).toBeNull();
    const c = historyStep(entries, historyStep(entries, b.cursor, "one", 1)!.cursor, "two", 1)!;
    expect(c.text).toBe("draft");
  });
});

describe("slash commands", () => {
  it("parses, finds and completes", () => {
    expect(parseSlash("/model openai/gpt-5")).toEqual({ name: "model", args: "openai/gpt-5" });
    expect(parseSlash("//literal")).toBeNull();
    expect(parseSlash("hello")).toBeNull();
    expect(findCommand("exit")?.name).toBe("quit");
    expect(findCommand("nope")).toBeUndefined();
    expect(completeCommand("co").map((c) => c.name)).toEqual(["cost", "collapse", "compact"]);
  });
});

describe("invisible characters", () => {
  it("marks control and zero-width characters", () => {
    const r = makeVisible("rm -rf /tmp/x\u200b \u001b[2J\r\n\tok");
    expect(r.text).toBe("rm -rf /tmp/x⟨ZWSP⟩ ⟨ESC⟩[2J⟨CR⟩\n\tok");
    expect(r.count).toBe(3);
  });
});
