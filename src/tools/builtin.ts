// The nine built-in tools, in the order the model sees them. Built per session (the search tool carries its
// own ripgrep detector), so no tool keeps state in a module.
import { bashTool } from "./bash.js";
import { editFileTool } from "./edit-file.js";
import { listDirectoryTool } from "./list-directory.js";
import { readFileTool } from "./read-file.js";
import { createRgDetector } from "./search/rg-engine.js";
import { createSearchFilesTool } from "./search-files.js";
import { todoReadTool, todoWriteTool } from "./todo.js";
import type { Tool } from "./tool.js";
import { webfetchTool } from "./webfetch.js";
import { writeFileTool } from "./write-file.js";

export function builtinTools(): Tool[] {
  return [
    readFileTool,
    writeFileTool,
    editFileTool,
    listDirectoryTool,
    createSearchFilesTool({ detector: createRgDetector() }),
    bashTool,
    todoReadTool,
    todoWriteTool,
    webfetchTool,
  ] as Tool[];
}
