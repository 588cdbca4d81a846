// Session-level slash commands in the running App: /rename, /init, /<skill> and /sessions <id> reach the
// services the interactive entry provides; unknown names still say so.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/components/App.js";
import { makeUi } from "../../src/tui/render/theme.js";
import type { AppServices } from "../../src/tui/state/session-port.js";
import { renderUi, ScriptedSession } from "./helpers.js";

afterEach(() => cleanup());

function setup(services: AppServices) {
  const s = new ScriptedSession(async () => {});
  const r = renderUi(
    <App session={s} services={services} ui={makeUi(false)} version="t" history={null} completer={null} />,
  );
  const send = async (text: string) => {
    for (const ch of text) await r.press(ch);
    await r.press("\r");
  };
  return { s, r, send };
}

describe("session commands", () => {
  it("/rename sets the title and /init sends the AGENTS.md prompt", async () => {
    const titles: string[] = [];
    const { s, r, send } = setup({
      rename: (t) => titles.push(t),
      initPrompt: () => "Write AGENTS.md please",
    });
    await r.waitFor("Ask anything");
    await send("/rename My work");
    await r.waitFor("Renamed to “My work”.");
    expect(titles).toEqual(["My work"]);
    await send("/init");
    await r.waitFor("Write AGENTS.md please");
    expect(s.prompts).toEqual(["Write AGENTS.md please"]);
  });

  it("/<skill> [args] sends the skill's prompt; an unknown name is reported", async () => {
    const { s, r, send } = setup({
      skillPrompt: (name, args) => (name === "code-review" ? `Review: ${args}` : undefined),
    });
    await r.waitFor("Ask anything");
    await send("/code-review src/app.ts");
    await r.waitFor("Review: src/app.ts");
    expect(s.prompts).toEqual(["Review: src/app.ts"]);
    await send("/no-such-skill");
    await r.waitFor("Unknown command /no-such-skill");
    expect(s.prompts).toHaveLength(1);
  });

  it("/sessions <id> switches through newSession with resume", async () => {
    const calls: unknown[] = [];
    const next = new ScriptedSession(async () => {});
    const { r, send } = setup({
      newSession: async (opts) => {
        calls.push(opts);
        return next;
      },
      describe: () => "* 1234abcd  session list",
    });
    await r.waitFor("Ask anything");
    await send("/sessions");
    await r.waitFor("1234abcd  session list");
    await send("/sessions 1234");
    await r.waitFor(`Resumed session ${next.id}.`);
    expect(calls).toEqual([{ resume: "1234" }]);
  });

  it("/sessions <n> picks from the numbered list", async () => {
    const calls: unknown[] = [];
    const next = new ScriptedSession(async () => {});
    const { r, send } = setup({
      newSession: async (opts) => {
        calls.push(opts);
        return next;
      },
      listSessions: () => ["aaaa-1", "bbbb-2"],
    });
    await r.waitFor("Ask anything");
    await send("/sessions 3");
    await r.waitFor("No session number 3");
    await send("/sessions 2");
    await r.waitFor(`Resumed session ${next.id}.`);
    expect(calls).toEqual([{ resume: "bbbb-2" }]);
  });
});
