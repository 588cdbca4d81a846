// The prompt: a multi-line editor with a visible cursor, a placeholder that says what Enter will do (send, or
// queue while a turn runs), and the completion menu for /commands and @paths. Logic lives in usePrompt.
import { Box, Text } from "ink";
import { useEffect, useRef } from "react";
import type { PathCompleter } from "../tui/input/completion.js";
import type { HistoryStore } from "../tui/input/history.js";
import { type PromptHandlers, usePrompt } from "../tui/input/use-prompt.js";
import { editorRows } from "../tui/render/editor-rows.js";
import { followTop } from "../tui/render/row-budget.js";
import { useUi } from "../tui/render/theme.js";
import { wrapAnsi } from "../tui/render/wrap.js";

export interface InputBarProps extends PromptHandlers {
  active: boolean;
  running: boolean;
  history: HistoryStore | null;
  completer: PathCompleter | null;
  width: number;
  hint?: string;
  /** Text handed back to the input (queued messages an interrupt did not send). */
  restore?: { text: string } | null;
  /** Rows the whole input may use (editor + menu + hint); a longer prompt scrolls around the cursor. */
  maxRows?: number;
  /** Reports the rows the input would use without a limit, so the app can budget the frame. */
  onWantRows?(rows: number): void;
}

const MENU_ROWS = 8;

export function InputBar(props: InputBarProps) {
  const ui = useUi();
  const { editor, completion } = usePrompt(props);
  const empty = editor.value === "";
  const placeholder = props.running
    ? "Type to queue a message · Esc interrupts"
    : "Ask anything · / for commands · @ to mention files";
  const prompt = props.running ? "… " : "❯ ";
  const textWidth = Math.max(1, props.width - 2);
  const { rows, cursorRow } = editorRows(editor.value, editor.cursor, textWidth, props.active);
  const hintRows = props.hint ? wrapAnsi(props.hint, props.width) : [];
  const menuWant = completion ? Math.min(MENU_ROWS, completion.items.length) : 0;
  const want = (empty ? 1 : rows.length) + menuWant + hintRows.length;
  const limit = Math.max(1, props.maxRows ?? want);
  // The editor keeps at least one row; the hint and the menu give way first.
  const hintShown = hintRows.slice(0, Math.max(0, limit - 1));
  const menu = Math.min(menuWant, Math.max(0, limit - 1 - hintShown.length));
  const view = Math.max(1, limit - menu - hintShown.length);
  const top = useRef(0);
  top.current = followTop(top.current, cursorRow, view, rows.length);
  const shown = rows.slice(top.current, top.current + view);
  const onWant = props.onWantRows;
  useEffect(() => onWant?.(want), [onWant, want]);
  const below = rows.length - top.current - shown.length;
  const prefix = (j: number) =>
    j === 0 && top.current > 0 ? "↑ " : j === shown.length - 1 && below > 0 ? "↓ " : j === 0 ? prompt : "  ";
  return (
    <Box flexDirection="column" width={props.width}>
      {empty ? (
        <Text wrap="truncate-end">
          <Text color={ui.c(props.running ? "gray" : "green")} bold>
            {prompt}
          </Text>
          {props.active ? <Text inverse> </Text> : null}
          <Text color={ui.c("gray")}>{placeholder}</Text>
        </Text>
      ) : (
        shown.map((row, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
          <Text key={j}>
            <Text color={ui.c(prefix(j) === prompt ? (props.running ? "gray" : "green") : "gray")} bold>
              {prefix(j)}
            </Text>
            {row}
          </Text>
        ))
      )}
      {completion && menu > 0 ? (
        <Box flexDirection="column" paddingLeft={2}>
          {completion.items.slice(0, menu).map((it, i) => (
            <Text
              key={it.value}
              wrap="truncate-end"
              color={i === completion.selected ? ui.c("cyan") : ui.c("gray")}
            >
              {i === completion.selected ? "› " : "  "}
              {it.value}
              {it.hint ? `  ${it.hint}` : ""}
            </Text>
          ))}
        </Box>
      ) : null}
      {hintShown.length > 0 ? <Text color={ui.c("yellow")}>{hintShown.join("\n")}</Text> : null}
    </Box>
  );
}
