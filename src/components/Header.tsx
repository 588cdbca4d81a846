// The start-of-session header printed once: name and version, model, session id, cwd, mode and a short
// MCP/skills summary. Narrow terminals get one fact per line instead of a wrapped jumble.
import { Box, Text } from "ink";
import { useUi } from "../ui/theme.js";

export interface HeaderInfo {
  version: string;
  model: string;
  sessionId: string;
  cwd: string;
  mode: string;
  extras?: string;
}

export function Header(props: HeaderInfo & { width: number }) {
  const ui = useUi();
  const facts = [
    `model ${props.model || "(none)"}`,
    `session ${props.sessionId || "-"}`,
    `mode ${props.mode}`,
  ];
  const narrow = props.width < 60;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold color={ui.c("green")}>
          protoagent
        </Text>
        <Text color={ui.c("gray")}> v{props.version}</Text>
      </Text>
      <Text color={ui.c("gray")}>{narrow ? facts.join("\n") : facts.join(" · ")}</Text>
      <Text color={ui.c("gray")} wrap="truncate-middle">
        {props.cwd}
      </Text>
      {props.extras ? <Text color={ui.c("gray")}>{props.extras}</Text> : null}
      <Text color={ui.c("gray")}>/help for commands · Esc interrupts · Ctrl+C twice exits</Text>
    </Box>
  );
}
