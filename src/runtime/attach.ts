// `@file` attachments: the content of a workspace file sent with a prompt. The file goes through the same path
// policy as read_file (inside the workspace after resolving symlinks, deny rules), and, since nobody is asked,
// files that usually hold credentials (.env, keys, .npmrc …) and protected locations (.git/, .protoagent/ …)
// are refused rather than attached. Bounded: at most ATTACH_MAX_LINES lines and ATTACH_MAX_BYTES bytes. An MCP
// resource (`@server:uri`, read by mcp-catalog.ts) is attached under the same caps through textAttachment.
import { open, stat } from "node:fs/promises";
import type { ContentPart } from "../agent/messages.js";
import { looksBinary } from "../utils/binary.js";
import { isCredentialFile } from "../utils/credential-files.js";
import type { PathRoots } from "../utils/path-policy.js";
import { resolveToolPath } from "../utils/workspace-path.js";

export const ATTACH_MAX_LINES = 2000;
export const ATTACH_MAX_BYTES = 100 * 1024;

export interface FileAttachment {
  /** Workspace-relative path (forward slashes). */
  path: string;
  /** Lines attached. */
  lines: number;
  /** Size of the whole file. */
  bytes: number;
  /** Only the first `lines` lines (or ATTACH_MAX_BYTES) are attached. */
  truncated: boolean;
  text: string;
}

/** Reads `input` for attaching; throws an Error whose message says why a file is not attached. */
export async function readAttachment(
  input: string,
  roots: PathRoots,
  denied: (abs: string) => string | undefined,
): Promise<FileAttachment> {
  const { abs, rel, protected: isProtected } = resolveToolPath(input, roots, false);
  if (isCredentialFile(abs) || isCredentialFile(input))
    throw new Error(
      `${rel} usually holds credentials; it is not attached (ask the model to read it instead).`,
    );
  if (isProtected) throw new Error(`${rel} is in a protected location; it is not attached.`);
  const rule = denied(abs);
  if (rule) throw new Error(rule);
  const st = await stat(abs).catch(() => null);
  if (!st) throw new Error(`${rel} does not exist.`);
  if (!st.isFile()) throw new Error(`${rel} is not a regular file; only files can be attached.`);
  const fh = await open(abs, "r");
  let buf: Buffer;
  try {
    buf = Buffer.alloc(Math.min(st.size, ATTACH_MAX_BYTES));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    buf = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (looksBinary(buf)) throw new Error(`${rel} looks like a binary file; only text can be attached.`);
  return { path: rel, bytes: st.size, ...boundedText(buf, st.size > buf.length) };
}

/** `buf` (at most ATTACH_MAX_BYTES, `cut` when more followed) as whole lines, at most ATTACH_MAX_LINES. */
function boundedText(buf: Buffer, cut: boolean): Pick<FileAttachment, "text" | "lines" | "truncated"> {
  let text = buf.toString("utf8").replace(/^\uFEFF/, "");
  let truncated = cut;
  // A byte cut may split the last line (or a character): keep whole lines only.
  if (truncated && text.includes("\n")) text = text.slice(0, text.lastIndexOf("\n") + 1);
  let lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines.length > ATTACH_MAX_LINES) {
    lines = lines.slice(0, ATTACH_MAX_LINES);
    truncated = true;
  }
  return { lines: lines.length, truncated, text: lines.join("\n") };
}

/** Text read from elsewhere (an MCP resource, `ref` = `server:uri`) as an attachment, under the same caps. */
export function textAttachment(ref: string, text: string): FileAttachment {
  const all = Buffer.from(text, "utf8");
  const buf = all.subarray(0, ATTACH_MAX_BYTES);
  return { path: ref, bytes: all.length, ...boundedText(buf, all.length > buf.length) };
}

/** The delimited block the model receives for one attachment. */
export function attachmentBlock(a: FileAttachment): string {
  const note = a.truncated
    ? `\n(truncated: only the first ${a.lines} lines of this ${a.bytes}-byte file are attached; use read_file for the rest)`
    : "";
  return `<attached_file path="${a.path}" lines="${a.lines}">\n${a.text}\n</attached_file>${note}`;
}

/** The text sent to the model: the prompt first (it titles the session), then the attached context blocks. */
export function composePrompt(prompt: string, blocks: readonly string[]): string {
  return blocks.length === 0 ? prompt : [prompt.trimEnd(), ...blocks].join("\n\n");
}

/** The prompt as sent: text prompts get the blocks appended; multi-part prompts get them as extra text parts. */
export function promptWith(
  prompt: string | ContentPart[],
  blocks: readonly string[],
): string | ContentPart[] {
  if (blocks.length === 0) return prompt;
  if (typeof prompt === "string") return composePrompt(prompt, blocks);
  return [...prompt, ...blocks.map((text) => ({ type: "text" as const, text }))];
}
