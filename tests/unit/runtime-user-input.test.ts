// The user's own input to the core, against the real fake OpenAI server in temp folders: `!cmd` runs in the
// workspace (no approval), is killed with its process group on abort, and its output goes with the next request
// (or not, when asked); `@file` attachments go through the read_file path policy and are bounded.
import { symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ATTACH_MAX_LINES } from "../../src/runtime/index.js";
import { runtimeFixture } from "../helpers/runtime-env.js";

const env = runtimeFixture();
const open = env.open;
const lastUserText = (i: number) => {
  const msgs = env.provider.requests[i]?.body.messages ?? [];
  return String([...msgs].reverse().find((m) => m.role === "user")?.content ?? "");
};

describe("the user's shell command", () => {
  it("runs in the workspace without asking and goes with the next request, once", async () => {
    const r = await open();
    r.setApprovalHandler(async () => {
      throw new Error("no approval expected");
    });
    const chunks: string[] = [];
    const res = await r.shell("pwd; echo out; echo err >&2; exit 3", { onOutput: (c) => chunks.push(c) });
    expect(res).toMatchObject({ exitCode: 3, aborted: false, addedToContext: true });
    expect(res.output).toContain(env.t.cwd);
    expect(chunks.join("")).toContain("err");
    env.provider.enqueue({ text: "ok" }, { text: "ok2" });
    await r.run("what happened?");
    const sent = lastUserText(0);
    expect(sent.startsWith("what happened?")).toBe(true);
    expect(sent).toContain("<user_shell_command>");
    expect(sent).toContain("$ pwd; echo out; echo err >&2; exit 3");
    expect(sent).toContain("(exit code 3)");
    await r.run("again");
    expect(lastUserText(1)).toBe("again");
  });

  it("keeps only the last 10 KB for the model, and adds nothing when asked not to", async () => {
    const r = await open();
    await r.shell("seq 1 20000");
    const quiet = await r.shell("echo secret-ish", { addToContext: false });
    expect(quiet.addedToContext).toBe(false);
    env.provider.enqueue({ text: "ok" });
    await r.run("hi");
    const sent = lastUserText(0);
    expect(sent).toContain("the last 10000 characters");
    expect(sent).toContain("\n20000\n");
    expect(sent).not.toContain("\n1\n2\n3\n");
    expect(sent).not.toContain("secret-ish");
    expect(sent.length).toBeLessThan(11_000);
  });

  it("an abort kills the command and its children", async () => {
    const r = await open();
    const ac = new AbortController();
    const started = r.shell("echo started; sleep 30 & sleep 30; echo never", {
      signal: ac.signal,
      onOutput: (c) => c.includes("started") && ac.abort(),
    });
    const res = await started;
    expect(res.aborted).toBe(true);
    expect(res.output).not.toContain("never");
  });
});

describe("@file attachments", () => {
  it("attaches a workspace file's content to the request, in a delimited block", async () => {
    const r = await open();
    const a = await r.attachFile("a.txt");
    expect(a).toMatchObject({ path: "a.txt", lines: 2, truncated: false });
    env.provider.enqueue({ text: "ok" });
    await r.run("explain @a.txt", { attachments: [a] });
    expect(lastUserText(0)).toBe(
      'explain @a.txt\n\n<attached_file path="a.txt" lines="2">\nalpha\nbeta\n</attached_file>',
    );
  });

  it("is bounded and says so", async () => {
    const r = await open();
    env.t.write("big.txt", Array.from({ length: 5000 }, (_, i) => `line ${i + 1}`).join("\n"));
    const a = await r.attachFile("big.txt");
    expect(a).toMatchObject({ lines: ATTACH_MAX_LINES, truncated: true });
    expect(a.text.endsWith(`line ${ATTACH_MAX_LINES}`)).toBe(true);
    env.t.write("wide.txt", `${"x".repeat(300_000)}\nend\n`);
    const w = await r.attachFile("wide.txt");
    expect(w.truncated).toBe(true);
    expect(w.text.length).toBeLessThanOrEqual(100 * 1024);
  });

  it("refuses symlinks leaving the workspace, credential files, protected folders and binaries", async () => {
    const r = await open();
    writeFileSync(path.join(env.t.root, "outside.txt"), "secret\n");
    symlinkSync(path.join(env.t.root, "outside.txt"), path.join(env.t.cwd, "link.txt"));
    env.t.write(".env", "KEY=1\n");
    symlinkSync(path.join(env.t.cwd, ".env"), path.join(env.t.cwd, "innocent.txt"));
    env.t.write(".git/config", "[core]\n");
    writeFileSync(path.join(env.t.cwd, "bin.dat"), Buffer.from([0, 1, 2, 0]));
    await expect(r.attachFile("link.txt")).rejects.toThrow(/outside the workspace/);
    await expect(r.attachFile("../outside.txt")).rejects.toThrow(/outside the workspace/);
    await expect(r.attachFile(".env")).rejects.toThrow(/credentials/);
    await expect(r.attachFile("innocent.txt")).rejects.toThrow(/credentials/);
    await expect(r.attachFile(".git/config")).rejects.toThrow(/protected/);
    await expect(r.attachFile("bin.dat")).rejects.toThrow(/binary/);
    await expect(r.attachFile(".")).rejects.toThrow(/regular file/);
  });
});
