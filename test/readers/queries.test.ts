// SQL Server is not on this machine. The PowerShell suite parses every statement here with Microsoft's
// parser for the oldest server it runs on (test/powershell/Tsql.Tests.ps1, ScriptDom); these tests
// check what a parser cannot: each reads only, names its columns, orders its rows, and leaves the
// calendar to TypeScript.
import { INVENTORY_STATEMENTS } from "../../migration-jobs/readers/queries/inventory";
import { SCHEMA_COLUMNS_SQL } from "../../migration-jobs/readers/queries/schema";
import { dayNumber, dayOfNumber, isoOfTicks } from "../../migration-jobs/readers/queries/ticks";
import { day, ticksIso } from "../../migration-jobs/readers/rows";

const statements = Object.entries({ ...INVENTORY_STATEMENTS, SCHEMA_COLUMNS_SQL });

describe.each(statements)("%s", (name, sql) => {
  it("adds no days to a date (engines differ near year 1): days and times leave the server as integers", () => {
    expect(sql).not.toMatch(/DATEADD|'00010101'|AS date\b/i);
  });
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
      expect(sql).toMatch(/^SELECT h\.roomId AS roomId, h\.dayNo AS dayNo, h\.messages AS messages, h\.fileLinks AS fileLinks,\s+h\.firstTicks AS firstTicks, h\.lastTicks AS lastTicks/);
      expect(sql).not.toMatch(/SELECT[^(]*c\.content AS/);
    }
    for (const sql of [INVENTORY_STATEMENTS.FILE_LINKS_LEGACY_SQL, INVENTORY_STATEMENTS.FILE_LINKS_2013_SQL]) {
      expect(sql).toContain(`${dayNumber("c.chatDate")} AS dayNo`);
    }
    expect(INVENTORY_STATEMENTS.INVITATIONS_TICKS_SQL).toMatch(/i\.createdOn AS createdTicks/);
  });
});

describe("tick arithmetic", () => {
  it("the day number is integer arithmetic, 0 for an impossible value", () => {
    expect(dayNumber("x")).toBe("CASE WHEN x BETWEEN 0 AND 3155378975999999999 THEN CAST(x / 864000000000 AS int) ELSE 0 END");
  });

  it.each([
    [0, "0001-01-01"],
    [1, "0001-01-02"],
    [719162, "1970-01-01"],
    [734565, "2012-03-04"],
    [3652058, "9999-12-31"],
    [3652059, null],
    [-1, null],
    [1.5, null],
  ])("day number %p is %p", (n, want) => expect(dayOfNumber(n)).toBe(want));

  it.each([
    [0n, "0001-01-01T00:00:00.000Z"],
    [621355968000000000n, "1970-01-01T00:00:00.000Z"],
    [621355967999999999n, "1969-12-31T23:59:59.999Z"],
    // 2012-03-04T23:59:59.9999999: milliseconds truncate, as the reader always did.
    [634665023999999999n, "2012-03-04T23:59:59.999Z"],
    [3155378975999999999n, "9999-12-31T23:59:59.999Z"],
    [3155378976000000000n, null],
    [-1n, null],
  ])("ticks %p are %p", (t, want) => expect(isoOfTicks(t)).toBe(want));

  it("reads the values mssql hands over: bigint as a string, int as a number, NULL", () => {
    expect(ticksIso("634665023999999999")).toBe("2012-03-04T23:59:59.999Z");
    expect(ticksIso(null)).toBeNull();
    expect(ticksIso("x")).toBeNull();
    expect(day(734565)).toBe("2012-03-04");
    expect(day(null)).toBeNull();
  });

  it("matches .NET ticks: 864000000000 per day from 0001-01-01", () => {
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
    expect(isoOfTicks(t)).toBe("2013-06-01T12:34:56.789Z");
    expect(dayOfNumber(dayNo)).toBe("2013-06-01");
  });
});
