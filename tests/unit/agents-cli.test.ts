// `protoagent agents` from the built package: the bundled agents are found next to dist/, a user definition's
// description is listed without its control characters, an invalid file is named with its reason, and an
// untrusted project file is listed as ignored (listing never records trust). A headless run warns on stderr.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isTrusted } from "../../src/config/trust.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let t: TempEnv;
afterEach(() => t.cleanup());

describe("protoagent agents", () => {
  it("lists bundled, user, invalid and untrusted definitions", async () => {
    t = makeTempEnv();
    const dir = path.join(t.configHome, "protoagent", "agents");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "evil.md"),
      '---\nname: evil\ndescription: "Evil \\e]0;pwn\\a agent"\n---\nx\n',
    );
    writeFileSync(path.join(dir, "bad.md"), "---\nname: bad\ndescription: d\ntools: 3\n---\n");
    const project = t.write(".protoagent/agents/p.md", "---\nname: p\ndescription: Project.\n---\n");
    const r = await runCli(["agents"], { env: t.env, cwd: t.cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/explore — .*\n {4}bundled: .*agents\/explore\.md/);
    expect(r.stdout).toContain("reviewer — ");
    expect(r.stdout).toContain("evil — Evil agent");
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain(`invalid: ${path.join(dir, "bad.md")} (user): "tools" must be a list`);
    expect(r.stdout).toContain(
      `untrusted (ignored until you trust the project: /trust or --trust-project): ${project}`,
    );
    expect(isTrusted(project, "---\nname: p\ndescription: Project.\n---\n", t.dataHome)).toBe(false);
  });
});

describe("headless start-up", () => {
  it("warns about an invalid definition (file and reason) and an untrusted project file, then runs", async () => {
    t = makeTempEnv();
    const provider = await FakeProvider.start();
    try {
      writeFakeUserConfig(t, provider.url);
      provider.enqueue({ text: "done" });
      const dir = path.join(t.configHome, "protoagent", "agents");
      mkdirSync(dir, { recursive: true });
      const bad = path.join(dir, "bad.md");
      writeFileSync(bad, "---\nname: bad\n---\n");
      const project = t.write(".claude/agents/p.md", "---\nname: p\ndescription: Project.\n---\n");
      const r = await runCli(["-p", "hi"], { env: t.env, cwd: t.cwd });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("done");
      expect(r.stderr).toContain(
        `protoagent: warning: Agent definition ignored (${bad}): missing "description"`,
      );
      expect(r.stderr).toMatch(
        new RegExp(`warning: Ignored 1 project agent definition.*${project}.*--trust-project`),
      );
    } finally {
      await provider.close();
    }
  });
});
