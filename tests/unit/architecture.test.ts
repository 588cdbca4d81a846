// The layering, enforced: every source file may import only what its layer's allow-list names (a folder, or
// one file of a folder below it). Front-ends (TUI, components, ACP, headless) reach the core only through
// src/runtime/index.ts. Also: only the UI layer imports Ink/React, and no source file is over 400 lines.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = new URL("../../src/", import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

const all = files(SRC).map((p) => ({ rel: path.relative(SRC, p), text: readFileSync(p, "utf8") }));
const imports = (text: string) =>
  [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? "");

/** Shared by everything: leaf helpers with no imports from the layers. */
const BASE = ["errors.ts", "version.ts", "utils"];
/** The front-ends' one door into the core. */
const DOOR = ["runtime/index.ts", "cli/options.ts"];

/**
 * What each layer may import, bottom to top. An entry is a folder ("tools") or one file ("agent/messages.ts").
 * File entries are the data contracts a lower layer needs from a folder above it (types only, in practice).
 */
const ALLOW: Record<string, string[]> = {
  utils: ["utils", "errors.ts"],
  providers: ["providers", ...BASE, "agent/messages.ts", "tools/tool.ts"],
  config: ["config", ...BASE, "providers/types.ts", "sandbox/types.ts"],
  approval: ["approval", ...BASE, "config", "tools/tool.ts"],
  tools: ["tools", ...BASE, "agent/messages.ts", "approval/types.ts", "config/schema.ts", "sandbox"],
  // The loop classifies provider errors for its retry policy; it never imports the implementation.
  agent: ["agent", ...BASE, "providers/types.ts", "providers/errors.ts", "tools", "approval/types.ts"],
  skills: ["skills", ...BASE, "tools", "approval", "config", "agent/messages.ts"],
  mcp: ["mcp", ...BASE, "config", "tools", "approval", "agent/messages.ts"],
  session: [
    "session",
    ...BASE,
    "agent",
    "approval",
    "config",
    "providers",
    "tools",
    "skills",
    "mcp",
    "sandbox/types.ts",
  ],
  // The OS sandbox: profiles and launchers for shell commands (config paths for what to mask).
  sandbox: ["sandbox", ...BASE, "config"],
  // Session features (attached to a Session at construction).
  compaction: ["compaction", ...BASE, "agent", "session", "providers", "tools", "usage"],
  usage: ["usage", ...BASE, "agent", "session", "tools"],
  store: ["store", ...BASE, "agent", "session", "compaction", "config", "tools", "approval"],
  // File snapshots and rewinds over the session log (a session's file tools call them through ToolContext).
  checkpoints: ["checkpoints", ...BASE, "store", "agent/messages.ts", "compaction/history.ts", "tools"],
  // The user's lifecycle hooks: a session feature (config, tool names, the shell's process-group helpers).
  hooks: ["hooks", ...BASE, "agent", "approval", "config", "session", "tools"],
  // Assembles sessions and is what front-ends hold.
  runtime: [
    "runtime",
    "hooks",
    ...BASE,
    "cli/options.ts",
    "sandbox",
    "agent",
    "approval",
    "compaction",
    "config",
    "mcp",
    "providers",
    "session",
    "skills",
    "store",
    "checkpoints",
    "tools",
    "usage",
  ],
  // Front-ends.
  tui: ["tui", "components", ...BASE, ...DOOR],
  components: ["components", "tui", ...BASE, ...DOOR],
  acp: ["acp", ...BASE, ...DOOR],
  // The CLI: the entry, headless (a front-end) and management subcommands (config, sessions, MCP servers).
  cli: [
    "cli",
    ...BASE,
    ...DOOR,
    "tui/interactive.tsx",
    "tui/setup-wizard.tsx",
    "acp",
    "config",
    "store",
    "checkpoints",
    "mcp",
    "usage",
    "sandbox/types.ts",
  ],
  "cli.ts": ["cli", ...BASE],
  "errors.ts": [],
  "version.ts": [],
};

const layerOf = (rel: string) => (rel.includes("/") ? (rel.split("/")[0] as string) : rel);
const allowed = (target: string, entries: readonly string[]) =>
  entries.some((e) => (/\.tsx?$/.test(e) ? target === e : target === e || target.startsWith(`${e}/`)));

/** `src/`-relative target of a relative import, with .js mapped back to the source file. */
function resolveTarget(from: string, spec: string): string {
  const joined = path
    .normalize(path.join(path.dirname(from), spec))
    .split(path.sep)
    .join("/");
  const base = joined.replace(/\.jsx?$/, "");
  return all.find((f) => f.rel === `${base}.ts` || f.rel === `${base}.tsx`)?.rel ?? joined;
}

const isUi = (rel: string) => rel.startsWith("components/") || rel.startsWith("tui/");

describe("architecture", () => {
  it("every layer is in the allow-list", () => {
    expect([...new Set(all.map((f) => layerOf(f.rel)))].filter((l) => !(l in ALLOW))).toEqual([]);
  });

  it("every import stays within its layer's allow-list", () => {
    const bad = all.flatMap((f) =>
      imports(f.text)
        .filter((s) => s.startsWith("."))
        .map((s) => resolveTarget(f.rel, s))
        .filter((target) => layerOf(target) !== layerOf(f.rel) || f.rel === target)
        .filter((target) => !allowed(target, ALLOW[layerOf(f.rel)] ?? []))
        .map((target) => `${f.rel} -> ${target}`),
    );
    expect(bad).toEqual([]);
  });

  it("front-ends use only the runtime's public door", () => {
    const frontEnds = all.filter(
      (f) => isUi(f.rel) || f.rel.startsWith("acp/") || f.rel === "cli/headless.ts",
    );
    const bad = frontEnds.flatMap((f) =>
      imports(f.text)
        .filter((s) => s.startsWith("."))
        .map((s) => resolveTarget(f.rel, s))
        .filter((t) => t.startsWith("runtime/") && t !== "runtime/index.ts")
        .map((t) => `${f.rel} -> ${t}`),
    );
    expect(bad).toEqual([]);
  });

  it("only the UI layer imports ink or react", () => {
    const leaks = all.filter(
      (f) => !isUi(f.rel) && imports(f.text).some((s) => /^(ink|react|ink-.*|@inkjs\/.*)$/.test(s)),
    );
    expect(leaks.map((f) => f.rel)).toEqual([]);
  });

  it("the loop does not import the provider implementation, the session or the UI", () => {
    const loop = all.find((f) => f.rel === "agent/loop.ts");
    expect(loop).toBeDefined();
    expect(imports(loop!.text).filter((s) => /openai-stream|components|tui\/|session/.test(s))).toEqual([]);
  });

  it("the ACP front-end reaches the core only through runtime/index", () => {
    const bad = all
      .filter((f) => f.rel.startsWith("acp/"))
      .flatMap((f) =>
        imports(f.text)
          .filter((s) => s.startsWith("."))
          .map((s) => path.normalize(path.join(path.dirname(f.rel), s)))
          .filter((target) => !target.startsWith("acp/") && target !== path.normalize("runtime/index.js"))
          .map((target) => `${f.rel} -> ${target}`),
      );
    expect(bad).toEqual([]);
  });

  it("no source file is over 400 lines", () => {
    const big = all.filter((f) => f.text.split("\n").length > 400).map((f) => f.rel);
    expect(big).toEqual([]);
  });
});
