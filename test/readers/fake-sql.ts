/**
 * Stands in for SQL Server, which this machine lacks: a SqlConnection that answers each known
 * statement with rows shaped as mssql returns them (Date for datetime2, string for bigint, boolean for
 * bit, upper-case strings for uniqueidentifier, null for NULL). An unexpected statement fails the test.
 */
import type { SqlConnection, SqlRow } from "../../migration-jobs/readers/connection";
import type { SchemaColumnRow } from "../../migration-jobs/readers/queries/schema";
import { LYNC2010_DDL, OCS2007R2_DDL } from "../../migration-jobs/readers/schema-ddl";

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
  ...["prinID:int", "invID:int", "nodeID:int", "createdOn:bigint"].map((c) => ["tblPrincipalInvites", c] as const),
  ...["siopID:uniqueidentifier", "siopName:nvarchar", "siopUrl:nvarchar"].map((c) => ["tblSiopWhiteList", c] as const),
  ...["channelId:int", "chatId:bigint", "chatDate:bigint", "userId:int", "isAlert:bit", "content:nvarchar", "rtf:varchar"].map((c) => ["tblChat", c] as const),
].map(([tableName, c]) => {
  const [columnName, dataType] = c.split(":") as [string, string];
  return { tableName, columnName, dataType };
});
