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
  /** Spinner glyph while running (the app keeps its one spinner on the status line and passes none). */
  frame?: string;
  /** The live clock: a call running for a while shows its elapsed time. */
  now?: number;
}

export function ToolCallLine({ tool, expanded, width, frame, now }: ToolCallLineProps) {
  const ui = useUi();
  return <Text>{toolLines(tool, expanded, width, ui.painter, frame, now).join("\n")}</Text>;
}
