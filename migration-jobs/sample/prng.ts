/**
 * The sample's randomness: a seeded mulberry32 (tiny, fast, and the same on every platform), with
 * independent streams derived by hashing (seed, subject, purpose), so each entity can be regenerated
 * on its own, in any order, and still give the same rows.
 */

/** murmur3's 32-bit finaliser: spreads the bits of a combined key. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The purposes of the sample's random streams, the last part of `mixSeed`'s key: four ASCII letters
 * each ("skel" is 0x736b656c), so a stream reads in a debugger. Changing one changes every sample.
 */
export const STREAM = {
  /** The skeleton's one stream, drawn in phase order (skeleton.ts). */
  skeleton: 0x736b656c, // "skel"
  /** A category's or room's GUID. */
  node: 0x6e6f6465, // "node"
  /** A principal's GUID. */
  principal: 0x7072696e, // "prin"
  /** A room's members. */
  members: 0x6d656d62, // "memb"
  /** A room's pending invitations. */
  invitations: 0x696e7669, // "invi"
  /** A room's message days. */
  days: 0x64617973, // "days"
} as const;

/** A 32-bit seed from several integers (seed, id, stream). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = fmix32(Math.imul(h ^ (p >>> 0), 0x01000193) + (p / 0x100000000) | 0);
  return h;
}

/** RFC 4122 bits of a GUID's second and third 32-bit words: the version nibble and the variant. */
const GUID_VERSION_MASK = 0x0000f000;
const GUID_VERSION_4 = 0x00004000;
const GUID_VARIANT_MASK = 0xc0000000;
const GUID_VARIANT_RFC4122 = 0x80000000;

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: the next uint32. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor((this.next() / 0x100000000) * (hi - lo + 1));
  }
  /** `k` distinct integers of [0, n) (Floyd's algorithm: O(k) time and memory, whatever n). */
  distinct(k: number, n: number): number[] {
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const t = this.int(0, j);
      chosen.add(chosen.has(t) ? j : t);
    }
    return [...chosen];
  }
  /** A random (version 4 layout) GUID, lower case as the model stores them. */
  guid(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
    const a = hex(this.next());
    const b = hex((this.next() & ~GUID_VERSION_MASK) | GUID_VERSION_4);
    const c = hex((this.next() & ~GUID_VARIANT_MASK) | GUID_VARIANT_RFC4122);
    const d = hex(this.next());
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }
}

/** The share of `total` that falls on slot `k` of `slots` when spread as evenly as possible. */
export function evenShare(total: number, slots: number, k: number): number {
  return Math.floor(((k + 1) * total) / slots) - Math.floor((k * total) / slots);
}
