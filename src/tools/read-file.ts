// read_file: returns a numbered window of a text file inside the workspace.
import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import { checkPath } from "../utils/path-policy.js";
import { defineTool } from "./tool.js";

const DEFAULT_LIMIT = 2000;

export const readFileTool = defineTool({
  name: "read_file",
  description: `Read a text file inside the workspace. Returns numbered lines (1-based) and the total line count.
Use offset (1-based first line) and limit (default ${DEFAULT_LIMIT}) to page through long files. Read a file before editing it.`,
  readOnly: true,
  parameters: z.object({
    file_path: z.string().describe("Path relative to the workspace root, or absolute inside it."),
    offset: z.number().int().min(1).optional().describe("First line to return (1-based)."),
    limit: z.number().int().min(1).optional().describe(`Maximum number of lines (default ${DEFAULT_LIMIT}).`),
  }),
  async execute(args, ctx) {
    const check = checkPath(args.file_path, ctx);
    if (!check.ok) throw new Error(check.reason);
    const st = await stat(check.path).catch(() => undefined);
    if (!st) throw new Error(`File not found: ${args.file_path}. Use list_directory to see what exists.`);
    if (st.isDirectory()) throw new Error(`${args.file_path} is a directory; use list_directory.`);
    const text = await readFile(check.path, "utf8");
    const lines = text.split(/\r?\n/);
    if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
    const start = (args.offset ?? 1) - 1;
    const end = Math.min(lines.length, start + (args.limit ?? DEFAULT_LIMIT));
    const body = lines.slice(start, end).map((l, i) => `${String(start + i + 1).padStart(6)}\t${l}`);
    ctx.state.fileStamps.set(check.path, { mtimeMs: st.mtimeMs, size: st.size });
    const more = lines.length - end;
    const hint = more > 0 ? `\n(${more} more lines; use offset=${end + 1})` : "";
    return {
      content: `${body.join("\n")}\n(${lines.length} lines total)${hint}`,
      details: {
        kind: "read",
        path: check.path,
        startLine: start + 1,
        endLine: end,
        totalLines: lines.length,
      },
      summary: `${end - start} lines`,
    };
  },
});
