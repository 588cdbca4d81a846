// Loads the bash grammar (web-tree-sitter + tree-sitter-bash wasm) once per process, lazily, on first use.
// Both packages stay external to the esbuild bundle, so their wasm files are resolved from node_modules at run
// time with createRequire — this works from src/ (tsx, vitest) and from a bundled dist/ file alike.
// The memoised promise is the one deliberate piece of module state: the wasm runtime is process-global anyway.
import { createRequire } from "node:module";
import type { Parser, TreeCursor } from "web-tree-sitter";

/**
 * A plain-JS copy of a syntax node. Walking web-tree-sitter nodes costs a wasm call per property, so the tree
 * is copied once with a cursor and the policy works on this copy (and the wasm tree is freed at once).
 */
export interface ShellNode {
  type: string;
  isNamed: boolean;
  text: string;
  /** Offset just past the node in the source (where text may be inserted after it). */
  end: number;
  hasError: boolean;
  children: ShellNode[];
  namedChildren: ShellNode[];
}

function copyTree(cursor: TreeCursor, source: string): ShellNode {
  const node: ShellNode = {
    type: cursor.nodeType,
    isNamed: cursor.nodeIsNamed,
    text: source.slice(cursor.startIndex, cursor.endIndex),
    end: cursor.endIndex,
    hasError: false,
    children: [],
    namedChildren: [],
  };
  if (cursor.gotoFirstChild()) {
    do {
      const child = copyTree(cursor, source);
      node.children.push(child);
      if (child.isNamed) node.namedChildren.push(child);
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}

export interface ShellParser {
  /** Parses a command into a plain tree; `hasError` is set on the root when bash would not accept it. */
  parse(command: string): ShellNode;
  /** Parses and hands the root to `use` (kept for call sites that prefer a callback). */
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
  const parse = (command: string): ShellNode => {
    const tree = parser.parse(command);
    if (!tree) throw new Error("The bash parser returned no tree.");
    try {
      const cursor = tree.walk();
      const root = copyTree(cursor, command);
      cursor.delete();
      root.hasError = tree.rootNode.hasError;
      return root;
    } finally {
      tree.delete();
    }
  };
  return { parse, withTree: (command, use) => use(parse(command)) };
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
