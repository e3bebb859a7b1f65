/**
 * A finding: one thing the analysis (or verification, or the contacts planner) has to tell an
 * engineer. `error` blocks the migration, `warning` blocks unless warnings are accepted, `info` never.
 */
export type Severity = "error" | "warning" | "info";

export interface Finding {
  /** Stable, documented code, e.g. `ROOM_NAME_TOO_LONG`. */
  code: string;
  severity: Severity;
  /** What it is about, e.g. `room "Sales/EMEA/Deals" (id 1234)` or `alice.reg:12`. */
  subject: string;
  message: string;
  fix: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** True when the findings stop a run: any error, or any warning unless warnings are accepted. */
export function isBlocking(findings: Iterable<Finding>, acceptWarnings: boolean): boolean {
  for (const f of findings) {
    if (f.severity === "error" || (f.severity === "warning" && !acceptWarnings)) return true;
  }
  return false;
}
