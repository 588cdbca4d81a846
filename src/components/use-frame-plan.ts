// The live frame's layout in rendered rows: builds the live turn's rows, the queue, error and usage rows, asks
// the row budget (tui/render/row-budget.ts) how to split what is left among the live turn, the input and an
// approval box, and hands each part its share. The frame then always stays below the terminal height, so Ink
// never falls back to clearing the screen and the scrollback.
import { useMemo } from "react";
import { clipToWidth } from "../tui/render/ansi.js";
import { approvalWant } from "../tui/render/approval-layout.js";
import { liveTextRows, liveToolRows } from "../tui/render/live-rows.js";
import { frameRows, planRows, type RowPlan } from "../tui/render/row-budget.js";
import type { UiContext } from "../tui/render/theme.js";
import { wrapAnsi } from "../tui/render/wrap.js";
import type { AppState } from "../tui/state/app-types.js";
import { approvalContent } from "./ApprovalPrompt.js";
import { type UsageBarProps, usageText } from "./UsageBar.js";

/** Queued messages shown one row each; more are counted on one extra row. */
export const QUEUE_ROWS = 3;
/** A picker's rows besides its list: the margin above it, the title/filter row and the footer. */
export const PICKER_BASE_ROWS = 3;

export interface FramePlanInput {
  state: AppState;
  ui: UiContext;
  columns: number;
  rows: number;
  /** The clock for running tools' elapsed time; undefined while an approval waits (nothing moves). */
  now: number | undefined;
  /** An open picker's item count (it takes the approval's place in the budget: served first, scrolls inside). */
  pickerItems?: number;
  /** Turn time for the usage bar. */
  elapsed: number | null;
  /** Rows the input last said it wants. */
  inputWant: number;
}

export interface FramePlan {
  live: string[];
  queueRows: string[];
  fatalRows: string[];
  usageProps: UsageBarProps;
  spinner: boolean;
  plan: RowPlan;
}

export function useFramePlan({
  state,
  ui,
  columns,
  rows,
  now,
  pickerItems,
  elapsed,
  inputWant,
}: FramePlanInput): FramePlan {
  const width = Math.max(20, columns - 1);
  const { painter, highlight } = ui;
  const { text, reasoning, tools } = state.live;
  const expanded = state.expandAll;
  // The streaming tail's Markdown is rendered when the text changes; only tool rows follow the clock, and only
  // while a tool runs (a finished tool's time is fixed).
  const textRows = useMemo(
    () =>
      liveTextRows({ text, reasoning }, { width, painter, highlight, expanded, maxRows: frameRows(rows) }),
    [text, reasoning, width, painter, highlight, expanded, rows],
  );
  const toolNow = tools.some((t) => t.status === "running") ? now : undefined;
  const toolRows = useMemo(
    () => liveToolRows(tools, { width, painter, expanded, now: toolNow, maxRows: frameRows(rows) }),
    [tools, width, painter, expanded, toolNow, rows],
  );
  const live = useMemo(() => [...textRows, ...toolRows], [textRows, toolRows]);
  const queueRows = state.queue
    .slice(0, QUEUE_ROWS)
    .map((q) => clipToWidth(`queued: ${q.split("\n")[0]}`, width));
  if (state.queue.length > QUEUE_ROWS) queueRows.push(`… and ${state.queue.length - QUEUE_ROWS} more queued`);
  const fatalRows = state.fatal ? wrapAnsi(`Error: ${state.fatal}`, width).slice(0, 4) : [];
  const usageProps: UsageBarProps = {
    model: state.model,
    mode: state.mode,
    usage: state.usage,
    turnMs: elapsed,
    running: state.running,
    queued: state.queue.length,
    width,
  };
  const spinner = state.running && !state.approval;
  const chrome =
    (spinner ? 2 : 0) +
    (fatalRows.length > 0 ? fatalRows.length + 1 : 0) +
    queueRows.length +
    1 + // the margin above the input
    wrapAnsi(usageText(usageProps), width).length;
  const plan = planRows({
    termRows: rows,
    chrome,
    live: live.length,
    input: inputWant,
    approval: state.approval
      ? approvalWant(approvalContent(state.approval.prompt), width)
      : pickerItems !== undefined
        ? { base: PICKER_BASE_ROWS, detail: Math.max(1, pickerItems) }
        : undefined,
  });
  return { live, queueRows, fatalRows, usageProps, spinner, plan };
}
