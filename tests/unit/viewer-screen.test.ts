// The viewer's terminal plumbing: the frame clock runs a callback once, after the next frame (not before, not
// twice). The stream given to Ink, minus CSI 3J, is render/terminal-out.ts, tested with the row budget.
import { describe, expect, it } from "vitest";
import { createFrameClock } from "../../src/tui/viewer/screen.js";

describe("viewer screen plumbing", () => {
  it("runs a waiting callback once, after the next tick has finished", async () => {
    const clock = createFrameClock();
    const seen: string[] = [];
    clock.tick();
    clock.next(() => seen.push("after frame"));
    expect(seen).toEqual([]);
    clock.tick();
    // Ink records its frame after onRender returns: the callback waits for that (a microtask).
    seen.push("frame recorded");
    await Promise.resolve();
    expect(seen).toEqual(["frame recorded", "after frame"]);
    clock.tick();
    await Promise.resolve();
    expect(seen).toHaveLength(2);
  });
});
