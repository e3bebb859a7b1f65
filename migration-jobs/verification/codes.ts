/**
 * The verification's own findings (besides its mismatches, which `mismatchFindings` turns into
 * `VERIFY_*` errors): what it tells about the run that is not a difference from the expected model.
 * One table, for the README, the reports and the code.
 */
import type { FindingCode } from "../analysis/codes";
import type { Finding } from "../common/finding";

export const VERIFICATION_CODES = {
  CUTOFF_HONOURED: {
    severity: "info",
    section: "§2.3.8, §4.1",
    meaning: "A cutoff was given and no message older than it is in the migrated rooms of the target: the cutoff held.",
    fix: "Nothing to do.",
  },
  CUTOFF_NOT_APPLIED: {
    severity: "info",
    section: "§2.3.8, §4.1",
    meaning:
      "Messages older than the cutoff arrived in migrated rooms: the export did not apply -StartDate, which the docs describe as valid only with -Level RoomDirectory (PS:Export-CsPersistentChatData). Not a mismatch: the messages since the cutoff are compared as usual.",
    fix: "If the older messages may stay, nothing to do. If they must go, purge them in each room listed with Clear-CsPersistentChatRoom -Identity <room> -EndDate <cutoff> (it removes a room's content up to that date; try it on one room first and check that the messages of the cutoff day stay), then run the verification again.",
  },
} as const satisfies Record<string, FindingCode>;

export type VerificationCodeName = keyof typeof VERIFICATION_CODES;

export function verificationFinding(code: VerificationCodeName, subject: string, message: string): Finding {
  const c: FindingCode = VERIFICATION_CODES[code];
  return { code, severity: c.severity, subject, message, fix: c.fix };
}
