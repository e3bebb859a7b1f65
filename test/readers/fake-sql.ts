/**
 * Stands in for SQL Server, which this machine lacks: a SqlConnection that answers each known
 * statement with rows shaped as mssql returns them (Date for datetime and datetime2, string for bigint,
 * number for int, boolean for bit, upper-case strings for uniqueidentifier, null for NULL). An
 * unexpected statement fails the test.
 */
import type { SqlConnection, SqlRow } from "../../migration-jobs/readers/connection";
import type { SchemaColumnRow } from "../../migration-jobs/readers/queries/schema";
import { LYNC2010_DDL, OCS2007R2_DDL } from "../../migration-jobs/readers/schema-ddl";
import * as Q from "../../migration-jobs/readers/queries/inventory";
import { SCHEMA_COLUMNS_SQL } from "../../migration-jobs/readers/queries/schema";

export const G1 = "6F9619FF-8B86-D011-B42D-00C04FC964FF";
export const G2 = "0E984725-C51C-4BF4-9960-E1C80E27ABA0";
export const ADDIN = "A0A0A0A0-0000-4000-8000-000000000001";

export interface FakeSql extends SqlConnection {
  sent: string[];
  closed: boolean;
}

export function fakeSql(answers: Map<string, SqlRow[] | (() => SqlRow[])>, database = "GroupChat", server = "sql01\\RTC"): FakeSql {
  const fake: FakeSql = {
    server,
    database,
    sent: [],
    closed: false,
    query(sql: string) {
      fake.sent.push(sql);
      const answer = answers.get(sql);
      if (answer === undefined) throw new Error(`fake SQL Server: unexpected statement:\n${sql}`);
      const rows = typeof answer === "function" ? answer() : answer;
      return (async function* () {
        for (const r of rows) yield r;
      })();
    },
    async close() {
      fake.closed = true;
    },
  };
  return fake;
}

/** INFORMATION_SCHEMA.COLUMNS rows of a database created from the kit's own DDL. */
export function columnsFromDdl(ddl: string[]): SchemaColumnRow[] {
  const rows: SchemaColumnRow[] = [];
  for (const stmt of ddl) {
    const table = /CREATE TABLE dbo\.(\w+) \(/.exec(stmt)![1]!;
    for (const line of stmt.split("\n")) {
      const m = /^\s{4}(\w+) (\w+)/.exec(line);
      if (m && m[1] !== "CONSTRAINT") rows.push({ tableName: table, columnName: m[1]!, dataType: m[2]!.toLowerCase() });
    }
  }
  return rows;
}

export const LYNC2010_COLUMNS = columnsFromDdl(LYNC2010_DDL);
export const OCS2007R2_COLUMNS = columnsFromDdl(OCS2007R2_DDL);

/** A 2013 `mgc` as domain §7.1 lists it (the columns the kit reads, plus rtf and a few others). */
export const LYNC2013_COLUMNS: SchemaColumnRow[] = [
  ...["nodeID:int", "nodeGuid:uniqueidentifier", "parentID:int", "nodeType:bit", "nodeName:nvarchar", "nodeDesc:nvarchar", "invite:bit", "logged:bit", "filePost:bit", "disabled:bit", "behavior:smallint", "visibility:smallint", "siopID:uniqueidentifier", "nodeAddedOn:bigint", "purgedOn:datetime"].map((c) => ["tblNode", c] as const),
  ...["prinID:int", "prinGuid:uniqueidentifier", "prinUri:nvarchar", "prinName:nvarchar", "prinDisplayName:nvarchar", "prinTypeID:smallint", "prinDisabled:smallint", "prinADPath:nvarchar", "prinPoolID:int"].map((c) => ["tblPrincipal", c] as const),
  ...["ptypeID:smallint", "ptypeDesc:nvarchar", "ptypeIsSystemUser:bit", "ptypeIsUser:bit"].map((c) => ["tblPrincipalType", c] as const),
  ...["prinRoleNodeID:int", "prinRolePrinID:int", "prinRoleTypeID:smallint", "prinRoleUpdatedBy:int"].map((c) => ["tblPrincipalRole", c] as const),
  ...["rtypeID:smallint", "rtypeDesc:nvarchar", "rtypeAllowedPermSet:bigint"].map((c) => ["tblRoleType", c] as const),
  ...["scopeNodeID:int", "scopePrinID:int", "scopeIsDenied:bit", "scopeUpdatedBy:int"].map((c) => ["tblScopePrincipal", c] as const),
  ...["prinID:int", "invID:int", "nodeID:int", "createdOn:datetime"].map((c) => ["tblPrincipalInvites", c] as const),
  ...["siopID:uniqueidentifier", "siopName:nvarchar", "siopUrl:nvarchar"].map((c) => ["tblSiopWhiteList", c] as const),
  ...["channelId:int", "chatId:bigint", "chatDate:bigint", "userId:int", "isAlert:bit", "content:nvarchar", "rtf:varchar"].map((c) => ["tblChat", c] as const),
].map(([tableName, c]) => {
  const [columnName, dataType] = c.split(":") as [string, string];
  return { tableName, columnName, dataType };
});

/** What a Lync 2010 (or OCS 2007 R2) database answers; `principals` names its statement. */
export function legacyAnswers(columns: SchemaColumnRow[], principalsSql: string): Map<string, SqlRow[]> {
  return new Map<string, SqlRow[]>([
    [SCHEMA_COLUMNS_SQL, columns as unknown as SqlRow[]],
    [
      Q.CATEGORIES_SQL,
      [
        // domain §7.1: root node 1 is its own parent.
        { id: 1, guid: G1, parentId: 1, name: "Root", description: null, invitations: true, fileUpload: true, chatHistory: true, addinId: null },
        { id: 2, guid: G2, parentId: 1, name: "Sales", description: "EMEA", invitations: null, fileUpload: false, chatHistory: null, addinId: ADDIN },
      ],
    ],
    [
      Q.ROOMS_LEGACY_SQL,
      [
        { id: 10, guid: G2, categoryId: 2, name: "deals", description: null, topic: "Q3", visibility: 6, behavior: 4, disabled: false, invitations: null, fileUpload: true, chatHistory: null, addinId: null },
        { id: 11, guid: G1, categoryId: 2, name: "board", description: "d", topic: null, visibility: 2, behavior: 5, disabled: true, invitations: false, fileUpload: null, chatHistory: false, addinId: ADDIN },
        { id: 12, guid: null, categoryId: 99, name: null, description: null, topic: null, visibility: null, behavior: null, disabled: null, invitations: null, fileUpload: null, chatHistory: null, addinId: null },
      ],
    ],
    [
      principalsSql,
      [
        { id: 5, guid: G1, uri: "sip:alice@contoso.com", name: "Alice", typeId: 5, typeDesc: "User", typeIsFederated: false, disabled: false, adPath: "CN=Alice,DC=contoso,DC=com" },
        { id: 6, guid: G2, uri: "sip:bob@fabrikam.com", name: "Bob", typeId: 7, typeDesc: "FederatedUser", typeIsFederated: principalsSql === Q.PRINCIPALS_LYNC2010_SQL ? true : null, disabled: true, adPath: null },
        { id: 7, guid: null, uri: "ma-grp:x", name: null, typeId: 77, typeDesc: null, typeIsFederated: null, disabled: null, adPath: null },
      ],
    ],
    [
      Q.ROLE_ASSIGNMENTS_SQL,
      [
        { nodeId: 1, principalId: 5, roleTypeId: 2, roleDesc: "Manager" },
        { nodeId: 10, principalId: 6, roleTypeId: 3, roleDesc: "Voiced" },
        { nodeId: 10, principalId: 7, roleTypeId: 9, roleDesc: null },
      ],
    ],
    [Q.SCOPES_LEGACY_SQL, [{ nodeId: 2, principalId: 5, denied: false }]],
    [Q.INVITATIONS_DATETIME_SQL, [{ principalId: 5, nodeId: 10, createdAt: new Date("2012-03-04T05:06:07.890Z") }, { principalId: 6, nodeId: 10, createdAt: null }]],
    [Q.ADDINS_SQL, [{ id: ADDIN, name: "Wiki", url: "https://wiki.contoso.com" }, { id: null, name: "broken", url: null }]],
    [
      Q.MESSAGE_DAYS_LEGACY_SQL,
      [
        // COUNT_BIG and the tick columns are bigint: mssql hands them over as strings. Day 734565 is
        // 2012-03-04; the ticks are 2012-03-04T00:00:01.000Z and 2012-03-04T23:59:59.999Z.
        { roomId: 10, dayNo: 734565, messages: "1234", fileLinks: 3, firstTicks: "634664160010000000", lastTicks: "634665023999990000" },
      ],
    ],
    [Q.FILE_LINKS_LEGACY_SQL, [{ roomId: 10, url: "ma-filelink://fs01/files/a.docx", dayNo: 734565 }]],
  ]);
}

