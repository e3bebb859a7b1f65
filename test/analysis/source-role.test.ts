/** Swapped sources are one clear error, not pages of findings or mismatches. In-memory sources, no stand-in needed. */
import { UserError } from "../../migration-jobs/common/errors";
import { memorySource } from "../../migration-jobs/inventory/memory-source";
import { analyze } from "../../migration-jobs/analysis";
import { verify } from "../../migration-jobs/verification";

const empty = { categories: [], rooms: [], principals: [], roleAssignments: [], scopes: [], invitations: [], addins: [], messageDays: [], fileLinks: [] };
const legacy = () => memorySource(empty, { kind: "lync2010", description: "legacy-snapshot" });
const mgc = () => memorySource(empty, { kind: "lync2013", description: "mgc-snapshot" });

describe.each([
  ["analyze with an mgc as the legacy source", () => analyze(mgc()), "mgc-snapshot", /the legacy source is a Lync Server 2013 Persistent Chat database/],
  ["analyze with a legacy database as the target", () => analyze(legacy(), { target: legacy() }), "legacy-snapshot", /the target is a Lync Server 2010 Group Chat database/],
  ["verify against a legacy database", async () => verify(await analyze(legacy()), memorySource(empty, { kind: "ocs2007r2", description: "ocs" })), "ocs", /the target is an OCS 2007 R2 Group Chat database/],
])("%s", (_n, run, where, problem) => {
  it("is a UserError naming the source, saying they may be swapped", async () => {
    const e = await run().then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).where).toBe(where);
    expect((e as UserError).message).toMatch(problem);
    expect((e as UserError).fix).toMatch(/may be swapped/);
  });
});
