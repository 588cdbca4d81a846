// The trust prompt in the real App on a real Runtime, with the fake provider, the MCP fixture server and a real hook
// process: it opens at start-up listing the hook and server commands; "Not now" records nothing and starts nothing;
// /trust → Trust records the files' hashes and brings the MCP tools, the hook and the agent into the same
// conversation; a file edited while the dialog is open is not trusted; --trust-project never asks; escape
// sequences in a command are shown as text; at 80x24 the dialog fits, a long list cut with "… N more" and paged.
import { readFileSync, writeFileSync } from "node:fs";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { contentHash } from "../../src/config/trust.js";
import { oneHook } from "../helpers/hooks.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { trustedHashes, writeUntrustedProject } from "../helpers/untrusted-project.js";
import { mountRuntime, runtimeApp } from "./runtime-app.js";
import { renderSized } from "./sized.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });
afterEach(() => cleanup());

/** The screen with wrapping undone: long commands and paths still match. */
const flat = (s: string) => s.replace(/\s+/g, "");
const TITLE = "Trust this project?";
const DOWN = "\u001b[B";
const readCall = { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] };
const toolNames = (i: number) =>
  ((env.provider.requests[i]?.body.tools ?? []) as Array<{ function: { name: string } }>).map(
    (t) => t.function.name,
  );

describe("the trust prompt", () => {
  it("asks at start; Not now records nothing; /trust → Trust applies the files to the same conversation", async () => {
    const p = writeUntrustedProject(env.t);
    const rt = await env.open();
    const { r, send } = mountRuntime(rt);
    const screen = flat(await r.waitFor((s) => s.includes(TITLE) && s.includes("Not now")));
    expect(screen).toContain(flat(env.t.cwd));
    expect(screen).toContain(flat(`MCP server fx: ${p.serverCommand}`));
    expect(screen).toContain(flat(`hook PreToolUse: ${p.hook.command}`));
    expect(screen).toContain(flat(".claude/agents/helper.md:"));

    // Not now: nothing recorded, the server not started, the hook not run.
    await r.press(DOWN);
    await r.press("\r");
    await r.waitFor((s) => s.includes("Ask anything"), { in: "last" });
    expect(trustedHashes(env.t)).toEqual({});
    env.provider.enqueue(readCall, { text: "first answer" });
    await send("first");
    await r.waitFor("first answer");
    expect(toolNames(0).some((n) => n.startsWith("mcp_"))).toBe(false);
    expect(p.hook.calls()).toEqual([]);
    expect(rt.mcpStatus()).toEqual([]);

    await send("/trust");
    await r.waitFor((s) => s.includes(TITLE), { in: "last" });
    await r.press("\r");
    await r.waitFor("Trusted 2 files: 1 MCP server starting, 1 hook, 1 agent.");
    expect(trustedHashes(env.t)).toEqual({
      [p.config]: contentHash(readFileSync(p.config, "utf8")),
      [p.agent]: contentHash(readFileSync(p.agent, "utf8")),
    });
    await rt.mcpSettled();
    env.provider.enqueue(readCall, { text: "second answer" });
    await send("second");
    await r.waitFor("second answer");
    // The next request carries the conversation so far and the server's tools; the hook ran on the tool call.
    const body = JSON.stringify(env.provider.requests[2]?.body.messages);
    expect(body).toContain("first answer");
    expect(toolNames(2)).toContain("mcp_fx_echo");
    expect(p.hook.calls().map((c) => c.tool_name)).toEqual(["read_file"]);
    await send("/agents");
    await r.waitFor((s) => flat(s).includes(flat(`helper — Project helper.`)));
    await send("/trust");
    await r.waitFor("Nothing to trust:");
  });

  it("does not trust a file edited while the dialog was open", async () => {
    const p = writeUntrustedProject(env.t);
    const rt = await env.open();
    const { r } = mountRuntime(rt);
    await r.waitFor((s) => s.includes(TITLE) && s.includes("Not now"));
    writeFileSync(p.config, JSON.stringify({ hooks: oneHook("PreToolUse", "echo other") }));
    await r.press("\r");
    await r.waitFor("Not trusted (changed since shown): .protoagent/protoagent.jsonc.");
    expect(Object.keys(trustedHashes(env.t))).toEqual([p.agent]);
  });

  it("never asks with --trust-project", async () => {
    writeUntrustedProject(env.t);
    const rt = await env.open({ trustProject: true });
    const { r, send } = mountRuntime(rt);
    await r.waitFor("Ask anything");
    await send("/trust");
    await r.waitFor("Nothing to trust:");
    expect(r.all()).not.toContain(TITLE);
  });

  it("shows escape sequences in a hook command as plain text", async () => {
    writeUntrustedProject(env.t, "echo \u001b]0;pwned\u0007\u001b[31mred");
    const rt = await env.open();
    const { r } = mountRuntime(rt);
    await r.waitFor((s) => s.includes(TITLE) && s.includes("Not now"));
    const raw = r.frames.join("\n");
    expect(raw).not.toContain("\u001b]0;");
    expect(raw).not.toContain("\u001b[31m");
    expect(r.all()).toContain("hook PreToolUse: echo red");
  });

  it("fits at 80x24: a long list shows “… N more lines” and scrolls with PgUp/PgDn", async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      hooks: [{ type: "command", command: `echo ${i}` }],
    }));
    env.t.write(".claude/settings.json", JSON.stringify({ hooks: { Stop: many } }));
    const rt = await env.open();
    const r = renderSized(runtimeApp(rt), 80, 24);
    try {
      const last = await r.waitFor((l) => l.includes(TITLE) && l.includes("Not now"), "the dialog");
      expect(last).toMatch(/… \d+ more lines \(lines 1–\d+ of 32 · PgUp\/PgDn scroll\)/);
      expect(last).not.toContain("echo 29");
      expect(last).toContain("Trust (these files as they are now)");
      // PgDn pages the list down to its last line; the choices stay.
      for (let i = 0; i < 4; i++) await r.press("\u001b[6~");
      const end = await r.waitFor((l) => l.includes("hook Stop: echo 29"), "the list's end");
      expect(end).toMatch(/\(lines \d+–32 of 32 · PgUp\/PgDn scroll\)/);
      expect(end).toContain("Not now");
      expect(r.tallest()).toBeLessThan(24);
    } finally {
      r.unmount();
    }
  });
});
