// Turning a fetched body into text for the model: content-type allowlist, charset decoding, HTML sniffing,
// format conversion (markdown/text/html) and a character cap. Pure functions over bytes and strings.
import { TextDecoder } from "node:util";
import { htmlToMarkdown, htmlToText, stripInvisible } from "./html-to-markdown.js";

export type FetchFormat = "text" | "markdown" | "html";

const TEXTUAL = new Set([
  "application/json",
  "application/xml",
  "application/javascript",
  "application/ecmascript",
  "application/x-javascript",
  "application/typescript",
  "application/x-typescript",
  "application/yaml",
  "application/x-yaml",
  "application/toml",
  "application/x-sh",
  "application/graphql",
  "application/sql",
  "application/xhtml+xml",
  "application/x-ndjson",
]);

export const mimeOf = (contentType: string): string => (contentType.split(";")[0] ?? "").trim().toLowerCase();

/** An error message for content types webfetch does not return, or null when it is text. */
export function rejectContentType(contentType: string): string | null {
  const mime = mimeOf(contentType);
  if (mime === "" || mime.startsWith("text/") || TEXTUAL.has(mime) || /\+(json|xml)$/.test(mime)) return null;
  return `Unsupported content type "${mime}": webfetch returns only text (HTML, plain text, Markdown, JSON, XML, code). For binary files, ask the user to download them.`;
}

function charsetOf(contentType: string, head: string): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  return (fromHeader ?? fromMeta ?? "utf-8").toLowerCase();
}

export function decodeBody(body: Buffer, contentType: string): { text: string; charset: string } {
  const head = body.subarray(0, 1024).toString("latin1");
  let charset = charsetOf(contentType, head);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    charset = "utf-8";
    decoder = new TextDecoder("utf-8");
  }
  return { text: decoder.decode(body), charset };
}

export function looksLikeHtml(contentType: string, text: string): boolean {
  const mime = mimeOf(contentType);
  if (mime === "text/html" || mime === "application/xhtml+xml") return true;
  if (mime !== "" && mime !== "text/plain") return false;
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(0, 1024));
}

const FENCE_LANG: Record<string, string> = {
  "application/json": "json",
  "application/xml": "xml",
  "text/xml": "xml",
  "application/javascript": "javascript",
  "text/javascript": "javascript",
  "application/typescript": "typescript",
  "application/yaml": "yaml",
  "application/x-yaml": "yaml",
  "text/yaml": "yaml",
  "application/toml": "toml",
  "text/css": "css",
  "text/csv": "csv",
  "application/x-sh": "sh",
};

/** Wraps non-HTML content in a code fence longer than any backtick run inside it. */
export function fence(text: string, contentType: string): string {
  const mime = mimeOf(contentType);
  if (mime === "text/markdown" || mime === "text/x-markdown") return text;
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = "`".repeat(longest + 1);
  const lang = FENCE_LANG[mime] ?? (/\+json$/.test(mime) ? "json" : /\+xml$/.test(mime) ? "xml" : "");
  return `${ticks}${lang}\n${text.replace(/\n$/, "")}\n${ticks}`;
}

export function convert(text: string, contentType: string, format: FetchFormat): string {
  const html = looksLikeHtml(contentType, text);
  if (format === "html") return stripInvisible(text);
  if (html) return format === "markdown" ? htmlToMarkdown(text) : htmlToText(text);
  return format === "markdown" ? fence(stripInvisible(text), contentType) : stripInvisible(text);
}

/** Caps the output, saying how much was left out and how to get more. */
export function capOutput(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const note = `\n\n[Truncated: showing the first ${max} of ${text.length} characters. Fetch a more specific page, or use format "text" for less markup.]`;
  return { text: text.slice(0, max) + note, truncated: true };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
