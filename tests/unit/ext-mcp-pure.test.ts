// Pure parts of the MCP layer: tool naming, result rendering, the minimal environment, .mcp.json conversion.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { objectSchema } from "../../src/mcp/adapter.js";
import { minimalEnv } from "../../src/mcp/env.js";
import { assignToolNames, baseToolName, MAX_TOOL_NAME } from "../../src/mcp/names.js";
import { expandVars, loadProjectMcpJson } from "../../src/mcp/project-json.js";
import { MAX_RESULT_CHARS, renderCallResult } from "../../src/mcp/render.js";
import { cleanText } from "../../src/utils/terminal-text.js";

describe("tool names", () => {
  it("sanitises to [a-zA-Z0-9_-] and keeps short names readable", () => {
    expect(baseToolName("github", "create_issue")).toBe("mcp_github_create_issue");
    expect(baseToolName("my server", "read.file/v2")).toBe("mcp_my_server_read_file_v2");
    expect(baseToolName("ünï", "x")).toMatch(/^mcp_[a-zA-Z0-9_-]+_x$/);
  });

  it("cuts long names to 64 characters with a stable hash suffix", () => {
    const long = baseToolName("server", "a".repeat(100));
    expect(long.length).toBe(MAX_TOOL_NAME);
    expect(long).toMatch(/^mcp_server_a+_[0-9a-f]{8}$/);
    expect(baseToolName("server", "a".repeat(100))).toBe(long);
    expect(baseToolName("server", `${"a".repeat(99)}b`)).not.toBe(long);
  });

  it("makes colliding names unique regardless of order", () => {
    const ids = [
      { server: "a_b", tool: "c" },
      { server: "a", tool: "b_c" },
      { server: "x", tool: "y" },
    ];
    const names = assignToolNames(ids);
    expect(new Set(names).size).toBe(3);
    expect(names[2]).toBe("mcp_x_y");
    expect(names[0]).toMatch(/^mcp_a_b_c_[0-9a-f]{8}$/);
    const reversed = assignToolNames([...ids].reverse());
    expect(reversed.reverse()).toEqual(names);
    expect(names.every((n) => /^[a-zA-Z0-9_-]{1,64}$/.test(n))).toBe(true);
  });

  it("avoids reserved names", () => {
    expect(assignToolNames([{ server: "x", tool: "y" }], new Set(["mcp_x_y"]))[0]).not.toBe("mcp_x_y");
  });
});

describe("renderCallResult", () => {
  it("joins text blocks into a string", () => {
    const r = renderCallResult({
      content: [
        { type: "text", text: "a" },
        { type: "text", text: "b" },
      ],
    });
    expect(r.content).toBe("a\nb");
  });

  it("does not repeat structured content that a text block already carries", () => {
    const r = renderCallResult({
      content: [{ type: "text", text: '{"n": 1}' }],
      structuredContent: { n: 1 },
    });
    expect(r.content).toBe('{"n": 1}');
  });

  it("describes audio, binary resources and resource links; keeps image blobs as images", () => {
    const r = renderCallResult({
      content: [
        { type: "audio", mimeType: "audio/wav", data: "AAAA" },
        { type: "resource", resource: { uri: "file:///x.bin", mimeType: "application/zip", blob: "AAAA" } },
        { type: "resource", resource: { uri: "file:///p.png", mimeType: "image/png", blob: "iVBO" } },
        { type: "resource_link", uri: "file:///doc.md", name: "doc", description: "the docs" },
      ],
    });
    expect(r.images).toBe(1);
    expect(r.text).toContain("[audio audio/wav, 3 bytes, not shown]");
    expect(r.text).toContain("[binary resource file:///x.bin (application/zip)");
    expect(r.text).toContain("[resource link: doc file:///doc.md] — the docs");
  });

  it("caps very long text", () => {
    const r = renderCallResult({ content: [{ type: "text", text: "x".repeat(MAX_RESULT_CHARS + 10) }] });
    expect(String(r.content)).toMatch(/\[… 10 characters cut by protoagent\]$/);
  });

  it("renders the legacy toolResult shape", () => {
    expect(renderCallResult({ toolResult: { ok: true } }).content).toBe('{\n  "ok": true\n}');
  });
});

describe("adapter helpers", () => {
  it("ensures an object schema and drops $schema", () => {
    expect(objectSchema(undefined)).toEqual({ type: "object", properties: {}, additionalProperties: true });
    expect(objectSchema({ type: "object", $schema: "x" } as never)).toEqual({
      type: "object",
      properties: {},
    });
  });

  it("strips control and invisible characters from descriptions", () => {
    expect(cleanText("read\u0007 files\u200b\u202e here\n")).toBe("read files here\n");
    // Escape sequences go whole, not just their ESC: no "]0;pwned" or "[31m" left as text.
    expect(cleanText("a\u001b]0;pwned\u0007b\u001b[31mc")).toBe("abc");
  });
});

describe("minimalEnv", () => {
  it("passes only the allow-list plus declared variables", () => {
    const env = minimalEnv(
      { TOKEN: "t" },
      { PATH: "/bin", HOME: "/h", GITHUB_TOKEN: "secret", BASH_FUNC: "x" },
    );
    expect(env).toEqual({ PATH: "/bin", HOME: "/h", TOKEN: "t" });
  });

  it("drops exported shell functions", () => {
    expect(minimalEnv(undefined, { SHELL: "() { :; }; echo pwned" })).toEqual({});
  });
});

describe(".mcp.json", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const project = (content: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ext-mcpjson-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, ".mcp.json"), content);
    return dir;
  };

  /** Writes the literal `${expr}` placeholder syntax under test. */
  const ref = (expr: string) => `\${${expr}}`;

  it("expands $VAR-style placeholders with defaults", () => {
    expect(expandVars(`${ref("A")}-${ref("B:-dflt")}-${ref("C")}`, { A: "a" })).toBe("a-dflt-");
  });

  it("converts the mcpServers shape and reports bad entries", () => {
    const dir = project(
      JSON.stringify({
        mcpServers: {
          fs: { command: "npx", args: ["-y", "server-fs", ref("ROOT")], env: { KEY: ref("KEY:-none") } },
          remote: {
            type: "http",
            url: "https://example.com/mcp",
            headers: { Authorization: `Bearer ${ref("TOK")}` },
          },
          legacy: { type: "sse", url: "https://example.com/sse" },
          gemini: { httpUrl: "https://example.com/h" },
          broken: { type: "websocket", url: "ws://x" },
          empty: {},
        },
      }),
    );
    const loaded = loadProjectMcpJson(dir, { ROOT: "/r", TOK: "t" });
    expect(loaded?.servers).toEqual({
      fs: { command: "npx", args: ["-y", "server-fs", "/r"], env: { KEY: "none" } },
      remote: { type: "http", url: "https://example.com/mcp", headers: { Authorization: "Bearer t" } },
      legacy: { type: "sse", url: "https://example.com/sse" },
      gemini: { type: "http", url: "https://example.com/h" },
    });
    expect(loaded?.errors).toEqual([
      'broken: unsupported type "websocket"',
      'empty: needs "command" or "url"',
    ]);
    expect(loaded?.content).toContain("mcpServers");
  });

  it("returns null without a file and an error for invalid JSON", () => {
    const none = mkdtempSync(path.join(os.tmpdir(), "ext-mcpjson-"));
    dirs.push(none);
    expect(loadProjectMcpJson(none)).toBeNull();
    expect(loadProjectMcpJson(project("{ nope"))?.errors[0]).toMatch(/\.mcp\.json: /);
  });
});

describe("status text", () => {
  it("formats /mcp output and failure notices", async () => {
    const { formatMcpStatus, mcpFailureNotice } = await import("../../src/mcp/status-text.js");
    const failed = {
      name: "gh",
      state: "failed" as const,
      tools: [],
      error: "did not answer within 300 ms\nserver stderr:\nboom",
      trusted: false,
    };
    const ready = {
      name: "fx",
      state: "ready" as const,
      transport: "stdio" as const,
      tools: ["mcp_fx_a"],
      trusted: true,
    };
    expect(formatMcpStatus([ready, failed])).toBe(
      "fx: ready · stdio · trusted\n  tools (1): mcp_fx_a\ngh: failed\n  did not answer within 300 ms\n  server stderr:\n  boom",
    );
    expect(mcpFailureNotice(failed)).toBe('MCP server "gh" failed: did not answer within 300 ms (see /mcp)');
    expect(mcpFailureNotice(ready)).toBeNull();
    expect(formatMcpStatus([])).toMatch(/^No MCP servers configured/);
  });
});
