import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import { App } from "../../src/App.js";
import { makeUi } from "../../src/ui/theme.js";
import { renderUi, ScriptedSession } from "./helpers.js";

afterEach(() => cleanup());

describe("App", () => {
  it("streams an answer after a prompt", async () => {
    const s = new ScriptedSession(async (s) => {
      s.emit({ type: "turn_start", turn: 1 });
      for (const d of ["# Hel", "lo\n\nSome **bo", "ld** text\n"]) s.emit({ type: "text_delta", delta: d });
      s.emit({ type: "message_end", message: { role: "assistant", content: "" } });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = renderUi(<App session={s} services={{}} ui={makeUi(false)} version="t" history={null} completer={null} />);
    await r.waitFor("Ask anything");
    await r.press("hi");
    await r.press("\r");
    await r.waitFor("Some bold text");
    console.log(r.frames.map((f, i) => `--- ${i}\n${f}`).join("\n"));
  });
});
