// A filtered list as a pure state machine, shared by every picker (first-run model setup, /model, /sessions):
// typing filters (all words, any order, case-insensitive), ↑/↓/PgUp/PgDn/Home/End move, Enter picks, Esc or
// Ctrl+C cancels. Keys are fed one by one from each input chunk, and the filter text goes through the same
// one-line entry step as the feedback input, so pastes and "text⏎" type-ahead behave the same everywhere.
import type { Key } from "ink";
import { interpretKey } from "./keys.js";
import { emptyLineEntry, type LineEntry, lineEntryStep } from "./line-entry.js";
import { splitKeys } from "./split-keys.js";

export interface PickerItem {
  /** What a pick returns (a model ref, a session id). */
  id: string;
  label: string;
  /** Shown dim after the label (age, turns, folder, "key found"). */
  detail?: string;
  /** The current one (the model in use, this session): marked with ●. */
  current?: boolean;
}

export interface PickerState {
  filter: LineEntry;
  /** Index into the filtered list. */
  index: number;
}

export type PickerAction = { type: "pick"; item: PickerItem } | { type: "cancel" } | null;

export interface PickerOptions {
  /** Esc with a filter typed clears it first (the first-run setup); otherwise Esc always cancels. */
  escClearsFilter?: boolean;
  /** Rows the list shows: PgUp/PgDn move by this much. */
  page?: number;
}

/** Items whose label and detail contain every word of the filter. */
export function filterItems(items: readonly PickerItem[], filter: string): PickerItem[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((it) => {
    const hay = `${it.id} ${it.label} ${it.detail ?? ""}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Starts on the current item when there is one, so Enter right away keeps things as they are. */
export function initialPicker(items: readonly PickerItem[]): PickerState {
  return {
    filter: emptyLineEntry,
    index: Math.max(
      0,
      items.findIndex((i) => i.current),
    ),
  };
}

const clamp = (n: number, count: number) => Math.max(0, Math.min(count - 1, n));

/** One key. */
export function pickerStep(
  s: PickerState,
  items: readonly PickerItem[],
  input: string,
  key: Key,
  opts: PickerOptions = {},
): { state: PickerState; action: PickerAction } {
  const shown = filterItems(items, s.filter.text);
  const move = (index: number) => ({ state: { ...s, index: clamp(index, shown.length) }, action: null });
  const page = Math.max(1, opts.page ?? 10);
  if (!s.filter.pasting) {
    if (key.pageUp) return move(s.index - page);
    if (key.pageDown) return move(s.index + page);
    const cmd = interpretKey(input, key);
    if (cmd.type === "up") return move(s.index - 1);
    if (cmd.type === "down" || cmd.type === "tab") return move(s.index + 1);
    if (cmd.type === "home" && s.filter.text === "") return move(0);
    if (cmd.type === "end" && s.filter.text === "") return move(shown.length - 1);
    if (cmd.type === "ctrl-c") return { state: s, action: { type: "cancel" } };
    if (cmd.type === "escape" && opts.escClearsFilter && s.filter.text !== "")
      return { state: { filter: emptyLineEntry, index: 0 }, action: null };
  }
  const step = lineEntryStep(s.filter, input, key);
  if (step.action === "cancel") return { state: s, action: { type: "cancel" } };
  const changed = step.state.text !== s.filter.text;
  const next: PickerState = { filter: step.state, index: changed ? 0 : s.index };
  if (step.action === "submit") {
    const item = filterItems(items, next.filter.text)[next.index];
    return { state: next, action: item ? { type: "pick", item } : null };
  }
  return { state: next, action: null };
}

/** Every key of one input chunk ("\x7f\x7f\x7f", "gpt⏎"); the first key that picks or cancels ends it. */
export function pickerChunk(
  s: PickerState,
  items: readonly PickerItem[],
  input: string,
  key: Key,
  opts: PickerOptions = {},
): { state: PickerState; action: PickerAction } {
  let state = s;
  for (const k of splitKeys(input, key)) {
    const step = pickerStep(state, items, k.input, k.key, opts);
    if (step.action) return step;
    state = step.state;
  }
  return { state, action: null };
}

/** The slice of `count` items to show in `rows` rows so that `index` is visible (kept near the middle). */
export function pickerWindow(count: number, index: number, rows: number): { start: number; end: number } {
  const n = Math.max(1, rows);
  if (count <= n) return { start: 0, end: count };
  const start = Math.max(0, Math.min(count - n, index - Math.floor(n / 2)));
  return { start, end: start + n };
}
