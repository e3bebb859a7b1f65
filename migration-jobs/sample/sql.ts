/**
 * A T-SQL script that builds a legacy Lync Server 2010 Group Chat database holding an inventory (the
 * synthetic sample, usually), so a lab can rehearse Export-/Import-CsPersistentChatData at realistic
 * volume on a real SQL Server. Run it with `sqlcmd -b -i sample.sql -d <database>` (`-b` stops at the
 * first error; the script is cut into `GO` batches so no batch grows with the deployment).
 *
 * - Tables are created only if absent, from the readers' own DDL (readers/schema-ddl.ts), so the
 *   database is one the readers accept, and the script can also fill a database made by the real
 *   Group Chat installer. It stops if the database already holds rooms or messages.
 * - Rows go in as multi-row INSERTs of at most 1,000 rows (SQL Server's limit for a VALUES list).
 * - Messages are not written one by one: each batch of MessageDay rows is expanded on the server by an
 *   INSERT ... SELECT over a numbers CTE, with `ma-filelink:` links in as many messages as the day's
 *   `fileLinks` says, and times spread from the day's first to its last message. A snapshot of the
 *   resulting database has the same message histogram and file links (without sizes: those come from
 *   a file store, which the script does not create).
 * - Values the legacy columns cannot hold (planted over-long names) are cut to the column width, and
 *   the script says which in a comment: the snapshot keeps them whole.
 * - It runs on SQL Server 2008 R2, the oldest Lync 2010 Group Chat runs on: no THROW, no CONCAT (both
 *   2012). A column of a VALUES list whose values are all NULL is typed int, which does not convert to
 *   uniqueidentifier: such a NULL is written typed (`CAST(NULL AS uniqueidentifier)`), see typeNulls.
 */
import type { InventorySource, Room, SourceInfo } from "../inventory/inventory";
import { LYNC2010_DDL, legacyColumnTypes } from "../readers/schema-ddl";

/** Rows the script creates, per table (tblChat: messages, expanded on the server). */
export type SampleSqlCounts = Record<
  "tblSiopWhiteList" | "tblNode" | "tblPrincipalType" | "tblRoleType" | "tblPrincipal" | "tblPrincipalRole" | "tblScopePrincipal" | "tblPrincipalInvites" | "tblChat",
  number
>;

const ROWS_PER_INSERT = 1000;
const INSERTS_PER_BATCH = 5;
const DAYS_PER_INSERT = 200;
/** Rows of the numbers CTE (10^4): the most messages one room can have on one day in a script. */
const MAX_MESSAGES_PER_DAY = 10_000;
const EPOCH_TICKS = 621_355_968_000_000_000n;

// domain §7.1: tblNode.visibility 2 Private (secret), 3 Scoped (closed), 6 Open; behavior 4 Normal, 5 Auditorium.
const VISIBILITY: Record<NonNullable<Room["privacy"]>, number> = { secret: 2, closed: 3, open: 6 };
const BEHAVIOR: Record<NonNullable<Room["type"]>, number> = { normal: 4, auditorium: 5 };
/** domain §7.1/§7.3: tblPrincipalType, with Lync 2010's ptypeIsFederated. */
export const PRINCIPAL_TYPES: ReadonlyArray<readonly [id: number, desc: string, isSystemUser: number, isUser: number, isFederated: number]> = [
  [1, "Any", 0, 0, 0],
  [2, "AnyUser", 0, 1, 0],
  [3, "AnyGroup", 0, 0, 0],
  [4, "SystemUser", 1, 1, 0],
  [5, "User", 0, 1, 0],
  [6, "ExternalUser", 0, 1, 0],
  [7, "FederatedUser", 0, 1, 1],
  [8, "DC", 0, 0, 0],
  [9, "Group", 0, 0, 0],
  [10, "Folder", 0, 0, 0],
];
/** domain §7.1: role descriptions Member, Manager, Voiced (presenter), Creator; the ids are the kit's. */
export const ROLE_TYPES: ReadonlyArray<readonly [id: number, desc: string]> = [
  [1, "Member"],
  [2, "Manager"],
  [3, "Voiced"],
  [4, "Creator"],
];
const NODE_COLUMNS = "nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, topic, filestoreURI, invite, logged, filePost, disabled, behavior, visibility, siopID";
const NODE_INSERT = `INSERT INTO dbo.tblNode (${NODE_COLUMNS})`;
const COLUMN_TYPES = legacyColumnTypes("lync2010");
/** domain §7.3: filestoreURI, root node only: the file repository web service of the lab. */
const FILE_STORE_URI = "https://groupchat.contoso.com/FileStore";
const ROLE_ID = { member: 1, manager: 2, presenter: 3, creator: 4 } as const;

export function sqlString(v: string | null, width?: number): string {
  if (v === null) return "NULL";
  const cut = width !== undefined && v.length > width ? v.slice(0, width) : v;
  return `N'${cut.replace(/'/g, "''")}'`;
}

function sqlBit(v: boolean | null): string {
  return v === null ? "NULL" : v ? "1" : "0";
}

function sqlInt(v: number | null): string {
  return v === null ? "NULL" : String(v);
}

function sqlGuid(v: string | null): string {
  return v === null ? "NULL" : `'${v.replace(/'/g, "")}'`;
}

/** .NET ticks of an ISO time, exact (beyond 2^53, hence BigInt). */
export function ticksOf(iso: string): string {
  return ((BigInt(Date.parse(iso)) * 10_000n) + EPOCH_TICKS).toString();
}

/** datetime holds 1753-01-01 to 9999-12-31. */
const DATETIME_MIN = Date.parse("1753-01-01T00:00:00.000Z");
const DATETIME_MAX = Date.parse("9999-12-31T23:59:59.997Z");

/**
 * A datetime literal (UTC, ISO 8601 with the `T`: read the same whatever the session's language and
 * DATEFORMAT) of an ISO time, or null when datetime cannot hold it. datetime keeps 1/300 s: the
 * milliseconds round to .000, .003 or .007 on the server (the sample's times are whole seconds).
 */
export function sqlDatetime(iso: string): string | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t) || t < DATETIME_MIN || t > DATETIME_MAX) return null;
  return `'${new Date(t).toISOString().slice(0, 23)}'`;
}

/**
 * Types the NULLs of a VALUES list's all-NULL columns. SQL Server types each column of a VALUES list
 * (an INSERT's too) from its values, as UNION ALL would: a column of bare NULLs is int, and int does
 * not convert to uniqueidentifier ("Operand type clash"), so the insert fails. The first row's NULL
 * of each such column becomes `CAST(NULL AS <column type>)`; an int column needs nothing.
 */
export function typeNulls(rows: string[][], columns: readonly string[], types: ReadonlyMap<string, string>): string[][] {
  const out = rows.map((r) => [...r]);
  const first = out[0];
  if (!first) return out;
  columns.forEach((column, i) => {
    const type = types.get(column);
    if (type === undefined) throw new Error(`no SQL type for column ${column}`);
    if (type !== "int" && out.every((r) => r[i] === "NULL")) first[i] = `CAST(NULL AS ${type})`;
  });
  return out;
}

/** A VALUES list of `rows`, one tuple per line. */
function valuesList(rows: string[][]): string {
  return rows.map((r) => `(${r.join(", ")})`).join(",\n");
}

/** Writes INSERTs of up to ROWS_PER_INSERT tuples, and a GO every INSERTS_PER_BATCH statements. */
class Inserter {
  private tuples: string[][] = [];
  private statements = 0;
  private readonly columns: string[];
  private readonly types: ReadonlyMap<string, string>;
  private readonly head: string;
  rows = 0;
  constructor(
    private readonly write: (chunk: string) => void,
    table: string,
    columns: string,
  ) {
    this.columns = columns.split(", ");
    const types = COLUMN_TYPES.get(table);
    if (!types) throw new Error(`no DDL for ${table}`);
    this.types = types;
    this.head = `INSERT INTO dbo.${table} (${columns})`;
  }
  add(tuple: string[]): void {
    if (tuple.length !== this.columns.length) throw new Error(`${this.head}: ${tuple.length} values for ${this.columns.length} columns`);
    this.tuples.push(tuple);
    this.rows++;
    if (this.tuples.length === ROWS_PER_INSERT) this.flush();
  }
  flush(): void {
    if (this.tuples.length === 0) return;
    this.write(`${this.head} VALUES\n${valuesList(typeNulls(this.tuples, this.columns, this.types))};\n`);
    this.tuples = [];
    if (++this.statements % INSERTS_PER_BATCH === 0) this.write("GO\n");
  }
  end(): void {
    this.flush();
    this.write("GO\n");
  }
}

/**
 * Streams the script for `source` through `write` (called with chunks; a synchronous file write keeps
 * memory flat). Returns the rows the script creates per table. Memory: one map entry per room (its
 * poster) and per invited principal (its invitation sequence), never per message. The phases write
 * the tables in dependency order; values cut to a legacy column's width are collected in `cut` and
 * listed at the end.
 */
export async function renderSampleSql(source: InventorySource, write: (chunk: string) => void): Promise<SampleSqlCounts> {
  const cut: string[] = [];
  writePreamble(source.description, await source.info(), write);
  const tblSiopWhiteList = await writeAddins(source, write, cut);
  const tblNode = await writeNodes(source, write, cut);
  writeReferenceRows(write);
  const tblPrincipal = await writePrincipals(source, write);
  const roles = await writeRoles(source, write);
  const tblScopePrincipal = await writeScopes(source, write, cut);
  const tblPrincipalInvites = await writeInvitations(source, write, cut);
  const tblChat = await writeMessages(source, write, roles.poster);
  const counts: SampleSqlCounts = {
    tblSiopWhiteList,
    tblNode,
    tblPrincipalType: PRINCIPAL_TYPES.length,
    tblRoleType: ROLE_TYPES.length,
    tblPrincipal,
    tblPrincipalRole: roles.rows,
    tblScopePrincipal,
    tblPrincipalInvites,
    tblChat,
  };
  writeCountCheck(write, counts, cut);
  return counts;
}

type Write = (chunk: string) => void;

/** Phase: the header, the tables (if absent), and the guard against a database that holds data already. */
function writePreamble(description: string, info: SourceInfo, write: Write): void {
  write(
    [
      `-- Lync Server 2010 Group Chat database: ${description.replace(/[\r\n]/g, " ")}`,
      `-- Generated by pchat-kit from a ${info.kind} inventory read at ${info.readAt}. Run: sqlcmd -b -i <this file> -d <database>`,
      "SET NOCOUNT ON;",
      "SET XACT_ABORT ON;",
      ...LYNC2010_DDL,
      // No THROW on 2008 R2: RAISERROR fails the batch for `sqlcmd -b`, and NOEXEC keeps every later
      // batch from running where the script runs without -b (SSMS, sqlcmd without -b).
      "IF EXISTS (SELECT 1 FROM dbo.tblNode WHERE nodeID <> parentID) OR EXISTS (SELECT 1 FROM dbo.tblChat)",
      "BEGIN",
      "  RAISERROR(N'This database already holds rooms or messages: give the script an empty Group Chat database.', 16, 1);",
      "  SET NOEXEC ON;",
      "END",
      "GO",
      "",
    ].join("\n"),
  );
}

/** Phase: the add-ins (tblSiopWhiteList). */
async function writeAddins(source: InventorySource, write: Write, cut: string[]): Promise<number> {
  const addins = new Inserter(write, "tblSiopWhiteList", "siopID, siopName, siopUrl");
  for await (const a of source.read("addins")) {
    // domain §5: siopName nvarchar(50), siopUrl nvarchar(255).
    if ((a.name ?? "").length > 50) cut.push(`add-in ${a.id} name (${a.name?.length} characters) cut to 50`);
    if ((a.url ?? "").length > 255) cut.push(`add-in ${a.id} URL (${a.url?.length} characters) cut to 255`);
    addins.add([sqlGuid(a.id), sqlString(a.name, 50), sqlString(a.url, 255)]);
  }
  addins.end();
  return addins.rows;
}

/** Phase: the categories, then the rooms (tblNode); the root is kept where the installer made one. */
async function writeNodes(source: InventorySource, write: Write, cut: string[]): Promise<number> {
  const nodes = new Inserter(write, "tblNode", NODE_COLUMNS);
  let rootId = 1;
  const name = (kind: string, id: number, v: string | null): string => {
    if (v !== null && v.length > 256) cut.push(`${kind} ${id} name (${v.length} characters) cut to 256`);
    return sqlString(v, 256);
  };
  for await (const c of source.read("categories")) {
    if (c.isRoot) rootId = c.id;
    // domain §7.1: the root node is its own parent.
    const parent = c.isRoot ? c.id : (c.parentId ?? rootId);
    const tuple = [String(c.id), c.guid === null ? "NEWID()" : sqlGuid(c.guid), String(parent), "1", name("category", c.id, c.name), sqlString(c.description, 256), "NULL", c.isRoot ? sqlString(FILE_STORE_URI) : "NULL", sqlBit(c.invitations), sqlBit(c.chatHistory), sqlBit(c.fileUpload), "NULL", "NULL", "NULL", sqlGuid(c.addinId)];
    if (!c.isRoot) nodes.add(tuple);
    else {
      // An installer-made database already has its root node: keep it. One row, so every NULL is typed.
      nodes.rows++;
      const root = valuesList(typeNulls([tuple], NODE_COLUMNS.split(", "), COLUMN_TYPES.get("tblNode")!));
      write(`${NODE_INSERT}\nSELECT ${NODE_COLUMNS.split(", ").map((c) => `v.${c}`).join(", ")} FROM (VALUES ${root}) AS v(${NODE_COLUMNS})\nWHERE NOT EXISTS (SELECT 1 FROM dbo.tblNode AS n WHERE n.nodeID = ${c.id});\n`);
    }
  }
  for await (const r of source.read("rooms")) {
    const visibility = r.privacy === null ? "NULL" : String(VISIBILITY[r.privacy]);
    const behavior = r.type === null ? "NULL" : String(BEHAVIOR[r.type]);
    nodes.add([String(r.id), r.guid === null ? "NEWID()" : sqlGuid(r.guid), String(r.categoryId ?? rootId), "0", name("room", r.id, r.name), sqlString(r.description, 256), sqlString(r.topic, 256), "NULL", sqlBit(r.invitations), sqlBit(r.chatHistory), sqlBit(r.fileUpload), sqlBit(r.disabled), behavior, visibility, sqlGuid(r.addinId)]);
  }
  nodes.end();
  return nodes.rows;
}

/** Phase: the principal and role types, only those the database lacks (an installer-made database has them). */
function writeReferenceRows(write: Write): void {
  write(
    `INSERT INTO dbo.tblPrincipalType (ptypeID, ptypeDesc, ptypeIsSystemUser, ptypeIsUser, ptypeIsFederated)\nSELECT v.ptypeID, v.ptypeDesc, v.isSystem, v.isUser, v.isFederated FROM (VALUES\n${PRINCIPAL_TYPES.map(
      ([id, desc, s, u, f]) => `(${id}, ${sqlString(desc)}, ${s}, ${u}, ${f})`,
    ).join(",\n")}) AS v(ptypeID, ptypeDesc, isSystem, isUser, isFederated)\nWHERE NOT EXISTS (SELECT 1 FROM dbo.tblPrincipalType AS t WHERE t.ptypeID = v.ptypeID);\n`,
  );
  write(
    `INSERT INTO dbo.tblRoleType (rtypeID, rtypeDesc)\nSELECT v.rtypeID, v.rtypeDesc FROM (VALUES\n${ROLE_TYPES.map(([id, desc]) => `(${id}, ${sqlString(desc)})`).join(",\n")}) AS v(rtypeID, rtypeDesc)\nWHERE NOT EXISTS (SELECT 1 FROM dbo.tblRoleType AS t WHERE t.rtypeID = v.rtypeID);\nGO\n`,
  );
}

/** Phase: the principals (tblPrincipal). */
async function writePrincipals(source: InventorySource, write: Write): Promise<number> {
  const principals = new Inserter(write, "tblPrincipal", "prinID, prinGuid, prinUri, prinName, prinTypeID, prinDisabled, prinADPath");
  for await (const p of source.read("principals")) {
    principals.add([String(p.id), sqlGuid(p.guid), sqlString(p.uri, 256), sqlString(p.name, 256), String(p.typeId), sqlBit(p.disabled), sqlString(p.adPath, 256)]);
  }
  principals.end();
  return principals.rows;
}

/** Phase: the role assignments (tblPrincipalRole), and the poster of each room's messages: its first member (or manager). */
async function writeRoles(source: InventorySource, write: Write): Promise<{ rows: number; poster: Map<number, number> }> {
  const poster = new Map<number, number>();
  const roles = new Inserter(write, "tblPrincipalRole", "prinRoleNodeID, prinRolePrinID, prinRoleTypeID");
  for await (const a of source.read("roleAssignments")) {
    if ((a.role === "member" || a.role === "manager") && !poster.has(a.nodeId)) poster.set(a.nodeId, a.principalId);
    roles.add([String(a.nodeId), String(a.principalId), String(ROLE_ID[a.role])]);
  }
  roles.end();
  return { rows: roles.rows, poster };
}

/** Phase: the scopes (tblScopePrincipal). */
async function writeScopes(source: InventorySource, write: Write, cut: string[]): Promise<number> {
  const scopes = new Inserter(write, "tblScopePrincipal", "scopeNodeID, scopePrinID");
  let denied = 0;
  for await (const s of source.read("scopes")) {
    // domain §7.3: legacy scopes have no deny; a deny entry has no legacy form.
    if (s.denied) denied++;
    else scopes.add([String(s.nodeId), String(s.principalId)]);
  }
  scopes.end();
  if (denied > 0) cut.push(`${denied} denied scope entries left out (the legacy schema has no deny lists)`);
  return scopes.rows;
}

/** Phase: the pending invitations (tblPrincipalInvites), numbered per principal. */
async function writeInvitations(source: InventorySource, write: Write, cut: string[]): Promise<number> {
  // createdOn is "datetime, not null" (Lync 2010 and 2013 schema pages; readers/schema-ddl.ts).
  const invites = new Inserter(write, "tblPrincipalInvites", "prinID, invID, nodeID, createdOn");
  const inviteSeq = new Map<number, number>();
  let timeless = 0;
  for await (const i of source.read("invitations")) {
    const createdOn = i.createdAt === null ? null : sqlDatetime(i.createdAt);
    if (createdOn === null) {
      timeless++;
      continue;
    }
    const seq = (inviteSeq.get(i.principalId) ?? 0) + 1;
    inviteSeq.set(i.principalId, seq);
    invites.add([String(i.principalId), String(seq), String(i.nodeId), createdOn]);
  }
  invites.end();
  if (timeless > 0) cut.push(`${timeless} invitations left out (no creation time a datetime can hold; createdOn is NOT NULL)`);
  return invites.rows;
}

/** One INSERT ... SELECT that expands DAYS_PER_INSERT day rows into their messages on the server. */
function messagesInsert(dayRows: readonly string[]): string {
  return [
    "WITH d0(x) AS (SELECT 1 FROM (VALUES (1),(1),(1),(1),(1),(1),(1),(1),(1),(1)) AS v(x)),",
    `  n AS (SELECT TOP (${MAX_MESSAGES_PER_DAY}) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS n FROM d0 AS a CROSS JOIN d0 AS b CROSS JOIN d0 AS c CROSS JOIN d0 AS e)`,
    "INSERT INTO dbo.tblChat (channelID, chatID, chatDate, userId, isAlert, content)",
    "SELECT d.roomId, d.firstChatId + n.n - 1,",
    "  d.firstTicks + CASE WHEN d.messages = 1 THEN 0 ELSE (d.lastTicks - d.firstTicks) * (n.n - 1) / (d.messages - 1) END,",
    "  d.userId, 0,",
    // The link text must equal fileLinkUrl(): the readers extract it up to the first space.
    // + and CAST, not CONCAT (SQL Server 2012); no operand is NULL.
    "  CASE WHEN n.n <= d.fileLinks THEN N'Shared a file: ma-filelink://chatfiles/' + CAST(d.roomId AS nvarchar(11)) + N'/' + d.dayKey + N'/' + CAST(n.n AS nvarchar(20)) + N'.pdf'",
    "    ELSE N'Message ' + CAST(n.n AS nvarchar(20)) + N' of ' + d.dayKey + N' in room ' + CAST(d.roomId AS nvarchar(11)) END",
    "FROM (VALUES",
    dayRows.join(",\n"),
    ") AS d(roomId, dayKey, messages, fileLinks, firstTicks, lastTicks, firstChatId, userId)",
    "JOIN n ON n.n <= d.messages;",
    "",
  ].join("\n");
}

/** Phase: the messages (tblChat), expanded on the server from the day histogram; returns how many. */
async function writeMessages(source: InventorySource, write: Write, poster: ReadonlyMap<number, number>): Promise<number> {
  const defaultPoster = 1;
  let chatRows = 0;
  let dayRows: string[] = [];
  let statements = 0;
  let room = -1;
  let nextChatId = 1;
  const flushDays = (): void => {
    if (dayRows.length === 0) return;
    write(messagesInsert(dayRows));
    dayRows = [];
    if (++statements % INSERTS_PER_BATCH === 0) write("GO\n");
  };
  for await (const d of source.read("messageDays")) {
    if (d.roomId !== room) {
      room = d.roomId;
      nextChatId = 1;
    }
    if (d.messages > MAX_MESSAGES_PER_DAY) throw new Error(`room ${d.roomId} has ${d.messages} messages on ${d.day}; the script's numbers CTE holds ${MAX_MESSAGES_PER_DAY}`);
    if (d.messages === 0) continue;
    const dayKey = d.day.replace(/-/g, "");
    dayRows.push(`(${d.roomId}, N'${dayKey}', ${d.messages}, ${Math.min(d.fileLinks, d.messages)}, ${ticksOf(d.first)}, ${ticksOf(d.last)}, ${nextChatId}, ${poster.get(d.roomId) ?? defaultPoster})`);
    nextChatId += d.messages;
    chatRows += d.messages;
    if (dayRows.length === DAYS_PER_INSERT) flushDays();
  }
  flushDays();
  write("GO\n");
  return chatRows;
}

/** Phase: what was cut, and a last batch that shows what arrived against what the script meant to write. */
function writeCountCheck(write: Write, counts: SampleSqlCounts, cut: readonly string[]): void {
  for (const c of cut) write(`-- cut to the legacy column width: ${c}\n`);
  const check = (Object.keys(counts) as Array<keyof SampleSqlCounts>)
    .filter((t) => t !== "tblPrincipalType" && t !== "tblRoleType")
    .map((t) => `(N'${t}', ${counts[t]}, (SELECT COUNT_BIG(*) FROM dbo.${t}))`);
  write(`SELECT c.tableName, c.expected, c.actual FROM (VALUES\n${check.join(",\n")}) AS c(tableName, expected, actual);\nGO\n`);
}
