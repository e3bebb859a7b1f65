/**
 * IPv4 CIDR arithmetic, written out because the planner and the overlap rule both depend on it and
 * no dependency is allowed for it. Addresses are unsigned 32-bit numbers.
 */
export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  network: number;
  prefix: number;
  /** Number of addresses in the block (2^(32-prefix)). */
  size: number;
}

/**
 * `a.b.c.d`, each octet 0-255 written without a leading zero (`010` is octal to some Windows APIs and
 * decimal to others, so it is refused rather than guessed).
 */
export function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Why `text` is not an IPv4 address, or null when it is one. */
export function ipv4Problem(text: string): string | null {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text.trim())) return `"${text}" is not an IPv4 address`;
  const parts = text.trim().split(".");
  if (parts.some((p) => Number(p) > 255)) return `"${text}" has an octet above 255`;
  if (parts.some((p) => p.length > 1 && p.startsWith("0"))) return `"${text}" has an octet with a leading zero`;
  return null;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Parses `a.b.c.d/n`; null when malformed or when host bits are set (Azure rejects those). */
export function parseCidr(text: string): Cidr | null {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return null;
  const address = parseIpv4(match[1] as string);
  const prefix = Number(match[2]);
  if (address === null || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return null;
  return { network: address, prefix, size };
}

/** Why a CIDR text is invalid, or null when it is valid. */
export function cidrProblem(text: string): string | null {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return `"${text}" is not an IPv4 CIDR block like 10.40.1.0/24`;
  const address = parseIpv4(match[1] as string);
  const prefix = Number(match[2]);
  if (address === null) return ipv4Problem(match[1] as string)!.replace(`"${match[1]}"`, `"${text}"`);
  if (prefix > 32) return `"${text}" has a prefix length above 32`;
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return `"${text}" has host bits set; the network address is ${formatIpv4(address - (address % size))}/${prefix}`;
  return null;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.network >= outer.network && inner.network + inner.size <= outer.network + outer.size;
}

/**
 * Azure keeps 5 addresses of every subnet: the network address, .1 (gateway), .2 and .3 (DNS) and
 * the broadcast address. Static IPs therefore start at offset 4 and stop one before the end.
 */
export const AZURE_RESERVED_AT_START = 4;

/** Usable static addresses of a subnet in Azure. */
export function usableHostCount(c: Cidr): number {
  return Math.max(0, c.size - AZURE_RESERVED_AT_START - 1);
}

/** The n-th (0-based) usable static address of a subnet, or null past its end. */
export function usableHost(c: Cidr, n: number): string | null {
  if (n < 0 || n >= usableHostCount(c)) return null;
  return formatIpv4(c.network + AZURE_RESERVED_AT_START + n);
}
