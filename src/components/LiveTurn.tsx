// The only part of the transcript that re-renders: the running turn's reasoning, the unfinished tail of the
// answer (plain text until its block completes) and tools still running with their live output.
import { Box, Text } from "ink";
import { sanitizeForTerminal } from "../tui/render/sanitize.js";
import { useUi } from "../tui/render/theme.js";
import type { AppState } from "../tui/state/app-types.js";
import { ToolCallLine } from "./ToolCallLine.js";

export interface LiveTurnProps {
  live: AppState["live"];
  expanded: boolean;
  width: number;
  /** Rows available; the live area never grows past them (long tails show their end). */
  maxRows: number;
  /**
   * The live clock for tools' elapsed time; undefined while nothing should move (an approval waits). Running
   * tools show a still ◌: the status line below holds the one spinner on screen.
   */
  now?: number;
}

const tailLines = (text: string, n: number): string => {
  const lines = text.split("\n");
  return lines.length <= n ? text : lines.slice(-n).join("\n");
};

export function LiveTurn({ live, expanded, width, maxRows, now }: LiveTurnProps) {
  const ui = useUi();
  const budget = Math.max(3, maxRows);
  // Model text: sanitised before Ink prints it (tools are sanitised by toolLines).
  const reasoning = sanitizeForTerminal(live.reasoning).trim();
  const text = sanitizeForTerminal(live.text);
  return (
    <Box flexDirection="column" width={width}>
      {reasoning ? (
        <Box marginTop={1}>
          <Text color={ui.c("gray")} italic>
            {tailLines(reasoning, 3)}
          </Text>
        </Box>
      ) : null}
      {text !== "" ? (
        <Box marginTop={1}>
          <Text>{tailLines(text, budget)}</Text>
        </Box>
      ) : null}
      {live.tools.map((t) => (
        <Box key={t.callId} marginTop={1}>
          <ToolCallLine tool={t} expanded={expanded && t.status !== "running"} width={width} now={now} />
        </Box>
      ))}
    </Box>
  );
}
