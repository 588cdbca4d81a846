// MCP prompts, resources and tool search against the real catalog fixture (a stdio MCP server whose lists are
// paginated two a page) and the real fake OpenAI server: what the user's `/mcp__…` command and `@server:uri`
// put into the request body, and which tool schemas the requests carry before and after mcp_load_tools.
import { afterEach, describe, expect, it } from "vitest";
import { McpManager } from "../../src/mcp/manager.js";
import { promptArguments } from "../../src/mcp/prompts.js";
import { rankTools } from "../../src/mcp/search-tools.js";
import type { Runtime } from "../../src/runtime/index.js";
import type { Tool } from "../../src/tools/tool.js";
import { catalogFixture, executeThrough, testContext } from "../fixtures/mcp/harness.js";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { writeFakeUserConfig } from "../helpers/temp.js";

const env = runtimeFixture();

async function openWith(mcp: Record<string, unknown>, images = false): Promise<Runtime> {
  const providers = {
    fake: {
      baseURL: env.provider.url,
      apiKey: "test-key",
      compat: { supportsImages: images },
      models: { m1: { contextWindow: 100_000 } },
    },
  };
  writeFakeUserConfig(env.t, env.provider.url, { mcp, providers });
  const rt = await env.open();
  await rt.mcpSettled();
  return rt;
}

const lastUser = (i: number) => {
  const msgs = env.provider.requests[i]?.body.messages ?? [];
  return [...msgs].reverse().find((m) => m.role === "user")?.content;
};
const toolNames = (i: number) =>
  (env.provider.requests[i]?.body.tools ?? []).map(
    (t) => (t as { function: { name: string } }).function.name,
  );

describe("pure parts", () => {
  const p = {
    name: "p",
    arguments: [{ name: "file", required: true }, { name: "focus" }, { name: "note", required: true }],
  };
  it("parses positional, key=value and quoted arguments; leftovers join the last open argument", () => {
    expect(promptArguments("c", p, "a.ts speed the rest of it")).toEqual({
      file: "a.ts",
      focus: "speed",
      note: "the rest of it",
    });
    expect(promptArguments("c", p, `note='keep it short' "my file.ts"`)).toEqual({
      file: "my file.ts",
      note: "keep it short",
    });
    expect(() => promptArguments("c", p, "focus=x")).toThrow("/c: missing required arguments: file, note");
  });

  it("ranks whole name words above parts of names above descriptions", () => {
    const tool = (name: string, description: string) => ({ name, description }) as Tool;
    const tools = [tool("w_17", "other"), tool("w_7", "other"), tool("x", "about w 7"), tool("y", "none")];
    expect(rankTools(tools, "w 7").map((t) => t.name)).toEqual(["w_7", "w_17", "x"]);
    expect(rankTools(tools, "")).toHaveLength(4);
  });
});

describe("MCP prompts as slash commands", () => {
  it("lists every page of prompts with a clean one-line hint and expands arguments into the user turn", async () => {
    const rt = await openWith({ servers: { cat: catalogFixture() } });
    const offers = rt.mcpPrompts();
    expect(offers.map((o) => o.name)).toEqual(["mcp__cat__greet", "mcp__cat__review", "mcp__cat__noargs"]);
    const greet = offers[0]!.hint;
    expect(greet).toBe("<name> [style] — Greets someone politely. Second line.");
    expect(greet).not.toMatch(/[\u0000-\u001f]/);

    env.provider.enqueue({ text: "hi Ada" }, { text: "hi Bob" });
    await rt.run(await rt.mcpPrompt("mcp__cat__greet", "Ada"));
    expect(lastUser(0)).toBe("Please greet Ada.");
    await rt.run(await rt.mcpPrompt("mcp__cat__greet", 'style=formal name="Bob Smith"'));
    expect(lastUser(1)).toBe("Please greet Bob Smith in a formal style.");
  });

  it("names the missing required arguments in one line, and refuses unknown prompts", async () => {
    const rt = await openWith({ servers: { cat: catalogFixture() } });
    await expect(rt.mcpPrompt("mcp__cat__greet", "style=terse")).rejects.toThrow(
      /^\/mcp__cat__greet: missing required argument: name$/,
    );
    await expect(rt.mcpPrompt("mcp__cat__greet", "")).rejects.toThrow("missing required argument: name");
    await expect(rt.mcpPrompt("mcp__cat__noargs", "extra")).rejects.toThrow("takes no more arguments");
    await expect(rt.mcpPrompt("mcp__cat__nope", "")).rejects.toThrow("No MCP prompt /mcp__cat__nope");
    expect(env.provider.requests).toHaveLength(0);
  });

  it("sends embedded resources as text, images as image parts and labels the roles of several messages", async () => {
    const rt = await openWith({ servers: { cat: catalogFixture() } }, true);
    env.provider.enqueue({ text: "reviewed" });
    await rt.run(await rt.mcpPrompt("mcp__cat__review", "naming"));
    const parts = lastUser(0) as Array<{ type: string; text?: string; image_url?: { url: string } }>;
    expect(Array.isArray(parts)).toBe(true);
    const text = parts.flatMap((p) => (p.text ? [p.text] : [])).join("\n");
    expect(text).toContain("[user]\nReview about naming:");
    expect(text).toContain('<resource uri="mem://snippet">\nlet x = 1\n</resource>');
    expect(text).toContain("[assistant]\nI will review it.");
    expect(
      parts.some((p) => p.type === "image_url" && p.image_url?.url.startsWith("data:image/png;base64,")),
    ).toBe(true);
  });
});

describe("prompts/list_changed", () => {
  const managers: McpManager[] = [];
  afterEach(async () => {
    for (const m of managers.splice(0)) await m.close();
  });

  it("refreshes the prompt list when the server says it changed", async () => {
    const manager = new McpManager();
    managers.push(manager);
    const changes: Array<() => void> = [];
    manager.start(
      { cat: catalogFixture() },
      {
        cwd: process.cwd(),
        onToolsChanged: () => {},
        onStatus: () => {
          for (const wake of changes.splice(0)) wake();
        },
      },
    );
    await manager.settled();
    const names = () => manager.prompts().map((p) => p.prompt.name);
    expect(names()).toEqual(["greet", "review", "noargs"]);
    const add = manager.tools().find((t) => t.name === "mcp_cat_add_prompt")!;
    const { ctx } = testContext();
    expect((await executeThrough(add, {}, ctx)).text).toBe("added");
    while (!names().includes("late")) await new Promise<void>((wake) => changes.push(wake));
    expect(names()).toEqual(["greet", "review", "noargs", "late"]);
  });
});

describe("MCP resources as @server:uri attachments", () => {
  it("reads a text resource into the request like a file, lists all pages, and refuses binary or unknown", async () => {
    const rt = await openWith({ servers: { cat: catalogFixture() } });
    expect(rt.mcpResources().map((r) => r.name)).toEqual([
      "cat:file:///guide.md",
      "cat:file:///logo.png",
      "cat:mem://notes",
    ]);
    const a = await rt.attachFile("cat:file:///guide.md");
    expect(a).toMatchObject({ path: "cat:file:///guide.md", lines: 2, truncated: false });
    env.provider.enqueue({ text: "read it" });
    await rt.run("summarise", { attachments: [a] });
    expect(lastUser(0)).toBe(
      'summarise\n\n<attached_file path="cat:file:///guide.md" lines="2">\n# Guide\nStep one.\n</attached_file>',
    );
    await expect(rt.attachFile("cat:file:///logo.png")).rejects.toThrow(
      "cat:file:///logo.png is binary (image/png); only text resources can be attached.",
    );
    await expect(rt.attachFile("nope:file:///guide.md")).rejects.toThrow('no MCP server named "nope"');
    await expect(rt.attachFile("cat:file:///missing.md")).rejects.toThrow(
      "could not read file:///missing.md",
    );
  });
});

describe("MCP tool search", () => {
  it("above the threshold sends only the meta tools until a load, then appends the loaded tools", async () => {
    const rt = await openWith({ servers: { cat: catalogFixture(30) }, toolSearch: { threshold: 0.01 } });
    const names = rt.tools().map((t) => t.name);
    expect(names).toContain("mcp_search_tools");
    expect(names.filter((n) => n.startsWith("mcp_cat_"))).toEqual([]);
    expect(rt.describe("mcp")).toMatch(/schema cost: ≈\d+ tokens per request/);
    expect(rt.describe("mcp")).toContain(
      "tool search on (above 1% of the 100000-token window): 0 of 32 tools loaded",
    );

    env.provider.enqueue(
      { toolCalls: [{ name: "mcp_search_tools", arguments: { query: "widget 7" } }] },
      { toolCalls: [{ name: "mcp_load_tools", arguments: { names: ["mcp_cat_widget_7", "mcp_cat_nope"] } }] },
      { toolCalls: [{ name: "mcp_cat_widget_7", arguments: { alpha: "a" } }] },
      { text: "done" },
    );
    rt.setApprovalHandler(async () => ({ kind: "once" }));
    const events: string[] = [];
    rt.subscribe((e) => events.push(JSON.stringify(e).slice(0, 300)));
    const result = await rt.run("use widget 7");
    expect(result.reason, events.join("\n")).toBe("completed");
    const mcpIn = (i: number) => toolNames(i).filter((n) => n.startsWith("mcp_"));
    expect(mcpIn(0)).toEqual(["mcp_search_tools", "mcp_load_tools"]);
    const found = env.provider.requests[1]!.body.messages.at(-1)!.content as string;
    expect(found.split("\n")[0]).toMatch(/^mcp_cat_widget_7 — /);
    expect(mcpIn(1)).toEqual(["mcp_search_tools", "mcp_load_tools"]);
    expect(mcpIn(2)).toEqual(["mcp_search_tools", "mcp_load_tools", "mcp_cat_widget_7"]);
    expect(String(env.provider.requests[2]!.body.messages.at(-1)!.content)).toContain(
      "Not found: mcp_cat_nope",
    );
    expect(String(env.provider.requests[3]!.body.messages.at(-1)!.content)).toContain("pong from widget_7");
    // The loaded tool is appended: the earlier tools (and so the cacheable prefix) are byte-identical.
    const before = env.provider.requests[1]!.body.tools!;
    expect(JSON.stringify(env.provider.requests[2]!.body.tools!.slice(0, before.length))).toBe(
      JSON.stringify(before),
    );
    expect(rt.describe("mcp")).toContain("1 of 32 tools loaded");

    // A resumed session reloads what its history loaded; compaction (history replaced) keeps the set.
    await rt.newSession({ resume: rt.id });
    await rt.mcpSettled();
    expect(
      rt
        .tools()
        .filter((t) => t.name.startsWith("mcp_"))
        .map((t) => t.name),
    ).toEqual(["mcp_search_tools", "mcp_load_tools", "mcp_cat_widget_7"]);
    env.provider.enqueue({ text: "summary of the work" }, { text: "still here" });
    await rt.compact();
    await rt.run("again");
    const last = env.provider.requests.length - 1;
    expect(env.provider.requests[last]!.body.messages.length).toBeLessThan(6);
    expect(mcpIn(last)).toEqual(["mcp_search_tools", "mcp_load_tools", "mcp_cat_widget_7"]);
  });

  it("decides again when the model (and its window) changes, keeping what was loaded", async () => {
    writeFakeUserConfig(env.t, env.provider.url, {
      mcp: { servers: { cat: catalogFixture(30) }, toolSearch: { threshold: 0.01 } },
      providers: {
        fake: {
          baseURL: env.provider.url,
          apiKey: "test-key",
          models: { m1: { contextWindow: 100_000 }, big: { contextWindow: 10_000_000 } },
        },
      },
    });
    const rt = await env.open();
    await rt.mcpSettled();
    const mcpTools = () => rt.tools().filter((t) => t.name.startsWith("mcp_"));
    expect(mcpTools().map((t) => t.name)).toEqual(["mcp_search_tools", "mcp_load_tools"]);
    rt.setModel("fake/big");
    await rt.mcpSettled();
    expect(mcpTools()).toHaveLength(32);
    expect(rt.describe("mcp")).toContain("tool search off");
    rt.setModel("fake/m1");
    await rt.mcpSettled();
    expect(mcpTools().map((t) => t.name)).toEqual(["mcp_search_tools", "mcp_load_tools"]);
  });

  it("below the threshold (default 10 %) and with mode never, every schema is sent", async () => {
    const rt = await openWith({ servers: { cat: catalogFixture(3) } });
    expect(rt.tools().map((t) => t.name)).toContain("mcp_cat_widget_2");
    expect(rt.tools().map((t) => t.name)).not.toContain("mcp_search_tools");
    const rt2 = await openWith({
      servers: { cat: catalogFixture(30) },
      toolSearch: { threshold: 0.01, mode: "never" },
    });
    expect(rt2.tools().filter((t) => t.name.startsWith("mcp_cat_"))).toHaveLength(32);
  });
});
