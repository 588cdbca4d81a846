// The user's own input features (issue 10) through the real App, the real Runtime and the real fake OpenAI
// server in a temp workspace: `!cmd` (shown, killed by Esc, added to the next request), Ctrl+G with a real
// editor script, `@file` chips and attachments (refusals noticed), Enter on an exact completion, the queue kept
// on Esc, and the Ctrl+C hint clearing. Every wait is for a state, never for a time.
import { chmodSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cleanup } from "ink-testing-library";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { App } from "../../src/components/App.js";
import { Runtime } from "../../src/runtime/index.js";
import { createPathCompleter } from "../../src/tui/input/completion.js";
import { makeUi } from "../../src/tui/render/theme.js";
import { appServices, sessionPort } from "../../src/tui/state/runtime-port.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";
import { renderUi, ScriptedSession } from "./helpers.js";

let provider: FakeProvider;
let t: TempEnv;
let rt: Runtime | undefined;

beforeAll(async () => {
  provider = await FakeProvider.start(() => ({ text: "noted" }));
});
afterAll(() => provider.close());
beforeEach(() => {
  t = makeTempEnv({ "a.txt": "alpha\nbeta\n" });
  writeFakeUserConfig(t, provider.url);
  provider.requests.length = 0;
});
afterEach(async () => {
  cleanup();
  await rt?.close();
  rt = undefined;
  t.cleanup();
});

const PLACEHOLDER = "Ask anything";

async function app() {
  const r0 = await Runtime.open({ cwd: t.cwd, env: t.env, headless: false, version: "test" });
  rt = r0;
  const r = renderUi(
    <App
      session={sessionPort(r0)}
      services={appServices(() => r0)}
      ui={makeUi(false)}
      version="t"
      history={null}
      completer={createPathCompleter(t.cwd)}
    />,
  );
  await r.waitFor(PLACEHOLDER, { in: "last" });
  return r;
}

const type = async (r: Awaited<ReturnType<typeof app>>, text: string) => {
  for (const ch of text) await r.press(ch);
};
const userText = (i: number) =>
  String(
    [...(provider.requests[i]?.body.messages ?? [])].reverse().find((m) => m.role === "user")?.content ?? "",
  );

describe("!command", () => {
  it("runs the user's command, shows output and exit code, and adds it to the next request", async () => {
    const r = await app();
    await type(r, "!echo from-shell; exit 3");
    await r.press("\r");
    await r.waitFor("exit 3 · ");
    expect(r.all()).toContain("from-shell");
    expect(r.all()).toContain("added to context");
    await type(r, "why?");
    await r.press("\r");
    await provider.waitForRequests(1);
    expect(userText(0)).toMatch(/^why\?\n\n<user_shell_command>/);
    expect(userText(0)).toContain("from-shell");
  });

  it("!! keeps the output out of the context", async () => {
    const r = await app();
    await type(r, "!!echo private-bit");
    await r.press("\r");
    await r.waitFor("exit 0 · ");
    expect(r.all()).not.toContain("added to context");
    await type(r, "hi");
    await r.press("\r");
    await provider.waitForRequests(1);
    expect(userText(0)).toBe("hi");
  });

  it("Esc kills a running command", async () => {
    const r = await app();
    await type(r, "!echo started; sleep 30; echo fin$((1+1))");
    await r.press("\r");
    await r.waitFor("started", { in: "last" });
    await r.press("\u001b");
    await r.waitFor("aborted");
    await r.waitFor(PLACEHOLDER, { in: "last" });
    expect(r.all()).not.toContain("fin2");
  });
});

describe("Ctrl+G", () => {
  it("edits the prompt in $VISUAL and puts the result back without sending it", async () => {
    const script = path.join(t.root, "editor.sh");
    writeFileSync(script, '#!/bin/sh\nprintf "rewritten by the editor (was: %s)\\n" "$(cat "$1")" > "$1"\n');
    chmodSync(script, 0o755);
    const saved = process.env.VISUAL;
    process.env.VISUAL = script;
    try {
      const r = await app();
      await type(r, "draft");
      await r.press("\u0007");
      await r.waitFor("❯ rewritten by the editor (was: draft)", { in: "last" });
      expect(provider.requests).toHaveLength(0);
      process.env.VISUAL = path.join(t.root, "no-such-editor");
      await r.press("\u0007");
      await r.waitFor("Could not start the editor");
    } finally {
      if (saved === undefined) delete process.env.VISUAL;
      else process.env.VISUAL = saved;
    }
  });
});

describe("@file", () => {
  it("an accepted completion becomes a chip; the content goes to the model, the chip to the transcript", async () => {
    const r = await app();
    await type(r, "explain @a.t");
    await r.waitFor("› a.txt", { in: "last" });
    await r.press("\t");
    await r.waitFor("[@a.txt · 2 lines]", { in: "last" });
    await r.press("\r");
    await provider.waitForRequests(1);
    expect(userText(0)).toBe(
      'explain @a.txt\n\n<attached_file path="a.txt" lines="2">\nalpha\nbeta\n</attached_file>',
    );
    await r.waitFor("❯ explain [@a.txt · 2 lines]");
  });

  it("Enter on an exact completion sends in one press", async () => {
    const r = await app();
    await type(r, "@a.txt");
    await r.waitFor("› a.txt", { in: "last" });
    await r.press("\r");
    await provider.waitForRequests(1);
    expect(userText(0)).toContain('<attached_file path="a.txt"');
  });

  it("refuses .env and a symlink leaving the workspace, with notices", async () => {
    writeFileSync(path.join(t.root, "outside.txt"), "outside-secret\n");
    symlinkSync(path.join(t.root, "outside.txt"), path.join(t.cwd, "link.txt"));
    t.write(".env", "API_KEY=hunter2\n");
    const r = await app();
    await r.press("look at @.env and @link.txt and @a.txt\r");
    await provider.waitForRequests(1);
    await r.waitFor("@.env not attached");
    await r.waitFor("@link.txt not attached");
    const sent = userText(0);
    expect(sent).not.toContain("hunter2");
    expect(sent).not.toContain("outside-secret");
    expect(sent).toContain("alpha");
  });
});

describe("interrupting and Ctrl+C", () => {
  it("Esc keeps queued messages: a notice, and the text back in the input", async () => {
    const s = new ScriptedSession(
      (_s, _p, signal) => new Promise<void>((res) => signal.addEventListener("abort", () => res())),
    );
    const r = renderUi(
      <App session={s} services={{}} ui={makeUi(false)} version="t" history={null} completer={null} />,
    );
    await r.waitFor(PLACEHOLDER);
    await r.press("first\r");
    await r.waitFor("Type to queue", { in: "last" });
    await r.press("second\r");
    await r.waitFor("queued: second", { in: "last" });
    await r.press("\u001b");
    await r.waitFor("1 queued message(s) not sent");
    await r.waitFor("❯ second", { in: "last" });
    expect(s.prompts).toEqual(["first"]);
  });

  it("the Ctrl+C hint clears on another key and when the window expires", async () => {
    const s = new ScriptedSession(async () => {});
    const r = renderUi(
      <App session={s} services={{}} ui={makeUi(false)} version="t" history={null} completer={null} />,
    );
    await r.waitFor(PLACEHOLDER);
    await r.press("\u0003");
    await r.waitFor("Press Ctrl+C again", { in: "last" });
    await r.press("x");
    await r.waitFor((f) => !f.includes("Press Ctrl+C again") && f.includes("❯ x"), { in: "last" });
    await r.press("\u0003"); // clears the input
    await r.waitFor(PLACEHOLDER, { in: "last" });
    await r.press("\u0003"); // arms
    await r.waitFor("Press Ctrl+C again", { in: "last" });
    await r.waitFor((f) => !f.includes("Press Ctrl+C again"), { in: "last" });
  });
});
