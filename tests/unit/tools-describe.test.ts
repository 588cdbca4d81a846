// Every tool describes its own calls (title, ACP kind, subject, locations and the facts rules match), the
// neutral fallback covers unknown tools and invalid arguments, and the TUI shows what the description says —
// live and in replayed history alike, with invisible characters made visible.
import { describe, expect, it } from "vitest";
import { createMcpTool } from "../../src/mcp/adapter.js";
import type { McpConnection } from "../../src/mcp/connection.js";
import { createActivateSkillTool } from "../../src/skills/activate.js";
import type { Skill } from "../../src/skills/types.js";
import { builtinTools } from "../../src/tools/builtin.js";
import { describeCall } from "../../src/tools/describe.js";
import { createSubAgentTool } from "../../src/tools/sub-agent.js";
import type { Tool } from "../../src/tools/tool.js";
import { createPainter } from "../../src/tui/render/ansi.js";
import { toolSubject } from "../../src/tui/render/tool-view.js";
import { toolLines } from "../../src/tui/render/transcript-text.js";
import { initialState, reducer } from "../../src/tui/state/app-state.js";
import { historyItems } from "../../src/tui/state/replay.js";
import { describeBuiltin, toolStart } from "../helpers/describe.js";

const env = { cwd: "/ws" };
const builtins = new Map(builtinTools().map((t) => [t.name, t]));
const describeWith = (tool: Tool | undefined, name: string, args: unknown) =>
  describeCall(tool, name, args, env);

describe("built-in tools describe their calls", () => {
  it.each([
    [
      "read_file",
      { file_path: "src/app.ts", offset: 10 },
      {
        title: "Read src/app.ts",
        kind: "read",
        subject: "src/app.ts",
        path: "/ws/src/app.ts",
        locations: [{ path: "/ws/src/app.ts", line: 10 }],
      },
    ],
    [
      "write_file",
      { file_path: "notes.md", content: "x" },
      {
        title: "Write notes.md",
        kind: "edit",
        subject: "notes.md",
        path: "/ws/notes.md",
        locations: [{ path: "/ws/notes.md" }],
      },
    ],
    [
      "edit_file",
      { file_path: "src/app.ts", old_string: "a", new_string: "b" },
      {
        title: "Edit src/app.ts",
        kind: "edit",
        subject: "src/app.ts",
        path: "/ws/src/app.ts",
        locations: [{ path: "/ws/src/app.ts" }],
      },
    ],
    ["list_directory", {}, { title: "List .", kind: "search", path: "/ws", locations: [{ path: "/ws" }] }],
    [
      "list_directory",
      { directory_path: "src" },
      {
        title: "List src",
        kind: "search",
        subject: "src",
        path: "/ws/src",
        locations: [{ path: "/ws/src" }],
      },
    ],
    [
      "search_files",
      { search_term: "TODO", directory_path: "src" },
      {
        title: "Search TODO in src",
        kind: "search",
        subject: "TODO in src",
        path: "/ws/src",
        locations: [{ path: "/ws/src" }],
      },
    ],
    [
      "bash",
      { command: "npm test" },
      { title: "Run: npm test", kind: "execute", subject: "npm test", command: "npm test" },
    ],
    [
      "bash",
      { command: "make\nmake install" },
      { title: "Run: make …", kind: "execute", subject: "make …", command: "make\nmake install" },
    ],
    [
      "webfetch",
      { url: "https://docs.rs/zod" },
      {
        title: "Fetch https://docs.rs/zod",
        kind: "fetch",
        subject: "https://docs.rs/zod",
        url: "https://docs.rs/zod",
      },
    ],
    ["todo_read", {}, { title: "Read the todo list", kind: "think" }],
    [
      "todo_write",
      { todos: [{ id: "1", content: "a", status: "pending", priority: "low" }] },
      { title: "Update the todo list (1 item(s))", kind: "think", subject: "1 item(s)" },
    ],
  ])("%s %j", (name, args, expected) => {
    expect(describeWith(builtins.get(name), name, args)).toEqual(expected);
  });

  it("every built-in implements describe()", () => {
    expect(
      builtinTools()
        .filter((t) => !t.describe)
        .map((t) => t.name),
    ).toEqual([]);
  });

  it("declares which built-ins approve themselves (the executor asks for all others)", () => {
    expect(
      builtinTools()
        .filter((t) => t.approvesItself)
        .map((t) => t.name),
    ).toEqual(["read_file", "write_file", "edit_file", "bash", "webfetch"]);
  });
});

describe("other tools describe their calls", () => {
  const connection = (trust: boolean) => ({ name: "gh", config: { trust } }) as unknown as McpConnection;

  it("MCP tools: Call server/tool, kind from the read-only annotation, the first text argument as subject", () => {
    const list = createMcpTool({
      exposedName: "mcp_gh_list",
      connection: connection(false),
      def: { name: "list", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } },
    });
    const create = createMcpTool({
      exposedName: "mcp_gh_create",
      connection: connection(true),
      def: { name: "create", inputSchema: { type: "object" } },
    });
    expect(describeWith(list, list.name, { n: 3, query: "is:open\nlabel:bug" })).toEqual({
      title: "Call gh/list",
      kind: "read",
      subject: "is:open …",
    });
    expect(describeWith(create, create.name, {})).toEqual({ title: "Call gh/create", kind: "other" });
    // An untrusted server's read-only claim is only a display hint: its calls still ask (not safe).
    expect([list.readOnly, list.safe, list.approvesItself]).toEqual([false, false, undefined]);
    expect([create.readOnly, create.safe]).toEqual([false, true]);
  });

  it("activate_skill and sub_agent", () => {
    const skill = { name: "release", description: "d", dir: "/skills/release" } as Skill;
    const activate = createActivateSkillTool([skill]) as Tool;
    expect(describeWith(activate, "activate_skill", { name: "release" })).toEqual({
      title: "Activate skill release",
      kind: "read",
      subject: "release",
    });
    const sub = createSubAgentTool(async () => ({ text: "", reason: "completed", turns: 0 }));
    expect(describeWith(sub, "sub_agent", { task: "Find every config parser\nand summarise" })).toEqual({
      title: "Delegate: Find every config parser …",
      kind: "other",
      subject: "Find every config parser …",
    });
  });

  it("falls back to a neutral description for unknown tools, invalid arguments and a failing describe()", () => {
    expect(describeWith(undefined, "mystery", { path: "x" })).toEqual({
      title: "Call mystery",
      kind: "other",
    });
    expect(describeWith(builtins.get("read_file"), "read_file", { path: "x" })).toEqual({
      title: "Call read_file",
      kind: "other",
    });
    const broken = {
      ...(builtins.get("todo_read") as Tool),
      describe: () => {
        throw new Error("bug");
      },
    };
    expect(describeWith(broken, "todo_read", {})).toEqual({ title: "Call todo_read", kind: "other" });
  });
});

describe("the TUI shows the description", () => {
  it("takes the subject from the description, with invisible characters made visible", () => {
    let s = reducer(initialState(), { type: "static_printed", upTo: 0 });
    s = reducer(s, {
      type: "event",
      event: toolStart("a", "bash", { command: "echo a\u202eb\u001b[2J" }),
      at: 1,
    });
    const view = s.live.tools[0]!;
    expect(view.description.command).toBe("echo a\u202eb\u001b[2J");
    expect(toolSubject(view)).toBe("echo a⟨U+202E⟩b⟨ESC⟩[2J");
    expect(toolLines(view, false, 80, createPainter(false))[0]).toBe("◌ bash echo a⟨U+202E⟩b⟨ESC⟩[2J");
  });

  it("shows whatever subject the tool chose, not a guess from argument names", () => {
    const view = {
      callId: "c",
      name: "mcp_x_y",
      description: { title: "Call x/y", kind: "other" as const, subject: "chosen" },
      status: "done" as const,
      live: "",
      startedAt: 0,
    };
    expect(toolLines(view, false, 80, createPainter(false))[0]).toBe("✓ mcp_x_y chosen");
    expect(toolSubject({ description: { title: "t", kind: "other" } })).toBe("");
  });

  it("replayed history is described through the same lookup, so it looks like the live call", () => {
    const args = { search_term: "TODO", directory_path: "src" };
    const items = historyItems(
      [
        { role: "user", content: "find todos" },
        {
          role: "assistant",
          content: "",
          toolCalls: [{ id: "c1", name: "search_files", arguments: JSON.stringify(args) }],
        },
        { role: "tool", toolCallId: "c1", name: "search_files", content: "none" },
      ],
      describeBuiltin,
    );
    const replayed = items.find((i) => i.kind === "tool");
    expect(replayed).toMatchObject({ tool: { description: describeBuiltin("search_files", args) } });
    const live = toolStart("c1", "search_files", args);
    expect(live.type === "tool_start" && live.description).toEqual(describeBuiltin("search_files", args));
    const painter = createPainter(false);
    const line = replayed?.kind === "tool" ? toolLines(replayed.tool, false, 80, painter)[0] : "";
    expect(line).toBe("✓ search_files TODO in src");
  });
});
