// Row layout of the approval box, pre-wrapped to its inner width so the app can budget it exactly: the head
// (title, reason, warnings), the detail (command or diff, which scrolls inside the box), and the options or the
// feedback entry. When the box does not fit, a compact form drops the spacer row and clips the head and the
// option labels to one row each; the detail then scrolls with a "lines a–b of n" row.
import { editorRows } from "./editor-rows.js";
import { MIN_DETAIL_ROWS } from "./row-budget.js";
import { wrapAnsi } from "./wrap.js";

/** Border (2 columns) + horizontal padding (2 columns). */
export const APPROVAL_INSET = 4;
/** "❯ [y] " before each option label. */
const OPTION_PREFIX = 6;

export interface ApprovalContent {
  title: string;
  reason?: string;
  /** Extra warning rows (protected path, invisible characters), already made visible. */
  notes: string[];
  /** The exact detail (command or diff), invisible characters already shown as markers. */
  detail: string;
  /** Option labels in order (without the key prefix). */
  labels: string[];
  /** Text typed in the feedback entry, or null when the options are shown. */
  feedback: string | null;
  feedbackLabel: string;
}

export interface ApprovalLayout {
  title: string[];
  reason: string[];
  notes: string[];
  detail: string[];
  /** Rows of each option label. */
  options: string[][];
  feedback: string[] | null;
  /** A blank row between the detail and the options. */
  spacer: boolean;
  /** Rows besides the detail and its scroll indicator: borders, head, spacer, options or feedback. */
  base: number;
}

const clip1 = (rows: string[]): string[] =>
  rows.length <= 1 ? rows : [`${(rows[0] ?? "").replace(/.$/u, "")}…`];

/** The box's rows at `width` (outer, borders included); `compact` is the form for short terminals. */
export function approvalLayout(c: ApprovalContent, width: number, compact: boolean): ApprovalLayout {
  const inner = Math.max(10, width - APPROVAL_INSET);
  const head = (s: string) => (compact ? clip1(wrapAnsi(s, inner)) : wrapAnsi(s, inner).slice(0, 3));
  const title = head(c.title);
  const reason = c.reason ? head(c.reason) : [];
  const notes = c.notes.flatMap((n) => (compact ? clip1(wrapAnsi(n, inner)) : wrapAnsi(n, inner)));
  const detail = wrapAnsi(c.detail, inner);
  const labelWidth = Math.max(4, inner - OPTION_PREFIX);
  const options = c.labels.map((l) => (compact ? clip1(wrapAnsi(l, labelWidth)) : wrapAnsi(l, labelWidth)));
  const feedback =
    c.feedback === null ? null : editorRows(c.feedbackLabel + c.feedback, Infinity, inner, true).rows;
  const spacer = !compact;
  const choices = feedback ? feedback.length : options.reduce((n, o) => n + o.length, 0);
  const base = 2 + title.length + reason.length + notes.length + (spacer ? 1 : 0) + choices;
  return { title, reason, notes, detail, options, feedback, spacer, base };
}

export interface ApprovalFit {
  layout: ApprovalLayout;
  /** Detail rows shown at a time. */
  view: number;
  /** The detail is longer than the view: a "lines a–b of n" row is shown and PgUp/PgDn scroll. */
  scrolls: boolean;
}

/** The roomiest layout of the box within `rows` rows, and how many detail rows it shows. */
export function fitApproval(c: ApprovalContent, width: number, rows: number): ApprovalFit {
  const full = approvalLayout(c, width, false);
  if (full.base + full.detail.length <= rows)
    return { layout: full, view: full.detail.length, scrolls: false };
  const roomy = full.base + 1 + Math.min(MIN_DETAIL_ROWS, full.detail.length) <= rows;
  const layout = roomy ? full : approvalLayout(c, width, true);
  if (layout.base + layout.detail.length <= rows)
    return { layout, view: layout.detail.length, scrolls: false };
  return { layout, view: Math.max(1, rows - layout.base - 1), scrolls: true };
}

/** Rows the box wants with its whole detail shown (what the row budget is asked for). */
export function approvalWant(c: ApprovalContent, width: number): { base: number; detail: number } {
  const l = approvalLayout(c, width, false);
  return { base: l.base, detail: l.detail.length };
}
