// MCP resources for `@server:uri` attachments: listing a server's resources (paginated, for completion) and
// turning a resources/read answer into text. Only text contents are attached; a blob (an image, a PDF) is
// refused with a one-line reason, as a binary workspace file is. The list helper is shared with prompts.ts.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { ReadResourceResult, Resource } from "@modelcontextprotocol/sdk/types.js";
import { withRequestSignal } from "./request-signal.js";

/** A runaway server's pagination stops here rather than looping forever. */
export const MAX_LISTED = 10_000;

/**
 * Collects every page of a paginated list request (tools, prompts, resources). Each page gets its own signal
 * (request-signal.ts): the SDK leaves one abort listener per request on the signal it is given, so a long list
 * (or a session's worth of list_changed refreshes) would pile them up on one long-lived signal and cancel
 * finished requests when it fires.
 */
export async function allPages<T>(
  opts: RequestOptions,
  page: (cursor: string | undefined, opts: RequestOptions) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const parent = opts.signal;
    const next = parent
      ? await withRequestSignal(parent, (signal) => page(cursor, { ...opts, signal }))
      : await page(cursor, opts);
    all.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor && all.length < MAX_LISTED);
  return all;
}

export function listResources(client: Client, opts: RequestOptions): Promise<Resource[]> {
  return allPages(opts, async (cursor, o) => {
    const r = await client.listResources(cursor ? { cursor } : {}, o);
    return { items: r.resources, nextCursor: r.nextCursor };
  });
}

/** `server:uri` as typed after `@`: a server name, then a URI with a scheme (`docs:file:///guide.md`). */
const RESOURCE_REF = /^([A-Za-z0-9_.-]+):([A-Za-z][A-Za-z0-9+.-]*:.*)$/;

export function parseResourceRef(ref: string): { server: string; uri: string } | undefined {
  const m = RESOURCE_REF.exec(ref);
  return m ? { server: m[1]!, uri: m[2]! } : undefined;
}

/** The text of a read: text contents joined; throws when the resource holds only binary data. */
export function resourceText(ref: string, result: ReadResourceResult): string {
  const texts: string[] = [];
  const blobs: string[] = [];
  for (const c of result.contents) {
    if ("text" in c && typeof c.text === "string") texts.push(c.text);
    else blobs.push(c.mimeType ?? "binary");
  }
  if (texts.length === 0) {
    const what = blobs.length ? `binary (${[...new Set(blobs)].join(", ")})` : "empty";
    throw new Error(`${ref} is ${what}; only text resources can be attached.`);
  }
  return texts.join("\n");
}
