import { cidrProblem, contains, formatIpv4, overlaps, parseCidr, usableHost, usableHostCount } from "../../src/config/cidr";

function cidr(text: string) {
  const c = parseCidr(text);
  if (!c) throw new Error(`bad test CIDR ${text}`);
  return c;
}

describe("parseCidr", () => {
  it.each([
    ["10.40.0.0/16", 10 * 2 ** 24 + 40 * 2 ** 16, 16, 65536],
    ["10.40.255.0/26", 10 * 2 ** 24 + 40 * 2 ** 16 + 255 * 256, 26, 64],
    ["0.0.0.0/0", 0, 0, 2 ** 32],
    ["192.168.1.7/32", 192 * 2 ** 24 + 168 * 2 ** 16 + 256 + 7, 32, 1],
  ])("parses %s", (text, network, prefix, size) => {
    expect(parseCidr(text)).toEqual({ network, prefix, size });
  });
  it.each([["10.40.1.1/24", /host bits/], ["10.40.0.0", /not an IPv4 CIDR/], ["10.300.0.0/16", /above 255/], ["10.0.0.0/33", /above 32/], ["fe80::/64", /not an IPv4 CIDR/]])(
    "refuses %s",
    (text, why) => {
      expect(parseCidr(text)).toBeNull();
      expect(cidrProblem(text)).toMatch(why);
    },
  );
});

describe("overlaps and contains", () => {
  it.each([
    ["10.40.0.0/16", "10.40.1.0/24", true],
    ["10.40.1.0/24", "10.40.2.0/24", false],
    ["10.40.0.0/23", "10.40.1.0/24", true],
    ["10.40.0.0/24", "10.40.0.128/25", true],
    ["10.40.0.0/25", "10.40.0.128/25", false],
    ["10.40.0.0/16", "10.41.0.0/16", false],
  ])("%s vs %s -> %s", (a, b, expected) => {
    expect(overlaps(cidr(a), cidr(b))).toBe(expected);
    expect(overlaps(cidr(b), cidr(a))).toBe(expected);
  });
  it("contains only blocks entirely inside", () => {
    expect(contains(cidr("10.40.0.0/16"), cidr("10.40.255.0/26"))).toBe(true);
    expect(contains(cidr("10.40.0.0/16"), cidr("10.41.0.0/24"))).toBe(false);
    expect(contains(cidr("10.40.1.0/24"), cidr("10.40.0.0/16"))).toBe(false);
  });
});

describe("usable hosts skip Azure's 5 reserved addresses", () => {
  it("starts at .4 and stops before the broadcast address", () => {
    const c = cidr("10.40.1.0/29");
    expect(usableHostCount(c)).toBe(3);
    expect([0, 1, 2, 3].map((n) => usableHost(c, n))).toEqual(["10.40.1.4", "10.40.1.5", "10.40.1.6", null]);
    expect(usableHostCount(cidr("10.40.1.0/24"))).toBe(251);
    expect(usableHost(cidr("10.40.1.0/24"), 250)).toBe("10.40.1.254");
  });
  it("formats addresses across octet boundaries", () => {
    expect(formatIpv4(10 * 2 ** 24 + 255)).toBe("10.0.0.255");
    expect(usableHost(cidr("10.40.0.0/16"), 252)).toBe("10.40.1.0");
  });
});
