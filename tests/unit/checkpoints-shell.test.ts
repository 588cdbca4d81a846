// Shell commands that may write the workspace are snapshotted around their run, through the real Runtime and
// bash tool (fake OpenAI server, real files): in the workspace-write sandbox (when bubblewrap starts here) and
// with no sandbox, a rewind undoes what the command created, changed (bytes and mode) and deleted. Over the scan
// bounds the command is recorded as not covered and the preview lists it.
import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BlobStore } from "../../src/checkpoints/blobs.js";
import { createCheckpointer } from "../../src/checkpoints/checkpointer.js";
import { buildTimeline } from "../../src/checkpoints/timeline.js";
import type { Runtime } from "../../src/runtime/index.js";
import type { BodyRecord } from "../../src/store/records.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { noSandboxReason } from "../helpers/sandbox.js";

const env = runtimeFixture({ "a.txt": "alpha\n", "gone.txt": "keep me\n", "sub/same.txt": "same\n" });

const COMMAND = "echo made > made.txt && rm gone.txt && echo more >> a.txt && chmod 700 a.txt";

async function shellTurn(sandbox: "workspace-write" | "off") {
  chmodSync(path.join(env.t.cwd, "a.txt"), 0o640);
  const rt = await env.open({ sandbox: { mode: sandbox } });
  rt.setApprovalHandler(async () => ({ kind: "once" }));
  const summaries: string[] = [];
  rt.subscribe((e) => {
    if (e.type === "tool_end") summaries.push(e.summary ?? "");
  });
  env.provider.enqueue({ toolCalls: [{ name: "bash", arguments: { command: COMMAND } }] }, { text: "done" });
  await rt.run("shuffle files");
  const ran = rt.messages.find((m) => m.role === "tool");
  expect(ran?.isError ?? false).toBe(false);
  expect(readFileSync(path.join(env.t.cwd, "a.txt"), "utf8")).toBe("alpha\nmore\n");
  // The command really ran where the test says (inside bubblewrap, or unsandboxed).
  expect(summaries.join(" ").includes("sandboxed (workspace-write)")).toBe(sandbox === "workspace-write");
  return rt;
}

async function expectUndone(rt: Runtime) {
  expect(rt.turns()[0]?.files.sort()).toEqual(["a.txt", "gone.txt", "made.txt"]);
  const res = await rt.rewind(1, "code");
  expect(res.restored.map((f) => [f.rel, f.action]).sort()).toEqual([
    ["a.txt", "restore"],
    ["gone.txt", "restore"],
    ["made.txt", "remove"],
  ]);
  expect(readFileSync(path.join(env.t.cwd, "a.txt"), "utf8")).toBe("alpha\n");
  expect(statSync(path.join(env.t.cwd, "a.txt")).mode & 0o7777).toBe(0o640);
  expect(readFileSync(path.join(env.t.cwd, "gone.txt"), "utf8")).toBe("keep me\n");
  expect(existsSync(path.join(env.t.cwd, "made.txt"))).toBe(false);
  expect(res.notCovered).toEqual([]);
}

describe("shell changes", () => {
  it.skipIf(noSandboxReason !== undefined)(
    "in the workspace-write sandbox are undone by a code rewind",
    async () => {
      await expectUndone(await shellTurn("workspace-write"));
    },
  );

  it("without a sandbox (an approved command) are undone too", async () => {
    await expectUndone(await shellTurn("off"));
  });

  it("a workspace over the scan bounds: the command still runs, and the /rewind preview lists it as not covered", async () => {
    for (let i = 0; i <= 5_000; i++) env.t.write(`many/f${i}.txt`, "x");
    const rt = await shellTurn("off");
    const preview = await rt.previewRewind(1, "code");
    expect(preview.notCovered).toEqual([`${COMMAND} (more than 5000 files)`]);
    expect(preview.files).toEqual([]);
    expect(rt.turns()[0]?.notCovered).toHaveLength(1);
  });

  it("over the scan bounds a command is recorded as not covered, with why", async () => {
    const records: BodyRecord[] = [{ t: "msg", at: "", m: { role: "user", content: "go" } }];
    const cp = createCheckpointer({
      blobs: new BlobStore(path.join(env.t.dataHome, "cp")),
      sessionId: () => randomUUID(),
      append: (r) => records.push(r),
      maxBytes: 1e9,
      limits: { maxFiles: 2, maxBytes: 1e9 },
    });
    const watch = await cp.beforeShell!(env.t.cwd, "make everything");
    await watch.after();
    const [turn] = buildTimeline(records);
    expect(turn?.changes).toEqual([]);
    expect(turn?.uncovered).toEqual(["make everything (more than 2 files)"]);
  });
});
