// Loads the bash grammar (web-tree-sitter + tree-sitter-bash wasm) once per process, lazily, on first use.
// Both packages stay external to the esbuild bundle, so their wasm files are resolved from node_modules at run
// time with createRequire — this works from src/ (tsx, vitest) and from a bundled dist/ file alike.
// The memoised promise is the one deliberate piece of module state: the wasm runtime is process-global anyway.
import { createRequire } from "node:module";
import type { Node, Parser } from "web-tree-sitter";

export type ShellNode = Node;

export interface ShellParser {
  /** Parses a command and hands the root node to `use`; the wasm tree is freed afterwards (do not keep nodes). */
  withTree<T>(command: string, use: (root: ShellNode) => T): T;
}

let loading: Promise<ShellParser> | undefined;

async function load(): Promise<ShellParser> {
  const require = createRequire(import.meta.url);
  const runtimeWasm = require.resolve("web-tree-sitter/tree-sitter.wasm");
  const grammarWasm = require.resolve("tree-sitter-bash/tree-sitter-bash.wasm");
  const ts = await import("web-tree-sitter");
  await ts.Parser.init({ locateFile: () => runtimeWasm });
  const language = await ts.Language.load(grammarWasm);
  const parser: Parser = new ts.Parser();
  parser.setLanguage(language);
  return {
    withTree<T>(command: string, use: (root: ShellNode) => T): T {
      const tree = parser.parse(command);
      if (!tree) throw new Error("The bash parser returned no tree.");
      try {
        return use(tree.rootNode);
      } finally {
        tree.delete();
      }
    },
  };
}

/** Returns the process-wide parser, loading the wasm on the first call. A failed load is retried next time. */
export function loadShellParser(): Promise<ShellParser> {
  if (!loading) {
    loading = load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  }
  return loading;
}
