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
  /** Spinner glyph while running. */
  frame?: string;
}

export function ToolCallLine({ tool, expanded, width, frame }: ToolCallLineProps) {
  const ui = useUi();
  return <Text>{toolLines(tool, expanded, width, ui.painter, frame).join("\n")}</Text>;
}
