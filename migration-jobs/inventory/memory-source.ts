/**
 * An InventorySource over arrays held in memory: for tests, for the offline rehearsal, and for
 * `simulateImport`, which builds the 2013 inventory a faithful import would leave.
 * Each `read` starts a fresh pass, as the contract requires.
 */
import type { EntityName, EntityTypes, InventorySource, SourceInfo, SourceKind } from "./inventory";

export type InventoryArrays = { [E in EntityName]?: readonly EntityTypes[E][] | (() => AsyncIterable<EntityTypes[E]>) };

export interface MemorySourceOptions {
  kind?: SourceKind;
  database?: string;
  description?: string;
  schemaEvidence?: string[];
}

export function memorySource(data: InventoryArrays, opts: MemorySourceOptions = {}): InventorySource {
  const kind = opts.kind ?? "lync2010";
  const info: SourceInfo = {
    kind,
    database: opts.database ?? (kind === "lync2013" ? "mgc" : "GroupChat"),
    server: null,
    schemaEvidence: opts.schemaEvidence ?? ["in-memory inventory"],
    readAt: new Date(0).toISOString(),
  };
  let closed = false;
  return {
    description: opts.description ?? `in-memory ${kind} inventory`,
    async info() {
      return { ...info };
    },
    read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
      if (closed) throw new Error(`in-memory inventory: read("${entity}") after close()`);
      const rows = data[entity] as readonly EntityTypes[E][] | (() => AsyncIterable<EntityTypes[E]>) | undefined;
      if (typeof rows === "function") return rows();
      return (async function* () {
        for (const row of rows ?? []) yield row;
      })();
    },
    async close() {
      closed = true;
    },
  };
}
