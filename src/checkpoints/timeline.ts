// The session's user turns as a rewind sees them: each user prompt on the current timeline with the file
// changes of its turn that are still in effect. Pure: built from the log's records, so a resumed, forked or
// crashed-and-reopened session gets the same answer as the live one.
// Rules: a checkpoint belongs to the last user turn before it; a code rewind takes the restored changes out of
// effect; a conversation rewind drops the later turns, and when their files were not restored their changes stay
// in effect on the last kept turn (they are still the agent's changes on disk).
import { contentText } from "../agent/messages.js";
import { isCompactionSummary } from "../compaction/history.js";
import type { BodyRecord, FileSnap } from "../store/records.js";

export interface FileChange {
  /** Absolute path the tool wrote. */
  path: string;
  tool: string;
  /** The file before the change (null: it did not exist). */
  before: FileSnap | null;
  /** sha256 of what the tool wrote (null: it deleted the file). */
  after: string | null;
  at: string;
}

export interface TurnEntry {
  /** 1-based position on the current timeline. */
  turn: number;
  /** Index of the turn's user `msg` record among the body records (where a conversation rewind cuts). */
  recordIndex: number;
  text: string;
  at: string;
  /** Changes of this turn still in effect, in the order they happened. */
  changes: FileChange[];
  /** Shell commands of this turn whose changes could not be recorded, with why. */
  uncovered: string[];
}

export function buildTimeline(records: readonly BodyRecord[]): TurnEntry[] {
  let turns: TurnEntry[] = [];
  records.forEach((r, i) => {
    if (r.t === "msg" && r.m.role === "user" && !isCompactionSummary(r.m)) {
      turns.push({
        turn: turns.length + 1,
        recordIndex: i,
        text: contentText(r.m.content),
        at: r.at,
        changes: [],
        uncovered: [],
      });
    } else if (r.t === "checkpoint" && r.uncovered !== undefined) {
      turns.at(-1)?.uncovered.push(`${r.uncovered}${r.reason ? ` (${r.reason})` : ""}`);
    } else if (r.t === "checkpoint") {
      turns.at(-1)?.changes.push({ path: r.path, tool: r.tool, before: r.before, after: r.after, at: r.at });
    } else if (r.t === "rewind" && r.turn >= 1) {
      const from = r.turn - 1;
      const kept = new Set(r.kept ?? []);
      if (r.code) for (const t of turns.slice(from)) t.changes = t.changes.filter((c) => kept.has(c.path));
      if (r.conversation) {
        const dropped = turns.slice(from);
        turns = turns.slice(0, from);
        turns.at(-1)?.changes.push(...dropped.flatMap((t) => t.changes));
      }
    }
  });
  return turns;
}

/** Paths a set of turns touched (changes still in effect), first-seen order. */
export function touchedPaths(turns: readonly TurnEntry[]): string[] {
  return [...new Set(turns.flatMap((t) => t.changes.map((c) => c.path)))];
}
