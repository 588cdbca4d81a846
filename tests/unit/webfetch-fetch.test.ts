// webfetch against a real local HTTP server on 127.0.0.1. Test names (site.test, other.test) resolve to
// 127.0.0.1 through an injected lookup, and the injected address policy permits exactly 127.0.0.1, so the
// production policy is never weakened; a separate test proves the default tool refuses the same server.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApprovalEngine } from "../../src/approval/engine.js";
import { type ApprovalRequest, ToolDeniedError } from "../../src/approval/types.js";
import { createToolState, type ToolContext } from "../../src/tools/tool.js";
import { createWebfetchTool, webfetchTool } from "../../src/tools/webfetch.js";
import type { LookupFn } from "../../src/utils/net-guard.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";

let server: http.Server;
let port = 0;
const hits: string[] = [];
let onHit: ((path: string) => void) | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const p = req.url ?? "/";
    hits.push(`${req.headers.host}${p}`);
    onHit?.(p);
    const go = (loc: string) => res.writeHead(302, { location: loc }).end();
    if (p === "/page") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        "<html><head><title>Docs &amp; guides</title></head><body><h1>Hello</h1><p>A <a href='/x'>link</a>\u202e.</p><script>evil()</script></body></html>",
      );
    } else if (p === "/json") res.writeHead(200, { "content-type": "application/json" }).end('{"a":1}');
    else if (p === "/latin1")
      res
        .writeHead(200, { "content-type": "text/plain; charset=iso-8859-1" })
        .end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    else if (p === "/gzip") {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
      res.end(zlib.gzipSync("zipped text"));
    } else if (p === "/big") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(300_000));
    } else if (p === "/bomb") {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
      res.end(zlib.gzipSync(Buffer.alloc(20_000_000, 0x61)));
    } else if (p === "/image") res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(10));
    else if (p === "/missing") res.writeHead(404).end("no");
    else if (p === "/hang") {
      // Never answers; the test aborts or times out.
    } else if (p === "/to-page") go("/page");
    else if (p === "/to-private-name") go(`http://private.test:${port}/page`);
    else if (p === "/to-metadata") go("http://169.254.169.254/latest/meta-data/");
    else if (p === "/to-loopback-encoded") go(`http://0x7f.1:${port}/page`);
    else if (p === "/to-other") go(`http://other.test:${port}/page`);
    else if (p === "/to-file") go("file:///etc/passwd");
    else if (p === "/loop") go("/loop");
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  hits.length = 0;
  onHit = undefined;
});

const NAMES: Record<string, string> = {
  "site.test": "127.0.0.1",
  "other.test": "127.0.0.1",
  "private.test": "10.0.0.1",
};
let lookups: string[] = [];
const lookup: LookupFn = async (host) => {
  lookups.push(host);
  const address = NAMES[host];
  if (!address) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return [{ address, family: 4 }];
};
const onlyLocal = (ip: string) => ip === "127.0.0.1";
const tool = createWebfetchTool({
  lookup,
  allowAddress: onlyLocal,
  maxBytes: 100_000,
  maxOutputChars: 50_000,
});

function context(
  opts: { allow?: string[]; signal?: AbortSignal; asked?: ApprovalRequest[] } = {},
): ToolContext {
  const engine = createApprovalEngine({
    mode: "default",
    rules: { allow: opts.allow ?? ["webfetch(domain:site.test)"] },
    specifierOf: builtinSpecifiers,
    headless: opts.asked === undefined,
    cwd: "/ws",
    ...(opts.asked
      ? {
          handler: async (p: { request: ApprovalRequest }) => {
            opts.asked?.push(p.request);
            return { kind: "once" as const };
          },
        }
      : {}),
  });
  const signal = opts.signal ?? new AbortController().signal;
  return {
    cwd: "/ws",
    readOnlyRoots: [],
    signal,
    sessionId: "s",
    callId: "c",
    state: createToolState(),
    approve: (req) => engine.approve(req, signal),
    update: () => {},
  };
}
const url = (p: string, host = "site.test") => `http://${host}:${port}${p}`;
const run = (p: string, format: "markdown" | "text" | "html" = "markdown", ctx = context()) =>
  tool.execute({ url: url(p), format }, ctx);

describe("webfetch over a local server", () => {
  beforeEach(() => {
    lookups = [];
  });

  it("converts HTML to markdown with a header, details and summary", async () => {
    const r = await run("/page");
    expect(r.content).toMatch(/^Fetched http:\/\/site\.test:\d+\/page \(HTTP 200, text\/html; charset utf-8/);
    expect(r.content).toContain("Title: Docs & guides");
    expect(r.content).toContain("# Hello");
    expect(r.content).toContain("[link](/x)");
    expect(r.content).not.toContain("evil()");
    expect(r.content).not.toContain("\u202e");
    expect(r.details).toMatchObject({ kind: "fetch", status: 200, contentType: "text/html" });
    expect(r.summary).toMatch(/^200 · text\/html · \d+ B$/);
    expect(hits).toEqual([`site.test:${port}/page`]); // Host header keeps the name
  });

  it("text and html formats; JSON fenced in markdown; charset and gzip decoded", async () => {
    expect((await run("/page", "text")).content).toMatch(/Hello\n\nA link\./);
    expect((await run("/page", "html")).content).toContain("<script>evil()</script>");
    expect((await run("/json")).content).toContain('```json\n{"a":1}\n```');
    expect((await run("/latin1", "text")).content).toMatch(/café$/);
    expect((await run("/gzip", "text")).content).toMatch(/zipped text$/);
  });

  it("caps the download while streaming, including decompressed bombs", async () => {
    const big = await run("/big", "text");
    expect(big.details).toMatchObject({ bytes: 100_000 });
    expect(big.content).toContain("The download stopped at the 97.7 KB limit.");
    expect(big.summary).toContain("truncated");
    const bomb = await run("/bomb", "text");
    expect(bomb.details).toMatchObject({ bytes: 100_000 });
  });

  it("caps the output with a note", async () => {
    const small = createWebfetchTool({ lookup, allowAddress: onlyLocal, maxOutputChars: 1000 });
    const r = await small.execute({ url: url("/big"), format: "text" }, context());
    expect(r.content).toMatch(/\[Truncated: showing the first 1000 of 300000 characters/);
  });

  it("refuses non-text content, HTTP errors and unknown hosts with clear messages", async () => {
    await expect(run("/image")).rejects.toThrow(/Unsupported content type "image\/png"/);
    await expect(run("/missing")).rejects.toThrow(/HTTP 404 Not Found from http:\/\/site\.test/);
    await expect(
      tool.execute({ url: url("/page", "nx.site.test"), format: "text" }, context({ allow: ["webfetch"] })),
    ).rejects.toThrow(/Could not resolve nx\.site\.test \(ENOTFOUND\)/);
  });

  it("follows same-host redirects and refuses one to a private name even though the first hop was allowed", async () => {
    expect((await run("/to-page")).content).toContain("# Hello");
    await expect(run("/to-private-name", "markdown", context({ allow: ["webfetch"] }))).rejects.toThrow(
      /private\.test resolves to 10\.0\.0\.1, a private network address/,
    );
    await expect(run("/to-metadata", "markdown", context({ allow: ["webfetch"] }))).rejects.toThrow(
      /169\.254\.169\.254/,
    );
    await expect(run("/to-file", "markdown", context({ allow: ["webfetch"] }))).rejects.toThrow(
      /scheme "file:"/,
    );
    await expect(run("/loop")).rejects.toThrow(/Too many redirects \(more than 5\)/);
    expect(hits.filter((h) => h.endsWith("/loop"))).toHaveLength(6);
  });

  it("a redirect to an encoded loopback literal is refused by the default policy", async () => {
    const strict = createWebfetchTool({ lookup: async () => [{ address: "127.0.0.1", family: 4 }] });
    // Default policy: even the first hop to a name resolving to loopback is refused, before any connection.
    await expect(
      strict.execute({ url: url("/to-loopback-encoded"), format: "text" }, context()),
    ).rejects.toThrow(/resolves to 127\.0\.0\.1, a loopback address/);
    expect(hits).toEqual([]);
  });

  it("a redirect to a new host asks again; refusing it stops the fetch", async () => {
    const asked: ApprovalRequest[] = [];
    const r = await run("/to-other", "markdown", context({ allow: [], asked }));
    expect(r.content).toContain("# Hello");
    expect(asked.map((a) => a.url)).toEqual([url("/to-other"), url("/page", "other.test")]);
    await expect(
      run("/to-other", "markdown", context({ allow: ["webfetch(domain:site.test)"] })),
    ).rejects.toThrow(ToolDeniedError);
    expect(hits.some((h) => h.startsWith("other.test"))).toBe(true);
  });

  it("pinning defeats DNS rebinding: the socket uses the first, checked answer", async () => {
    let calls = 0;
    const rebinding: LookupFn = async () => {
      calls++;
      return [{ address: calls === 1 ? "127.0.0.1" : "10.0.0.1", family: 4 }];
    };
    const t = createWebfetchTool({ lookup: rebinding, allowAddress: onlyLocal });
    const r = await t.execute({ url: url("/page"), format: "text" }, context());
    expect(r.content).toContain("Hello");
    expect(calls).toBe(1);
  });

  it("asks before any DNS lookup or connection; a denial throws ToolDeniedError", async () => {
    const err = await run("/page", "text", context({ allow: [] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolDeniedError);
    expect((err as Error).message).toContain("--allow 'webfetch(domain:site.test)'");
    expect(lookups).toEqual([]);
    expect(hits).toEqual([]);
  });

  it("is abortable while waiting for the server", async () => {
    const ac = new AbortController();
    onHit = (p) => {
      if (p === "/hang") ac.abort();
    };
    await expect(run("/hang", "text", context({ signal: ac.signal }))).rejects.toThrow(/aborted/);
  });

  it("times out", async () => {
    await expect(tool.execute({ url: url("/hang"), format: "text", timeout: 1 }, context())).rejects.toThrow(
      /timed out after 1 s/,
    );
  });

  it("the production tool refuses the local server outright", async () => {
    for (const u of [
      `http://127.0.0.1:${port}/page`,
      `http://localhost:${port}/page`,
      `http://2130706433:${port}/page`,
    ]) {
      await expect(
        webfetchTool.execute({ url: u, format: "text" }, context({ allow: ["webfetch"] })),
      ).rejects.toThrow(/Refused/);
    }
    expect(hits).toEqual([]);
  });
});
