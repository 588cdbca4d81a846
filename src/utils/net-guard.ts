// SSRF policy for webfetch: which URLs and addresses may be contacted, and a lookup that pins a connection to
// the address that was checked (so DNS rebinding cannot swap it). Pure apart from the default DNS lookup.
// Policy: http/https only, no userinfo, blocked names (localhost, metadata), and every resolved address must be
// public unicast after unwrapping IPv4-mapped/compatible, NAT64 and 6to4 forms.
import { promises as dns } from "node:dns";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** Resolves a host name to every A/AAAA answer. Injectable for tests. */
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;
/** True when a connection to this IP address is allowed. */
export type AddressPolicy = (ip: string) => boolean;

export const MAX_URL_LENGTH = 4096;

export const defaultLookup: LookupFn = async (hostname) => {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

const BLOCKED_NAMES = new Set([
  "localhost",
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
]);

/** Why an IPv4 address is refused, or null when it is public unicast. */
function v4Problem(ip: ipaddr.IPv4): string | null {
  const range = ip.range();
  return range === "unicast" ? null : range;
}

/** Why an address is refused ("loopback", "private", "linkLocal", …), or null when it is public. */
export function addressProblem(address: string): string | null {
  const raw = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(raw)) return "not an IP address";
  let ip = ipaddr.parse(raw);
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
  }
  if (ip.kind() === "ipv4") return v4Problem(ip as ipaddr.IPv4);
  const v6 = ip as ipaddr.IPv6;
  const parts = v6.parts;
  const range = v6.range();
  const embedded = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  // NAT64 and 6to4 carry an IPv4 address: allowed only when that address is public.
  if (range === "rfc6052" && v6.match(ipaddr.IPv6.parse("64:ff9b::"), 96)) {
    const inner = v4Problem(embedded(parts[6] as number, parts[7] as number));
    return inner === null ? null : `NAT64 of ${inner}`;
  }
  if (range === "6to4") {
    const inner = v4Problem(embedded(parts[1] as number, parts[2] as number));
    return inner === null ? null : `6to4 of ${inner}`;
  }
  if (range !== "unicast") return range;
  // Public IPv6 unicast is 2000::/3; anything else left as "unicast" by ipaddr.js (e.g. IPv4-compatible
  // ::a.b.c.d) is reserved.
  if (((parts[0] as number) & 0xe000) !== 0x2000) return "reserved";
  return null;
}

export const isPublicAddress: AddressPolicy = (ip) => addressProblem(ip) === null;

const DESCRIBE: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  linkLocal: "a link-local or cloud metadata address",
  carrierGradeNat: "a carrier-grade NAT / cloud metadata address",
  uniqueLocal: "a private (unique local) IPv6 address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
};

export function describeProblem(problem: string): string {
  return DESCRIBE[problem] ?? `a non-public address (${problem})`;
}

export class FetchRefusedError extends Error {
  override name = "FetchRefusedError";
}

const refuse = (why: string): never => {
  throw new FetchRefusedError(
    `Refused: ${why} webfetch only connects to public internet addresses over http(s).`,
  );
};

/** The URL checks that need no network: scheme, userinfo, length, blocked names, literal IP addresses. */
export function checkUrl(raw: string, allow: AddressPolicy = isPublicAddress): URL {
  if (raw.length > MAX_URL_LENGTH) refuse(`the URL is longer than ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(`"${raw.slice(0, 200)}" is not a valid absolute URL (include http:// or https://).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    refuse(`the scheme "${url.protocol}" is not http or https.`);
  if (url.username !== "" || url.password !== "")
    refuse("URLs with credentials (user:password@) are not fetched.");
  const host = hostnameOf(url);
  if (host === "") refuse("the URL has no host.");
  if (BLOCKED_NAMES.has(host) || host.endsWith(".localhost"))
    refuse(`${host} is a local or metadata host name.`);
  if (isIP(host) && !allow(host)) refuse(`${host} is ${describeProblem(addressProblem(host) ?? "blocked")}.`);
  return url;
}

/** Lower-case host name without IPv6 brackets or trailing dots. */
export function hostnameOf(url: URL): string {
  return url.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.+$/, "");
}

/** Resolves the URL's host and checks EVERY answer; returns the address to pin the connection to. */
export async function resolveChecked(
  url: URL,
  lookup: LookupFn,
  allow: AddressPolicy = isPublicAddress,
): Promise<ResolvedAddress> {
  const host = hostnameOf(url);
  const literal = isIP(host);
  if (literal !== 0) {
    if (!allow(host)) refuse(`${host} is ${describeProblem(addressProblem(host) ?? "blocked")}.`);
    return { address: host, family: literal === 6 ? 6 : 4 };
  }
  let answers: ResolvedAddress[];
  try {
    answers = await lookup(host);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new Error(`Could not resolve ${host}${code ? ` (${code})` : ""}. Check the host name.`);
  }
  if (answers.length === 0) throw new Error(`Could not resolve ${host}: no addresses.`);
  for (const a of answers) {
    if (!allow(a.address))
      refuse(`${host} resolves to ${a.address}, ${describeProblem(addressProblem(a.address) ?? "blocked")}.`);
  }
  // Every answer passed; prefer IPv4, which more machines can actually reach.
  return (answers.find((a) => a.family === 4) ?? answers[0]) as ResolvedAddress;
}

/** A net lookup that answers every query with the pre-checked address, whatever name is asked. */
export function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
}
