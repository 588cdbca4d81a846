// Markdown → terminal text, built on marked's lexer (no regex parsing): headings, emphasis, lists, links,
// blockquotes, tables aligned to the width, fenced code with optional highlighting. Pure: the same input,
// width and painter always give the same string, so completed blocks can be printed once to scrollback.
import { Lexer, type Token, type Tokens } from "marked";
import { type Painter, visibleWidth } from "./ansi.js";
import { renderTable } from "./markdown-table.js";
import { sanitizeForTerminal } from "./sanitize.js";
import { hangingIndent, wrapAnsi } from "./wrap.js";

/** Syntax highlighter for fenced code; returns ANSI text (loaded lazily by the entry point). */
export type Highlighter = (code: string, lang: string | undefined) => string;

export interface MarkdownOptions {
  width: number;
  painter: Painter;
  highlight?: Highlighter;
}

/** Renders Markdown to lines of (possibly styled) terminal text; the source is sanitised first (model text). */
export function renderMarkdown(src: string, opts: MarkdownOptions): string {
  const tokens = new Lexer({ gfm: true }).lex(sanitizeForTerminal(src));
  return renderBlocks(tokens, opts, Math.max(10, opts.width)).join("\n");
}

function renderBlocks(tokens: Token[], opts: MarkdownOptions, width: number): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === "space" || t.type === "def") continue;
    const lines = renderBlock(t, opts, width);
    if (lines.length === 0) continue;
    if (out.length > 0) out.push("");
    out.push(...lines);
  }
  return out;
}

function renderBlock(t: Token, opts: MarkdownOptions, width: number): string[] {
  const p = opts.painter;
  switch (t.type) {
    case "heading": {
      const h = t as Tokens.Heading;
      const text = renderInline(h.tokens, opts);
      const styled = h.depth === 1 ? p.paint(text, "bold", "underline") : p.paint(text, "bold");
      return wrapAnsi(p.color ? styled : `${"#".repeat(h.depth)} ${text}`, width);
    }
    case "paragraph":
      return wrapAnsi(renderInline((t as Tokens.Paragraph).tokens, opts), width);
    case "text": {
      const tt = t as Tokens.Text;
      return wrapAnsi(tt.tokens ? renderInline(tt.tokens, opts) : tt.text, width);
    }
    case "code":
      return renderCode(t as Tokens.Code, opts, width);
    case "blockquote": {
      const inner = renderBlocks((t as Tokens.Blockquote).tokens, opts, width - 2);
      return inner.map((l) => `${p.paint("│", "gray")} ${l}`);
    }
    case "list":
      return renderList(t as Tokens.List, opts, width);
    case "table":
      return renderTable(t as Tokens.Table, width, p, (toks) => renderInline(toks, opts));
    case "hr":
      return [p.paint("─".repeat(Math.min(width, 60)), "gray")];
    case "html":
      return wrapAnsi((t as Tokens.HTML).text.trimEnd(), width);
    default:
      return "raw" in t && typeof t.raw === "string" ? wrapAnsi(t.raw.trimEnd(), width) : [];
  }
}

function renderCode(t: Tokens.Code, opts: MarkdownOptions, width: number): string[] {
  const p = opts.painter;
  const code = t.text.replace(/\t/g, "  ");
  let body = code;
  if (opts.highlight && p.color) {
    try {
      body = opts.highlight(code, t.lang || undefined);
    } catch {
      body = code;
    }
  }
  const label = t.lang ? p.paint(` ${t.lang}`, "gray") : "";
  const lines = body.split("\n").flatMap((l) => wrapAnsi(l, width - 2));
  return [label, ...lines.map((l) => `  ${l}`)].filter((l, i) => i > 0 || l !== "");
}

function renderList(list: Tokens.List, opts: MarkdownOptions, width: number): string[] {
  const p = opts.painter;
  const start = typeof list.start === "number" ? list.start : 1;
  const out: string[] = [];
  list.items.forEach((item, i) => {
    let marker = list.ordered ? `${start + i}.` : "•";
    if (item.task) marker = item.checked ? "[x]" : "[ ]";
    const markerStyled = p.paint(marker, list.ordered ? "bold" : "cyan");
    const indent = " ".repeat(visibleWidth(marker) + 1);
    const blocks = item.tokens.filter((x) => x.type !== "checkbox");
    const lines: string[] = [];
    for (const b of blocks) {
      if (b.type === "space") continue;
      const rendered = renderBlock(b, opts, width - indent.length);
      if (item.loose && lines.length > 0 && b.type !== "list") lines.push("");
      lines.push(...rendered);
    }
    if (lines.length === 0) lines.push("");
    lines.forEach((l, j) => {
      out.push(j === 0 ? `${markerStyled} ${l}` : l === "" ? "" : `${indent}${l}`);
    });
    if (list.loose && i < list.items.length - 1) out.push("");
  });
  return out;
}

// A `*` emphasis whose content starts or ends with a path character is almost always a glob (src/*.ts and
// lib/*.js); print it literally rather than italicising half a sentence.
function looksLikeGlob(t: Tokens.Em | Tokens.Strong): boolean {
  if (!t.raw.startsWith("*")) return false;
  return /^[./\\{[]/.test(t.text) || /[/\\.]$/.test(t.text);
}

/** Renders inline tokens to one styled string (may contain newlines from hard breaks). */
export function renderInline(tokens: Token[] | undefined, opts: MarkdownOptions): string {
  if (!tokens) return "";
  const p = opts.painter;
  let s = "";
  for (const t of tokens) {
    switch (t.type) {
      case "strong":
      case "em": {
        const e = t as Tokens.Em | Tokens.Strong;
        if (looksLikeGlob(e)) s += e.raw;
        else s += p.paint(renderInline(e.tokens, opts), t.type === "strong" ? "bold" : "italic");
        break;
      }
      case "codespan":
        s += p.color ? p.paint((t as Tokens.Codespan).text, "cyan") : `\`${(t as Tokens.Codespan).text}\``;
        break;
      case "del":
        s += p.paint(renderInline((t as Tokens.Del).tokens, opts), "strike");
        break;
      case "link": {
        const l = t as Tokens.Link;
        const text = renderInline(l.tokens, opts);
        const same = l.text === l.href || `mailto:${l.text}` === l.href;
        s += same
          ? p.paint(l.href, "blue", "underline")
          : `${p.paint(text, "blue")} ${p.paint(`(${l.href})`, "gray")}`;
        break;
      }
      case "image": {
        const im = t as Tokens.Image;
        s += p.paint(`[image: ${im.text || im.href}] (${im.href})`, "gray");
        break;
      }
      case "br":
        s += "\n";
        break;
      case "text": {
        const tt = t as Tokens.Text;
        s += tt.tokens ? renderInline(tt.tokens, opts) : tt.text;
        break;
      }
      default:
        s += "text" in t && typeof t.text === "string" ? t.text : t.raw;
    }
  }
  return s;
}

/** Plain-width of a rendered block, used by tests and the table fitter. */
export const renderedWidth = (s: string): number => Math.max(0, ...s.split("\n").map(visibleWidth));

/** Indents continuation lines of a wrapped item (re-exported for components that prefix lines). */
export { hangingIndent };
