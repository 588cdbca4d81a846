// The Transcript prints a burst of finished items a slice per macrotask: a slice ends at ~4 KB of text or once
// rendering it took ~6 ms, so a slow render (a cold renderer, heavy highlighting, a loaded machine) never holds
// the event loop for long. Real Markdown rendering, a real Ink tree; only the highlighter is slow on purpose.
import { render } from "ink-testing-library";
import { useCallback, useState } from "react";
import { describe, expect, it } from "vitest";
import { Transcript } from "../../src/components/Transcript.js";
import { stripAnsi } from "../../src/tui/render/ansi.js";
import type { Highlighter } from "../../src/tui/render/markdown.js";
import { makeUi, UiProvider } from "../../src/tui/render/theme.js";
import type { Item } from "../../src/tui/state/app-types.js";

const header = { version: "t", model: "fake/m", sessionId: "s", cwd: "/tmp", mode: "default" };

/** Drops printed items on acknowledgement, as the reducer does, and records every acknowledgement. */
function Harness({ initial, acks }: { initial: Item[]; acks: number[] }) {
  const [items, setItems] = useState(initial);
  const onPrinted = useCallback(
    (upTo: number) => {
      acks.push(upTo);
      setItems((xs) => (xs.some((i) => i.id <= upTo) ? xs.filter((i) => i.id > upTo) : xs));
    },
    [acks],
  );
  return <Transcript items={items} width={80} header={header} onPrinted={onPrinted} />;
}

const code = (i: number): Item => ({
  id: i,
  kind: "markdown",
  text: `Block ${i}\n\n\`\`\`ts\nconst v${i} = ${i};\n\`\`\``,
});

/** A highlighter that takes at least `ms` of wall time per call, however fast the machine is. */
const slow =
  (ms: number): Highlighter =>
  (c) => {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // busy: this is the cost being budgeted
    }
    return c;
  };

async function printAll(items: Item[], highlight?: Highlighter) {
  const acks: number[] = [];
  const r = render(
    <UiProvider value={makeUi(true, highlight)}>
      <Harness initial={items} acks={acks} />
    </UiProvider>,
  );
  const last = items.at(-1)?.id ?? -1;
  const deadline = Date.now() + 15_000;
  while (!acks.includes(last)) {
    if (Date.now() > deadline) throw new Error(`not all printed: ${acks.join(",")}`);
    await new Promise((res) => setImmediate(res));
  }
  const text = stripAnsi(r.frames.join(""));
  r.unmount();
  return { acks: [...new Set(acks)], text };
}

describe("Transcript slices", () => {
  it("prints one item per slice when each takes longer than the time budget, in order and complete", async () => {
    const items = [1, 2, 3, 4].map(code);
    const { acks, text } = await printAll(items, slow(8));
    expect(acks).toEqual([1, 2, 3, 4]);
    for (const i of [1, 2, 3, 4]) expect(text).toContain(`const v${i} = ${i};`);
    expect(text.indexOf("Block 1")).toBeLessThan(text.indexOf("Block 4"));
  });

  it("never puts more than ~4 KB of text in one slice, however fast rendering is", async () => {
    const para = "word ".repeat(500).trim(); // 2.5 KB: two fill a slice
    const items = [1, 2, 3, 4, 5, 6].map((i): Item => ({ id: i, kind: "markdown", text: `${i} ${para}` }));
    const { acks, text } = await printAll(items);
    // Each acknowledgement covers at most two more items (fewer when the time budget ends a slice first).
    for (const [k, upTo] of acks.entries()) expect(upTo - (acks[k - 1] ?? 0)).toBeLessThanOrEqual(2);
    expect(acks.at(-1)).toBe(6);
    expect(text.split("word").length - 1).toBe(6 * 500);
  });
});
