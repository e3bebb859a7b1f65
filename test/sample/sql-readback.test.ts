/**
 * Stands in for SQL Server (not on this machine) running the sample's script and then the readers'
 * SELECTs: the script's INSERT tuples are read back into the values mssql would return (bit as
 * boolean, uniqueidentifier upper-case, bigint as a string, datetime as a Date), the server-side
 * message expansion is replayed from its VALUES (same integer arithmetic, same content text), the histogram and link
 * extraction of readers/queries/inventory.ts are recomputed, and every row goes through the readers'
 * own row mappers (readers/live-source.ts planFor). What comes out must be the sample's snapshot, except
 * what the legacy columns cannot hold (cut, and listed in the script) and file sizes (not in SQL).
 * It proves the script and the readers agree on layout and meaning; only a real server proves it runs.
 */
import { ENTITIES, EntityName, EntityTypes } from "../../migration-jobs/inventory/inventory";
import { planFor } from "../../migration-jobs/readers/live-source";
import { PRINCIPAL_TYPES, ROLE_TYPES } from "../../migration-jobs/sample/sql";
import { plantedCases, renderSampleSql, sampleSource } from "../../migration-jobs/sample";

type Value = string | number | boolean | null;
const TICKS_PER_DAY = 864_000_000_000n;

/** One VALUES tuple, as T-SQL literals: N'..' and '..' strings, NULL and typed NULLs, integers (big ones as strings). */
function parseTuple(text: string): Value[] {
  const out: Value[] = [];
  let i = text.indexOf("(") + 1;
  while (i < text.length) {
    while (text[i] === " " || text[i] === ",") i++;
    if (text[i] === ")") break;
    if (text.startsWith("N'", i) || text[i] === "'") {
      i += text[i] === "N" ? 2 : 1;
      let s = "";
      for (;;) {
        const q = text.indexOf("'", i);
        s += text.slice(i, q);
        if (text[q + 1] === "'") {
          s += "'";
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(s);
    } else if (text.startsWith("NULL", i)) {
      out.push(null);
      i += 4;
    } else if (text.startsWith("CAST(NULL AS ", i)) {
      const m = /^CAST\(NULL AS \w+(\([\w, ]+\))?\)/.exec(text.slice(i))!;
      out.push(null);
      i += m[0].length;
    } else {
      const m = /^-?\d+/.exec(text.slice(i))!;
      out.push(m[0].length > 15 ? m[0] : Number(m[0]));
      i += m[0].length;
    }
  }
  return out;
}

let script = "";
const snapshot = {} as { [E in EntityName]: EntityTypes[E][] };

beforeAll(async () => {
  const parts: string[] = [];
  await renderSampleSql(sampleSource({ scale: "small", seed: 3 }), (c) => parts.push(c));
  script = parts.join("");
  const src = sampleSource({ scale: "small", seed: 3 });
  for (const e of ENTITIES) {
    const rows: unknown[] = [];
    for await (const r of src.read(e)) rows.push(r);
    (snapshot as Record<string, unknown[]>)[e] = rows;
  }
});

function tuples(table: string): Value[][] {
  const out: Value[][] = [];
  const re = new RegExp(`^INSERT INTO dbo\\.${table} \\([^)]*\\) VALUES\\n([\\s\\S]*?);\\n`, "gm");
  for (const m of script.matchAll(re)) for (const t of (m[1] as string).split(",\n")) out.push(parseTuple(t));
  return out;
}

const bit = (v: Value | undefined) => (v === null || v === undefined ? null : v === 1);
const upper = (v: Value | undefined) => (typeof v === "string" ? v.toUpperCase() : null);
// The kit's DDL declares tblPrincipalInvites.createdOn datetime: the reader's datetime statement.
const plan = planFor({ kind: "lync2010", invitationTime: "datetime" });

function nodes(): Value[][] {
  const root = /FROM \(VALUES (\(.*\))\) AS v\(nodeID/.exec(script)!;
  return [parseTuple(root[1]!), ...tuples("tblNode")];
}

test("categories read back as the snapshot's", () => {
  const got = nodes()
    .filter((t) => t[3] === 1)
    .map((t) => plan.categories.map({ id: t[0], guid: upper(t[1]), parentId: t[2], name: t[4], description: t[5], invitations: bit(t[8]), chatHistory: bit(t[9]), fileUpload: bit(t[10]), addinId: upper(t[14]) }));
  expect(got).toEqual(snapshot.categories);
});

test("rooms read back as the snapshot's, the 300-character name cut to 256", () => {
  const tooLong = plantedCases({ scale: "small", seed: 3 }).find((p) => p.kind === "name-too-long")!.rooms[0];
  const want = snapshot.rooms.map((r) => (r.id === tooLong ? { ...r, name: r.name!.slice(0, 256) } : r));
  const got = nodes()
    .filter((t) => t[3] === 0)
    .map((t) =>
      plan.rooms.map({ id: t[0], guid: upper(t[1]), categoryId: t[2], name: t[4], description: t[5], topic: t[6], invitations: bit(t[8]), chatHistory: bit(t[9]), fileUpload: bit(t[10]), disabled: bit(t[11]), behavior: t[12], visibility: t[13], addinId: upper(t[14]) }),
    );
  expect(got).toEqual(want);
});

test("principals read back with the kinds the sample gave them (types joined as the reader does)", () => {
  const types = new Map(PRINCIPAL_TYPES.map(([id, desc, , , fed]) => [id, { desc, fed: fed === 1 }]));
  const got = tuples("tblPrincipal").map((t) => {
    const type = types.get(t[4] as number);
    return plan.principals.map({ id: t[0], guid: upper(t[1]), uri: t[2], name: t[3], typeId: t[4], typeDesc: type?.desc ?? null, typeIsFederated: type ? type.fed : null, disabled: bit(t[5]), adPath: t[6] });
  });
  expect(got).toEqual(snapshot.principals);
});

test("role assignments read back in the reader's order (node, principal, role type)", () => {
  const desc = new Map(ROLE_TYPES);
  const rows = tuples("tblPrincipalRole").sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number) || (a[2] as number) - (b[2] as number));
  expect(rows.map((t) => plan.roleAssignments.map({ nodeId: t[0], principalId: t[1], roleTypeId: t[2], roleDesc: desc.get(t[2] as number) ?? null }))).toEqual(snapshot.roleAssignments);
});

test("scopes, invitations and add-ins read back", () => {
  expect(tuples("tblScopePrincipal").map((t) => plan.scopes.map({ nodeId: t[0], principalId: t[1], denied: false }))).toEqual(snapshot.scopes);
  // mssql reads a datetime as UTC into a Date.
  const invites = tuples("tblPrincipalInvites").map((t) => plan.invitations.map({ principalId: t[0], nodeId: t[2], createdAt: new Date(`${t[3] as string}Z`) }));
  const key = (i: { principalId: number; nodeId: number }) => i.principalId * 1e7 + i.nodeId;
  expect(invites.sort((a, b) => key(a!) - key(b!))).toEqual([...snapshot.invitations].sort((a, b) => key(a) - key(b)));
  const addins = tuples("tblSiopWhiteList").map((t) => plan.addins.map({ id: upper(t[0]), name: t[1], url: t[2] }));
  expect(addins).toEqual(snapshot.addins.map((a) => ({ ...a, name: a.name!.slice(0, 50), url: a.url!.slice(0, 255) })));
});

test("messages expanded as the server would give back the day histogram and the file links", () => {
  // Replays the INSERT ... SELECT: chatDate = first + (last - first) * (n - 1) / (messages - 1), bigint arithmetic.
  const days = new Map<string, { roomId: number; dayNo: bigint; messages: number; fileLinks: number; min: bigint; max: bigint }>();
  const links: Array<{ roomId: number; url: string; dayNo: number }> = [];
  for (const m of script.matchAll(/^\((\d+), N'(\d{8})', (\d+), (\d+), (\d+), (\d+), (\d+), (\d+)\)/gm)) {
    const [roomId, dayKey, messages, fileLinks] = [+m[1]!, m[2]!, +m[3]!, +m[4]!];
    const first = BigInt(m[5]!);
    const last = BigInt(m[6]!);
    for (let n = 1; n <= messages; n++) {
      const chatDate = first + (messages === 1 ? 0n : ((last - first) * BigInt(n - 1)) / BigInt(messages - 1));
      const content = n <= fileLinks ? `Shared a file: ma-filelink://chatfiles/${roomId}/${dayKey}/${n}.pdf` : `Message ${n} of ${dayKey} in room ${roomId}`;
      // The readers' histogram: GROUP BY room, chatDate / ticks-per-day.
      const dayNo = chatDate / TICKS_PER_DAY;
      const k = `${roomId}/${dayNo}`;
      const d = days.get(k) ?? { roomId, dayNo, messages: 0, fileLinks: 0, min: chatDate, max: chatDate };
      d.messages++;
      if (content.includes("ma-filelink:")) {
        d.fileLinks++;
        const tail = content.slice(content.indexOf("ma-filelink:"));
        // The reader gets the day number (int: a number) and makes the date itself.
        links.push({ roomId, url: tail.split(/[ "'<>\t\n\r]/)[0]!, dayNo: Number(dayNo) });
      }
      if (chatDate < d.min) d.min = chatDate;
      if (chatDate > d.max) d.max = chatDate;
      days.set(k, d);
    }
  }
  const got = [...days.values()].map((d) =>
    // dayNo is int (a number); the ticks are bigint (mssql: strings).
    plan.messageDays.map({ roomId: d.roomId, dayNo: Number(d.dayNo), messages: d.messages, fileLinks: d.fileLinks, firstTicks: d.min.toString(), lastTicks: d.max.toString() }),
  );
  expect(got).toEqual(snapshot.messageDays);
  expect(links.map((l) => plan.fileLinks.map(l))).toEqual(snapshot.fileLinks.map((f) => ({ ...f, bytes: null })));
});
