// MCP elicitation in the TUI against the real Runtime and the real stdio fixture server, which asks for a form
// during a tool call: the form validates against the schema and accepts, Ctrl+D declines, Esc cancels; the
// answer reaches the server (its tool returns it) and so the model's next request.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/components/App.js";
import { formFields } from "../../src/mcp/elicitation.js";
import type { ElicitationAnswer, ElicitationHandler } from "../../src/runtime/index.js";
import { makeUi } from "../../src/tui/render/theme.js";
import { stdioFixture } from "../fixtures/mcp/harness.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { ScriptedSession } from "./helpers.js";
import { mountRuntime } from "./runtime-app.js";
import { renderSized } from "./sized.js";

const env = runtimeFixture();
afterEach(() => cleanup());

const TAB = "\t";
const RIGHT = "\u001b[C";
const BACKSPACE = "\u007f";

/** Starts a turn whose tool call makes the fixture elicit, and waits for the form. */
async function formOpen(tool = "mcp_fx_ask", shows = 'MCP server "fx" asks for input') {
  const rt = await env.open({ extraMcpServers: { fx: stdioFixture({ trust: true }) } });
  await rt.mcpSettled();
  const { r, send } = mountRuntime(rt);
  await r.waitFor("Ask anything");
  env.provider.enqueue({ toolCalls: [{ name: tool, arguments: {} }] }, { text: "Thanks." });
  await send("who am I");
  await r.waitFor(shows, { in: "last" });
  const type = async (text: string) => {
    for (const ch of text) await r.press(ch);
  };
  /** What the server's tool returned: the answer it got. */
  const answered = async () => {
    await r.waitFor("Thanks.");
    const tool = env.provider.requests[1]?.body.messages.find((m) => m.role === "tool");
    return JSON.parse(String(tool?.content));
  };
  return { r, send, type, answered };
}

describe("elicitation form", () => {
  it("validates against the schema, then accepts with typed values", async () => {
    const { r, type, answered } = await formOpen();
    const frame = r.lastFrame() ?? "";
    // The server's message is shown without its escape sequence.
    expect(frame).toContain("Who are you?");
    expect(frame).not.toContain("\u001b[2J");
    expect(r.last()).toContain("❯ Your name*");
    await type("A");
    await r.press("\r");
    await r.waitFor("Your name must be at least 2 characters", { in: "last" });
    await type("da");
    await r.press(TAB);
    await r.waitFor("❯ Age (whole number, 0–150)", { in: "last" });
    await type("200");
    await r.press("\r");
    await r.waitFor("Age must be at most 150", { in: "last" });
    for (let i = 0; i < 3; i++) await r.press(BACKSPACE);
    await type("36");
    await r.press(TAB);
    await r.press(" ");
    await r.waitFor("Subscribe (yes/no, Space toggles): yes", { in: "last" });
    await r.press(TAB);
    await r.press(RIGHT);
    await r.waitFor("Colour (←/→ to choose): ‹ green ›", { in: "last" });
    await r.press("\r");
    expect(await answered()).toEqual({
      action: "accept",
      content: { name: "Ada", age: 36, subscribe: true, colour: "green" },
    });
    // The form is gone and the input is back.
    await r.waitFor((f) => !f.includes("asks for input") && f.includes("Ask anything"), { in: "last" });
  });

  it("Ctrl+D declines", async () => {
    const { r, answered } = await formOpen();
    await r.press("\u0004");
    expect(await answered()).toEqual({ action: "decline" });
  });

  it("Esc cancels", async () => {
    const { r, answered } = await formOpen();
    await r.press("\u001b");
    expect(await answered()).toEqual({ action: "cancel" });
  });

  it("Ctrl+C interrupts the turn and closes the form", async () => {
    const { r, send } = await formOpen();
    await r.press("\u0003");
    await r.waitFor((f) => !f.includes("asks for input") && f.includes("Ask anything"), { in: "last" });
    // The app goes on: the next prompt gets the reply the interrupted turn never asked for.
    await send("still there?");
    await r.waitFor("Thanks.");
  });
});

describe("URL elicitation", () => {
  it("shows the full URL, opens it only on Enter, and prints it when no browser can be started", async () => {
    const saved = process.env.BROWSER;
    process.env.BROWSER = "/nonexistent/protoagent-test-browser";
    try {
      const { r, answered } = await formOpen("mcp_fx_ask_url", "asks you to open a link");
      expect(r.last()).toContain("Authorise the fixture");
      expect(r.last()).toContain("https://example.com/authorise?x=1");
      await r.press("\r");
      expect(await answered()).toEqual({ action: "accept" });
      expect(r.all()).toContain(
        'Open this URL to continue (MCP server "fx"): https://example.com/authorise?x=1',
      );
    } finally {
      if (saved === undefined) delete process.env.BROWSER;
      else process.env.BROWSER = saved;
    }
  });
});

describe("form size", () => {
  it.each([
    [50, 15],
    [80, 24],
  ])("a 40-line message is cut so the live frame stays below the terminal's height at %ix%i", async (cols, rows) => {
    let answer: ElicitationAnswer | undefined;
    const s = new ScriptedSession(async (session, _prompt, signal) => {
      const handler = (session as unknown as { asked?: ElicitationHandler }).asked;
      const fields = formFields({
        type: "object",
        properties: { a: { type: "string" }, b: { type: "boolean" } },
      });
      const message = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join("\n");
      answer = await handler?.({ server: "fx", mode: "form", message, fields }, signal);
    });
    Object.assign(s, {
      elicitation: {
        setHandler: (h?: ElicitationHandler) => Object.assign(s, { asked: h }),
      },
    });
    const r = renderSized(
      <App session={s} services={{}} ui={makeUi(true)} version="t" history={null} completer={null} />,
      cols,
      rows,
    );
    await r.waitFor((l) => l.includes("Ask anything"), "the prompt");
    await r.press("go");
    await r.press("\r");
    await r.waitFor((l) => l.includes("asks for input") && l.includes("Enter submit"), "the form");
    expect(r.last()).toContain("line 1");
    expect(r.last()).not.toContain("line 40");
    expect(r.last()).toContain("more line(s)");
    expect(r.last()).toContain("Ctrl+D decline");
    expect(r.tallest()).toBeLessThan(rows);
    await r.press("\u001b");
    await r.waitFor(() => answer !== undefined, "the answer");
    expect(answer).toEqual({ action: "cancel" });
    r.unmount();
  });
});
