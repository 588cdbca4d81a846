// Mechanical layering rules: only the UI layer imports Ink/React; the loop, tools, sessions and config never do;
// tools never reach into the loop, the session or the UI; no source file exceeds the 400-line hard limit.
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
const isUi = (rel: string) => rel.startsWith("components/") || rel.startsWith("tui/");

describe("architecture", () => {
  it("only the UI layer imports ink or react", () => {
    const leaks = all.filter(
      (f) => !isUi(f.rel) && imports(f.text).some((s) => /^(ink|react|ink-.*|@inkjs\/.*)$/.test(s)),
    );
    expect(leaks.map((f) => f.rel)).toEqual([]);
  });

  it("tools import only tools, utils, approval types, messages and config types", () => {
    const bad = all
      .filter((f) => f.rel.startsWith("tools/"))
      .flatMap((f) =>
        imports(f.text)
          .filter((s) => s.startsWith("."))
          .map((s) => path.normalize(path.join(path.dirname(f.rel), s)))
          .filter((target) => /^(agent\/loop|session|runtime|cli|components|tui)/.test(target))
          .map((target) => `${f.rel} -> ${target}`),
      );
    expect(bad).toEqual([]);
  });

  it("the loop does not import the provider implementation or the UI", () => {
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
