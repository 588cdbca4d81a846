// The only part of the transcript that re-renders: the running turn's reasoning, the unfinished tail of the
// answer (rendered as Markdown progressively) and tools still running with their live output. The rows come
// pre-wrapped from liveRows (tui/render/live-rows.ts); only the last `maxRows` are shown, so the live frame
// never grows past its row budget however long a paragraph, code block or tool output gets.
import { Box, Text } from "ink";
import { tailRows } from "../tui/render/row-budget.js";

export interface LiveTurnProps {
  /** Every live row, each at most `width` cells (model text already sanitised by liveRows). */
  rows: string[];
  width: number;
  /** Rows available; long tails show their end. */
  maxRows: number;
}

export function LiveTurn({ rows, width, maxRows }: LiveTurnProps) {
  const shown = [...tailRows(rows, maxRows)];
  // A leading blank row is a separator; at the top of a clipped tail it would only waste a row.
  while (shown.length > 0 && shown[0] === "" && shown.length < rows.length) shown.shift();
  if (shown.length === 0) return null;
  return (
    <Box flexDirection="column" width={width}>
      <Text>{shown.join("\n")}</Text>
    </Box>
  );
}
