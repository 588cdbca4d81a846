// list_directory: lists one folder inside the workspace, folders first.
import { readdir } from "node:fs/promises";
import { z } from "zod";
import { checkPath } from "../utils/path-policy.js";
import { defineTool } from "./tool.js";

export const listDirectoryTool = defineTool({
  name: "list_directory",
  description:
    "List the entries of a folder inside the workspace (default: the workspace root), folders first.",
  readOnly: true,
  parameters: z.object({
    directory_path: z
      .string()
      .optional()
      .describe('Folder to list, relative to the workspace root (default ".").'),
  }),
  async execute(args, ctx) {
    const dir = args.directory_path ?? ".";
    const check = checkPath(dir, ctx);
    if (!check.ok) throw new Error(check.reason);
    const entries = await readdir(check.path, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(
        err.code === "ENOTDIR" ? `${dir} is a file; use read_file.` : `Cannot list ${dir}: ${err.code}`,
      );
    });
    const visible = entries.filter((e) => e.name !== ".git");
    visible.sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name));
    const lines = visible.map((e) => (e.isDirectory() ? `[DIR]  ${e.name}/` : `[FILE] ${e.name}`));
    return {
      content: `Contents of ${dir} (${visible.length} entries):\n${lines.join("\n")}`,
      details: { kind: "list", path: check.path, entries: visible.length, omitted: 0 },
      summary: `${visible.length} entries`,
    };
  },
});
