// The shared picker: filtering, keys decoded per key from one read, Enter / Esc / Ctrl+C, scrolling inside a
// fixed height (it must fit an 80x24 terminal), and untrusted labels kept to one sanitised line.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { Picker } from "../../src/components/Picker.js";
import {
  filterItems,
  initialPicker,
  type PickerItem,
  pickerChunk,
  pickerWindow,
} from "../../src/tui/input/picker.js";
import { keyWith } from "../../src/tui/input/split-keys.js";
import { renderUi } from "./helpers.js";

afterEach(() => cleanup());

const ITEMS: PickerItem[] = [
  { id: "openai/gpt-5", label: "openai/gpt-5", detail: "OpenAI – GPT-5" },
  { id: "openai/gpt-5-mini", label: "openai/gpt-5-mini", detail: "OpenAI – GPT-5 mini", current: true },
  { id: "ollama/qwen3", label: "ollama/qwen3", detail: "Ollama – Qwen3 (local)" },
];

function mount(items: PickerItem[], rows = 18, width = 80) {
  const seen: { picked?: string; cancelled: number } = { cancelled: 0 };
  const r = renderUi(
    <Picker
      title="Switch model"
      items={items}
      rows={rows}
      width={width}
      onPick={(it) => {
        seen.picked = it.id;
      }}
      onCancel={() => seen.cancelled++}
    />,
  );
  return { r, seen };
}

describe("picker logic", () => {
  it("filters by every word, in any order, case-insensitively (label, detail and id)", () => {
    expect(filterItems(ITEMS, "GPT mini").map((i) => i.id)).toEqual(["openai/gpt-5-mini"]);
    expect(filterItems(ITEMS, "local qwen").map((i) => i.id)).toEqual(["ollama/qwen3"]);
    expect(filterItems(ITEMS, "  ")).toHaveLength(3);
  });

  it("starts on the current item and decodes a burst of keys one by one", () => {
    const s = initialPicker(ITEMS);
    expect(s.index).toBe(1);
    // "zz", two Backspaces, "qwen" and Enter in ONE read: the Backspaces delete, the Enter picks.
    const r = pickerChunk(s, ITEMS, "zz\u007f\u007fqwen\r", keyWith());
    expect(r.action).toEqual({ type: "pick", item: ITEMS[2] });
    const up = pickerChunk(s, ITEMS, "", keyWith({ upArrow: true }));
    expect(up.state.index).toBe(0);
    expect(pickerChunk(s, ITEMS, "c", keyWith({ ctrl: true })).action).toEqual({ type: "cancel" });
    expect(pickerChunk(s, ITEMS, "", keyWith({ escape: true })).action).toEqual({ type: "cancel" });
    // Enter with nothing matching picks nothing.
    expect(pickerChunk(s, ITEMS, "nomatch\r", keyWith()).action).toBeNull();
  });

  it("keeps the selection visible in a window of the given height", () => {
    expect(pickerWindow(5, 4, 10)).toEqual({ start: 0, end: 5 });
    expect(pickerWindow(100, 0, 10)).toEqual({ start: 0, end: 10 });
    expect(pickerWindow(100, 50, 10)).toEqual({ start: 45, end: 55 });
    expect(pickerWindow(100, 99, 10)).toEqual({ start: 90, end: 100 });
  });
});

describe("<Picker>", () => {
  it("marks the current item, filters as you type and picks with Enter", async () => {
    const { r, seen } = mount(ITEMS);
    await r.waitFor("● openai/gpt-5-mini", { in: "last" });
    await r.press("qw");
    await r.waitFor((f) => f.includes("ollama/qwen3") && !f.includes("gpt-5-mini"), { in: "last" });
    await r.press("\r");
    await r.waitFor(() => seen.picked === "ollama/qwen3");
  });

  it("Esc cancels at once, even with a filter typed; Ctrl+C cancels too", async () => {
    const a = mount(ITEMS);
    await a.r.waitFor("Switch model");
    await a.r.press("gp");
    await a.r.press("\u001b");
    await a.r.waitFor(() => a.seen.cancelled === 1);
    expect(a.seen.picked).toBeUndefined();
    cleanup();
    const b = mount(ITEMS);
    await b.r.waitFor("Switch model");
    await b.r.press("\u0003");
    await b.r.waitFor(() => b.seen.cancelled === 1);
  });

  it("fits 80x24: never taller than its rows, one row per item, scrolling to the selection", async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: `s${i}`,
      label: `Session ${i} ${"with a very long title ".repeat(6)}`,
      detail: `${i}m ago · 3 turns · /home/user/projects/something/deep`,
    }));
    const { r, seen } = mount(many, 24 - 6, 80);
    await r.waitFor("Session 0 ", { in: "last" });
    const lines = r.last().split("\n");
    expect(lines.length).toBeLessThanOrEqual(18);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(r.last()).toContain("1–16 of 60");
    // PgDn moves a page at a time and the selected row stays on screen.
    await r.press("\u001b[6~");
    await r.press("\u001b[6~");
    await r.waitFor((f) => f.includes("❯   Session 32 "), { in: "last" });
    expect(r.last().split("\n").length).toBeLessThanOrEqual(18);
    await r.press("\r");
    await r.waitFor(() => seen.picked === "s32");
  });

  it("shows a title or folder with escape sequences and line breaks as one clean line", async () => {
    const { r } = mount([
      { id: "x", label: "evil\u001b]0;pwned\u0007 title\nsecond line", detail: "/tmp/\u001b[2Kdir" },
    ]);
    await r.waitFor("evil", { in: "last" });
    const raw = r.lastFrame() ?? "";
    expect(raw).not.toContain("\u001b]0;");
    expect(raw).not.toContain("\u001b[2K");
    expect(r.last()).toContain("evil title second line /tmp/dir");
  });
});
