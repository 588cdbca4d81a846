// MCP prompts and resources in the real App on a real Runtime (catalog fixture over stdio, fake OpenAI server):
// the / menu offers `/mcp__<server>__<prompt>` with its cleaned description, the command expands into the
// request, a missing argument is one line and sends nothing, `@server:` completes resources that attach as
// chips, and /mcp shows each server's schema cost.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { catalogFixture } from "../fixtures/mcp/harness.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { writeFakeUserConfig } from "../helpers/temp.js";
import { mountRuntime } from "./runtime-app.js";

const env = runtimeFixture();
afterEach(() => cleanup());

async function mounted() {
  writeFakeUserConfig(env.t, env.provider.url, { mcp: { servers: { cat: catalogFixture() } } });
  const rt = await env.open();
  await rt.mcpSettled();
  return mountRuntime(rt);
}

const userText = (i: number) => {
  const msgs = env.provider.requests[i]?.body.messages ?? [];
  return String([...msgs].reverse().find((m) => m.role === "user")?.content ?? "");
};

describe("MCP prompts and resources in the TUI", () => {
  it("offers prompts in the / menu and sends the expanded prompt as the user's turn", async () => {
    const { r } = await mounted();
    for (const ch of "/mcp__c") await r.press(ch);
    const menu = await r.waitFor("/mcp__cat__noargs", { in: "last" });
    expect(menu).toContain("/mcp__cat__greet  <name> [style] — Greets someone politely. Second line.");
    expect(menu).toContain("/mcp__cat__review  <topic> — Reviews a snippet.");
    env.provider.enqueue({ text: "Hello, Ada!" });
    for (const ch of "at__greet Ada") await r.press(ch);
    await r.press("\r");
    await env.provider.waitForRequests(1);
    expect(userText(0)).toBe("Please greet Ada.");
    await r.waitFor("Hello, Ada!");
    expect(r.all()).toContain("❯ /mcp__cat__greet Ada");
  });

  it("a missing required argument is one error line and nothing is sent", async () => {
    const { r, send } = await mounted();
    await send("/mcp__cat__greet");
    await r.waitFor("/mcp__cat__greet: missing required argument: name");
    env.provider.enqueue({ text: "ok" });
    await send("plain");
    await env.provider.waitForRequests(1);
    expect(env.provider.requests).toHaveLength(1);
    expect(userText(0)).toBe("plain");
  });

  it("completes @server:uri resources and attaches the accepted one as a chip", async () => {
    const { r } = await mounted();
    for (const ch of "read @cat:") await r.press(ch);
    // Ranked like paths (shorter first); each with the resource's name as its hint.
    const menu = await r.waitFor("cat:file:///logo.png", { in: "last" });
    expect(menu).toContain("› cat:mem://notes  notes");
    expect(menu).toContain("  cat:file:///guide.md  guide");
    await r.press("\t");
    await r.waitFor("[@cat:mem://notes · 1 line]", { in: "last" });
    env.provider.enqueue({ text: "done" });
    await r.press("\r");
    await env.provider.waitForRequests(1);
    expect(userText(0)).toBe(
      'read @cat:mem://notes\n\n<attached_file path="cat:mem://notes" lines="1">\nremember the milk\n</attached_file>',
    );
    await r.waitFor("❯ read [@cat:mem://notes · 1 line]");
  });

  it("/mcp shows the server's schema cost", async () => {
    const { r, send } = await mounted();
    await send("/mcp");
    const screen = await r.waitFor("schema cost:");
    expect(screen).toMatch(/schema cost: ≈\d+ tokens per request/);
    expect(screen).toContain("tool search off");
  });
});
