// edit_file: a thin IO shell around the pure cascade in edit-match.ts. Order: validate → path policy →
// staleness guard (a read this session, file unchanged since) → match → diff → approval (the user sees the
// exact diff) → re-check the disk → atomic write keeping mode, owner, CRLF and BOM → record the new stamp.
import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import { ToolDeniedError } from "../approval/types.js";
import { atomicWrite } from "../utils/atomic-write.js";
import { hasNul } from "../utils/binary.js";
import { capDiff, unifiedDiff } from "../utils/diff.js";
import { assertFresh, recordStamp } from "../utils/file-stamps.js";
import { detectShape, fromLogical, normaliseNewlines, toLogical } from "../utils/line-endings.js";
import { didYouMean } from "../utils/path-suggestions.js";
import { resolveToolPath, rootsOf } from "../utils/workspace-path.js";
import { pathFacts } from "./describe.js";
import { applyEdit } from "./edit-match.js";
import { defineTool } from "./tool.js";

export const EDIT_MAX_BYTES = 4 * 1024 * 1024;

export const EDIT_FILE_DESCRIPTION = `Replace old_string with new_string in an existing file (to create a file use write_file). Read the file in this session first, and again if it changed on disk. Copy old_string from the file without the line-number prefix, with enough lines to match one place, or set replace_all or expected_replacements. Differences in indentation, trailing spaces, typographic quotes and dashes, or over-escaping are tolerated while the match stays unique and covers whole lines; new_string is then re-indented to fit. new_string must be the full text: placeholders such as "// ... existing code ..." are refused. When nothing or too much matches, the error shows the lines and what differs. The user approves the diff first.`;

const parameters = z.object({
  file_path: z.string().describe("Relative to the workspace root, or absolute inside it."),
  old_string: z.string().describe("The text to replace, copied from the file."),
  new_string: z.string().describe("The text to put in its place."),
  expected_replacements: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("How many matches to replace; exactly that many must exist (default 1)."),
  replace_all: z.boolean().optional().describe("Replace every match (default false)."),
});

export const editFileTool = defineTool({
  name: "edit_file",
  description: EDIT_FILE_DESCRIPTION,
  parameters,
  readOnly: false,
  approvesItself: true,
  ruleSpecifier: "path",
  describe: (args, env) => ({
    title: `Edit ${args.file_path}`,
    kind: "edit",
    subject: args.file_path,
    ...pathFacts(env, args.file_path),
  }),
  async execute(args, ctx) {
    if (args.old_string === "") {
      throw new Error(
        "old_string is empty. To create or replace a whole file use write_file; to insert text, put a neighbouring " +
          "line in old_string and repeat it in new_string together with the new text.",
      );
    }
    const target = resolveToolPath(args.file_path, rootsOf(ctx), true);
    const { abs, rel } = target;
    const st = await stat(abs).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" || err.code === "ENOTDIR") {
        throw new Error(
          `File not found: ${rel}. To create a new file use write_file.${await didYouMean(abs, ctx.cwd)}`,
        );
      }
      throw new Error(`Cannot edit ${rel}: ${err.message}`);
    });
    if (st.isDirectory()) throw new Error(`${rel} is a directory; edit_file changes files.`);
    if (!st.isFile()) throw new Error(`${rel} is not a regular file; it cannot be edited.`);
    assertFresh(ctx.state, abs, rel, st, "editing");
    if (st.size > EDIT_MAX_BYTES) {
      throw new Error(
        `${rel} is too large to edit (${(st.size / 1024 / 1024).toFixed(1)} MB; the limit is ${EDIT_MAX_BYTES / 1024 / 1024} MB). Use bash (sed, a script) for large files.`,
      );
    }
    // With a front-end port the editor's buffer (unsaved changes included) is what gets edited.
    const raw = ctx.files ? Buffer.from(await ctx.files.readText(abs), "utf8") : await readFile(abs);
    if (hasNul(raw)) throw new Error(`${rel} looks like a binary file; edit_file only changes text files.`);
    const text = raw.toString("utf8");
    const shape = detectShape(text);
    const before = toLogical(text, shape);
    // A CRLF file is matched in LF form; the model's strings are normalised the same way.
    const norm = shape.eol === "mixed" ? (s: string) => s : normaliseNewlines;
    const result = applyEdit(before, norm(args.old_string), norm(args.new_string), {
      expectedReplacements: args.expected_replacements,
      replaceAll: args.replace_all,
      fileLabel: rel,
    });
    if (!result.ok) throw new Error(result.message);
    if (result.content === before) {
      throw new Error(
        `The edit would not change ${rel}: the text matched (via ${result.strategy}) already reads like new_string.`,
      );
    }
    const { diff, added, removed } = unifiedDiff(rel, before, result.content);
    const outcome = await ctx.approve({
      tool: "edit_file",
      kind: "edit",
      title: `Edit ${rel}`,
      detail: diff,
      path: abs,
      protectedPath: target.protected,
    });
    if (!outcome.approved) throw new ToolDeniedError(outcome.reason, outcome.feedback);
    // The user may have taken a while: refuse to clobber a change made meanwhile.
    const now = await stat(abs);
    if (now.mtimeMs !== st.mtimeMs || now.size !== st.size) {
      throw new Error(
        `${rel} changed on disk while the edit was waiting for approval. Re-read it and redo the edit.`,
      );
    }
    const physical = fromLogical(result.content, shape);
    // The last step before the change: what the file was becomes restorable (/rewind, /undo).
    await ctx.checkpoint?.beforeWrite(abs, physical, "edit_file");
    if (ctx.files) await ctx.files.writeText(abs, physical);
    else await atomicWrite(abs, physical, { mode: st.mode, uid: st.uid, gid: st.gid });
    // An editor may keep the write in its buffer without saving: there is then no new disk stamp.
    const written = await stat(abs).catch(() => undefined);
    if (written) recordStamp(ctx.state, abs, written);
    const n = result.replacements;
    const via =
      result.strategy === "exact" ? "" : ` (matched via ${result.strategy}; new_string re-indented to fit)`;
    return {
      content:
        `Edited ${rel}: ${n} replacement${n === 1 ? "" : "s"} at line${n === 1 ? "" : "s"} ${result.lines.join(", ")}` +
        `${via}, +${added} -${removed} lines.\n${capDiff(diff, 80)}`,
      summary: `+${added} -${removed}`,
      details: { kind: "diff", path: rel, diff, added, removed, created: false },
    };
  },
});
