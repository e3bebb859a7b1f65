/**
 * Every statement the live readers send, as named constants. Each names its columns (Microsoft supports
 * no `SELECT *` on these databases, domain §7.1), is ordered by its key so that a snapshot taken twice is
 * identical, and only reads. The legacy spelling (channelID) and the 2013 one (channelId) both appear
 * because a case-sensitive collation would refuse the other.
 */
import { dayNumber } from "./ticks";

/** Categories (nodeType 1), the same columns in every generation. */
export const CATEGORIES_SQL = `SELECT n.nodeID AS id, n.nodeGuid AS guid, n.parentID AS parentId, n.nodeName AS name, n.nodeDesc AS description,
  n.invite AS invitations, n.filePost AS fileUpload, n.logged AS chatHistory, n.siopID AS addinId
FROM dbo.tblNode AS n
WHERE n.nodeType = 1
ORDER BY n.nodeID`;

/** Legacy rooms (nodeType 0): a topic and per-room file upload and history settings (domain §7.3). */
export const ROOMS_LEGACY_SQL = `SELECT n.nodeID AS id, n.nodeGuid AS guid, n.parentID AS categoryId, n.nodeName AS name, n.nodeDesc AS description,
  n.topic AS topic, n.visibility AS visibility, n.behavior AS behavior, n.disabled AS disabled,
  n.invite AS invitations, n.filePost AS fileUpload, n.logged AS chatHistory, n.siopID AS addinId
FROM dbo.tblNode AS n
WHERE n.nodeType = 0
ORDER BY n.nodeID`;

/** 2013 rooms: no topic; logged and filePost are category-only (domain §7.1). */
export const ROOMS_2013_SQL = `SELECT n.nodeID AS id, n.nodeGuid AS guid, n.parentID AS categoryId, n.nodeName AS name, n.nodeDesc AS description,
  CAST(NULL AS nvarchar(256)) AS topic, n.visibility AS visibility, n.behavior AS behavior, n.disabled AS disabled,
  n.invite AS invitations, CAST(NULL AS bit) AS fileUpload, CAST(NULL AS bit) AS chatHistory, n.siopID AS addinId
FROM dbo.tblNode AS n
WHERE n.nodeType = 0
ORDER BY n.nodeID`;

// LEFT JOIN: a principal whose type row is missing must still be read (it becomes an "unknown" kind).
const PRINCIPALS_FROM = `FROM dbo.tblPrincipal AS p
LEFT JOIN dbo.tblPrincipalType AS t ON t.ptypeID = p.prinTypeID
ORDER BY p.prinID`;

/** Lync 2010: prinDisabled is a bit; tblPrincipalType.ptypeIsFederated exists (domain §7.3). */
export const PRINCIPALS_LYNC2010_SQL = `SELECT p.prinID AS id, p.prinGuid AS guid, p.prinUri AS uri, p.prinName AS name, p.prinTypeID AS typeId,
  t.ptypeDesc AS typeDesc, t.ptypeIsFederated AS typeIsFederated, p.prinDisabled AS disabled, p.prinADPath AS adPath
${PRINCIPALS_FROM}`;

/** OCS 2007 R2 (inferred): as Lync 2010 without ptypeIsFederated. */
export const PRINCIPALS_OCS2007R2_SQL = `SELECT p.prinID AS id, p.prinGuid AS guid, p.prinUri AS uri, p.prinName AS name, p.prinTypeID AS typeId,
  t.ptypeDesc AS typeDesc, CAST(NULL AS bit) AS typeIsFederated, p.prinDisabled AS disabled, p.prinADPath AS adPath
${PRINCIPALS_FROM}`;

/** 2013: prinDisabled is a smallint (0 active, 1 SIP disabled, 2 deleted); the display name has its own column. */
export const PRINCIPALS_2013_SQL = `SELECT p.prinID AS id, p.prinGuid AS guid, p.prinUri AS uri, COALESCE(p.prinDisplayName, p.prinName) AS name, p.prinTypeID AS typeId,
  t.ptypeDesc AS typeDesc, CAST(0 AS bit) AS typeIsFederated, p.prinDisabled AS disabled, p.prinADPath AS adPath
${PRINCIPALS_FROM}`;

/** Explicit roles on nodes, with the role's description (ids are not documented; descriptions are). */
export const ROLE_ASSIGNMENTS_SQL = `SELECT r.prinRoleNodeID AS nodeId, r.prinRolePrinID AS principalId, r.prinRoleTypeID AS roleTypeId, rt.rtypeDesc AS roleDesc
FROM dbo.tblPrincipalRole AS r
LEFT JOIN dbo.tblRoleType AS rt ON rt.rtypeID = r.prinRoleTypeID
ORDER BY r.prinRoleNodeID, r.prinRolePrinID, r.prinRoleTypeID`;

/** Legacy scopes are allow-lists only: no scopeIsDenied before 2013 (domain §7.3). */
export const SCOPES_LEGACY_SQL = `SELECT s.scopeNodeID AS nodeId, s.scopePrinID AS principalId, CAST(0 AS bit) AS denied
FROM dbo.tblScopePrincipal AS s
ORDER BY s.scopeNodeID, s.scopePrinID`;

export const SCOPES_2013_SQL = `SELECT s.scopeNodeID AS nodeId, s.scopePrinID AS principalId, s.scopeIsDenied AS denied
FROM dbo.tblScopePrincipal AS s
ORDER BY s.scopeNodeID, s.scopePrinID`;

/**
 * Invitations whose createdOn is bigint ticks: not a documented schema (Lync 2010 and 2013 say
 * datetime), but what the kit's `sample --sql` wrote before it followed the documentation. The ticks
 * travel as they are (mssql hands bigint over as a string) and become a time in TypeScript (rows.ts).
 */
export const INVITATIONS_TICKS_SQL = `SELECT i.prinID AS principalId, i.nodeID AS nodeId, i.createdOn AS createdTicks
FROM dbo.tblPrincipalInvites AS i
ORDER BY i.prinID, i.nodeID`;

/** Invitations whose createdOn is a date type: datetime in the Lync 2010 and 2013 schemas (schema.ts picks). */
export const INVITATIONS_DATETIME_SQL = `SELECT i.prinID AS principalId, i.nodeID AS nodeId, CAST(i.createdOn AS datetime2(3)) AS createdAt
FROM dbo.tblPrincipalInvites AS i
ORDER BY i.prinID, i.nodeID`;

export const ADDINS_SQL = `SELECT a.siopID AS id, a.siopName AS name, a.siopUrl AS url
FROM dbo.tblSiopWhiteList AS a
ORDER BY a.siopID`;

/**
 * The per-room, per-UTC-day message histogram, grouped on the server so no message crosses the wire:
 * count, messages holding an `ma-filelink:` link (domain §7.1: files appear as such links), and the
 * first and last message time. The day is the integer day number and the times are ticks: the reader
 * turns them into a date and times (rows.ts). Messages with an impossible chatDate land on day 0
 * (0001-01-01) rather than vanish.
 */
function messageDaysSql(channel: string): string {
  return `SELECT h.roomId AS roomId, h.dayNo AS dayNo, h.messages AS messages, h.fileLinks AS fileLinks,
  h.firstTicks AS firstTicks, h.lastTicks AS lastTicks
FROM (
  SELECT c.${channel} AS roomId, d.dayNo AS dayNo, COUNT_BIG(*) AS messages,
    SUM(CASE WHEN c.content LIKE N'%ma-filelink:%' THEN 1 ELSE 0 END) AS fileLinks,
    MIN(c.chatDate) AS firstTicks, MAX(c.chatDate) AS lastTicks
  FROM dbo.tblChat AS c
  CROSS APPLY (SELECT ${dayNumber("c.chatDate")} AS dayNo) AS d
  GROUP BY c.${channel}, d.dayNo
) AS h
ORDER BY h.roomId, h.dayNo`;
}

export const MESSAGE_DAYS_LEGACY_SQL = messageDaysSql("channelID");
export const MESSAGE_DAYS_2013_SQL = messageDaysSql("channelId");

/**
 * File links, one row per message that holds one: the first `ma-filelink:` link of the message, up to
 * the first space, quote, angle bracket, tab or line break (assumed: the link is written inline in the
 * plain-text content and carries no such characters; a message with several files reports the first).
 * Extracted on the server; only link-holding messages cross the wire, with the day number of the message.
 */
function fileLinksSql(channel: string, chat: string): string {
  return `SELECT c.${channel} AS roomId,
  LEFT(s.tail, PATINDEX(N'%[ "''<>' + NCHAR(9) + NCHAR(10) + NCHAR(13) + N']%', s.tail + N' ') - 1) AS url,
  ${dayNumber("c.chatDate")} AS dayNo
FROM dbo.tblChat AS c
CROSS APPLY (SELECT SUBSTRING(c.content, CHARINDEX(N'ma-filelink:', c.content), 2048) AS tail) AS s
WHERE c.content LIKE N'%ma-filelink:%'
ORDER BY c.${channel}, c.${chat}`;
}

export const FILE_LINKS_LEGACY_SQL = fileLinksSql("channelID", "chatID");
export const FILE_LINKS_2013_SQL = fileLinksSql("channelId", "chatId");

/** Every statement by name, for the syntax-check table and the README. */
export const INVENTORY_STATEMENTS = {
  CATEGORIES_SQL,
  ROOMS_LEGACY_SQL,
  ROOMS_2013_SQL,
  PRINCIPALS_LYNC2010_SQL,
  PRINCIPALS_OCS2007R2_SQL,
  PRINCIPALS_2013_SQL,
  ROLE_ASSIGNMENTS_SQL,
  SCOPES_LEGACY_SQL,
  SCOPES_2013_SQL,
  INVITATIONS_TICKS_SQL,
  INVITATIONS_DATETIME_SQL,
  ADDINS_SQL,
  MESSAGE_DAYS_LEGACY_SQL,
  MESSAGE_DAYS_2013_SQL,
  FILE_LINKS_LEGACY_SQL,
  FILE_LINKS_2013_SQL,
} as const;
