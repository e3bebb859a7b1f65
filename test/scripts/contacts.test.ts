/**
 * Snapshots of the contacts import scripts of one window, on a two-server front end pool (check the
 * files, stop the Front End service on each server, import, start it on each, verify), so that a
 * reviewer sees every change to them as a diff (test/scripts/__snapshots__/). After an intended
 * change, look at the diff, then `npx jest test/scripts -u`.
 *
 * The PowerShell suite (test/powershell/) parses and runs them, for every contacts strategy.
 */
import { contactSteps } from "../../migration-jobs/contacts/steps";
import type { WindowDef } from "../../migration-jobs/contacts/plan";

const window: WindowDef = { id: "wave-2", title: "Wave 2: users moved, their contact lists imported", movesWaves: [2], movedUpToWave: 2, imports: true, producesLists: true };
const pool = { fqdn: "pool01.contoso.local", servers: [{ key: "fe-1", computerName: "LYNCFE01" }, { key: "fe-2", computerName: "LYNCFE02" }] };
const steps = contactSteps(window, { pool, remoteFolder: "\\\\labfs01.contoso.local\\staging\\contacts", runId: "run-1", firstOrder: 20, after: [] });

it("plans check, stop on each server, import, start on each server, verify", () => {
  expect(steps.map((s) => s.id)).toEqual([
    "contacts-wave-2-check-files",
    "contacts-wave-2-stop-fe-1",
    "contacts-wave-2-stop-fe-2",
    "contacts-wave-2-import",
    "contacts-wave-2-start-fe-1",
    "contacts-wave-2-start-fe-2",
    "contacts-wave-2-verify",
  ]);
});

// One server's stop and start suffice: the other's differ only in the step id and computer name.
it.each(["contacts-wave-2-check-files", "contacts-wave-2-stop-fe-1", "contacts-wave-2-import", "contacts-wave-2-start-fe-1", "contacts-wave-2-verify"])("%s", (id) => {
  expect(steps.find((s) => s.id === id)!.script).toMatchSnapshot();
});
