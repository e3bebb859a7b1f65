// The fake connection (fake-sql.ts) stands in for SQL Server: it answers the readers' statements with
// rows shaped exactly as mssql returns them, so these tests cover detection, statement choice and the
// row-to-model mapping of every generation.
import { openLiveSource } from "../../migration-jobs/readers/live-source";
import * as Q from "../../migration-jobs/readers/queries/inventory";
import { SCHEMA_COLUMNS_SQL } from "../../migration-jobs/readers/queries/schema";
import { principalKindOf, privacyOf, roleOf, roomTypeOf } from "../../migration-jobs/readers/rows";
import { ENTITIES, EntityName, EntityTypes, InventorySource } from "../../migration-jobs/inventory/inventory";
import type { SqlRow } from "../../migration-jobs/readers/connection";
import { ADDIN, G1, G2, fakeSql, legacyAnswers, LYNC2010_COLUMNS, LYNC2013_COLUMNS, OCS2007R2_COLUMNS } from "./fake-sql";


describe.each([
  [2, "secret"],
  [3, "closed"],
  [6, "open"],
  [4, null],
  [null, null],
])("privacyOf(%p)", (v, p) => it(`-> ${p}`, () => expect(privacyOf(v)).toBe(p)));

describe.each([
  [4, "normal"],
  [5, "auditorium"],
  [6, null],
  [null, null],
])("roomTypeOf(%p)", (v, t) => it(`-> ${t}`, () => expect(roomTypeOf(v)).toBe(t)));

describe("principalKindOf", () => {
  it.each([
    [1, "Any", null, "any"],
    [2, "AnyUser", false, "any"],
    [3, "AnyGroup", false, "any"],
    [4, "SystemUser", false, "system"],
    [5, "User", false, "user"],
    [6, "ExternalUser", false, "federated-user"],
    [7, "FederatedUser", true, "federated-user"],
    [7, "FederatedUser", null, "federated-user"],
    [11, "FederatedGroup", true, "federated-group"],
    [8, "DC", false, "domain"],
    [9, "Group", false, "group"],
    [10, "Folder", false, "container"],
    [42, "Mystery", false, "unknown"],
    [42, null, null, "unknown"],
    [null, null, null, "unknown"],
  ])("type %p (%p, federated %p) -> %s", (id, desc, fed, kind) => expect(principalKindOf(id, desc, fed)).toBe(kind));
});

describe("roleOf", () => {
  it.each([
    ["Member", "member"],
    ["Manager", "manager"],
    ["Voiced", "presenter"],
    ["Presenter", "presenter"],
    [" creator ", "creator"],
    ["Owner", null],
    [null, null],
  ])("%p -> %p", (desc, role) => expect(roleOf(desc)).toBe(role));
});

async function readAll<E extends EntityName>(source: InventorySource, e: E): Promise<EntityTypes[E][]> {
  const out: EntityTypes[E][] = [];
  for await (const x of source.read(e)) out.push(x);
  return out;
}

describe("openLiveSource over a Lync 2010 Group Chat database", () => {
  it("detects it and maps every entity to the model", async () => {
    const conn = fakeSql(legacyAnswers(LYNC2010_COLUMNS, Q.PRINCIPALS_LYNC2010_SQL));
    const source = await openLiveSource(conn);
    const info = await source.info();
    expect(info).toMatchObject({ kind: "lync2010", database: "GroupChat", server: "sql01\\RTC" });
    expect(info.schemaEvidence).toContain("tblNode.topic present");
    expect(source.description).toBe("Lync Server 2010 Group Chat database GroupChat on sql01\\RTC");

    expect(await readAll(source, "categories")).toEqual([
      { id: 1, guid: G1.toLowerCase(), name: "Root", description: null, parentId: null, isRoot: true, invitations: true, fileUpload: true, chatHistory: true, addinId: null },
      { id: 2, guid: G2.toLowerCase(), name: "Sales", description: "EMEA", parentId: 1, isRoot: false, invitations: null, fileUpload: false, chatHistory: null, addinId: ADDIN.toLowerCase() },
    ]);
    expect(await readAll(source, "rooms")).toEqual([
      { id: 10, guid: G2.toLowerCase(), name: "deals", description: null, topic: "Q3", categoryId: 2, privacy: "open", type: "normal", disabled: false, invitations: null, fileUpload: true, chatHistory: null, addinId: null },
      { id: 11, guid: G1.toLowerCase(), name: "board", description: "d", topic: null, categoryId: 2, privacy: "secret", type: "auditorium", disabled: true, invitations: false, fileUpload: null, chatHistory: false, addinId: ADDIN.toLowerCase() },
      { id: 12, guid: null, name: null, description: null, topic: null, categoryId: 99, privacy: null, type: null, disabled: false, invitations: null, fileUpload: null, chatHistory: null, addinId: null },
    ]);
    expect(await readAll(source, "principals")).toEqual([
      { id: 5, guid: G1.toLowerCase(), uri: "sip:alice@contoso.com", name: "Alice", kind: "user", typeId: 5, disabled: false, adPath: "CN=Alice,DC=contoso,DC=com" },
      { id: 6, guid: G2.toLowerCase(), uri: "sip:bob@fabrikam.com", name: "Bob", kind: "federated-user", typeId: 7, disabled: true, adPath: null },
      { id: 7, guid: null, uri: "ma-grp:x", name: null, kind: "unknown", typeId: 77, disabled: false, adPath: null },
    ]);
    expect(await readAll(source, "roleAssignments")).toEqual([
      { nodeId: 1, principalId: 5, role: "manager" },
      { nodeId: 10, principalId: 6, role: "presenter" },
    ]);
    expect(source.skipped).toEqual([{ entity: "roleAssignments", why: "role type 9 (no tblRoleType row) is not Member, Manager, Voiced or Creator" }]);
    expect(await readAll(source, "scopes")).toEqual([{ nodeId: 2, principalId: 5, denied: false }]);
    expect(await readAll(source, "invitations")).toEqual([
      { principalId: 5, nodeId: 10, createdAt: "2012-03-04T05:06:07.890Z" },
      { principalId: 6, nodeId: 10, createdAt: null },
    ]);
    expect(await readAll(source, "addins")).toEqual([{ id: ADDIN.toLowerCase(), name: "Wiki", url: "https://wiki.contoso.com" }]);
    expect(await readAll(source, "messageDays")).toEqual([{ roomId: 10, day: "2012-03-04", messages: 1234, fileLinks: 3, first: "2012-03-04T00:00:01.000Z", last: "2012-03-04T23:59:59.999Z" }]);
    expect(await readAll(source, "fileLinks")).toEqual([{ roomId: 10, url: "ma-filelink://fs01/files/a.docx", day: "2012-03-04", bytes: null }]);

    // Every entity has been read exactly once, with the legacy statements, plus the schema query.
    expect(conn.sent).toHaveLength(ENTITIES.length + 1);
    await source.close();
    expect(conn.closed).toBe(true);
  });

  it("starts a fresh pass on each read", async () => {
    const conn = fakeSql(legacyAnswers(LYNC2010_COLUMNS, Q.PRINCIPALS_LYNC2010_SQL));
    const source = await openLiveSource(conn);
    expect((await readAll(source, "scopes")).length).toBe(1);
    expect((await readAll(source, "scopes")).length).toBe(1);
  });
});

describe("openLiveSource picks each generation's statements", () => {
  it("OCS 2007 R2: the principals statement without ptypeIsFederated; type 7 is still federated", async () => {
    const conn = fakeSql(legacyAnswers(OCS2007R2_COLUMNS, Q.PRINCIPALS_OCS2007R2_SQL));
    const source = await openLiveSource(conn);
    expect((await source.info()).kind).toBe("ocs2007r2");
    const principals = await readAll(source, "principals");
    expect(principals.map((p) => p.kind)).toEqual(["user", "federated-user", "unknown"]);
  });

  it("Lync 2013: flat categories, denied scopes, smallint prinDisabled, no room topic", async () => {
    const conn = fakeSql(
      new Map<string, SqlRow[]>([
        [SCHEMA_COLUMNS_SQL, LYNC2013_COLUMNS as unknown as SqlRow[]],
        [
          Q.CATEGORIES_SQL,
          [
            { id: 1, guid: G1, parentId: 1, name: "root", description: null, invitations: false, fileUpload: false, chatHistory: true, addinId: null },
            { id: 3, guid: G2, parentId: 1, name: "Sales", description: null, invitations: true, fileUpload: true, chatHistory: true, addinId: null },
          ],
        ],
        [Q.ROOMS_2013_SQL, [{ id: 20, guid: G1, categoryId: 3, name: "deals", description: null, topic: null, visibility: 3, behavior: 4, disabled: false, invitations: null, fileUpload: null, chatHistory: null, addinId: null }]],
        [
          Q.PRINCIPALS_2013_SQL,
          [
            { id: 5, guid: G1, uri: "sip:a@c.com", name: "A", typeId: 5, typeDesc: "User", typeIsFederated: false, disabled: 0, adPath: null },
            { id: 6, guid: G2, uri: "sip:b@c.com", name: "B", typeId: 5, typeDesc: "User", typeIsFederated: false, disabled: 2, adPath: null },
          ],
        ],
        [Q.SCOPES_2013_SQL, [{ nodeId: 3, principalId: 5, denied: false }, { nodeId: 3, principalId: 6, denied: true }]],
        [Q.MESSAGE_DAYS_2013_SQL, []],
      ]),
      "mgc",
    );
    const source = await openLiveSource(conn);
    expect((await source.info()).kind).toBe("lync2013");
    expect((await readAll(source, "categories")).map((c) => [c.id, c.parentId, c.isRoot])).toEqual([
      [1, null, true],
      [3, null, false],
    ]);
    expect(await readAll(source, "rooms")).toEqual([{ id: 20, guid: G1.toLowerCase(), name: "deals", description: null, topic: null, categoryId: 3, privacy: "closed", type: "normal", disabled: false, invitations: null, fileUpload: null, chatHistory: null, addinId: null }]);
    expect((await readAll(source, "principals")).map((p) => p.disabled)).toEqual([false, true]);
    expect((await readAll(source, "scopes")).map((s) => s.denied)).toEqual([false, true]);
    expect(await readAll(source, "messageDays")).toEqual([]);
  });

  it("invitations stored as bigint ticks (what earlier kit versions wrote) use the ticks statement", async () => {
    const cols = LYNC2010_COLUMNS.map((c) => (c.tableName === "tblPrincipalInvites" && c.columnName === "createdOn" ? { ...c, dataType: "bigint" } : c));
    const answers = legacyAnswers(cols, Q.PRINCIPALS_LYNC2010_SQL);
    answers.set(Q.INVITATIONS_TICKS_SQL, [
      { principalId: 1, nodeId: 2, createdTicks: "634294368000000000" },
      { principalId: 1, nodeId: 3, createdTicks: null },
      { principalId: 1, nodeId: 4, createdTicks: "-5" },
    ]);
    const source = await openLiveSource(fakeSql(answers));
    expect(await readAll(source, "invitations")).toEqual([
      { principalId: 1, nodeId: 2, createdAt: "2011-01-01T00:00:00.000Z" },
      { principalId: 1, nodeId: 3, createdAt: null },
      { principalId: 1, nodeId: 4, createdAt: null },
    ]);
  });

  it("message days and file links: impossible ticks land on day 0001-01-01 and time 0001-01-01T00:00:00Z, as before", async () => {
    const answers = legacyAnswers(LYNC2010_COLUMNS, Q.PRINCIPALS_LYNC2010_SQL);
    answers.set(Q.MESSAGE_DAYS_LEGACY_SQL, [{ roomId: 10, dayNo: 0, messages: 2, fileLinks: 0, firstTicks: "-1", lastTicks: "9999999999999999999" }]);
    answers.set(Q.FILE_LINKS_LEGACY_SQL, [{ roomId: 10, url: "ma-filelink://x", dayNo: 0 }]);
    const source = await openLiveSource(fakeSql(answers));
    expect(await readAll(source, "messageDays")).toEqual([{ roomId: 10, day: "0001-01-01", messages: 2, fileLinks: 0, first: "0001-01-01T00:00:00.000Z", last: "0001-01-01T00:00:00.000Z" }]);
    expect(await readAll(source, "fileLinks")).toEqual([{ roomId: 10, url: "ma-filelink://x", day: "0001-01-01", bytes: null }]);
  });

  it("a database that is neither is refused with its name, and the connection is closed", async () => {
    const conn = fakeSql(new Map([[SCHEMA_COLUMNS_SQL, [{ tableName: "tblOrders", columnName: "id", dataType: "int" }]]]), "Sales");
    await expect(openLiveSource(conn)).rejects.toThrow(/database Sales on sql01\\RTC: the database is neither Lync 2013 mgc/);
    expect(conn.closed).toBe(true);
  });
});
