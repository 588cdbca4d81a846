// Our o200k_base counter against js-tiktoken's own encoder (the oracle): the same token count on every text, and
// a build that yields to the event loop instead of holding it for the whole rank table.
import { readFileSync } from "node:fs";
import { Tiktoken } from "js-tiktoken/lite";
import ranks from "js-tiktoken/ranks/o200k_base";
import { beforeAll, describe, expect, it } from "vitest";
import { type BpeCounter, buildBpeCounter } from "../../src/usage/bpe.js";

let ours: BpeCounter;
let oracle: Tiktoken;
beforeAll(async () => {
  ours = await buildBpeCounter(ranks);
  oracle = new Tiktoken(ranks);
}, 60_000);

const samples: Record<string, string> = {
  code: readFileSync(new URL("../../src/usage/tokens.ts", import.meta.url), "utf8"),
  markdown: readFileSync(new URL("../../SPEC.md", import.meta.url), "utf8").slice(0, 40_000),
  cjk: "日本語のテキストを数える。中文文本和한국어 문장도 함께.",
  emoji: "ship it 🚀🚀 👩‍👩‍👧‍👦 ✅❌ — done…",
  specials: "<|endoftext|> and <|im_start|>user are plain text here",
  digits: "1234567890 3.14159 0x7fffffff 1e-9 2026-12-05T21:49:53Z",
  whitespace: "  \n\n\t\t  x \r\n\u00a0y\u2003z   ",
  longWord: `${"supercalifragilistic".repeat(12)}`,
  oddBytes: "lone \ud800 surrogate, combining e\u0301 and Zalgo z\u0336\u0317",
  json: JSON.stringify({ path: "src/a.ts", lines: [1, 2, 3], nested: { ok: true, why: null } }),
};

describe("o200k counter (own merge over js-tiktoken's ranks)", () => {
  it.each(Object.entries(samples))("counts %s exactly as js-tiktoken does", (_name, text) => {
    // TokenCounter feeds pieces of ≤ 256 characters; compare piece by piece and on the whole text.
    for (let i = 0; i < text.length; i += 256) {
      const piece = text.slice(i, i + 256);
      expect(ours.count(piece), JSON.stringify(piece)).toBe(oracle.encode(piece, [], []).length);
    }
    if (text.length <= 4096) expect(ours.count(text)).toBe(oracle.encode(text, [], []).length);
  });

  it("builds in slices, letting the event loop run in between", async () => {
    let turns = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const counter = await buildBpeCounter(ranks);
    done = true;
    expect(counter.count("hello world")).toBe(2);
    // 200k ranks in slices of 10k: the loop got many turns while the table was filled.
    expect(turns).toBeGreaterThan(10);
  });
});
