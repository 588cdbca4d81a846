// The renderer warm-up runs while the prompt waits: the Markdown sample first, then one highlighter language per
// macrotask (typing is never held up by more than one step), and it can be cancelled or survive a failing step.
import { describe, expect, it } from "vitest";
import { createPainter } from "../../src/tui/render/ansi.js";
import { loadHighlighter } from "../../src/tui/render/highlight.js";
import { WARM_LANGUAGES, warmRenderers } from "../../src/tui/render/warm-up.js";

const tick = () => new Promise<void>((res) => setImmediate(res));

describe("warmRenderers", () => {
  it("renders the sample, then highlights each common language, one step per macrotask", async () => {
    const painter = createPainter(true);
    const real = await loadHighlighter(painter);
    const langs: Array<string | undefined> = [];
    let done = false;
    warmRenderers(
      painter,
      (c, l) => {
        langs.push(l);
        return real(c, l);
      },
      () => (done = true),
    );
    expect(langs).toEqual([]); // nothing runs synchronously
    await tick();
    expect(langs).toEqual([undefined]); // the Markdown sample (its fence has no language)
    await tick();
    expect(langs).toEqual([undefined, WARM_LANGUAGES[0]]);
    while (!done) await tick();
    expect(langs.slice(1)).toEqual(WARM_LANGUAGES);
    const { default: hljs } = await import("../../src/tui/render/hljs.js");
    for (const l of WARM_LANGUAGES) expect(hljs.getLanguage(l), l).toBeDefined(); // every one is bundled
  });

  it("stops when cancelled", async () => {
    const langs: Array<string | undefined> = [];
    const cancel = warmRenderers(createPainter(true), (c, l) => {
      langs.push(l);
      return c;
    });
    await tick();
    await tick();
    cancel();
    for (let i = 0; i < WARM_LANGUAGES.length + 2; i++) await tick();
    expect(langs.length).toBe(2);
  });

  it("keeps going past a failing step and works without colour or highlighter", async () => {
    const seen: Array<string | undefined> = [];
    let done = false;
    warmRenderers(
      createPainter(true),
      (_c, l) => {
        seen.push(l);
        throw new Error("boom");
      },
      () => (done = true),
    );
    while (!done) await tick();
    expect(seen.slice(1)).toEqual(WARM_LANGUAGES);
    let plainDone = false;
    warmRenderers(createPainter(false), undefined, () => (plainDone = true));
    while (!plainDone) await tick();
  });
});
