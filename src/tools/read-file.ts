// read_file: shows a window of a text file with cat -n style line numbers (1-based, the same numbers `offset`
// takes). Streams the file and stops decoding once the window is full, so a 1 GB log costs a few chunks; the
// total line count comes from a cheap newline count, capped. Records the file's stamp for the staleness guard.
import { type FileHandle, open, stat } from "node:fs/promises";
import { z } from "zod";
import { ToolDeniedError } from "../approval/types.js";
import { looksBinary } from "../utils/binary.js";
import { isCredentialFile } from "../utils/credential-files.js";
import { recordStamp } from "../utils/file-stamps.js";
import { didYouMean } from "../utils/path-suggestions.js";
import { resolveToolPath, rootsOf } from "../utils/workspace-path.js";
import { pathFacts } from "./describe.js";
import { defineTool, type ToolContext } from "./tool.js";

export const READ_DEFAULT_LIMIT = 2000;
export const READ_MAX_LINE_CHARS = 2000;
export const READ_MAX_OUTPUT_CHARS = 60_000;
/** After the window, newlines are counted in at most this many further bytes (the total is then unknown). */
const COUNT_BUDGET_BYTES = 32 * 1024 * 1024;
/** Reaching the window may scan at most this far (a far offset, or one enormous line). */
const SCAN_BUDGET_BYTES = 256 * 1024 * 1024;
const CHUNK = 64 * 1024;

export const READ_FILE_DESCRIPTION = `Read a text file in the workspace (or a skill folder). Lines come as "<number><TAB><text>", numbered from 1 like cat -n; the prefix is not part of the file. Shows up to ${READ_DEFAULT_LIMIT} lines from offset; longer lines are cut at ${READ_MAX_LINE_CHARS} characters and one call returns at most ${READ_MAX_OUTPUT_CHARS}; the footer gives the line count and the offset to read on. Read a file before you edit or overwrite it. Files that usually hold credentials (.env, keys) are shown only if the user approves.`;

const parameters = z.object({
  file_path: z.string().describe("Relative to the workspace root, or absolute inside it."),
  offset: z.number().int().min(0).optional().describe("First line, 1-based (default 1)."),
  limit: z.number().int().min(1).optional().describe(`Lines to show (default ${READ_DEFAULT_LIMIT}).`),
});

interface Window {
  lines: string[];
  first: number;
  last: number;
  /** Total line count, or undefined when counting stopped early on a huge file. */
  total: number | undefined;
  cappedByOutput: boolean;
}

function renderLine(n: number, bytes: Buffer, truncatedBytes: boolean): string {
  let text = bytes.toString("utf8");
  if (text.endsWith("\r")) text = text.slice(0, -1);
  if (n === 1 && text.startsWith("\uFEFF")) text = text.slice(1);
  if (truncatedBytes || text.length > READ_MAX_LINE_CHARS) {
    const full = truncatedBytes ? "" : ` of ${text.length}`;
    text = `${text.slice(0, READ_MAX_LINE_CHARS)}… [line truncated: first ${READ_MAX_LINE_CHARS}${full} chars shown]`;
  }
  return `${String(n).padStart(6, " ")}\t${text}`;
}

/** What readWindow reads from: an open file, or a front-end's buffer text (ToolContext.files). */
type Source = Pick<FileHandle, "read" | "close">;

function textSource(text: string): Source {
  const data = Buffer.from(text, "utf8");
  const read = async (buf: Buffer, off: number, len: number, pos: number) => {
    const bytesRead = pos >= data.length ? 0 : data.copy(buf, off, pos, Math.min(data.length, pos + len));
    return { bytesRead, buffer: buf };
  };
  return { read, close: async () => {} } as unknown as Source;
}

async function readWindow(fh: Source, start: number, limit: number, signal: AbortSignal): Promise<Window> {
  const buf = Buffer.allocUnsafe(CHUNK);
  const maxLineBytes = READ_MAX_LINE_CHARS * 4 + 4;
  const lines: string[] = [];
  let completed = 0; // newlines seen so far = number of finished lines
  let cur: Buffer[] = [];
  let curBytes = 0;
  let curTrunc = false;
  let tail = 0; // bytes after the last newline
  let outChars = 0;
  let windowDone = false;
  let cappedByOutput = false;
  let counted = 0;
  let position = 0;
  let total: number | undefined;
  const emit = () => {
    const line = renderLine(completed + 1, Buffer.concat(cur, curBytes), curTrunc);
    lines.push(line);
    outChars += line.length + 1;
    if (lines.length >= limit) windowDone = true;
    else if (outChars >= READ_MAX_OUTPUT_CHARS) windowDone = cappedByOutput = true;
  };
  for (;;) {
    if (signal.aborted) throw new Error("read_file was cancelled.");
    const { bytesRead } = await fh.read(buf, 0, CHUNK, position);
    if (bytesRead === 0) {
      if (!windowDone && tail > 0 && completed + 1 >= start) emit();
      total = completed + (tail > 0 ? 1 : 0);
      break;
    }
    const chunk = buf.subarray(0, bytesRead);
    if (position === 0 && looksBinary(chunk)) throw new BinaryFileError();
    if (!windowDone && position > SCAN_BUDGET_BYTES) {
      if (lines.length === 0 && completed + 1 < start) throw new ScanBudgetError();
      if (completed + 1 >= start) emit(); // the current (enormous) line, truncated
      break;
    }
    position += bytesRead;
    let i = 0;
    while (i < bytesRead && !windowDone) {
      const nl = chunk.indexOf(10, i);
      const end = nl === -1 ? bytesRead : nl;
      if (completed + 1 >= start && !curTrunc) {
        const take = Math.min(end - i, maxLineBytes - curBytes);
        cur.push(Buffer.from(chunk.subarray(i, i + take)));
        curBytes += take;
        if (take < end - i) curTrunc = true;
      }
      tail += end - i;
      if (nl === -1) {
        i = bytesRead;
        break;
      }
      if (completed + 1 >= start) emit();
      completed++;
      cur = [];
      curBytes = 0;
      curTrunc = false;
      tail = 0;
      i = nl + 1;
    }
    if (windowDone) {
      // Only count what remains: no decoding, and a bounded number of bytes.
      for (let j = chunk.indexOf(10, i); j !== -1; j = chunk.indexOf(10, j + 1)) completed++;
      tail = chunk[bytesRead - 1] === 10 ? 0 : 1;
      counted += bytesRead - i;
      if (counted > COUNT_BUDGET_BYTES) break;
    }
  }
  const first = start;
  return { lines, first, last: first + lines.length - 1, total, cappedByOutput };
}

class BinaryFileError extends Error {}
class ScanBudgetError extends Error {}

export const readFileTool = defineTool({
  name: "read_file",
  description: READ_FILE_DESCRIPTION,
  parameters,
  readOnly: true,
  // It asks for itself once it knows the real file (credential files need consent; others pass silently).
  approvesItself: true,
  ruleSpecifier: "path",
  describe: (args, env) => ({
    title: `Read ${args.file_path}`,
    kind: "read",
    subject: args.file_path,
    ...pathFacts(env, args.file_path, args.offset && args.offset > 1 ? args.offset : undefined),
  }),
  async execute(args, ctx: ToolContext) {
    const target = resolveToolPath(args.file_path, rootsOf(ctx), false);
    const { abs, rel } = target;
    const st = await stat(abs).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" || err.code === "ENOTDIR") {
        throw new Error(`File not found: ${rel}.${await didYouMean(abs, ctx.cwd)}`);
      }
      throw new Error(`Cannot read ${rel}: ${err.message}`);
    });
    if (st.isDirectory()) {
      throw new Error(`${rel} is a directory, not a file. Use list_directory to see what it contains.`);
    }
    if (!st.isFile())
      throw new Error(`${rel} is not a regular file (device, socket or pipe); it cannot be read.`);
    // The one approval of this call, made here because only here is the real file known (a symlink named
    // notes.txt may lead to .env): a credential file, like `cat .env` in bash, is shown only with the user's
    // consent; anything else is safe and passes silently unless a rule names it.
    const credential = isCredentialFile(abs);
    const outcome = await ctx.approve({
      tool: "read_file",
      kind: "other",
      title: `Read ${rel}`,
      detail: credential
        ? `${rel} (${st.size} bytes) usually holds credentials; its contents would be sent to the model.`
        : rel,
      path: abs,
      readOnly: true,
      ...(credential ? { reason: `${rel} may contain credentials.` } : { safe: true }),
    });
    if (!outcome.approved) throw new ToolDeniedError(outcome.reason, outcome.feedback);
    const start = Math.max(1, args.offset ?? 1);
    const limit = args.limit ?? READ_DEFAULT_LIMIT;
    // The path policy ran above; a front-end's port then supplies the (possibly unsaved) text.
    const fh = ctx.files ? textSource(await ctx.files.readText(abs)) : await open(abs, "r");
    let win: Window;
    try {
      win = await readWindow(fh, start, limit, ctx.signal);
    } catch (err) {
      if (err instanceof ScanBudgetError) {
        throw new Error(
          `offset ${start} lies more than ${SCAN_BUDGET_BYTES / 1024 / 1024} MB into ${rel}; read_file does not scan ` +
            `that far. Use bash (tail -n, or sed -n '${start},${start + 99}p') for this part of the file.`,
        );
      }
      if (err instanceof BinaryFileError) {
        throw new Error(
          `${rel} looks like a binary file (${st.size} bytes); read_file only shows text. ` +
            "Use bash (file, xxd -l 256, strings) if you need to inspect it.",
        );
      }
      throw err;
    } finally {
      await fh.close();
    }
    recordStamp(ctx.state, abs, st);
    const total = win.total;
    if (total === 0) {
      return {
        content: `(${rel} is empty: 0 lines)`,
        summary: "empty file",
        details: { kind: "read", path: rel, startLine: 0, endLine: 0, totalLines: 0 },
      };
    }
    if (win.lines.length === 0) {
      throw new Error(
        `offset ${start} is past the end of ${rel}, which has ${total} lines. Use an offset between 1 and ${total}.`,
      );
    }
    const next = win.last + 1;
    let footer: string;
    if (total === undefined) {
      footer = `(Showing lines ${win.first}-${win.last}; the file is large and continues past what was counted. Use offset=${next} to read on.)`;
    } else if (win.last < total) {
      const why = win.cappedByOutput ? ` (output capped at ${READ_MAX_OUTPUT_CHARS} characters)` : "";
      footer = `(Showing lines ${win.first}-${win.last} of ${total}${why}. ${total - win.last} more lines: use offset=${next} to read on.)`;
    } else {
      footer =
        win.first === 1
          ? `(End of file: ${total} lines.)`
          : `(Lines ${win.first}-${win.last}; end of file at ${total}.)`;
    }
    const whole = win.first === 1 && win.last === total;
    const range = whole ? `${total} line${total === 1 ? "" : "s"}` : `lines ${win.first}-${win.last}`;
    return {
      content: `${win.lines.join("\n")}\n\n${footer}`,
      summary: total === undefined || whole ? range : `${range} of ${total}`,
      details: { kind: "read", path: rel, startLine: win.first, endLine: win.last, totalLines: total ?? -1 },
    };
  },
});
