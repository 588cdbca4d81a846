// Colours a unified diff line by line (added green, removed red, hunk headers cyan, file headers bold) for
// tool results and approval prompts. Pure string work; the painter decides whether colour is emitted.
import type { Painter } from "./ansi.js";

export function colorDiffLine(line: string, p: Painter): string {
  if (line.startsWith("+++") || line.startsWith("---")) return p.paint(line, "bold");
  if (line.startsWith("@@")) return p.paint(line, "cyan");
  if (line.startsWith("+")) return p.paint(line, "green");
  if (line.startsWith("-")) return p.paint(line, "red");
  if (line.startsWith("\\")) return p.paint(line, "gray");
  return line;
}

export const colorDiff = (diff: string, p: Painter): string[] =>
  diff.split("\n").map((l) => colorDiffLine(l, p));
