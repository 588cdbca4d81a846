// Bundles src/cli.ts into dist/ as ESM with code splitting: the entry chunk holds only the CLI parser, and
// heavy parts (OpenAI SDK, Ink, MCP) load through dynamic import() when a command needs them.
import { chmodSync, readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
// zod re-exports ~40 locale bundles as `z.locales`; protoagent uses only the default English messages (which
// zod imports directly), so the locale index is replaced by an empty module. Saves ~20 ms of start-up.
const dropZodLocales = {
  name: "drop-zod-locales",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${"node_modules"}/zod/`)
        ? { path: "zod-locales", namespace: "empty" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

// gray-matter requires js-yaml 3 at load for its default YAML engine (its full schema pulls in esprima for `!!js`
// types): ~10 ms of every start-up, and code we never want to run on untrusted frontmatter. protoagent always
// passes its own engines (src/skills/parse.ts: YAML through the `yaml` package), so the bundle gets a stand-in
// whose functions refuse loudly if anything ever reaches them.
const noJsYaml = {
  name: "no-js-yaml",
  setup(b) {
    b.onResolve({ filter: /^js-yaml$/ }, (args) =>
      args.importer.includes(`${"node_modules"}/gray-matter/`)
        ? { path: "js-yaml-refused", namespace: "no-js-yaml" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "no-js-yaml" }, () => ({
      contents:
        'const refuse = () => { throw new Error("js-yaml is not bundled: frontmatter is parsed with the yaml package"); };\n' +
        "module.exports = { safeLoad: refuse, safeDump: refuse, load: refuse, dump: refuse };",
      loader: "js",
    }));
  },
};

await build({
  plugins: [dropZodLocales, noJsYaml],
  entryPoints: { cli: "src/cli.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: false,
  legalComments: "none",
  minify: !process.env.PROTOAGENT_NO_MINIFY,
  keepNames: true,
  jsx: "automatic",
  // Prefer ESM builds: some packages (jsonc-parser) ship a UMD "main" whose relative requires break bundling.
  mainFields: ["module", "main"],
  // Packages that locate files next to themselves (wasm grammars) or that are optional stay external.
  external: ["web-tree-sitter", "tree-sitter-bash", "react-devtools-core"],
  // Production React: development mode keeps timing entries forever (memory grows with every render).
  define: { __PROTOAGENT_VERSION__: JSON.stringify(pkg.version), "process.env.NODE_ENV": '"production"' },
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: "warning",
});
chmodSync(new URL("../dist/cli.js", import.meta.url), 0o755);
