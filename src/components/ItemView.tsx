// Renders one finished transcript item (printed once into scrollback by <Static>): the banner, user prompts,
// assistant Markdown, reasoning, tool calls, notices, command output and the "interrupted" marker.
import { Box, Text } from "ink";
import type { Item } from "../ui/app-types.js";
import { useUi } from "../ui/theme.js";
import { Header, type HeaderInfo } from "./Header.js";
import { Markdown } from "./Markdown.js";
import { ToolCallLine } from "./ToolCallLine.js";

export function ItemView({ item, width, header }: { item: Item; width: number; header: HeaderInfo }) {
  const ui = useUi();
  switch (item.kind) {
    case "banner":
      return <Header {...header} width={width} />;
    case "user":
      return (
        <Box marginTop={1}>
          <Text color={ui.c("green")} bold>
            {"❯ "}
          </Text>
          <Text>{item.text}</Text>
        </Box>
      );
    case "markdown":
      return (
        <Box marginTop={1}>
          <Markdown text={item.text} width={width} />
        </Box>
      );
    case "reasoning":
      return (
        <Box marginTop={1}>
          <Text color={ui.c("gray")} italic>
            {item.text}
          </Text>
        </Box>
      );
    case "tool":
      return (
        <Box marginTop={1}>
          <ToolCallLine tool={item.tool} expanded={item.expanded} width={width} />
        </Box>
      );
    case "notice": {
      const color = item.level === "error" ? "red" : item.level === "warn" ? "yellow" : "gray";
      const prefix = item.level === "error" ? "Error: " : item.level === "warn" ? "! " : "";
      return (
        <Box marginTop={1}>
          <Text color={ui.c(color)}>{prefix + item.text.replace(/^Error: /, "")}</Text>
        </Box>
      );
    }
    case "output":
      return (
        <Box marginTop={1} flexDirection="column">
          <Text bold color={ui.c("cyan")}>
            {item.title}
          </Text>
          {item.body ? <Text>{item.body}</Text> : null}
        </Box>
      );
    case "interrupted":
      return (
        <Box marginTop={1}>
          <Text color={ui.c("yellow")}>■ Interrupted — tell the model what to do instead.</Text>
        </Box>
      );
  }
}
