/**
 * The sample's T-SQL script. SQL Server is not on this machine: the script is checked by parsing every
 * batch with the ANTLR T-SQL grammar (test/support/tsql.ts, standing in for the server's parser), by
 * counting the rows its INSERTs carry against the snapshot, and by recomputing on the script's own
 * numbers what the server would expand (messages and file links per day). It cannot prove the inserts
 * run; the lab rehearsal does.
 */
import { ENTITIES, EntityName, EntityTypes } from "../../migration-jobs/model/inventory";
import { expectValidTsql } from "../support/tsql";
import { LYNC2010_DDL } from "../../migration-jobs/readers/schema-ddl";
import { fileLinkUrl, plannedCounts, renderSampleSql, sampleSource } from "../../migration-jobs/sample";
import { ticksOf } from "../../migration-jobs/sample/sql";

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

describe("the script parses as T-SQL", () => {
  const batches = () => script.split(/^GO\n/m).filter((b) => b.trim().length > 0);
  test("it is cut into GO batches, none too large", () => {
    expect(batches().length).toBeGreaterThan(8);
    for (const b of batches()) expect(b.split("\n").length).toBeLessThan(6_000);
  });
  test("every statement parses", () => {
    // Statement by statement: the grammar's cost is mostly its warm-up on each new construct (~15 s here).
    const statements = script.split(/(?<=;)\n|^GO\n/m).filter((s) => s.trim().length > 0);
    expect(statements.length).toBeGreaterThan(20);
    for (const [i, s] of statements.entries()) expectValidTsql(s, `statement ${i + 1}`);
  });
  test("it creates the tables only if absent, with the readers' own DDL", () => {
    for (const ddl of LYNC2010_DDL) expect(script).toContain(ddl);
    expect(script).toMatch(/THROW 50000, N'This database already holds rooms or messages/);
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
    expect(script).toContain("CONCAT(N'Shared a file: ma-filelink://chatfiles/', d.roomId, N'/', d.dayKey, N'/', n.n, N'.pdf')");
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

test("strings are escaped, NULLs stay NULL", async () => {
  const inner = sampleSource({ scale: "small", seed: 1 });
  const quoted = {
    ...inner,
    read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
      if (entity !== "addins") return (async function* () {})();
      return (async function* () {
        yield { id: "00000000-0000-4000-8000-000000000001", name: "O'Brien's board", url: null } as EntityTypes[E];
      })();
    },
  };
  const parts: string[] = [];
  await renderSampleSql(quoted, (c) => parts.push(c));
  const text = parts.join("");
  expect(text).toContain("('00000000-0000-4000-8000-000000000001', N'O''Brien''s board', NULL)");
  expect(ENTITIES.length).toBe(9);
});
