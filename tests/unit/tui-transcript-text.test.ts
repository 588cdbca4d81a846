import { describe, expect, it } from "vitest";
import { createPainter, stripAnsi, visibleWidth } from "../../src/tui/render/ansi.js";
import { itemText, type TextContext, toolLines } from "../../src/tui/render/transcript-text.js";
import { describeBuiltin } from "../helpers/describe.js";

const ctx = (color = false, width = 80): TextContext => ({
  width,
  painter: createPainter(color),
  header: {
    version: "1.2.3",
    model: "openai/gpt-5-mini",
    sessionId: "abc",
    cwd: "/home/me/project",
    mode: "default",
  },
});

describe("transcript text", () => {
  it("prints the banner with model, session, mode and cwd", () => {
    const out = itemText({ kind: "banner", id: 0 }, ctx());
    expect(out).toContain("protoagent v1.2.3");
    expect(out).toContain("model openai/gpt-5-mini · session abc · mode default");
    expect(out).toContain("/home/me/project");
    expect(itemText({ kind: "banner", id: 0 }, ctx(false, 40))).toContain(
      "\nmodel openai/gpt-5-mini · session abc\nmode default\n",
    );
  });

  it("clips a table's rows to the width (a wrapped row is unreadable) and wraps other output", () => {
    const row =
      "00:34:11 sub_agent      auto               ok          4060 Survey the top folder and report";
    const table = itemText(
      { kind: "output", id: 2, title: "/audit", body: `TIME TOOL\n${row}`, table: true },
      ctx(false, 60),
    );
    const lines = table.split("\n").filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => visibleWidth(l) <= 60)).toBe(true);
    expect(lines[2]).toMatch(/^00:34:11 sub_agent .*…$/);
    const prose = itemText({ kind: "output", id: 3, title: "/agents", body: row }, ctx(false, 60));
    expect(prose.split("\n").filter(Boolean)).toHaveLength(3);
  });

  it("packs the header's facts into rows that fit, never splitting one (the terminal would, mid-word)", () => {
    const c = ctx();
    const header = {
      ...c.header,
      sessionId: "7db6ef6a-cc19-4a2a-b730-769fce23a02a",
      sandbox: "read-only",
    };
    const rows = itemText({ kind: "banner", id: 0 }, { ...c, header }).split("\n");
    expect(rows.every((r) => visibleWidth(r) <= 80)).toBe(true);
    expect(rows).toContain("model openai/gpt-5-mini · session 7db6ef6a-cc19-4a2a-b730-769fce23a02a");
    expect(rows).toContain("mode default · sandbox read-only");
  });

  it("shows the sandbox mode on the header line", () => {
    const c = ctx();
    const out = itemText({ kind: "banner", id: 0 }, { ...c, header: { ...c.header, sandbox: "read-only" } });
    expect(out).toContain("· mode default · sandbox read-only");
  });

  it("prints user prompts, notices and the interrupted marker", () => {
    expect(itemText({ kind: "user", id: 1, text: "fix it" }, ctx())).toBe("\n❯ fix it\n");
    expect(itemText({ kind: "notice", id: 2, level: "error", text: "Error: boom" }, ctx())).toBe(
      "\nError: boom\n",
    );
    expect(itemText({ kind: "interrupted", id: 3 }, ctx())).toContain("Interrupted");
  });

  it("fits tool lines to narrow terminals and keeps colour off without a colour painter", () => {
    const tool = {
      callId: "1",
      name: "bash",
      description: describeBuiltin("bash", { command: `echo ${"x".repeat(100)}` }),
      status: "done" as const,
      live: "",
      startedAt: 0,
      content: "ok",
    };
    const lines = toolLines(tool, false, 40, createPainter(false));
    for (const l of lines) expect(visibleWidth(l)).toBeLessThanOrEqual(40);
    expect(lines[0]).toMatch(/^✓ bash echo x+…$/);
    const colored = toolLines(tool, false, 40, createPainter(true));
    expect(stripAnsi(colored.join("\n"))).toBe(lines.join("\n"));
    expect(colored[0]).toContain("\u001b[32m✓");
  });
});

describe("resumed history", () => {
  it("replays prompts, answers and tool calls with their results", async () => {
    const { historyItems } = await import("../../src/tui/state/replay.js");
    const items = historyItems([
      { role: "system", content: "sys" },
      { role: "user", content: "list files" },
      {
        role: "assistant",
        content: "Sure.",
        toolCalls: [{ id: "c1", name: "list_directory", arguments: '{"path":"."}' }],
      },
      { role: "tool", toolCallId: "c1", name: "list_directory", content: "a.ts\nb.ts" },
      { role: "assistant", content: "Two files.", interrupted: true },
    ]);
    expect(items.map((i) => i.kind)).toEqual(["user", "markdown", "tool", "markdown", "interrupted"]);
    expect(items[2]).toMatchObject({
      kind: "tool",
      tool: {
        name: "list_directory",
        status: "done",
        content: "a.ts\nb.ts",
        description: { title: "Call list_directory", kind: "other" },
      },
    });
  });
});
