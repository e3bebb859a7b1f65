/**
 * An InventorySource over a live Group Chat or Persistent Chat database: detects the generation, then
 * streams each entity with that generation's statements, mapping rows to the canonical model. Nothing
 * is held but the rows in flight.
 */
import type { Category, EntityName, EntityTypes, InventorySource, SourceInfo, SourceKind } from "../inventory/inventory";
import type { SqlConnection, SqlRow } from "./connection";
import { SCHEMA_COLUMNS_SQL, SchemaColumnRow } from "./queries/schema";
import * as Q from "./queries/inventory";
import { DetectedSchema, detectSchema, kindLabel } from "./schema";
import { bool, day, guid, int, iso, principalKindOf, privacyOf, roleOf, roomTypeOf, text, ticksIso } from "./rows";

type Mapper<E extends EntityName> = (row: SqlRow) => EntityTypes[E] | null;
type Plan = { [E in EntityName]: { sql: string; map: Mapper<E> } };

/** domain §7.1: the root node is its own parent; in the model it has no parent. */
function category(kind: SourceKind): Mapper<"categories"> {
  return (r): Category => {
    const id = int(r.id) ?? -1;
    const parent = int(r.parentId);
    const isRoot = parent === id;
    return {
      id,
      guid: guid(r.guid),
      name: text(r.name),
      description: text(r.description),
      // 2013 categories are flat (their parent is the root): the model says null for every one.
      parentId: isRoot || kind === "lync2013" ? null : parent,
      isRoot,
      invitations: bool(r.invitations),
      fileUpload: bool(r.fileUpload),
      chatHistory: bool(r.chatHistory),
      addinId: guid(r.addinId),
    };
  };
}

/** The statements and row mappers of one generation. */
export function planFor(schema: Pick<DetectedSchema, "kind" | "invitationTime">, onSkip: (entity: EntityName, why: string) => void = () => undefined): Plan {
  const { kind } = schema;
  const legacy = kind !== "lync2013";
  return {
    categories: { sql: Q.CATEGORIES_SQL, map: category(kind) },
    rooms: {
      sql: legacy ? Q.ROOMS_LEGACY_SQL : Q.ROOMS_2013_SQL,
      map: (r) => ({
        id: int(r.id) ?? -1,
        guid: guid(r.guid),
        name: text(r.name),
        description: text(r.description),
        topic: text(r.topic),
        categoryId: int(r.categoryId),
        privacy: privacyOf(r.visibility),
        type: roomTypeOf(r.behavior),
        disabled: bool(r.disabled) ?? false,
        invitations: bool(r.invitations),
        fileUpload: legacy ? bool(r.fileUpload) : null,
        chatHistory: legacy ? bool(r.chatHistory) : null,
        addinId: guid(r.addinId),
      }),
    },
    principals: {
      sql: kind === "lync2013" ? Q.PRINCIPALS_2013_SQL : kind === "lync2010" ? Q.PRINCIPALS_LYNC2010_SQL : Q.PRINCIPALS_OCS2007R2_SQL,
      map: (r) => {
        const typeId = int(r.typeId);
        return {
          id: int(r.id) ?? -1,
          guid: guid(r.guid),
          uri: text(r.uri),
          name: text(r.name),
          kind: principalKindOf(typeId, text(r.typeDesc), bool(r.typeIsFederated)),
          typeId: typeId ?? -1,
          // Legacy bit, 2013 smallint (1 SIP disabled, 2 AD object deleted): anything but 0 is disabled.
          disabled: bool(r.disabled) ?? false,
          adPath: text(r.adPath),
        };
      },
    },
    roleAssignments: {
      sql: Q.ROLE_ASSIGNMENTS_SQL,
      map: (r) => {
        const role = roleOf(text(r.roleDesc));
        if (!role) {
          onSkip("roleAssignments", `role type ${String(r.roleTypeId)} (${String(r.roleDesc ?? "no tblRoleType row")}) is not Member, Manager, Voiced or Creator`);
          return null;
        }
        return { nodeId: int(r.nodeId) ?? -1, principalId: int(r.principalId) ?? -1, role };
      },
    },
    scopes: {
      sql: legacy ? Q.SCOPES_LEGACY_SQL : Q.SCOPES_2013_SQL,
      map: (r) => ({ nodeId: int(r.nodeId) ?? -1, principalId: int(r.principalId) ?? -1, denied: bool(r.denied) ?? false }),
    },
    invitations:
      schema.invitationTime === "ticks"
        ? { sql: Q.INVITATIONS_TICKS_SQL, map: (r) => ({ principalId: int(r.principalId) ?? -1, nodeId: int(r.nodeId) ?? -1, createdAt: ticksIso(r.createdTicks) }) }
        : { sql: Q.INVITATIONS_DATETIME_SQL, map: (r) => ({ principalId: int(r.principalId) ?? -1, nodeId: int(r.nodeId) ?? -1, createdAt: iso(r.createdAt) }) },
    addins: {
      sql: Q.ADDINS_SQL,
      map: (r) => {
        const id = guid(r.id);
        return id ? { id, name: text(r.name), url: text(r.url) } : null;
      },
    },
    messageDays: {
      sql: legacy ? Q.MESSAGE_DAYS_LEGACY_SQL : Q.MESSAGE_DAYS_2013_SQL,
      map: (r) => ({
        roomId: int(r.roomId) ?? -1,
        day: day(r.dayNo) ?? "0001-01-01",
        messages: int(r.messages) ?? 0,
        fileLinks: int(r.fileLinks) ?? 0,
        first: ticksIso(r.firstTicks) ?? "0001-01-01T00:00:00.000Z",
        last: ticksIso(r.lastTicks) ?? "0001-01-01T00:00:00.000Z",
      }),
    },
    fileLinks: {
      sql: legacy ? Q.FILE_LINKS_LEGACY_SQL : Q.FILE_LINKS_2013_SQL,
      map: (r) => ({ roomId: int(r.roomId) ?? -1, url: text(r.url) ?? "", day: day(r.dayNo) ?? "0001-01-01", bytes: null }),
    },
  };
}

export interface LiveInventorySource extends InventorySource {
  readonly schema: DetectedSchema;
  /** Rows left out because the model cannot hold them (e.g. an undocumented role type), with why. */
  readonly skipped: ReadonlyArray<{ entity: EntityName; why: string }>;
}

/** Detects the schema over `conn` and returns the source. Owns `conn`: `close()` closes it. */
export async function openLiveSource(conn: SqlConnection): Promise<LiveInventorySource> {
  const where = `database ${conn.database} on ${conn.server}`;
  const columns: SchemaColumnRow[] = [];
  for await (const r of conn.query(SCHEMA_COLUMNS_SQL)) {
    columns.push({ tableName: String(r.tableName), columnName: String(r.columnName), dataType: String(r.dataType) });
  }
  let schema: DetectedSchema;
  try {
    schema = detectSchema(where, columns);
  } catch (e) {
    await conn.close().catch(() => undefined);
    throw e;
  }
  const skipped: Array<{ entity: EntityName; why: string }> = [];
  const plan = planFor(schema, (entity, why) => {
    // Keep the first few reasons only: one bad role type can repeat a million times.
    if (skipped.length < 100) skipped.push({ entity, why });
  });
  const readAt = new Date().toISOString();
  return {
    description: `${kindLabel(schema.kind)} database ${conn.database} on ${conn.server}`,
    schema,
    skipped,
    async info(): Promise<SourceInfo> {
      return { kind: schema.kind, database: conn.database, server: conn.server, schemaEvidence: [...schema.evidence], readAt };
    },
    read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
      const step = plan[entity] as { sql: string; map: Mapper<E> };
      return {
        async *[Symbol.asyncIterator]() {
          for await (const row of conn.query(step.sql)) {
            const item = step.map(row);
            if (item !== null) yield item;
          }
        },
      };
    },
    close: () => conn.close(),
  };
}
