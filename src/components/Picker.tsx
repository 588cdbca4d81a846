// A filtered list the user picks from (first-run setup, /model, /sessions). Never taller than `rows`: the list
// scrolls inside, one terminal row per item (long entries are cut, never wrapped), so the live frame stays
// within the row budget. Labels and details may come from files and models (session titles, folders): they
// are sanitised and kept to one line here.
import { Box, Text, useInput } from "ink";
import { useRef, useState } from "react";
import {
  filterItems,
  initialPicker,
  type PickerItem,
  type PickerState,
  pickerChunk,
  pickerWindow,
} from "../tui/input/picker.js";
import { windowLabel } from "../tui/render/row-budget.js";
import { sanitizeForTerminal } from "../tui/render/sanitize.js";
import { useUi } from "../tui/render/theme.js";
import { hangingIndent } from "../tui/render/wrap.js";

export type { PickerItem };

export interface PickerProps {
  title: string;
  items: readonly PickerItem[];
  /** Most rows the picker may take, title and footer included. */
  rows: number;
  width: number;
  onPick(item: PickerItem): void;
  onCancel(): void;
  /** Shown when nothing matches the filter. */
  empty?: string;
  /** Esc first clears a typed filter (the setup); otherwise Esc cancels at once. */
  escClearsFilter?: boolean;
  isActive?: boolean;
  /** Lines above the list (a dialog's content, e.g. the trust prompt's files): wrapped, cut with "… N more". */
  body?: readonly string[];
  /** The hint after the title (default: how to filter and pick). */
  hint?: string;
}

/** The body as rows for `width` (sanitised; a line's indent is kept and its continuation indented further). */
export function pickerBody(body: readonly string[] | undefined, width: number): string[] {
  return (body ?? []).flatMap((line) => {
    const text = sanitizeForTerminal(line).replace(/[\n\t]/g, " ");
    const indent = /^ */.exec(text)?.[0] ?? "";
    return hangingIndent(text.slice(indent.length), width, indent, `${indent}  `);
  });
}

/** The body's rows from `top` within `room`, the last row saying what is below and how to scroll (PgUp/PgDn). */
function bodyWindow(rows: string[], room: number, top: number): string[] {
  if (rows.length <= room) return rows;
  const view = Math.max(0, room - 1);
  const t = Math.max(0, Math.min(top, rows.length - view));
  const below = rows.length - t - view;
  const where = `${windowLabel(t, view, rows.length)} · PgUp/PgDn scroll`;
  return [...rows.slice(t, t + view), below > 0 ? `… ${below} more lines (${where})` : `(${where})`];
}

const oneLine = (s: string) => sanitizeForTerminal(s).replace(/\s+/g, " ").trim();

export function Picker(props: PickerProps) {
  const { items, rows, width } = props;
  const ui = useUi();
  const [view, setView] = useState<PickerState>(() => initialPicker(items));
  // Keys can arrive faster than renders: key handling reads the ref, rendering the state.
  const cur = useRef(view);
  const wrapped = pickerBody(props.body, width);
  // The list keeps a row per item (at least one); the body gets the rest and scrolls inside it.
  const room = Math.max(1, rows - 2 - Math.max(1, items.length));
  const [bodyTop, setBodyTop] = useState(0);
  const body = wrapped.length ? bodyWindow(wrapped, room, bodyTop) : [];
  const listRows = Math.max(1, rows - 2 - body.length);
  useInput(
    (input, key) => {
      // A body taller than its room pages with PgUp/PgDn (the dialog's few items need no paging).
      if (wrapped.length > room && (key.pageUp || key.pageDown)) {
        const step = Math.max(1, room - 1) * (key.pageDown ? 1 : -1);
        setBodyTop((t) => Math.max(0, Math.min(wrapped.length - Math.max(1, room - 1), t + step)));
        return;
      }
      const { state, action } = pickerChunk(cur.current, items, input, key, {
        escClearsFilter: props.escClearsFilter,
        page: listRows,
      });
      cur.current = state;
      setView(state);
      if (action?.type === "pick") props.onPick(action.item);
      else if (action?.type === "cancel") props.onCancel();
    },
    { isActive: props.isActive ?? true },
  );
  const shown = filterItems(items, view.filter.text);
  const { start, end } = pickerWindow(shown.length, view.index, listRows);
  const range = shown.length > listRows ? `${start + 1}–${end} of ${shown.length}` : `${shown.length}`;
  const filter = oneLine(view.filter.text);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{props.title}</Text>
        <Text color={ui.c("gray")}> {props.hint ?? "(type to filter, ↑/↓, Enter): "}</Text>
        {filter}
        <Text inverse> </Text>
      </Text>
      {body.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of a static text, re-rendered whole
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {shown.slice(start, end).map((it, i) => {
        const selected = start + i === view.index;
        return (
          <Text key={it.id} wrap="truncate-end" color={selected ? ui.c("cyan") : undefined}>
            {selected ? "❯ " : "  "}
            {it.current ? "● " : "  "}
            {oneLine(it.label)}
            {it.detail ? <Text color={ui.c("gray")}> {oneLine(it.detail)}</Text> : null}
          </Text>
        );
      })}
      {shown.length === 0 ? (
        <Text color={ui.c("gray")} wrap="truncate-end">
          {props.empty ?? "Nothing matches"} “{filter}”.
        </Text>
      ) : null}
      <Text color={ui.c("gray")} wrap="truncate-end">
        {range} · PgUp/PgDn · Esc {props.escClearsFilter ? "clears, then " : ""}cancels
      </Text>
    </Box>
  );
}
