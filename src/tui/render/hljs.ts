// highlight.js core with the languages people paste most (not all ~190): one module, so the bundler emits one
// chunk that the TUI imports on first use.
import hljs from "highlight.js/lib/core";
import bashLang from "highlight.js/lib/languages/bash";
import cLang from "highlight.js/lib/languages/c";
import cppLang from "highlight.js/lib/languages/cpp";
import csharpLang from "highlight.js/lib/languages/csharp";
import cssLang from "highlight.js/lib/languages/css";
import diffLang from "highlight.js/lib/languages/diff";
import dockerfileLang from "highlight.js/lib/languages/dockerfile";
import goLang from "highlight.js/lib/languages/go";
import iniLang from "highlight.js/lib/languages/ini";
import javaLang from "highlight.js/lib/languages/java";
import javascriptLang from "highlight.js/lib/languages/javascript";
import jsonLang from "highlight.js/lib/languages/json";
import kotlinLang from "highlight.js/lib/languages/kotlin";
import makefileLang from "highlight.js/lib/languages/makefile";
import markdownLang from "highlight.js/lib/languages/markdown";
import phpLang from "highlight.js/lib/languages/php";
import pythonLang from "highlight.js/lib/languages/python";
import rubyLang from "highlight.js/lib/languages/ruby";
import rustLang from "highlight.js/lib/languages/rust";
import shellLang from "highlight.js/lib/languages/shell";
import sqlLang from "highlight.js/lib/languages/sql";
import swiftLang from "highlight.js/lib/languages/swift";
import typescriptLang from "highlight.js/lib/languages/typescript";
import xmlLang from "highlight.js/lib/languages/xml";
import yamlLang from "highlight.js/lib/languages/yaml";

const LANGUAGES = {
  javascript: javascriptLang,
  typescript: typescriptLang,
  json: jsonLang,
  bash: bashLang,
  shell: shellLang,
  python: pythonLang,
  go: goLang,
  rust: rustLang,
  java: javaLang,
  c: cLang,
  cpp: cppLang,
  csharp: csharpLang,
  ruby: rubyLang,
  php: phpLang,
  yaml: yamlLang,
  xml: xmlLang,
  css: cssLang,
  sql: sqlLang,
  markdown: markdownLang,
  diff: diffLang,
  dockerfile: dockerfileLang,
  makefile: makefileLang,
  kotlin: kotlinLang,
  swift: swiftLang,
  ini: iniLang,
};

for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

export default hljs;
