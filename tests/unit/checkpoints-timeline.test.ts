// The turn timeline (pure): which user turns a rewind can go back to, and which file changes are still in
// effect after code and conversation rewinds, including changes a conversation-only rewind leaves on disk and
// files a code rewind had to leave alone.
import { describe, expect, it } from "vitest";
import { buildTimeline } from "../../src/checkpoints/timeline.js";
import type { BodyRecord } from "../../src/store/records.js";

const at = "2026-01-01T00:00:00.000Z";
const user = (text: string): BodyRecord => ({ t: "msg", at, m: { role: "user", content: text } });
const cp = (path: string, after: string): BodyRecord => ({
  t: "checkpoint",
  at,
  path,
  tool: "edit_file",
  before: null,
  after,
});
const rewind = (turn: number, code: boolean, conversation: boolean, kept?: string[]): BodyRecord => ({
  t: "rewind",
  at,
  turn,
  code,
  conversation,
  ...(conversation ? { messages: [], todos: [] } : {}),
  ...(kept ? { kept } : {}),
});
const view = (records: BodyRecord[]) =>
  buildTimeline(records).map((t) => [t.turn, t.text, t.changes.map((c) => c.path)]);

describe("buildTimeline", () => {
  it("attaches changes to the turn before them and ignores compaction summaries as turns", () => {
    const summary: BodyRecord = {
      t: "msg",
      at,
      m: { role: "user", content: "<conversation_summary>\nold\n</conversation_summary>" },
    };
    expect(view([user("one"), cp("/w/a", "1"), summary, user("two"), cp("/w/b", "2")])).toEqual([
      [1, "one", ["/w/a"]],
      [2, "two", ["/w/b"]],
    ]);
  });

  it("a code rewind takes changes out of effect, except the files it had to keep", () => {
    const base = [user("one"), cp("/w/a", "1"), user("two"), cp("/w/b", "2"), cp("/w/c", "3")];
    expect(view([...base, rewind(2, true, false)])).toEqual([
      [1, "one", ["/w/a"]],
      [2, "two", []],
    ]);
    expect(view([...base, rewind(1, true, false, ["/w/c"])])).toEqual([
      [1, "one", []],
      [2, "two", ["/w/c"]],
    ]);
  });

  it("a conversation-only rewind drops the turns but keeps their changes in effect on the last kept turn", () => {
    const records = [user("one"), cp("/w/a", "1"), user("two"), cp("/w/b", "2"), rewind(2, false, true)];
    expect(view(records)).toEqual([[1, "one", ["/w/a", "/w/b"]]]);
    // Turn numbers continue on the new timeline.
    expect(view([...records, user("two again"), cp("/w/c", "3")])).toEqual([
      [1, "one", ["/w/a", "/w/b"]],
      [2, "two again", ["/w/c"]],
    ]);
    // Rewinding both at once drops everything from the turn on.
    expect(view([...records, user("x"), cp("/w/d", "4"), rewind(2, true, true)])).toEqual([
      [1, "one", ["/w/a", "/w/b"]],
    ]);
  });
});
