/**
 * The rehearsal's seeding plan (issue 11, the legacy side in a lab; lync-install §3): on a stack whose
 * runbook seeds the legacy principals into its new forest (`principalsMode`), the users, groups and
 * OUs the seeding step will create from the legacy database, and those it cannot, computed from the
 * rehearsal's legacy data with the engine's pure `planSeeding`. Written as `seeding.md`, `seeding.html`
 * and `seeding.json`; its one-line summary goes into the readiness report.
 */
import type { ReportDoc } from "../../migration-jobs/common/report";
import type { InventorySource, Principal } from "../../migration-jobs/inventory/inventory";
import { planSeeding, seedingSummary, type SeedingPlan } from "../../migration-jobs/analysis/seeding";
import type { ReportPaths } from "./summary";
import { principalsMode } from "../runbook/environment";
import type { TopologyPlan } from "../topology/plan";
import type { RehearsalWriter } from "./files";

/** Rows shown per table; the JSON has them all. */
const SHOWN = 500;

function shown<T>(list: T[], what: string): { rows: T[]; note?: string } {
  return list.length > SHOWN ? { rows: list.slice(0, SHOWN), note: `first ${SHOWN} of ${list.length} ${what}; seeding.json has them all` } : { rows: list };
}

/** The seeding plan as a report: what the step creates, where, and what it leaves out with why. */
export function seedingReport(plan: SeedingPlan, domainFqdn: string): ReportDoc {
  const users = shown(plan.users, "users");
  const groups = shown(plan.groups, "groups");
  const skipped = shown(plan.notSeeded, "principals");
  const at = (path: string) => (path === "" ? domainFqdn : `${path} (in ${domainFqdn})`);
  return {
    title: `Legacy principals to seed into ${domainFqdn}`,
    summary: [
      seedingSummary(plan),
      "pulumi up's 01-seed-principals step reads the same rows from the restored legacy database and creates what is missing, before anything stops; users are Lync-enabled on the front-end pool with their legacy SIP address.",
    ],
    sections: [
      { heading: "OUs (parents first)", tables: [{ columns: ["OU"], rows: plan.ous.map((o) => [at(o)]) }] },
      { heading: "Users", tables: [{ columns: ["name", "SIP address", "container"], rows: users.rows.map((u) => [u.name, u.sipAddress, at(u.path)]), ...(users.note ? { note: users.note } : {}) }] },
      {
        heading: "Groups",
        paragraphs: ["Universal security groups (inferred). Their members are not in the legacy inventory: the step reads them from tblPrincipalAffiliations at run time."],
        tables: [{ columns: ["name", "container"], rows: groups.rows.map((g) => [g.name, at(g.path)]), ...(groups.note ? { note: groups.note } : {}) }],
      },
      { heading: "Not seeded", tables: [{ columns: ["principal", "id", "why"], rows: skipped.rows.map((n) => [n.principal, n.id, n.why]), ...(skipped.note ? { note: skipped.note } : {}) }] },
    ],
  };
}

export interface RehearsalSeeding {
  plan: SeedingPlan;
  /** "N principals to seed, M cannot be (why)": the readiness report's line. */
  line: string;
  files: ReportPaths;
}

/** Writes the seeding plan when the stack's runbook seeds (a lab's new forest); null otherwise. */
export async function writeSeeding(writer: RehearsalWriter, dir: string, topology: TopologyPlan, legacy: InventorySource): Promise<RehearsalSeeding | null> {
  if (topology.legacy === null || principalsMode(topology) !== "seed") return null;
  const principals: Principal[] = [];
  for await (const p of legacy.read("principals")) principals.push(p);
  // inferred: the deployment's one SIP domain is its AD domain, as the runbook's seeding step assumes.
  const plan = planSeeding(principals, topology.lync.sipDomains);
  const files = await writer.report(seedingReport(plan, topology.domain.fqdn), plan, dir, "seeding");
  return { plan, line: seedingSummary(plan), files };
}
