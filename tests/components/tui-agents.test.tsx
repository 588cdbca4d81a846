// /agents in the running App on a real Runtime: the bundled agents with source and path, a user agent, an invalid
// definition with its file and reason, and an untrusted project file; the start-up warnings name the same files.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { renderUi } from "./helpers.js";
import { mountRuntime, runtimeApp } from "./runtime-app.js";

const env = runtimeFixture();
afterEach(() => cleanup());

/** The screen with wrapping undone: paths longer than a row still match. */
const flat = (s: string) => s.replace(/\s+/g, "");

describe("/agents", () => {
  it("lists agents with source and path, and reports invalid and untrusted definitions", async () => {
    const userDir = path.join(env.t.configHome, "protoagent", "agents");
    mkdirSync(userDir, { recursive: true });
    const good = path.join(userDir, "scout.md");
    writeFileSync(good, "---\nname: scout\ndescription: Looks around.\ntools: Read\n---\nLook.\n");
    const bad = path.join(userDir, "broken.md");
    writeFileSync(bad, "---\nname: broken\n---\nNo description.\n");
    const untrusted = env.t.write(".claude/agents/p.md", "---\nname: p\ndescription: Project agent.\n---\n");

    const rt = await env.open();
    expect(rt.warnings.some((w) => w.includes(bad) && w.includes('missing "description"'))).toBe(true);
    expect(rt.warnings.some((w) => w.includes(untrusted) && w.includes("--trust-project"))).toBe(true);

    const { r, send } = mountRuntime(rt);
    // The untrusted project file opens the trust prompt first: not now (Esc).
    await r.waitFor("Trust this project?");
    await r.press("\u001b");
    await r.waitFor((f) => !f.includes("Trust this project?"), { in: "last" });
    await send("/agents");
    const screen = flat(
      await r.waitFor((f) => flat(f).includes(flat(`untrusted`)) && f.includes("reviewer")),
    );
    expect(screen).toContain(flat("explore — Read-only codebase search"));
    expect(screen).toContain(flat("bundled:"));
    expect(screen).toContain(flat(`user: ${good}`));
    expect(screen).toContain(flat("model: session's · tools: read_file"));
    expect(screen).toContain(flat(`invalid: ${bad} (user): missing "description"`));
    expect(screen).toContain(
      flat(`untrusted (ignored until you trust the project: /trust or --trust-project): ${untrusted}`),
    );
  });
});

describe("start-up notice", () => {
  it("shows the runtime's agent warnings under the header, naming the file and the reason", async () => {
    const dir = path.join(env.t.configHome, "protoagent", "agents");
    mkdirSync(dir, { recursive: true });
    const bad = path.join(dir, "bad.md");
    writeFileSync(bad, "---\nname: bad\ndescription: d\ntools: {read: true}\n---\n");
    const rt = await env.open();
    const r = renderUi(runtimeApp(rt, { warnings: rt.warnings }));
    const screen = flat(await r.waitFor((f) => flat(f).includes(flat("Agent definition ignored"))));
    expect(screen).toContain(flat(`Agent definition ignored (${bad}): "tools" must be a list`));
  });
});
