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
  const text = decoder.decode(body);
  return { text: decoder.encoding === "windows-1252" ? fixCp1252(text) : text, charset };
}

// Node's windows-1252 decoder (also used for the iso-8859-1/latin1/ascii labels) returns 0x80–0x9F as C1
// controls instead of the Windows characters the WHATWG Encoding standard specifies (smart quotes, €, …).
const CP1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const fixCp1252 = (text: string): string =>
  text.replace(/[\x80-\x9f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80] ?? c);

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

/**
 * HTML conversion is synchronous (about 1–2 s per MB of markup on a busy machine): only this much markup, after
 * dropping scripts/styles, is converted, so the UI stays responsive. It yields far more than the output cap.
 */
export const MAX_HTML_TO_CONVERT = 512_000;

/**
 * Removes comments and script/style/svg/noscript/template/iframe blocks in one forward pass (linear: no regex
 * backtracking on hostile pages). An unclosed block swallows the rest of the page, as in a browser.
 */
function dropBlocks(html: string): string {
  const lower = html.toLowerCase();
  const opener = /<!--|<(script|style|svg|noscript|template|iframe)\b/g;
  let out = "";
  let pos = 0;
  for (let m = opener.exec(lower); m !== null; m = opener.exec(lower)) {
    out += html.slice(pos, m.index);
    const comment = m[0] === "<!--";
    const end = lower.indexOf(comment ? "-->" : `</${m[1]}`, opener.lastIndex);
    const gt = end === -1 ? -1 : comment ? end + 2 : lower.indexOf(">", end);
    pos = gt === -1 ? html.length : gt + 1;
    if (pos >= html.length) break;
    opener.lastIndex = pos;
  }
  return pos >= html.length ? out : out + html.slice(pos);
}

/** Drops non-content blocks before parsing (they are most of a modern page's bytes), then caps the rest. */
export function prepareHtml(html: string, max = MAX_HTML_TO_CONVERT): { html: string; cut: boolean } {
  const lean = dropBlocks(html);
  return lean.length > max ? { html: lean.slice(0, max), cut: true } : { html: lean, cut: false };
}

export async function convert(text: string, contentType: string, format: FetchFormat): Promise<string> {
  const html = looksLikeHtml(contentType, text);
  if (format === "html") return stripInvisible(text);
  if (html) {
    const prepared = prepareHtml(text);
    const out = format === "markdown" ? await htmlToMarkdown(prepared.html) : await htmlToText(prepared.html);
    const note = `\n\n[Only the first ${MAX_HTML_TO_CONVERT / 1000} KB of the page's markup was converted. Use format "html" for the raw page.]`;
    return prepared.cut ? out + note : out;
  }
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
