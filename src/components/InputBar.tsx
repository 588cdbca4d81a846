// The prompt: a multi-line editor with a visible cursor, a placeholder that says what Enter will do (send, or
// queue while a turn runs), and the completion menu for /commands and @paths. Logic lives in usePrompt.
import { Box, Text } from "ink";
import type { PathCompleter } from "../tui/input/completion.js";
import type { HistoryStore } from "../tui/input/history.js";
import { type PromptHandlers, usePrompt } from "../tui/input/use-prompt.js";
import { useUi } from "../tui/render/theme.js";

export interface InputBarProps extends PromptHandlers {
  active: boolean;
  running: boolean;
  history: HistoryStore | null;
  completer: PathCompleter | null;
  width: number;
  hint?: string;
  /** Text handed back to the input (queued messages an interrupt did not send). */
  restore?: { text: string } | null;
}

function renderWithCursor(value: string, cursor: number, showCursor: boolean): string[] {
  if (!showCursor) return value.split("\n");
  const before = value.slice(0, cursor);
  const at = value[cursor];
  const after = value.slice(cursor + 1);
  const cur =
    at === undefined || at === "\n"
      ? `\u001b[7m \u001b[27m${at === "\n" ? "\n" : ""}`
      : `\u001b[7m${at}\u001b[27m`;
  return (before + cur + after).split("\n");
}

export function InputBar(props: InputBarProps) {
  const ui = useUi();
  const { editor, completion } = usePrompt(props);
  const empty = editor.value === "";
  const placeholder = props.running
    ? "Type to queue a message · Esc interrupts"
    : "Ask anything · / for commands · @ to mention files";
  const lines = renderWithCursor(editor.value, editor.cursor, props.active);
  const prompt = props.running ? "… " : "❯ ";
  return (
    <Box flexDirection="column" width={props.width}>
      <Box>
        <Text color={ui.c(props.running ? "gray" : "green")} bold>
          {prompt}
        </Text>
        {empty ? (
          <Text>
            {props.active ? <Text inverse> </Text> : null}
            <Text color={ui.c("gray")}>{placeholder}</Text>
          </Text>
        ) : (
          <Text>{lines.join("\n  ")}</Text>
        )}
      </Box>
      {completion ? (
        <Box flexDirection="column" paddingLeft={2}>
          {completion.items.slice(0, 8).map((it, i) => (
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
      {props.hint ? <Text color={ui.c("yellow")}>{props.hint}</Text> : null}
    </Box>
  );
}
