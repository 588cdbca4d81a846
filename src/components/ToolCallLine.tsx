// One tool call in the live area: the same status line and (collapsed) body the transcript prints, so a call
// looks identical while running and after it lands in scrollback. Shell output streams here while it runs.
import { Text } from "ink";
import { useUi } from "../tui/render/theme.js";
import { toolLines } from "../tui/render/transcript-text.js";
import type { ToolView } from "../tui/state/app-types.js";

export interface ToolCallLineProps {
  tool: ToolView;
  expanded: boolean;
  width: number;
  /**
   * The live clock: a call running for a while shows its elapsed time. A running call shows a still ◌; the one
   * spinner on screen is the status line's.
   */
  now?: number;
}

export function ToolCallLine({ tool, expanded, width, now }: ToolCallLineProps) {
  const ui = useUi();
  return <Text>{toolLines(tool, expanded, width, ui.painter, now).join("\n")}</Text>;
}
