/**
 * Tick arithmetic done in T-SQL: Group Chat and Persistent Chat store times as bigint ticks (100 ns
 * since 0001-01-01, .NET DateTime.Ticks; domain §7.1). Converting on the server keeps the histogram
 * grouping there and hands Node dates, not 19-digit strings. These build fragments of the named
 * statements in this folder; they are not sent alone.
 */

/** Ticks in one day. */
export const TICKS_PER_DAY = "864000000000";
/** The last tick of 9999-12-31: beyond it DATEADD overflows and the whole statement would fail. */
export const MAX_TICKS = "3155378975999999999";

/** Day number since 0001-01-01 (int), or 0 for an impossible tick value so no row is lost. */
export function dayNumber(ticks: string): string {
  return `CASE WHEN ${ticks} BETWEEN 0 AND ${MAX_TICKS} THEN CAST(${ticks} / ${TICKS_PER_DAY} AS int) ELSE 0 END`;
}

/** `YYYY-MM-DD` of a day number. */
export function dayText(dayNo: string): string {
  return `CONVERT(char(10), DATEADD(DAY, ${dayNo}, CAST('00010101' AS date)), 23)`;
}

/** A datetime2(3) (UTC) of a tick value; NULL when the value is NULL or impossible. */
export function ticksToDatetime2(ticks: string): string {
  return (
    `CASE WHEN ${ticks} BETWEEN 0 AND ${MAX_TICKS} THEN ` +
    `DATEADD(MILLISECOND, CAST((${ticks} % ${TICKS_PER_DAY}) / 10000 AS int), CAST(DATEADD(DAY, CAST(${ticks} / ${TICKS_PER_DAY} AS int), CAST('00010101' AS date)) AS datetime2(3))) ` +
    `END`
  );
}
