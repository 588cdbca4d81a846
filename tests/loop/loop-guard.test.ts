// The loop guard through the real loop, SDK and fake server: the same call with the same result is nudged at 3
// and stopped at 5, an A-B-A-B cycle counts too, a changed result starts the count again, and the thresholds
// follow the configuration (0 turns them off). The nudge rides on the tool result, so the history stays valid.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertValidHistory, type Harness, startHarness, wire } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const read = { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] };
const list = { toolCalls: [{ name: "list_directory", arguments: { directory_path: "." } }] };

/** The text of every tool result in the history, in order. */
const toolResults = (h: Harness): string[] =>
  h.session.messages.flatMap((m) => (m.role === "tool" && typeof m.content === "string" ? [m.content] : []));
const nudged = (text: string) => text.includes("[protoagent] Loop check:");

describe("loop guard", () => {
  it("nudges the third identical call and stops the run at the fifth", async () => {
    h = await startHarness();
    h.fake.enqueue(read, read, read, read, read, { text: "never requested" });
    const result = await h.run("read it");

    expect(result.reason).toBe("loop");
    expect(result.error).toMatch(
      /^Stopped: the model called read_file with the same arguments 5 times in a row with the same result each time \(loopGuard\.stopAfter is 5\)\./,
    );
    expect(h.fake.requests).toHaveLength(5);
    expect(toolResults(h).map(nudged)).toEqual([false, false, true, true, false]);
    expect(toolResults(h)[2]).toContain(
      "[protoagent] Loop check: you called read_file with the same arguments 3 times in a row and got the same result each time.",
    );
    // The model saw the nudge on the result it was sent back with.
    expect(JSON.stringify(wire(h.body(3)).at(-1))).toContain("Loop check");
    expect(h.of("notice").map((n) => n.message)).toContain(result.error);
    expect(h.of("done").at(-1)).toMatchObject({ reason: "loop" });
    assertValidHistory(h.session.messages);
  });

  it("counts an A-B-A-B cycle, with the thresholds the session was given", async () => {
    h = await startHarness({ loopGuard: { nudgeAfter: 2, stopAfter: 3 } });
    h.fake.enqueue(read, list, read, list, read, list, { text: "never requested" });
    const result = await h.run("look around");

    expect(result.reason).toBe("loop");
    expect(result.error).toContain(
      "the model repeated the same 2 tool calls (read_file, list_directory) 3 times",
    );
    expect(toolResults(h).map(nudged)).toEqual([false, false, false, true, false, false]);
    expect(toolResults(h)[3]).toContain(
      "you repeated the same 2 tool calls (read_file, list_directory) 2 times",
    );
    assertValidHistory(h.session.messages);
  });

  it("starts again when the same call returns something different", async () => {
    h = await startHarness();
    let reads = 0;
    h.session.subscribe((e) => {
      // The file changes after the second read: the third read returns something new.
      if (e.type === "tool_end" && ++reads === 2) writeFileSync(path.join(h.tmp.cwd, "a.txt"), "changed\n");
    });
    h.fake.enqueue(read, read, read, read, read, { text: "done" });
    const result = await h.run("watch it");

    expect(result).toMatchObject({ reason: "completed", text: "done" });
    expect(toolResults(h).map(nudged)).toEqual([false, false, false, false, true]);
  });

  it("0 turns the nudge and the stop off", async () => {
    h = await startHarness({ loopGuard: { nudgeAfter: 0, stopAfter: 0 } });
    h.fake.enqueue(read, read, read, read, read, read, { text: "done" });
    const result = await h.run("read it");
    expect(result).toMatchObject({ reason: "completed", text: "done" });
    expect(toolResults(h).some(nudged)).toBe(false);
  });
});
