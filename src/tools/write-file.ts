// write_file: creates or replaces a whole file. Creates missing parent folders, writes atomically (temp file in
// the same folder + rename), keeps an existing file's permission bits, owner, line endings and BOM, asks for
// approval with the exact diff, and refuses to overwrite a file this session has not read or that changed since.
import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import { ToolDeniedError } from "../approval/types.js";
import { atomicWrite } from "../utils/atomic-write.js";
import { hasNul } from "../utils/binary.js";
import { unifiedDiff } from "../utils/diff.js";
import { assertFresh, recordStamp } from "../utils/file-stamps.js";
import { countLines, detectShape, fromLogical, normaliseNewlines, toLogical } from "../utils/line-endings.js";
import { resolveToolPath, rootsOf } from "../utils/workspace-path.js";
import { pathFacts } from "./describe.js";
import { defineTool } from "./tool.js";

export const WRITE_FILE_DESCRIPTION = `Create a file, or replace the whole content of one; missing folders are created. To change part of a file use edit_file. An existing file must have been read in this session and be unchanged since. Its line endings, BOM and permissions are kept. The user approves the diff first.`;

const parameters = z.object({
  file_path: z.string().describe("Relative to the workspace root, or absolute inside it."),
  content: z.string().describe("The complete new content."),
});

export const writeFileTool = defineTool({
  name: "write_file",
  description: WRITE_FILE_DESCRIPTION,
  parameters,
  readOnly: false,
  approvesItself: true,
  ruleSpecifier: "path",
  describe: (args, env) => ({
    title: `Write ${args.file_path}`,
    kind: "edit",
    subject: args.file_path,
    ...pathFacts(env, args.file_path),
  }),
  async execute(args, ctx) {
    const target = resolveToolPath(args.file_path, rootsOf(ctx), true);
    const { abs, rel } = target;
    const st = await stat(abs).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return undefined;
      if (err.code === "ENOTDIR") {
        throw new Error(`Cannot create ${rel}: a parent of it is a file, not a folder.`);
      }
      throw new Error(`Cannot write ${rel}: ${err.message}`);
    });
    if (st?.isDirectory()) throw new Error(`${rel} is a directory; write_file needs a file path inside it.`);
    if (st && !st.isFile()) throw new Error(`${rel} is not a regular file; it cannot be written.`);
    let before = "";
    let physical = args.content;
    if (st) {
      assertFresh(ctx.state, abs, rel, st, "overwriting");
      // With a front-end port the editor's buffer (unsaved changes included) is what gets replaced.
      const raw = ctx.files ? Buffer.from(await ctx.files.readText(abs), "utf8") : await readFile(abs);
      if (!hasNul(raw)) {
        const text = raw.toString("utf8");
        const shape = detectShape(text);
        before = toLogical(text, shape);
        if (shape.eol !== "mixed") physical = fromLogical(normaliseNewlines(args.content), shape);
      } else before = "(binary content)\n";
    }
    const after = normaliseNewlines(args.content.replace(/^\uFEFF/, ""));
    const { diff, added, removed } = unifiedDiff(rel, before, after, !st);
    const current = async () => (ctx.files ? ctx.files.readText(abs) : readFile(abs, "utf8"));
    if (st && diff === "" && physical === (await current())) {
      return {
        content: `No change: ${rel} already has exactly this content.`,
        summary: "unchanged",
        details: { kind: "diff", path: rel, diff: "", added: 0, removed: 0, created: false },
      };
    }
    const outcome = await ctx.approve({
      tool: "write_file",
      kind: "write",
      title: `${st ? "Overwrite" : "Create"} ${rel}`,
      detail: diff || `(${rel}: content unchanged)`,
      path: abs,
      protectedPath: target.protected,
    });
    if (!outcome.approved) throw new ToolDeniedError(outcome.reason, outcome.feedback);
    if (st) {
      const now = await stat(abs).catch(() => undefined);
      if (!now || now.mtimeMs !== st.mtimeMs || now.size !== st.size) {
        throw new Error(
          `${rel} changed on disk while the write was waiting for approval. Re-read it and retry.`,
        );
      }
    } else if (
      await stat(abs).then(
        () => true,
        () => false,
      )
    ) {
      throw new Error(
        `${rel} was created by someone else while the write was waiting for approval. Read it and retry.`,
      );
    }
    // The last step before the change: what the file was becomes restorable (/rewind, /undo).
    await ctx.checkpoint?.beforeWrite(abs, physical, "write_file");
    if (ctx.files) await ctx.files.writeText(abs, physical);
    else await atomicWrite(abs, physical, st ? { mode: st.mode, uid: st.uid, gid: st.gid } : {});
    // An editor may keep the write in its buffer without saving: there is then no new disk stamp.
    const written = await stat(abs).catch(() => undefined);
    if (written) recordStamp(ctx.state, abs, written);
    const lines = countLines(after);
    const verb = st ? "Wrote" : "Created";
    return {
      content: `${verb} ${rel} (${lines} line${lines === 1 ? "" : "s"}${st ? `, +${added} -${removed}` : ""}).`,
      summary: st ? `+${added} -${removed}` : `created, ${lines} lines`,
      details: { kind: "diff", path: rel, diff, added, removed, created: !st },
    };
  },
});
