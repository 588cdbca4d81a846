// The viewer's terminal plumbing: the frame clock runs a callback once, after the next frame (not before, not
// twice), and the stream given to Ink never carries CSI 3J while everything else passes unchanged.
import { describe, expect, it } from "vitest";
import { createFrameClock, guardScrollback } from "../../src/tui/viewer/screen.js";

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

  it("drops CSI 3J from Ink's writes and forwards everything else", () => {
    const written: unknown[] = [];
    const listeners: string[] = [];
    const fake = {
      columns: 80,
      rows: 24,
      isTTY: true,
      write(chunk: unknown) {
        written.push(chunk);
        return true;
      },
      on(event: string) {
        listeners.push(event);
        return this;
      },
    } as unknown as NodeJS.WriteStream;
    const out = guardScrollback(fake);
    out.write("\u001b[2J\u001b[3J\u001b[Hframe");
    out.write(Buffer.from("raw"));
    out.on("resize", () => {});
    expect(written[0]).toBe("\u001b[2J\u001b[Hframe");
    expect(Buffer.isBuffer(written[1])).toBe(true);
    expect([out.columns, out.rows, out.isTTY]).toEqual([80, 24, true]);
    expect(listeners).toEqual(["resize"]);
  });
});
