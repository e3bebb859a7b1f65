/**
 * The sample's T-SQL script. SQL Server is not on this machine: the PowerShell suite parses every batch
 * of this script (small, seed 1) with Microsoft's parser for SQL Server 2008 R2
 * (test/powershell/Tsql.Tests.ps1, ScriptDom). Here the script is checked by counting the rows its
 * INSERTs carry against the snapshot, by recomputing on the script's own numbers what the server would
 * expand (messages and file links per day), and for what a parser cannot see: the types of its VALUES
 * columns. It cannot prove the inserts run; the lab rehearsal does.
 */
import { ENTITIES, EntityName, EntityTypes } from "../../migration-jobs/inventory/inventory";
import { LYNC2010_DDL, legacyColumnTypes } from "../../migration-jobs/readers/schema-ddl";
import { fileLinkUrl, plannedCounts, renderSampleSql, sampleSource } from "../../migration-jobs/sample";
import { sqlDatetime, ticksOf, typeNulls } from "../../migration-jobs/sample/sql";

let script = "";
let counts: Awaited<ReturnType<typeof renderSampleSql>>;
const planned = plannedCounts("small", 1);

beforeAll(async () => {
  const parts: string[] = [];
  counts = await renderSampleSql(sampleSource({ scale: "small", seed: 1 }), (c) => parts.push(c));
  script = parts.join("");
});

/** The tuples of every `INSERT INTO dbo.<table> (...) VALUES` statement (one tuple per line). */
function valuesOf(table: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`^INSERT INTO dbo\\.${table} \\([^)]*\\) VALUES\\n([\\s\\S]*?);\\n`, "gm");
  for (const m of script.matchAll(re)) out.push(...(m[1] as string).split(",\n"));
  return out;
}

describe("the script's batches", () => {
  const batches = () => script.split(/^GO\n/m).filter((b) => b.trim().length > 0);
  test("it is cut into GO batches, none too large", () => {
    expect(batches().length).toBeGreaterThan(8);
    for (const b of batches()) expect(b.split("\n").length).toBeLessThan(6_000);
  });
  test("it creates the tables only if absent, with the readers' own DDL", () => {
    for (const ddl of LYNC2010_DDL) expect(script).toContain(ddl);
  });
  test("it stops on a database that holds rooms or messages, without THROW (SQL Server 2012)", () => {
    expect(batches()[0]).toMatch(
      /IF EXISTS \(SELECT 1 FROM dbo\.tblNode WHERE nodeID <> parentID\) OR EXISTS \(SELECT 1 FROM dbo\.tblChat\)\nBEGIN\n {2}RAISERROR\(N'This database already holds rooms or messages[^']*', 16, 1\);\n {2}SET NOEXEC ON;\nEND\n$/,
    );
    // Neither is on SQL Server 2008 R2, where a Group Chat database lives.
    expect(script).not.toMatch(/\bTHROW\b|\bCONCAT\(/);
  });
});

describe("typed NULLs: an all-NULL VALUES column is int, which does not convert to uniqueidentifier", () => {
  const nodeColumns = ["nodeID", "nodeGuid", "topic", "invite", "behavior", "siopID"];
  const types = legacyColumnTypes("lync2010").get("tblNode")!;
  test("the first row's NULL of each all-NULL column gets the column's type; int columns and mixed columns stay", () => {
    const rows = [
      ["1", "'a'", "NULL", "NULL", "NULL", "NULL"],
      ["NULL", "'b'", "NULL", "1", "NULL", "NULL"],
    ];
    expect(typeNulls(rows, nodeColumns, types)).toEqual([
      ["1", "'a'", "CAST(NULL AS nvarchar(256))", "NULL", "CAST(NULL AS smallint)", "CAST(NULL AS uniqueidentifier)"],
      ["NULL", "'b'", "NULL", "1", "NULL", "NULL"],
    ]);
    expect(rows[0]![5]).toBe("NULL");
    expect(typeNulls([["NULL"]], ["parentID"], types)).toEqual([["NULL"]]);
    expect(() => typeNulls([["1"]], ["nope"], types)).toThrow(/no SQL type for column nope/);
  });
  test("the root node's VALUES types its NULL siopID and every other NULL", () => {
    const root = /FROM \(VALUES (\(.*\))\) AS v\(nodeID/.exec(script)![1]!;
    expect(root).toContain("CAST(NULL AS uniqueidentifier))");
    expect(root).toContain("CAST(NULL AS nvarchar(256))");
    expect(root).not.toMatch(/(?<!CAST\()NULL\b/);
  });
  test("an INSERT whose nodes have no add-in types its siopID column; one with add-ins does not", async () => {
    const inner = sampleSource({ scale: "small", seed: 1 });
    const plain = {
      ...inner,
      read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
        if (entity !== "rooms" && entity !== "categories") return inner.read(entity);
        return (async function* () {
          for await (const r of inner.read(entity)) yield { ...(r as object), addinId: null } as EntityTypes[E];
        })();
      },
    };
    const parts: string[] = [];
    await renderSampleSql(plain, (c) => parts.push(c));
    const inserts = (text: string) => [...text.matchAll(/^INSERT INTO dbo\.tblNode \([^)]*\) VALUES\n([\s\S]*?);\n/gm)].map((m) => m[1]!.split(",\n"));
    const without = inserts(parts.join(""));
    expect(without.length).toBeGreaterThan(0);
    for (const rows of without) {
      expect(rows[0]).toMatch(/, CAST\(NULL AS uniqueidentifier\)\)$/);
      for (const r of rows.slice(1)) expect(r).toMatch(/, NULL\)$/);
    }
    // The sample as generated gives some nodes an add-in: their column is typed by its GUIDs.
    expect(inserts(script).some((rows) => rows.some((r) => /, '[0-9a-f-]{36}'\)$/.test(r)))).toBe(true);
    for (const rows of inserts(script)) if (rows.some((r) => /, '[0-9a-f-]{36}'\)$/.test(r))) expect(rows[0]).not.toMatch(/CAST\(NULL AS uniqueidentifier\)/);
  });
});

describe("row counts match the snapshot", () => {
  const expected: Array<[string, EntityName | EntityName[]]> = [
    ["tblSiopWhiteList", "addins"],
    ["tblPrincipal", "principals"],
    ["tblPrincipalRole", "roleAssignments"],
    ["tblScopePrincipal", "scopes"],
    ["tblPrincipalInvites", "invitations"],
  ];
  test.each(expected)("%s holds one row per %s", (table, entity) => {
    const n = planned[entity as EntityName];
    expect(valuesOf(table)).toHaveLength(n);
    expect(counts[table as keyof typeof counts]).toBe(n);
  });
  test("tblNode holds the categories (the root through its own guarded insert) and the rooms", () => {
    expect(valuesOf("tblNode").length + 1).toBe(planned.categories + planned.rooms);
    expect(script).toMatch(/WHERE NOT EXISTS \(SELECT 1 FROM dbo\.tblNode AS n WHERE n\.nodeID = 1\)/);
    expect(counts.tblNode).toBe(planned.categories + planned.rooms);
  });
  test("the message days expand on the server to the snapshot's messages and file links", () => {
    const days: Array<{ room: number; day: string; messages: number; links: number; first: string; last: string; firstChat: number }> = [];
    for (const m of script.matchAll(/^\((\d+), N'(\d{8})', (\d+), (\d+), (\d+), (\d+), (\d+), (\d+)\)/gm)) {
      days.push({ room: +m[1]!, day: m[2]!, messages: +m[3]!, links: +m[4]!, first: m[5]!, last: m[6]!, firstChat: +m[7]! });
    }
    expect(days).toHaveLength(planned.messageDays);
    expect(days.reduce((a, d) => a + d.messages, 0)).toBe(planned.messages);
    expect(days.reduce((a, d) => a + d.links, 0)).toBe(planned.fileLinks);
    expect(counts.tblChat).toBe(planned.messages);
    // chatID runs 1.. per room without gaps or overlaps (the PK is (channelID, chatID)).
    const next = new Map<number, number>();
    for (const d of days) {
      expect(d.firstChat).toBe(next.get(d.room) ?? 1);
      next.set(d.room, d.firstChat + d.messages);
    }
  });
  test("message times are .NET ticks of the day's first and last message", async () => {
    const first = (await (async () => { for await (const d of sampleSource({ scale: "small", seed: 1 }).read("messageDays")) return d; })())!;
    expect(script).toContain(`(${first.roomId}, N'${first.day.replace(/-/g, "")}', ${first.messages}, ${first.fileLinks}, ${ticksOf(first.first)}, ${ticksOf(first.last)}, 1, `);
    expect(ticksOf("0001-01-01T00:00:00.000Z")).toBe("0");
    // 621355968000000000 (1970-01-01) + 1717372800 s * 10^7 + 8 h
    expect(ticksOf("2024-06-03T08:00:00.000Z")).toBe("638529984000000000");
  });
  test("the link the server writes is the one the snapshot's file links hold", () => {
    expect(script).toContain("N'Shared a file: ma-filelink://chatfiles/' + CAST(d.roomId AS nvarchar(11)) + N'/' + d.dayKey + N'/' + CAST(n.n AS nvarchar(20)) + N'.pdf'");
    expect(fileLinkUrl(42, "2024-06-03", 2)).toBe("ma-filelink://chatfiles/42/20240603/2.pdf");
  });
  test("values the legacy columns cannot hold are cut, and the script says so", () => {
    expect(script).toMatch(/-- cut to the legacy column width: add-in \S+ name \(64 characters\) cut to 50/);
    expect(script).toMatch(/-- cut to the legacy column width: add-in \S+ URL \(\d+ characters\) cut to 255/);
    expect(script).toMatch(/-- cut to the legacy column width: room \d+ name \(300 characters\) cut to 256/);
  });
  test("the last batch compares what arrived with what was meant", () => {
    expect(script).toMatch(new RegExp(`\\(N'tblChat', ${planned.messages}, \\(SELECT COUNT_BIG\\(\\*\\) FROM dbo\\.tblChat\\)\\)`));
  });
});

test("strings are escaped, NULLs stay NULL (typed where their whole column is NULL)", async () => {
  const inner = sampleSource({ scale: "small", seed: 1 });
  const addins = (rows: Array<EntityTypes["addins"]>) => ({
    ...inner,
    read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
      if (entity !== "addins") return (async function* () {})();
      return (async function* () {
        for (const r of rows) yield r as EntityTypes[E];
      })();
    },
  });
  const render = async (rows: Array<EntityTypes["addins"]>) => {
    const parts: string[] = [];
    await renderSampleSql(addins(rows), (c) => parts.push(c));
    return parts.join("");
  };
  const quoted = { id: "00000000-0000-4000-8000-000000000001", name: "O'Brien's board", url: null };
  expect(await render([quoted])).toContain("('00000000-0000-4000-8000-000000000001', N'O''Brien''s board', CAST(NULL AS nvarchar(255)))");
  const mixed = await render([quoted, { id: "00000000-0000-4000-8000-000000000002", name: null, url: "https://x" }]);
  expect(mixed).toContain("VALUES\n('00000000-0000-4000-8000-000000000001', N'O''Brien''s board', NULL),\n('00000000-0000-4000-8000-000000000002', NULL, N'https://x');");
  expect(ENTITIES.length).toBe(9);
});

describe("invitations: createdOn is datetime, not null (Lync 2010 and 2013 schema pages)", () => {
  test("each invitation's time is written as a datetime literal, not ticks", () => {
    const rows = valuesOf("tblPrincipalInvites");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatch(/^\(\d+, \d+, \d+, '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}'\)$/);
  });
  test.each([
    ["2024-06-03T08:00:00.000Z", "'2024-06-03T08:00:00.000'"],
    ["2024-06-03T08:00:00Z", "'2024-06-03T08:00:00.000'"],
    ["1753-01-01T00:00:00.000Z", "'1753-01-01T00:00:00.000'"],
    ["1752-12-31T23:59:59.999Z", null],
    ["not a time", null],
  ])("sqlDatetime(%p) is %p", (iso, want) => expect(sqlDatetime(iso)).toBe(want));
  test("an invitation without a time datetime can hold is left out, and the script says so", async () => {
    const inner = sampleSource({ scale: "small", seed: 1 });
    const odd = {
      ...inner,
      read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
        if (entity !== "invitations") return inner.read(entity);
        return (async function* () {
          yield { principalId: 5, nodeId: 10, createdAt: null } as EntityTypes[E];
          yield { principalId: 5, nodeId: 11, createdAt: "1600-01-01T00:00:00.000Z" } as EntityTypes[E];
          yield { principalId: 5, nodeId: 12, createdAt: "2024-06-03T08:00:00.000Z" } as EntityTypes[E];
        })();
      },
    };
    const parts: string[] = [];
    const n = await renderSampleSql(odd, (c) => parts.push(c));
    const text = parts.join("");
    expect(text).toContain("INSERT INTO dbo.tblPrincipalInvites (prinID, invID, nodeID, createdOn) VALUES\n(5, 1, 12, '2024-06-03T08:00:00.000');\n");
    expect(text).toContain("-- cut to the legacy column width: 2 invitations left out (no creation time a datetime can hold; createdOn is NOT NULL)");
    expect(n.tblPrincipalInvites).toBe(1);
  });
});
