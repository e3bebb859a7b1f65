/**
 * Which side a source must be: the analysis reads a legacy Group Chat database, verification and the
 * overwrite check read a Lync 2013 `mgc`. Swapped sources would otherwise give pages of findings or
 * mismatches instead of one clear error.
 */
import { UserError } from "../common/errors";
import type { SourceInfo } from "./inventory";

const LABEL: Record<SourceInfo["kind"], string> = {
  lync2010: "a Lync Server 2010 Group Chat database",
  ocs2007r2: "an OCS 2007 R2 Group Chat database",
  lync2013: "a Lync Server 2013 Persistent Chat database (mgc)",
};

const FIX = "Pass the legacy Group Chat database (or its snapshot) as the legacy source (--legacy) and the Lync 2013 mgc (or its snapshot) as the target (--target); they may be swapped.";

export function expectLegacySource(info: SourceInfo, description: string): void {
  if (info.kind === "lync2013") throw new UserError(description, `the legacy source is ${LABEL[info.kind]}, not a legacy Group Chat database`, FIX);
}

export function expectTargetSource(info: SourceInfo, description: string): void {
  if (info.kind !== "lync2013") throw new UserError(description, `the target is ${LABEL[info.kind]}, not a Lync 2013 Persistent Chat database (mgc)`, FIX);
}
