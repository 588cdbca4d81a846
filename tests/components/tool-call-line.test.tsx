import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { Markdown } from "../../src/components/Markdown.js";
import { ToolCallLine } from "../../src/components/ToolCallLine.js";
import { UsageBar } from "../../src/components/UsageBar.js";
import type { ToolView } from "../../src/tui/state/app-types.js";
import { describeBuiltin } from "../helpers/describe.js";
import { renderUi } from "./helpers.js";

afterEach(() => cleanup());

const tool = (t: Partial<ToolView>): ToolView => ({
  callId: "c",
  name: "edit_file",
  description: describeBuiltin("edit_file", { file_path: "src/a.ts", old_string: "a", new_string: "b" }),
  status: "done",
  live: "",
  startedAt: 0,
  ...t,
});
const diff = [
  "--- a/src/a.ts",
  "+++ b/src/a.ts",
  "@@ -1,30 +1,30 @@",
  ...Array.from({ length: 30 }, (_, i) => (i % 2 ? `-old ${i}` : `+new ${i}`)),
].join("\n");

describe("ToolCallLine", () => {
  it("shows status, subject and summary, and colours diffs", async () => {
    const r = renderUi(
      <ToolCallLine
        tool={tool({
          details: { kind: "diff", path: "src/a.ts", diff, added: 15, removed: 15, created: false },
        })}
        expanded={false}
        width={80}
      />,
      true,
    );
    const screen = await r.waitFor("edited +15 -15");
    expect(screen).toContain("✓ edit_file src/a.ts");
    // Printed diffs look like the viewer's: numbered rows, then what is left and how to see it.
    expect(screen).toContain("   1    │ -old 1");
    expect(screen).toContain("… 21 more row(s) · +15 −15 in 1 hunk · ctrl+o to view, /expand to print");
    const raw = r.lastFrame() ?? "";
    expect(raw).toContain("\u001b[32m+new 0");
    expect(raw).toContain("\u001b[31m-old 1");
  });

  it("shows everything when expanded, and errors and denials by status", async () => {
    const r = renderUi(
      <ToolCallLine
        tool={tool({
          details: { kind: "diff", path: "src/a.ts", diff, added: 15, removed: 15, created: false },
        })}
        expanded
        width={80}
      />,
    );
    expect(await r.waitFor("-old 29")).not.toContain("more line(s)");
    cleanup();
    const e = renderUi(
      <ToolCallLine
        tool={tool({ name: "read_file", status: "error", content: "File not found: x.ts" })}
        expanded={false}
        width={80}
      />,
    );
    expect(await e.waitFor("✗ read_file src/a.ts")).toContain("File not found: x.ts");
    cleanup();
    const d = renderUi(
      <ToolCallLine
        tool={tool({
          name: "bash",
          description: describeBuiltin("bash", { command: "rm -rf build" }),
          status: "denied",
          details: { kind: "denied", reason: "Rejected by the user.", feedback: "use git clean" },
        })}
        expanded={false}
        width={80}
      />,
    );
    expect(await d.waitFor("⊘ bash rm -rf build")).toContain("feedback: use git clean");
  });

  it("streams live shell output while running", async () => {
    const r = renderUi(
      <ToolCallLine
        tool={tool({
          name: "bash",
          description: describeBuiltin("bash", { command: "npm test" }),
          status: "running",
          live: "PASS a\nPASS b",
        })}
        expanded={false}
        width={80}
      />,
    );
    // Still: the status line holds the one spinner on screen.
    expect(await r.waitFor("PASS b")).toContain("◌ bash npm test");
  });
});

describe("Markdown and UsageBar", () => {
  it("emit no colour codes when colour is off (NO_COLOR)", async () => {
    const r = renderUi(<Markdown text={"# T\n\n**b** `c`"} width={40} />, false);
    await r.waitFor("T");
    expect(r.lastFrame()).not.toMatch(/\u001b\[3\d/);
  });

  it("shows tokens, context share, cost and turn time", async () => {
    const usage = {
      lastInput: 12_300,
      lastOutput: 456,
      totalInput: 20_000,
      totalOutput: 900,
      contextTokens: 32_000,
      contextWindow: 128_000,
      costUsd: 0.0123,
      seen: true,
    };
    const r = renderUi(
      <UsageBar
        model="openai/gpt-5-mini"
        mode="plan"
        usage={usage}
        turnMs={3200}
        running={false}
        queued={1}
      />,
    );
    expect(await r.waitFor("ctx")).toContain(
      "openai/gpt-5-mini · plan · ↑12k ↓456 · ctx 25% of 128k · $0.0123 · last turn 3.2s · 1 queued",
    );
  });
});
