// The status line under the live turn, and the one spinner on screen: running tools show a still ◌ with their
// elapsed time, so exactly one glyph animates. While a failed request waits to be retried the line becomes the
// retry countdown (replaced by the next retry, gone when the stream resumes). Not shown while an approval
// waits, so waiting for the user animates nothing.
import { Box, Text } from "ink";
import { useUi } from "../tui/render/theme.js";
import type { AppState } from "../tui/state/app-types.js";
import { retryLine } from "../tui/state/retry-view.js";
import { spinnerFrame } from "../tui/state/use-ticker.js";

export interface StatusLineProps {
  retry: AppState["retry"];
  toolsRunning: boolean;
  now: number;
  width: number;
}

export function StatusLine({ retry, toolsRunning, now, width }: StatusLineProps) {
  const { c } = useUi();
  const frame = spinnerFrame(now);
  if (retry)
    return (
      <Box marginTop={1} width={width}>
        <Text color={c("yellow")} wrap="truncate-end">
          {frame} {retryLine(retry, now)}
        </Text>
      </Box>
    );
  return (
    <Box marginTop={1}>
      <Text color={c("cyan")}>{frame} </Text>
      <Text color={c("gray")}>{toolsRunning ? "running tools" : "working"} · Esc to interrupt</Text>
    </Box>
  );
}
