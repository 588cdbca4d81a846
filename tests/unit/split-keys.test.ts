import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { interpretKey } from "../../src/tui/input/keys.js";
import { emptyLineEntry, lineEntryChunk } from "../../src/tui/input/line-entry.js";
import { splitChunk, splitKeys } from "../../src/tui/input/split-keys.js";

/** The commands a raw chunk decodes to, as the prompt sees them. */
const commands = (chunk: string) => splitChunk(chunk).map((k) => interpretKey(k.input, k.key));
const types = (chunk: string) => commands(chunk).map((c) => c.type);
const none = (k: Partial<Key> = {}) => ({ ...splitChunk("x")[0]?.key, ...k }) as Key;

describe("splitting an input chunk into keys", () => {
  it("decodes repeated DEL and BS into one Backspace each", () => {
    expect(types("\u007f\u007f\u007f")).toEqual(["backspace", "backspace", "backspace"]);
    expect(types("\b\b")).toEqual(["backspace", "backspace"]);
  });

  it("decodes arrows, Home/End, PgUp/PgDn, Shift+Tab and modified arrows", () => {
    expect(types("\u001b[A\u001b[B\u001b[C\u001b[D")).toEqual(["up", "down", "right", "left"]);
    expect(types("\u001bOA\u001b[H\u001b[F")).toEqual(["up", "home", "end"]);
    expect(types("\u001b[1;5D\u001b[1;3C")).toEqual(["word-left", "word-right"]);
    expect(types("\u001b[Z")).toEqual(["cycle-mode"]);
    const [up, pgDn] = splitChunk("\u001b[5~\u001b[6~");
    expect(up?.key.pageUp).toBe(true);
    expect(pgDn?.key.pageDown).toBe(true);
  });

  it("decodes Enter, Esc, Tab and Ctrl keys", () => {
    expect(types("\r")).toEqual(["submit"]);
    expect(types("\r\r")).toEqual(["submit", "submit"]);
    expect(types("\u001b")).toEqual(["escape"]);
    expect(types("\t")).toEqual(["tab"]);
    expect(types("\u0003\u0015\u0017")).toEqual(["ctrl-c", "kill-line", "kill-word"]);
    expect(types("\u001b\u007f")).toEqual(["kill-word"]);
  });

  it("keeps text together and splits the control keys around it", () => {
    expect(commands("abc\u007f\u007fd")).toEqual([
      { type: "insert", text: "abc" },
      { type: "backspace" },
      { type: "backspace" },
      { type: "insert", text: "d" },
    ]);
    expect(commands("hé🙂\u001b[D!")).toEqual([
      { type: "insert", text: "hé🙂" },
      { type: "left" },
      { type: "insert", text: "!" },
    ]);
    // "text⏎" type-ahead and unbracketed multi-line pastes stay one piece, as each input expects.
    expect(commands("\u007ffix it\r")).toEqual([{ type: "backspace" }, { type: "insert", text: "fix it\r" }]);
    expect(commands("one\rtwo\r")).toEqual([{ type: "insert", text: "one\rtwo\r" }]);
    expect(types("\u001b[200~")).toEqual(["paste-start"]);
  });

  it("passes events Ink already decoded through unchanged", () => {
    const del = none({ delete: true });
    expect(splitKeys("", del)).toEqual([{ input: "", key: del }]);
    expect(splitKeys("hello", none())).toEqual([{ input: "hello", key: none() }]);
    expect(splitKeys("a\nb", none())).toEqual([{ input: "a\nb", key: none() }]);
    expect(splitKeys("\u007f\u007f", none()).map((k) => k.key.delete)).toEqual([true, true]);
  });

  it("lets a one-line entry take a burst of Backspaces, and text⏎ in one chunk", () => {
    let s = lineEntryChunk(emptyLineEntry, "abc", none()).state;
    s = lineEntryChunk(s, "\u007f\u007f", none()).state;
    expect(s.text).toBe("a");
    const done = lineEntryChunk(s, "\u007fno thanks\r", none());
    expect(done).toEqual({ state: { text: "no thanks", pasting: false }, action: "submit" });
    // Keys after the one that submits are not typed into the submitted entry.
    const burst = lineEntryChunk(emptyLineEntry, "xy\u007f\r\u007fz", none());
    expect(burst).toEqual({ state: { text: "x", pasting: false }, action: "submit" });
    // Lines inside one chunk are an unbracketed paste: joined, never submitted.
    expect(lineEntryChunk(emptyLineEntry, "one\rtwo", none())).toEqual({
      state: { text: "one two", pasting: false },
      action: null,
    });
  });
});
