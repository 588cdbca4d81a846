// Pure parts of the prompt's own syntax: `!` / `!!`, `@path` mentions, chips, and a recorded prompt with its
// attached blocks replayed as chips (built with the core's real block format, so the two cannot drift).
import { describe, expect, it } from "vitest";
import { attachmentBlock, composePrompt } from "../../src/runtime/attach.js";
import { shellContextBlock } from "../../src/runtime/user-shell.js";
import { historyItems } from "../../src/tui/state/replay.js";
import {
  attachmentChip,
  findMentions,
  parseShellPrompt,
  shownPrompt,
} from "../../src/tui/state/user-input.js";

describe("prompt syntax", () => {
  it("! runs with context, !! without", () => {
    expect(parseShellPrompt("!ls -la")).toEqual({ command: "ls -la", addToContext: true });
    expect(parseShellPrompt("!! git status")).toEqual({ command: "git status", addToContext: false });
    expect(parseShellPrompt("hello !x")).toBeNull();
  });

  it("finds @mentions at word starts only", () => {
    expect(findMentions("see @src/a.ts and me@mail.com, @b").map((m) => m.path)).toEqual(["src/a.ts", "b"]);
  });

  it("chips say lines and truncation, with a safe file name", () => {
    expect(attachmentChip({ path: "src/a.ts", lines: 1, truncated: false })).toBe("[@src/a.ts · 1 line]");
    expect(attachmentChip({ path: "x\u001b]0;t\u0007 y", lines: 9, truncated: true })).toBe(
      "[@x_y · 9 lines, truncated]",
    );
  });
});

describe("replayed prompts", () => {
  const file = attachmentBlock({ path: "a.txt", lines: 2, bytes: 11, truncated: false, text: "alpha\nbeta" });
  const shell = shellContextBlock({
    command: "ls",
    exitCode: 0,
    signal: null,
    aborted: false,
    durationMs: 5,
    output: "a.txt\n",
    truncated: false,
  });
  const sent = composePrompt("explain @a.txt", [file, shell]);

  it("shows the prompt with chips, not the attached content", () => {
    expect(shownPrompt(sent)).toBe("explain @a.txt [@a.txt · 2 lines] [output of 1 ! command(s)]");
    expect(shownPrompt("plain")).toBe("plain");
    expect(historyItems([{ role: "user", content: sent }])).toEqual([
      { kind: "user", text: "explain @a.txt [@a.txt · 2 lines] [output of 1 ! command(s)]" },
    ]);
  });
});
