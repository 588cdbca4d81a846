// Asks the user to approve one action and shows exactly what will happen: the full command with invisible
// characters made visible, or the full diff. The box never outgrows its row budget (`rows`): the detail scrolls
// inside it (PgUp/PgDn/Space) under a "lines a–b of n" row, and on short terminals a compact layout is used.
// y once · a for the session (each offered scope spelled out) · n reject · f reject with feedback · Esc rejects
// this call · Ctrl+C cancels the whole turn.
import { Box, type Key, Text, useInput } from "ink";
import { useRef, useState } from "react";
import type { ApprovalAnswer, ApprovalPrompt as Prompt } from "../runtime/index.js";
import { emptyLineEntry, type LineEntry, lineEntryStep } from "../tui/input/line-entry.js";
import { forEachKey } from "../tui/input/split-keys.js";
import { type ApprovalContent, fitApproval } from "../tui/render/approval-layout.js";
import { colorDiffLine } from "../tui/render/diff-lines.js";
import { windowLabel } from "../tui/render/row-budget.js";
import { useUi } from "../tui/render/theme.js";
import { makeVisible } from "../tui/render/visible.js";
import { FEEDBACK_LABEL } from "./FeedbackInput.js";

export interface ApprovalPromptProps {
  prompt: Prompt;
  onAnswer(answer: ApprovalAnswer): void;
  width: number;
  /** Rows the whole box may use (borders included); the detail scrolls inside. */
  rows: number;
  /** Ctrl+C: cancel the whole turn (the app aborts it, which rejects this call); without it, rejects. */
  onInterrupt?(): void;
}

type Option = { key: string; label: string; answer: ApprovalAnswer | "feedback" };

/** What the box shows, as plain text (invisible characters as markers), for the layout and the row budget. */
export function approvalContent(prompt: Prompt, feedback: string | null = null): ApprovalContent {
  const req = prompt.request;
  const visible = makeVisible(req.detail);
  const notes: string[] = [];
  if (req.protectedPath) notes.push("Protected path: asked even when edits are auto-approved.");
  if (visible.count > 0) notes.push(`${visible.count} invisible/control character(s) shown as ⟨…⟩ markers.`);
  return {
    // Titles come from any tool's describe(): never let a control character reach the terminal.
    title: makeVisible(req.title).text,
    reason: req.reason ? makeVisible(req.reason).text : undefined,
    notes,
    detail: visible.text,
    labels: buildOptions(prompt).map((o) => o.label),
    feedback,
    feedbackLabel: FEEDBACK_LABEL,
  };
}

export function buildOptions(prompt: Prompt): Option[] {
  const scoped: Option[] = prompt.scopes.map((s, i) => ({
    key: i === 0 ? "a" : "",
    label: `Yes, and don't ask again this session for ${makeVisible(s.label).text}`,
    answer: { kind: "session", scope: s },
  }));
  return [
    { key: "y", label: "Yes, once", answer: { kind: "once" } },
    ...scoped,
    { key: "n", label: "No", answer: { kind: "reject" } },
    { key: "f", label: "No, and tell the model what to do instead", answer: "feedback" },
  ];
}

export function ApprovalPrompt({ prompt, onAnswer, onInterrupt, width, rows }: ApprovalPromptProps) {
  const ui = useUi();
  const req = prompt.request;
  const options = buildOptions(prompt);
  const [sel, setSelState] = useState(0);
  // Keys can arrive faster than renders: the ref is what key handling reads.
  const selRef = useRef(0);
  const setSel = (f: (s: number) => number) => {
    selRef.current = f(selRef.current);
    setSelState(selRef.current);
  };
  const [scroll, setScroll] = useState(0);
  // The feedback entry is handled by this component's own (always subscribed) input handler: a child with its
  // own useInput would subscribe only after it mounted, and keys typed in between were lost.
  const [feedback, setFeedbackState] = useState<LineEntry | null>(null);
  const feedbackRef = useRef<LineEntry | null>(null);
  const setFeedback = (f: LineEntry | null) => {
    feedbackRef.current = f;
    setFeedbackState(f);
  };
  const isDiff = req.kind === "edit" || req.kind === "write";
  const content = approvalContent(prompt, feedback?.text ?? null);
  const { layout, view, scrolls } = fitApproval(content, width, rows);
  const lines = layout.detail;
  const maxScroll = Math.max(0, lines.length - view);
  const top = Math.min(scroll, maxScroll);
  /** True when the prompt is answered (the rest of an input chunk is not for it). */
  const choose = (o: Option | undefined): boolean => {
    if (!o) return false;
    if (o.answer === "feedback") {
      setFeedback(emptyLineEntry);
      return false;
    }
    onAnswer(o.answer);
    return true;
  };
  const onKey = (input: string, key: Key): boolean => {
    // Ctrl+C stops the whole turn (this call is rejected with it), in the feedback entry too.
    if (key.ctrl && input === "c") {
      if (onInterrupt) onInterrupt();
      else onAnswer({ kind: "reject", feedback: "interrupted by the user" });
      return onInterrupt === undefined; // with the app, a second Ctrl+C in the same chunk exits
    }
    const entry = feedbackRef.current;
    if (entry) {
      const { state, action } = lineEntryStep(entry, input, key);
      if (action === "cancel") setFeedback(null);
      else if (action === "submit") {
        onAnswer({ kind: "reject", feedback: state.text.trim() });
        return true;
      } else setFeedback(state);
      return false;
    }
    if (key.escape) {
      onAnswer({ kind: "reject" });
      return true;
    }
    if (key.upArrow) setSel((s) => (s + options.length - 1) % options.length);
    else if (key.downArrow || key.tab) setSel((s) => (s + 1) % options.length);
    else if (key.pageDown || input === " ")
      setScroll((t) => Math.min(maxScroll, Math.min(t, maxScroll) + view - 1));
    else if (key.pageUp) setScroll((t) => Math.max(0, Math.min(t, maxScroll) - view + 1));
    else if (key.return) return choose(options[selRef.current]);
    else {
      const k = input.toLowerCase();
      if (k === "a" && prompt.scopes.length > 1) {
        // Several scopes: move to the first (or next) one and let the user confirm with Enter.
        const cur = selRef.current;
        const idx = options.findIndex(
          (o, i) => i > cur && typeof o.answer !== "string" && o.answer.kind === "session",
        );
        setSel(() => (idx >= 0 ? idx : 1));
      } else return choose(options.find((o) => o.key !== "" && o.key === k));
    }
    return false;
  };
  // One input chunk can hold several keys ("\x7f\x7f\x7f", "no thanks⏎" in the feedback entry): one step per
  // key, and nothing after the key that answers.
  useInput((input, key) => forEachKey(input, key, onKey));
  const shown = lines.slice(top, top + view);
  const optionRows = layout.options.flatMap((rowsOf, i) =>
    rowsOf.map((r, j) => {
      const o = options[i];
      const prefix = j > 0 ? "      " : `${i === sel ? "❯ " : "  "}${o?.key ? `[${o.key}] ` : "    "}`;
      return { key: `${i}-${j}`, text: prefix + r, on: i === sel };
    }),
  );
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={ui.c("yellow")} paddingX={1} width={width}>
      <Text bold color={ui.c("yellow")}>
        {layout.title.join("\n")}
      </Text>
      {layout.reason.length > 0 ? <Text color={ui.c("gray")}>{layout.reason.join("\n")}</Text> : null}
      {layout.notes.length > 0 ? <Text color={ui.c("red")}>{layout.notes.join("\n")}</Text> : null}
      {shown.length > 0 ? (
        <Text>{shown.map((l) => (isDiff ? colorDiffLine(l, ui.painter) : l)).join("\n")}</Text>
      ) : null}
      {scrolls ? (
        <Text color={ui.c("gray")} wrap="truncate-end">
          {windowLabel(top, view, lines.length)}
          {top > 0 ? ` · ↑ ${top} line(s) above` : ""}
          {top + view < lines.length ? ` · ↓ ${lines.length - top - view} more line(s)` : ""} · PgUp/PgDn
        </Text>
      ) : null}
      {layout.feedback ? (
        <Box flexDirection="column" marginTop={layout.spacer ? 1 : 0}>
          <Text color={ui.c("cyan")}>{layout.feedback.join("\n")}</Text>
        </Box>
      ) : (
        <Box flexDirection="column" marginTop={layout.spacer ? 1 : 0}>
          {optionRows.map((r) => (
            <Text key={r.key} color={r.on ? ui.c("cyan") : undefined} bold={r.on}>
              {r.text}
            </Text>
          ))}
        </Box>
      )}
    </Box>
  );
}
