// One tool call: a status line (icon, name, subject, summary) and, below it, the body — coloured diff, shell
// output (live while running) or listing — collapsed past a few lines with an explicit "expand" hint.
import { Box, Text } from "ink";
import type { ToolView } from "../ui/app-types.js";
import { colorDiffLine } from "../ui/diff-lines.js";
import { useUi } from "../ui/theme.js";
import { toolSubject, toolSummary, visibleBody } from "../ui/tool-view.js";

const ICON: Record<ToolView["status"], [string, string]> = {
  running: ["◌", "yellow"],
  done: ["✓", "green"],
  error: ["✗", "red"],
  denied: ["⊘", "yellow"],
  aborted: ["■", "gray"],
};

export interface ToolCallLineProps {
  tool: ToolView;
  expanded: boolean;
  width: number;
  /** Spinner glyph while running. */
  frame?: string;
}

export function ToolCallLine({ tool, expanded, width, frame }: ToolCallLineProps) {
  const ui = useUi();
  const [icon, color] = ICON[tool.status];
  const subject = toolSubject(tool.name, tool.args);
  const summary = toolSummary(tool);
  const { lines, hidden } = visibleBody(tool, expanded);
  const isDiff = tool.details?.kind === "diff";
  const word = tool.status === "running" ? "" : tool.status === "done" ? "" : ` ${tool.status}`;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text color={ui.c(color)}>{tool.status === "running" && frame ? frame : icon} </Text>
        <Text bold>{tool.name}</Text>
        {subject ? <Text> {subject}</Text> : null}
        {summary || word ? (
          <Text color={ui.c("gray")}>{` — ${summary}${word}`.replace(/ — $/, "")}</Text>
        ) : null}
      </Text>
      {lines.length > 0 ? (
        <Box flexDirection="column" paddingLeft={2}>
          {hidden > 0 && !isDiff && tool.details?.kind === "shell" ? (
            <Text color={ui.c("gray")}>
              … {hidden} earlier line(s) hidden · ctrl+o or /expand to show all
            </Text>
          ) : null}
          <Text>{lines.map((l) => (isDiff ? colorDiffLine(l, ui.painter) : l)).join("\n")}</Text>
          {hidden > 0 && (isDiff || tool.details?.kind !== "shell") ? (
            <Text color={ui.c("gray")}>… {hidden} more line(s) · ctrl+o or /expand to show all</Text>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
}
