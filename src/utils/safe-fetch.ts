// One GET with the SSRF policy enforced per hop: URL checks, DNS with every answer checked, the socket pinned
// to the checked address (Host header and TLS SNI keep the name), manual redirects (each hop re-checked),
// a byte cap counted while streaming (after decompression), one deadline for the whole fetch, abortable.
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import {
  type AddressPolicy,
  checkUrl,
  FetchRefusedError,
  isPublicAddress,
  type LookupFn,
  pinnedLookup,
  resolveChecked,
} from "./net-guard.js";

export interface SafeFetchOptions {
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  lookup: LookupFn;
  allowAddress?: AddressPolicy;
  headers?: Record<string, string>;
  /** Returns an error message when the final response's content type is not wanted (checked before reading). */
  rejectContentType?: (contentType: string) => string | null;
  /** Called before following a redirect; throw to stop (e.g. approval for a new host was refused). */
  beforeRedirect?: (from: URL, to: URL) => Promise<void>;
}

export interface SafeFetchResult {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
  /** Bytes read (after decompression) and whether the cap cut the body short. */
  bytes: number;
  truncated: boolean;
  redirects: string[];
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

function request(
  url: URL,
  pinned: Parameters<typeof pinnedLookup>[0],
  opts: SafeFetchOptions,
  signal: AbortSignal,
) {
  const mod = url.protocol === "https:" ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = mod.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: opts.headers,
        lookup: pinnedLookup(pinned),
        // No pooled sockets: a kept-alive socket could have been opened under another lookup.
        agent: false,
        signal,
      },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

function decoded(res: IncomingMessage): Readable {
  const enc = String(res.headers["content-encoding"] ?? "identity")
    .toLowerCase()
    .trim();
  if (enc === "gzip" || enc === "x-gzip") return res.pipe(zlib.createGunzip());
  if (enc === "deflate") return res.pipe(zlib.createInflate());
  if (enc === "br") return res.pipe(zlib.createBrotliDecompress());
  if (enc === "identity" || enc === "") return res;
  res.destroy();
  throw new Error(`The server sent an unsupported content encoding "${enc}".`);
}

async function readCapped(
  res: IncomingMessage,
  maxBytes: number,
): Promise<{ body: Buffer; bytes: number; truncated: boolean }> {
  const stream = decoded(res);
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      const room = maxBytes - bytes;
      if (buf.length > room) {
        if (room > 0) chunks.push(buf.subarray(0, room));
        bytes += room;
        truncated = true;
        break;
      }
      chunks.push(buf);
      bytes += buf.length;
    }
  } finally {
    res.destroy();
    if (stream !== res) stream.destroy();
  }
  return { body: Buffer.concat(chunks), bytes, truncated };
}

/** Fetches `raw` under the network policy. Throws FetchRefusedError for policy refusals, Error otherwise. */
export async function safeFetch(raw: string, opts: SafeFetchOptions): Promise<SafeFetchResult> {
  const allow = opts.allowAddress ?? isPublicAddress;
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = AbortSignal.any([opts.signal, deadline]);
  const redirects: string[] = [];
  let url = checkUrl(raw, allow);
  try {
    for (;;) {
      signal.throwIfAborted();
      const pinned = await raceAbort(resolveChecked(url, opts.lookup, allow), signal);
      const res = await request(url, pinned, opts, signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT.has(status) && location) {
        res.destroy();
        if (redirects.length >= opts.maxRedirects) {
          throw new Error(`Too many redirects (more than ${opts.maxRedirects}); last location ${location}.`);
        }
        const next = checkUrl(new URL(location, url).href, allow);
        await opts.beforeRedirect?.(url, next);
        redirects.push(next.href);
        url = next;
        continue;
      }
      if (status < 200 || status > 299) {
        res.destroy();
        const text = res.statusMessage ? ` ${res.statusMessage}` : "";
        throw new Error(`HTTP ${status}${text} from ${url.href}.`);
      }
      const contentType = String(res.headers["content-type"] ?? "");
      const unwanted = opts.rejectContentType?.(contentType);
      if (unwanted) {
        res.destroy();
        throw new Error(unwanted);
      }
      const body = await readCapped(res, opts.maxBytes);
      return { url: url.href, status, contentType, redirects, ...body };
    }
  } catch (err) {
    if (err instanceof FetchRefusedError) throw err;
    if (deadline.aborted && !opts.signal.aborted) {
      throw new Error(`Fetch timed out after ${Math.round(opts.timeoutMs / 1000)} s (${url.href}).`);
    }
    if (opts.signal.aborted) throw new Error("Fetch aborted.");
    throw err;
  }
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
