/**
 * Tick arithmetic: Group Chat and Persistent Chat store times as bigint ticks (100 ns since
 * 0001-01-01, .NET DateTime.Ticks; domain §7.1). The integer part runs in T-SQL, so the histograms
 * group by day on the server and no message crosses the wire; the calendar part (day number or tick
 * count to a date) runs here, in TypeScript. No statement adds days to a `date` near year 1: engines
 * differ on that range, and integers mean the same everywhere.
 */

/** Ticks in one day. */
export const TICKS_PER_DAY = "864000000000";
/** The last tick of 9999-12-31: a later value is not a time, and is treated as impossible. */
export const MAX_TICKS = "3155378975999999999";

/**
 * T-SQL fragment: the day number since 0001-01-01 (int) of a tick value, or 0 for an impossible
 * value so no row is lost. A fragment of the named statements in this folder; never sent alone.
 */
export function dayNumber(ticks: string): string {
  return `CASE WHEN ${ticks} BETWEEN 0 AND ${MAX_TICKS} THEN CAST(${ticks} / ${TICKS_PER_DAY} AS int) ELSE 0 END`;
}

const TICKS_PER_DAY_N = BigInt(TICKS_PER_DAY);
const MAX_TICKS_N = BigInt(MAX_TICKS);
/** Ticks of 1970-01-01T00:00:00Z. */
const EPOCH_TICKS = 621_355_968_000_000_000n;
/** Days from 0001-01-01 to 1970-01-01. */
const EPOCH_DAY = Number(EPOCH_TICKS / TICKS_PER_DAY_N);
/** The last day number (9999-12-31). */
const MAX_DAY = Number(MAX_TICKS_N / TICKS_PER_DAY_N);

/** `YYYY-MM-DD` of a day number since 0001-01-01; null when it is not an integer from 0 to 9999-12-31. */
export function dayOfNumber(dayNo: number): string | null {
  if (!Number.isInteger(dayNo) || dayNo < 0 || dayNo > MAX_DAY) return null;
  return new Date((dayNo - EPOCH_DAY) * 86_400_000).toISOString().slice(0, 10);
}

/** ISO 8601 UTC time of a tick value, to the millisecond (truncated); null when the value is impossible. */
export function isoOfTicks(ticks: bigint): string | null {
  if (ticks < 0n || ticks > MAX_TICKS_N) return null;
  const day = Number(ticks / TICKS_PER_DAY_N);
  const ms = Number((ticks % TICKS_PER_DAY_N) / 10_000n);
  return new Date((day - EPOCH_DAY) * 86_400_000 + ms).toISOString();
}
