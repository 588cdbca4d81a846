// HTML → Markdown (turndown) or plain text for webfetch. Drops everything that is not reading content
// (scripts, styles, forms, embedded media) and strips invisible/control characters that could hide
// instructions from the user while the model still reads them.
import type TurndownService from "turndown";

// turndown builds a DOM implementation when imported (~15 ms), so it loads on the first conversion only.
const loadTurndown = () => import("turndown").then((m) => m.default);

const DROP = [
  "script",
  "style",
  "noscript",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "template",
  "head",
  "form",
  "button",
  "select",
  "input",
  "textarea",
  "link",
  "meta",
] as const;

async function base(): Promise<TurndownService> {
  const Turndown = await loadTurndown();
  const td = new Turndown({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "*",
    hr: "---",
  });
  td.remove([...DROP] as unknown as TurndownService.Filter);
  return td;
}

/** Removes C0/C1 controls (keeping tab and newline), bidi overrides, zero-width characters and BOMs. */
export function stripInvisible(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(
      /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g,
      "",
    );
}

const tidy = (text: string): string =>
  stripInvisible(text)
    .replace(/\n{3,}/g, "\n\n")
    .trim();

export async function htmlToMarkdown(html: string): Promise<string> {
  return tidy((await base()).turndown(html));
}

/** Plain reading text: links keep their text, images their alt text, no markup characters added. */
export async function htmlToText(html: string): Promise<string> {
  const td = await base();
  td.addRule("plainLink", { filter: "a", replacement: (content) => content });
  td.addRule("plainImage", {
    filter: "img",
    replacement: (_c, node) => {
      const alt = (node as { getAttribute?: (n: string) => string | null }).getAttribute?.("alt");
      return alt ? `[${alt}]` : "";
    },
  });
  td.addRule("plainEmphasis", {
    filter: ["em", "i", "strong", "b", "code"],
    replacement: (content) => content,
  });
  td.addRule("plainHeading", {
    filter: ["h1", "h2", "h3", "h4", "h5", "h6"],
    replacement: (content) => `\n\n${content}\n\n`,
  });
  td.addRule("plainPre", {
    filter: "pre",
    replacement: (_c, node) => `\n\n${(node as { textContent?: string | null }).textContent ?? ""}\n\n`,
  });
  td.escape = (s: string) => s;
  return tidy(td.turndown(html));
}

/** The page title, if the document has one. */
export function htmlTitle(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const t = m?.[1]?.replace(/\s+/g, " ").trim();
  return t ? stripInvisible(decodeEntities(t)) : undefined;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
