// What a tool call is about, decided in one place: the tool's own describe() when it has one and the arguments
// are valid, otherwise a neutral description (unknown tools, invalid arguments, tools without describe()).
// Consumers (tool_start events, approval requests, the TUI, sub-agent progress, replayed history) never guess
// from argument names. Pure: no IO, so replay can describe calls recorded long ago.
import path from "node:path";
import type { DescribeEnv, Tool, ToolCallDescription } from "./tool.js";

const MAX_SUBJECT = 120;

/** First line of `text`, clipped to `max` characters, with " …" when more lines follow. */
export function firstLine(text: string, max = MAX_SUBJECT): string {
  const t = text.trim();
  const line = t.split("\n")[0] ?? "";
  const short = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return t.includes("\n") ? `${short} …` : short;
}

/** A path argument made absolute against the workspace, plus the matching location entry. */
export function pathFacts(
  env: DescribeEnv,
  given: string,
  line?: number,
): Pick<ToolCallDescription, "path" | "locations"> {
  const abs = path.resolve(env.cwd, given);
  return { path: abs, locations: [line === undefined ? { path: abs } : { path: abs, line }] };
}

/**
 * The description of one call. `args` may be raw (replay, invalid calls): they are validated here, and a
 * describe() that throws is treated like a tool without one, so describing never fails a call.
 */
export function describeCall(
  tool: Partial<Pick<Tool, "parameters" | "describe">> | undefined,
  name: string,
  args: unknown,
  env: DescribeEnv,
): ToolCallDescription {
  const parsed = tool?.describe ? tool.parameters?.safeParse(args) : undefined;
  return describeValid(parsed?.success ? tool : undefined, name, parsed?.data, env);
}

/** Like describeCall for arguments the caller already validated against `tool.parameters`. */
export function describeValid(
  tool: Pick<Tool, "describe"> | undefined,
  name: string,
  args: unknown,
  env: DescribeEnv,
): ToolCallDescription {
  if (tool?.describe) {
    try {
      return tool.describe(args, env);
    } catch {
      // A buggy describe() must not take the call down; the neutral description below is still true.
    }
  }
  return { title: `Call ${name}`, kind: "other" };
}
