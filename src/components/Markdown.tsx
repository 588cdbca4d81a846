// Renders a completed Markdown block at the current width. Memoised on (text, width, colour) because blocks in
// scrollback never change; the streaming tail is shown by LiveTurn as plain text instead.
import { Text } from "ink";
import { memo, useMemo } from "react";
import { renderMarkdown } from "../tui/render/markdown.js";
import { useUi } from "../tui/render/theme.js";

export const Markdown = memo(function Markdown(props: { text: string; width: number }) {
  const ui = useUi();
  const out = useMemo(
    () => renderMarkdown(props.text, { width: props.width, painter: ui.painter, highlight: ui.highlight }),
    [props.text, props.width, ui],
  );
  return <Text>{out}</Text>;
});
