/** The seeding plan of the legacy principals (lync-install §3): pure, no stand-ins needed. */
import type { Principal, PrincipalKind } from "../../migration-jobs/inventory/inventory";
import { NOT_SEEDED, planSeeding, principalsNotInTarget, relativeParent, seedingSummary, splitDn, type NotSeededReason } from "../../migration-jobs/analysis/seeding";

const SIP = ["contoso.local"];

function p(id: number, kind: PrincipalKind, uri: string | null, adPath: string | null, over: Partial<Principal> = {}): Principal {
  return { id, guid: null, uri, name: `Principal ${id}`, kind, typeId: 0, disabled: false, adPath, ...over };
}

describe.each<[string, Principal, NotSeededReason]>([
  ["a federated user", p(1, "federated-user", "sip:x@fabrikam.com", null), "federated"],
  ["a federated group", p(1, "federated-group", "ma-grp://x", "CN=X,OU=G,DC=fabrikam,DC=com"), "federated"],
  ["an undocumented type", p(1, "unknown", "sip:x@contoso.local", "CN=X,CN=Users,DC=contoso,DC=com"), "unknownType"],
  ["a disabled user", p(1, "user", "sip:x@contoso.local", "CN=X,CN=Users,DC=contoso,DC=com", { disabled: true }), "disabled"],
  ["a user without an AD path", p(1, "user", "sip:x@contoso.local", null), "noAdPath"],
  ["a user without a sip: address", p(1, "user", "x@contoso.local", "CN=X,CN=Users,DC=contoso,DC=com"), "noSip"],
  ["a user of another SIP domain", p(1, "user", "sip:x@contoso.com", "CN=X,CN=Users,DC=contoso,DC=com"), "foreignSipDomain"],
  ["a user in a container that is not an OU", p(1, "user", "sip:x@contoso.local", "CN=X,CN=Builtin,DC=contoso,DC=com"), "container"],
  ["a user in CN=Users below an OU", p(1, "user", "sip:x@contoso.local", "CN=X,CN=Users,OU=A,DC=contoso,DC=com"), "container"],
  ["a folder that is a CN container", p(1, "container", "ma-grp://c", "CN=Program Data,DC=contoso,DC=com"), "container"],
])("not seeded: %s", (_name, principal, reason) => {
  test(`reason ${reason}`, () => {
    const plan = planSeeding([principal], SIP);
    expect(plan.notSeeded).toEqual([{ id: 1, principal: principal.uri ?? "principal-id:1", reason, why: NOT_SEEDED[reason] }]);
    expect(plan.counts.toSeed).toBe(0);
  });
});

describe.each<[string, Principal]>([
  ["Any", p(1, "any", null, null)],
  ["a system user", p(1, "system", "sip:ocschat@contoso.local", "CN=ocschat,CN=Users,DC=contoso,DC=com")],
  ["the domain", p(1, "domain", "ma-grp://dc", "DC=contoso,DC=com")],
  ["the CN=Users folder", p(1, "container", "ma-grp://users", "CN=Users,DC=contoso,DC=com")],
])("built in, neither seeded nor reported: %s", (_name, principal) => {
  test("ignored", () => {
    const plan = planSeeding([principal], SIP);
    expect(plan.counts).toMatchObject({ toSeed: 0, notSeeded: 0 });
  });
});

test("users, groups and OUs keep their place below the domain root, OUs parents first", () => {
  const plan = planSeeding(
    [
      p(2, "user", "sip:ann@contoso.local", "CN=Lee\\, Ann,OU=Sales,OU=People,DC=contoso,DC=com", { name: "Ann Lee" }),
      p(3, "user", "sip:bo@CONTOSO.local", "CN=Bo,CN=Users,DC=contoso,DC=com"),
      p(4, "group", "ma-grp://g", "CN=Sales Team,OU=Groups,DC=contoso,DC=com"),
      p(5, "container", "ma-grp://eng", "OU=Engineering,OU=People,DC=contoso,DC=com"),
    ],
    SIP,
  );
  expect(plan.ous).toEqual(["OU=Groups", "OU=People", "OU=Engineering,OU=People", "OU=Sales,OU=People"]);
  expect(plan.users).toEqual([
    { id: 2, name: "Lee, Ann", displayName: "Ann Lee", sipAddress: "sip:ann@contoso.local", path: "OU=Sales,OU=People" },
    { id: 3, name: "Bo", displayName: "Principal 3", sipAddress: "sip:bo@CONTOSO.local", path: "CN=Users" },
  ]);
  expect(plan.groups).toEqual([{ id: 4, name: "Sales Team", path: "OU=Groups" }]);
  expect(plan.counts).toEqual({ toSeed: 7, ous: 4, users: 2, groups: 1, notSeeded: 0, byReason: {} });
  expect(seedingSummary(plan)).toBe("7 principals to seed (2 users, 1 groups, 4 OUs), none that cannot be");
});

test("the summary says how many cannot be seeded and why", () => {
  const plan = planSeeding([p(1, "federated-user", "sip:x@fabrikam.com", null), p(2, "federated-user", "sip:y@fabrikam.com", null), p(3, "user", "sip:z@contoso.local", null)], SIP);
  expect(seedingSummary(plan)).toBe(`0 principals to seed (0 users, 0 groups, 0 OUs), 3 cannot be (2 ${NOT_SEEDED.federated}; 1 ${NOT_SEEDED.noAdPath})`);
});

test("DNs split on unescaped commas only; the parent path drops the DC= part", () => {
  expect(splitDn("CN=Lee\\, Ann,OU=Sales,DC=contoso,DC=com")).toEqual(["CN=Lee\\, Ann", "OU=Sales", "DC=contoso", "DC=com"]);
  expect(relativeParent("CN=Lee\\, Ann,OU=Sales,DC=contoso,DC=com")).toEqual(["OU=Sales"]);
  expect(relativeParent("CN=X,DC=contoso,DC=com")).toEqual([]);
  expect(relativeParent("CN=X,CN=Computers,DC=contoso,DC=com")).toBeNull();
});

test("staging: the principals the target domain lacks, as one PRINCIPAL_NOT_IN_TARGET_DOMAIN finding", () => {
  const principals = [p(1, "user", "sip:ann@contoso.local", "CN=Ann,CN=Users,DC=contoso,DC=com"), p(2, "group", "ma-grp://g", "CN=G,OU=Groups,DC=contoso,DC=com"), p(3, "user", "sip:gone@contoso.local", null, { disabled: true }), p(4, "any", null, null)];
  expect(principalsNotInTarget(principals, new Set(["sip:ann@contoso.local", "cn=g,ou=groups,dc=contoso,dc=com"]))).toEqual([]);
  const findings = principalsNotInTarget(principals, new Set(["sip:ann@contoso.local"]));
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ code: "PRINCIPAL_NOT_IN_TARGET_DOMAIN", severity: "warning" });
  expect(findings[0]!.message).toContain('"ma-grp://g"');
});
