// What the model sees: the JSON schema of every built-in tool (plus sub_agent), snapshotted so that any change
// to a name, parameter, type or description shows up in review.
import { describe, expect, it } from "vitest";
import { builtinTools } from "../../src/tools/builtin.js";
import { createSubAgentTool } from "../../src/tools/sub-agent.js";
import { toolSchema } from "../../src/tools/tool.js";

describe("tool schemas", () => {
  const tools = [
    ...builtinTools(),
    createSubAgentTool(async () => ({ text: "", reason: "completed", turns: 0 })),
  ];

  it("has the nine built-in tools in order, then sub_agent", () => {
    expect(tools.map((t) => t.name)).toEqual([
      "read_file",
      "write_file",
      "edit_file",
      "list_directory",
      "search_files",
      "bash",
      "todo_read",
      "todo_write",
      "webfetch",
      "sub_agent",
    ]);
  });

  it("matches the snapshot", () => {
    expect(tools.map(toolSchema)).toMatchSnapshot();
  });

  it("uses the reference's parameter names", () => {
    const params = Object.fromEntries(
      tools.map((t) => [t.name, Object.keys((toolSchema(t).function.parameters.properties ?? {}) as object)]),
    );
    expect(params).toMatchObject({
      read_file: ["file_path", "offset", "limit"],
      write_file: ["file_path", "content"],
      list_directory: ["directory_path"],
      bash: ["command", "timeout_ms", "sandbox"],
      todo_read: [],
      todo_write: ["todos"],
    });
    expect(params.edit_file).toEqual(
      expect.arrayContaining([
        "file_path",
        "old_string",
        "new_string",
        "expected_replacements",
        "replace_all",
      ]),
    );
    expect(params.search_files).toEqual(
      expect.arrayContaining(["search_term", "directory_path", "file_extensions", "case_sensitive"]),
    );
    expect(params.webfetch).toEqual(expect.arrayContaining(["url", "format", "timeout"]));
  });
});
