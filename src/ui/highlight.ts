// Loads cli-highlight (highlight.js) on demand and adapts it to our painter: the theme is built from the
// painter's styles, so colour follows NO_COLOR/TTY detection in one place instead of cli-highlight's own chalk.
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

export async function loadHighlighter(painter: Painter): Promise<Highlighter> {
  const imported = await import("cli-highlight");
  // Bundled CommonJS may expose its exports only on `default`.
  const m =
    typeof imported.highlight === "function" ? imported : (imported.default as unknown as typeof imported);
  const theme: Record<string, (s: string) => string> = {};
  for (const [cls, styles] of Object.entries(CLASSES)) theme[cls] = (s) => painter.paint(s, ...styles);
  theme.default = (s) => s;
  return (code, lang) =>
    m.highlight(code, {
      language: lang && m.supportsLanguage(lang) ? lang : undefined,
      ignoreIllegals: true,
      theme,
    });
}
