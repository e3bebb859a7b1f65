// The T-SQL checker stands in for SQL Server, which this machine lacks: it proves each statement the
// readers send parses as T-SQL, reads only, and names its columns; not that a server runs it.
import { INVENTORY_STATEMENTS } from "../../migration-jobs/readers/queries/inventory";
import { SCHEMA_COLUMNS_SQL } from "../../migration-jobs/readers/queries/schema";
import { dayNumber, dayText, ticksToDatetime2 } from "../../migration-jobs/readers/queries/ticks";
import { expectValidTsql, tsqlSyntaxErrors } from "../support/tsql";

const statements = Object.entries({ ...INVENTORY_STATEMENTS, SCHEMA_COLUMNS_SQL });

describe.each(statements)("%s", (name, sql) => {
  it("parses as T-SQL", () => expectValidTsql(sql, name));
  it("is one SELECT that names its columns and writes nothing", () => {
    expect(sql.trimStart()).toMatch(/^SELECT /);
    expect(sql).not.toMatch(/SELECT\s+(\w+\.)?\*/i);
    expect(sql).not.toMatch(/\b(INSERT|UPDATE|DELETE|MERGE|EXEC|EXECUTE|DROP|ALTER|CREATE|TRUNCATE|GRANT)\b/i);
    expect(sql).not.toMatch(/;\s*\S/);
  });
  it("orders its rows, so two snapshots of one database are identical", () => expect(sql).toMatch(/ORDER BY [^)]+$/));
});

describe("statements per generation", () => {
  it.each([
    ["ROOMS_LEGACY_SQL", /n\.topic AS topic/, /n\.filePost AS fileUpload/],
    ["ROOMS_2013_SQL", /CAST\(NULL AS nvarchar\(256\)\) AS topic/, /CAST\(NULL AS bit\) AS fileUpload/],
    ["PRINCIPALS_LYNC2010_SQL", /t\.ptypeIsFederated AS typeIsFederated/, /p\.prinName AS name/],
    ["PRINCIPALS_OCS2007R2_SQL", /CAST\(NULL AS bit\) AS typeIsFederated/, /p\.prinName AS name/],
    ["PRINCIPALS_2013_SQL", /CAST\(0 AS bit\) AS typeIsFederated/, /prinDisplayName/],
    ["SCOPES_LEGACY_SQL", /CAST\(0 AS bit\) AS denied/, /tblScopePrincipal/],
    ["SCOPES_2013_SQL", /s\.scopeIsDenied AS denied/, /tblScopePrincipal/],
    ["MESSAGE_DAYS_LEGACY_SQL", /c\.channelID AS roomId/, /COUNT_BIG\(\*\) AS messages/],
    ["MESSAGE_DAYS_2013_SQL", /c\.channelId AS roomId/, /LIKE N'%ma-filelink:%'/],
    ["FILE_LINKS_LEGACY_SQL", /CHARINDEX\(N'ma-filelink:', c\.content\)/, /ORDER BY c\.channelID, c\.chatID/],
    ["FILE_LINKS_2013_SQL", /WHERE c\.content LIKE N'%ma-filelink:%'/, /ORDER BY c\.channelId, c\.chatId/],
  ])("%s", (name, a, b) => {
    const sql = INVENTORY_STATEMENTS[name as keyof typeof INVENTORY_STATEMENTS];
    expect(sql).toMatch(a);
    expect(sql).toMatch(b);
  });
  it("groups messages by room and day in SQL: no message row crosses the wire", () => {
    for (const sql of [INVENTORY_STATEMENTS.MESSAGE_DAYS_LEGACY_SQL, INVENTORY_STATEMENTS.MESSAGE_DAYS_2013_SQL]) {
      expect(sql).toMatch(/GROUP BY c\.channel(ID|Id), d\.dayNo/);
      expect(sql).not.toMatch(/SELECT[^(]*c\.content AS/);
    }
  });
});

describe("tick arithmetic fragments", () => {
  it.each([
    ["dayNumber", `SELECT ${dayNumber("c.chatDate")} AS d FROM dbo.tblChat AS c`],
    ["dayText", `SELECT ${dayText("7")} AS d`],
    ["ticksToDatetime2", `SELECT ${ticksToDatetime2("i.createdOn")} AS d FROM dbo.tblPrincipalInvites AS i`],
  ])("%s makes valid T-SQL", (_n, sql) => expect(tsqlSyntaxErrors(sql)).toEqual([]));

  it("matches .NET ticks: 864000000000 per day from 0001-01-01, guarded against overflow", () => {
    // 2013-06-01T12:34:56.789Z in .NET ticks, computed independently of the SQL.
    const epochTicks = 621355968000000000n; // 1970-01-01
    const t = epochTicks + BigInt(Date.UTC(2013, 5, 1, 12, 34, 56, 789)) * 10000n;
    const dayNo = Number(t / 864000000000n);
    // Date.UTC maps year 1 to 1901, so build 0001-01-01 by hand.
    const base = new Date(0);
    base.setUTCFullYear(1, 0, 1);
    base.setUTCHours(0, 0, 0, 0);
    const date = new Date(base.getTime() + dayNo * 86400000 + Number((t % 864000000000n) / 10000n));
    expect(date.toISOString()).toBe("2013-06-01T12:34:56.789Z");
    expect(ticksToDatetime2("x")).toContain("BETWEEN 0 AND 3155378975999999999");
  });
});
