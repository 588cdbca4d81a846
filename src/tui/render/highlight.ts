// Loads highlight.js (core plus common languages, not all 190) on demand and turns its HTML output into painted
// terminal text: the theme is built from the painter's styles, so colour follows NO_COLOR/TTY detection.
import type { Painter, Style } from "./ansi.js";
import type { Highlighter } from "./markdown.js";

const CLASSES: Record<string, Style[]> = {
  keyword: ["blue"],
  built_in: ["cyan"],
  type: ["cyan"],
  literal: ["magenta"],
  number: ["magenta"],
  regexp: ["red"],
  string: ["green"],
  subst: [],
  symbol: ["magenta"],
  class: ["yellow"],
  function: ["yellow"],
  title: ["yellow"],
  params: [],
  comment: ["gray"],
  doctag: ["gray"],
  meta: ["gray"],
  "meta-keyword": ["gray"],
  "meta-string": ["gray"],
  section: ["bold"],
  tag: ["gray"],
  name: ["blue"],
  attr: ["cyan"],
  attribute: ["cyan"],
  variable: ["yellow"],
  bullet: ["cyan"],
  emphasis: ["italic"],
  strong: ["bold"],
  link: ["underline"],
  quote: ["gray"],
  "selector-tag": ["blue"],
  addition: ["green"],
  deletion: ["red"],
  "template-variable": ["yellow"],
};

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
  "&#39;": "'",
};
const decode = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (e) => ENTITIES[e] ?? e);

/** Styles for a span's class list ("hljs-title function_"): the first class with a theme entry wins. */
function stylesOf(classes: string): Style[] | undefined {
  for (const c of classes.split(/\s+/)) {
    const name = c.replace(/^hljs-/, "").replace(/_+$/, "");
    const styles = CLASSES[name];
    if (styles) return styles;
  }
  return undefined;
}

/** Turns highlight.js HTML (nested spans, escaped text) into painted terminal text. */
export function htmlToAnsi(html: string, painter: Painter): string {
  const stack: Array<Style[] | undefined> = [];
  let out = "";
  for (const m of html.matchAll(/<span class="([^"]*)">|<\/span>|([^<]+)/g)) {
    if (m[1] !== undefined) stack.push(stylesOf(m[1]));
    else if (m[0] === "</span>") stack.pop();
    else {
      const styles = [...stack].reverse().find((x) => x !== undefined);
      const text = decode(m[2] ?? "");
      out += styles?.length ? painter.paint(text, ...styles) : text;
    }
  }
  return out;
}

export async function loadHighlighter(painter: Painter): Promise<Highlighter> {
  // One chunk: highlight.js core plus the common languages (src/ui/hljs.ts), imported on first use.
  const { default: hljs } = await import("./hljs.js");
  return (code, lang) => {
    const language = lang && hljs.getLanguage(lang) ? lang : undefined;
    if (!language) return code;
    return htmlToAnsi(hljs.highlight(code, { language, ignoreIllegals: true }).value, painter);
  };
}
