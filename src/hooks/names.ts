// Which names a hook matcher is tested against for a tool call: ours (`bash`, `mcp_github_search`) and every
// Claude Code name for the same tool (`Bash`; `Edit` and `MultiEdit`; `mcp__github__search`), so a matcher
// pasted from a Claude setup keeps working. The Claude table is the permission rules' alias table (one table).
import { CLAUDE_TOOL_ALIASES } from "../approval/index.js";
import type { Tool } from "../tools/tool.js";

/** Claude Code's names for one of our tools (several Claude names may map to one of ours). */
export function claudeNamesOf(name: string, mcp?: Tool["mcp"]): string[] {
  if (mcp) return [`mcp__${mcp.server}__${mcp.tool}`];
  return Object.entries(CLAUDE_TOOL_ALIASES)
    .filter(([, ours]) => ours === name)
    .map(([claude]) => claude);
}

/** Every name a PreToolUse/PostToolUse matcher may use for this tool: ours first. */
export function matchNames(name: string, tool?: Pick<Tool, "mcp">): string[] {
  return [name, ...claudeNamesOf(name, tool?.mcp)];
}
