/**
 * The legacy Group Chat schemas as the kit assumes them: exactly the tables and columns the readers
 * (queries/*.ts) and the schema detection (schema.ts) read, as guarded `CREATE TABLE` statements.
 * The synthetic sample's `--sql` writer creates a rehearsal database from these, so a database built
 * from them is always one the readers accept.
 *
 * Sources: domain §7.3 (Lync 2010 Group Chat, from partial L10 excerpts) and §7.1 (2013 `mgc`, whose
 * table set the 2010 one matches). Everything not printed in those excerpts is marked "inferred".
 * Column types follow the 2013 tables unless §7.3 says otherwise. Time columns are bigint ticks
 * (100 ns since 0001-01-01), as in 2013, except tblPrincipalInvites.createdOn: datetime.
 */

/** The legacy generations the kit can read; 2013 `mgc` is never created by the kit. */
export type LegacyKind = "lync2010" | "ocs2007r2";

type TableDef = readonly [table: string, columns: string[]];

function guarded([table, columns]: TableDef): string {
  return `IF OBJECT_ID(N'dbo.${table}') IS NULL\n  CREATE TABLE dbo.${table} (\n    ${columns.join(",\n    ")}\n  );`;
}

/** Each table with its column and constraint definitions, in creation order. */
function legacyTables(kind: LegacyKind): TableDef[] {
  return [
    ["tblSiopWhiteList", [
      "siopID uniqueidentifier NOT NULL CONSTRAINT PK_tblSiopWhiteList PRIMARY KEY",
      "siopName nvarchar(50) NULL",
      "siopUrl nvarchar(255) NULL",
    ]],
    // domain §7.3: tblNode is the 2013 column set plus topic, filestoreURI, inheritance, scopeChange,
    // overrideMember, restrictChildCreate, scopeDefinerId, roleDefinerId; invite, logged, filePost and
    // visibility may be NULL (= inherited) on any node. nodeType: 1 category, 0 room. Node 1 is the root
    // and its own parent, so parentID carries no foreign key here (inferred: the 2013 FK would refuse
    // the first insert).
    ["tblNode", [
      "nodeID int NOT NULL CONSTRAINT PK_tblNode PRIMARY KEY",
      "nodeGuid uniqueidentifier NOT NULL",
      "parentID int NOT NULL",
      "nodeType bit NOT NULL",
      "nodeName nvarchar(256) NULL",
      "nodeDesc nvarchar(256) NULL",
      "topic nvarchar(256) NULL",
      "filestoreURI nvarchar(256) NULL",
      "invite bit NULL",
      "logged bit NULL",
      "filePost bit NULL",
      "disabled bit NULL",
      "behavior smallint NULL",
      "visibility smallint NULL",
      "inheritance bit NULL",
      "scopeChange bit NULL",
      "overrideMember bit NULL",
      "restrictChildCreate bit NULL",
      "scopeDefinerId int NULL",
      "roleDefinerId int NULL",
      "siopID uniqueidentifier NULL",
      "nodeAddedOn bigint NULL",
    ]],
    // domain §7.3: ptypeIsFederated and types 6 ExternalUser / 7 FederatedUser are Lync 2010.
    // Inferred: OCS 2007 R2 Group Chat predates federation in Group Chat, so its table lacks the column
    // (this absence is what tells the two legacy generations apart, see schema.ts).
    [
      "tblPrincipalType",
      [
        "ptypeID smallint NOT NULL CONSTRAINT PK_tblPrincipalType PRIMARY KEY",
        "ptypeDesc nvarchar(256) NULL",
        "ptypeIsSystemUser bit NULL",
        "ptypeIsUser bit NULL",
        ...(kind === "lync2010" ? ["ptypeIsFederated bit NULL"] : []),
      ],
    ],
    // domain §7.3: prinDisabled is a bit (2013: smallint), prinADPath nvarchar(256), prinAllowedPermSet
    // bigint and prinUseInheritedPerms bit exist; prinName is the display name (no prinDisplayName).
    ["tblPrincipal", [
      "prinID int NOT NULL CONSTRAINT PK_tblPrincipal PRIMARY KEY",
      "prinGuid uniqueidentifier NULL",
      "prinUri nvarchar(256) NULL",
      "prinName nvarchar(256) NULL",
      "prinTypeID smallint NOT NULL",
      "prinDisabled bit NULL",
      "prinADPath nvarchar(256) NULL",
      "prinAllowedPermSet bigint NULL",
      "prinUseInheritedPerms bit NULL",
    ]],
    // Role descriptions as in 2013 (Member, Manager, Voiced = presenter, Creator); the readers map by
    // description, not by id, because the ids are not documented (inferred to be stable per install only).
    ["tblRoleType", [
      "rtypeID smallint NOT NULL CONSTRAINT PK_tblRoleType PRIMARY KEY",
      "rtypeDesc nvarchar(256) NOT NULL",
      "rtypeAllowedPermSet bigint NULL",
    ]],
    ["tblPrincipalRole", [
      "prinRoleNodeID int NOT NULL",
      "prinRolePrinID int NOT NULL",
      "prinRoleTypeID smallint NOT NULL",
      "CONSTRAINT PK_tblPrincipalRole PRIMARY KEY (prinRoleNodeID, prinRolePrinID, prinRoleTypeID)",
    ]],
    // domain §7.3: no scopeIsDenied in the legacy schema; deny lists are new in 2013.
    ["tblScopePrincipal", [
      "scopeNodeID int NOT NULL",
      "scopePrinID int NOT NULL",
      "CONSTRAINT PK_tblScopePrincipal PRIMARY KEY (scopeNodeID, scopePrinID)",
    ]],
    // Columns as in 2013 (§7.1). createdOn is "datetime, not null" in the Lync 2010 (PrincipalInvites,
    // gg558650) and 2013 (tblPrincipalInvites) schema pages, unlike the bigint tick columns elsewhere.
    // The reader also accepts bigint ticks (schema.ts looks at the type), which earlier kit versions wrote.
    ["tblPrincipalInvites", [
      "prinID int NOT NULL",
      "invID int NOT NULL",
      "nodeID int NOT NULL",
      "createdOn datetime NOT NULL",
      "CONSTRAINT PK_tblPrincipalInvites PRIMARY KEY (prinID, nodeID)",
    ]],
    // domain §7.3: no rtf column before 2013. Legacy spelling channelID/chatID.
    ["tblChat", [
      "channelID int NOT NULL",
      "chatID bigint NOT NULL",
      "chatDate bigint NOT NULL",
      "userId int NOT NULL",
      "isAlert bit NULL",
      "content nvarchar(max) NOT NULL",
      "CONSTRAINT PK_tblChat PRIMARY KEY (channelID, chatID)",
    ]],
  ];
}

function legacyDdl(kind: LegacyKind): string[] {
  return legacyTables(kind).map(guarded);
}

/**
 * The SQL type of every column of a legacy generation's tables, by table and column (`nvarchar(256)`,
 * `uniqueidentifier`, ...): what a value written into that column must convert to.
 */
export function legacyColumnTypes(kind: LegacyKind): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [table, columns] of legacyTables(kind)) {
    const types = new Map<string, string>();
    for (const c of columns) {
      const m = /^(\w+) (\w+(?:\([\w, ]+\))?)/.exec(c);
      if (m && m[1] !== "CONSTRAINT") types.set(m[1]!, m[2]!);
    }
    out.set(table, types);
  }
  return out;
}

/** Lync Server 2010 Group Chat (domain §7.3), as the kit reads it. One statement per table. */
export const LYNC2010_DDL: string[] = legacyDdl("lync2010");

/**
 * OCS 2007 R2 Group Chat. Its schema is not published (domain §7.3, §10): inferred to be the Lync 2010
 * one without `tblPrincipalType.ptypeIsFederated` (Lync 2010 Group Chat was the next release of the
 * same product, and ChatUpgradeVerifier reads both with the same comparison).
 */
export const OCS2007R2_DDL: string[] = legacyDdl("ocs2007r2");

/** The DDL of a legacy generation. */
export function legacyDdlFor(kind: LegacyKind): string[] {
  return kind === "lync2010" ? LYNC2010_DDL : OCS2007R2_DDL;
}
