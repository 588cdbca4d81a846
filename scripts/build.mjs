// Bundles src/cli.ts into dist/ as ESM with code splitting: the entry chunk holds only the CLI parser, and
// heavy parts (OpenAI SDK, Ink, MCP) load through dynamic import() when a command needs them.
import { chmodSync, readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: "src/cli.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: false,
  legalComments: "none",
  minify: true,
  keepNames: true,
  jsx: "automatic",
  // Prefer ESM builds: some packages (jsonc-parser) ship a UMD "main" whose relative requires break bundling.
  mainFields: ["module", "main"],
  // Packages that locate files next to themselves (wasm grammars) or that are optional stay external.
  external: ["web-tree-sitter", "tree-sitter-bash", "react-devtools-core"],
  define: { __PROTOAGENT_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: "warning",
});
chmodSync(new URL("../dist/cli.js", import.meta.url), 0o755);
