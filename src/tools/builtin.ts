// The built-in tool set, in the order the model sees it.
import { listDirectoryTool } from "./list-directory.js";
import { readFileTool } from "./read-file.js";
import type { Tool } from "./tool.js";
import { webfetchTool } from "./webfetch.js";

export function builtinTools(): Tool[] {
  return [readFileTool, listDirectoryTool, webfetchTool] as Tool[];
}
