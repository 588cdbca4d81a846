// The DEFAULT network policy, with no network: URL and address tables, DNS answers, pinning.
import { describe, expect, it } from "vitest";
import {
  addressProblem,
  checkUrl,
  FetchRefusedError,
  isPublicAddress,
  type LookupFn,
  pinnedLookup,
  resolveChecked,
} from "../../src/utils/net-guard.js";

describe("checkUrl refuses local, private, metadata and encoded forms", () => {
  it.each([
    "http://127.0.0.1/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0/",
    "http://①②⑦.0.0.1/",
    "http://127。0。0。1/",
    "http://127.0.0.1\t/",
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:7f00:1::]/",
    "http://[2002:a9fe:a9fe::]/",
    "http://[2001::1]/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[fd00:ec2::254]/",
    "http://[ff02::1]/",
    "HTTP://LOCALHOST/",
    "http://localhost./",
    "http://ＬＯＣＡＬＨＯＳＴ/",
    "http://api.localhost/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://0xa9fea9fe/",
    "http://2852039166/",
    "http://169.254.170.2/v2/credentials",
    "http://100.100.100.200/latest/meta-data",
    "http://100.64.0.1/",
    "http://10.0.0.1/",
    "http://10.255.255.255/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://198.18.0.1/",
    "http://192.0.2.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://example.com@127.0.0.1/",
    "http://user:pass@example.com/",
    "http://127.0.0.1:80\\@example.com/",
    "file:///etc/passwd",
    "ftp://example.com/",
    "gopher://example.com/",
    "dict://example.com:11211/",
    "ws://example.com/",
    "javascript:alert(1)",
    "data:text/html,hi",
    "example.com/no-scheme",
    `https://example.com/${"a".repeat(5000)}`,
  ])("%s", (url) => {
    expect(() => checkUrl(url)).toThrow(FetchRefusedError);
  });

  it.each([
    "https://docs.rs/",
    "http://1.1.1.1/",
    "https://93.184.215.14:8443/x?y=1",
    "https://[2606:4700:4700::1111]/",
    "http://[64:ff9b::101:101]/",
    "http://[2002:101:101::]/",
    "https://example.com./",
    "https://localhost.example.com/",
  ])("allows %s", (url) => {
    expect(checkUrl(url)).toBeInstanceOf(URL);
  });
});

describe("addresses", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.100.100.200", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["::ffff:10.0.0.1", "private"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["::7f00:1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["fec0::1", "deprecatedSiteLocal"],
    ["64:ff9b::a00:1", "NAT64 of private"],
    ["not-an-ip", "not an IP address"],
  ])("%s → %s", (ip, problem) => {
    expect(addressProblem(ip)).toBe(problem);
  });
  it.each(["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"])("%s is public", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe("DNS answers", () => {
  const fixed =
    (...addrs: string[]): LookupFn =>
    async () =>
      addrs.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("refuses a name when ANY answer is private (mixed answers)", async () => {
    await expect(
      resolveChecked(new URL("https://x.test/"), fixed("93.184.215.14", "10.0.0.1")),
    ).rejects.toThrow(/x\.test resolves to 10\.0\.0\.1, a private network address/);
    await expect(resolveChecked(new URL("https://x.test/"), fixed("::ffff:127.0.0.1"))).rejects.toThrow(
      FetchRefusedError,
    );
    await expect(resolveChecked(new URL("https://x.test/"), fixed())).rejects.toThrow(/no addresses/);
  });

  it("returns the checked address to pin to", async () => {
    expect(await resolveChecked(new URL("https://x.test/"), fixed("93.184.215.14", "2606:4700::1"))).toEqual({
      address: "93.184.215.14",
      family: 4,
    });
  });

  it("resolution failures explain themselves", async () => {
    const failing: LookupFn = async () => {
      throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
    };
    await expect(resolveChecked(new URL("https://nx.test/"), failing)).rejects.toThrow(
      /Could not resolve nx\.test \(ENOTFOUND\)/,
    );
  });

  it("the pinned lookup answers every query with the checked address", () => {
    const lookup = pinnedLookup({ address: "93.184.215.14", family: 4 });
    const seen: unknown[] = [];
    const cb = (...args: unknown[]) => seen.push(args);
    (lookup as unknown as (h: string, o: object, c: typeof cb) => void)("evil.test", {}, cb);
    (lookup as unknown as (h: string, o: object, c: typeof cb) => void)("other.test", { all: true }, cb);
    expect(seen).toEqual([
      [null, "93.184.215.14", 4],
      [null, [{ address: "93.184.215.14", family: 4 }]],
    ]);
  });
});
