/**
 * The 2013 `mgc` inventory a faithful Import-CsPersistentChatData would leave after importing the
 * analysed legacy deployment: flat categories (no root, parentId null), rooms with no topic and no
 * room-level file upload / chat history, principals (federated ones disabled), roles, allowed and
 * denied scopes, creators, add-ins, and the message days since the cutoff.
 * It is what `verify` is tested against here (no SQL Server on this machine), and what the offline
 * rehearsal uses in place of the lab's imported database. Objects the analysis marks blocked
 * (`blockedBy`) are left out: an error keeps them from importing as modelled.
 */
import type { AnalysisResult } from "../analysis/result";
import type { Category, EntityName, EntityTypes, InventorySource, MessageDay, Principal, RoleAssignment, Room, ScopeEntry } from "../inventory/inventory";
import { memorySource } from "../inventory/memory-source";
import { isFederated, principalKey } from "../analysis/rules";

export interface SimulateImportOptions {
  /** Description of the simulated source (never a connection string). */
  description?: string;
}

/**
 * @param result the analysis of the legacy deployment (its expected 2013 model)
 * @param legacy the legacy inventory itself, when at hand: its principals and per-day message
 *   histogram are carried over as the import would; without it, principals come from the model and
 *   each room gets one message day holding its expected count.
 */
export function simulateImport(result: AnalysisResult, legacy: InventorySource | null, opts: SimulateImportOptions = {}): InventorySource {
  const cats = result.target.categories.filter((c) => !(c.blockedBy?.length ?? 0));
  const rms = result.target.rooms.filter((r) => !(r.blockedBy?.length ?? 0));
  const { addins } = result.target;
  const catId = new Map<string, number>();
  const categories: Category[] = cats.map((c, i) => {
    const id = 2 + i; // 2013 keeps node 1 as its own root, which the inventory does not list
    catId.set(c.name, id);
    return { id, guid: null, name: c.name, description: c.description, parentId: null, isRoot: false, invitations: c.invitations, fileUpload: c.fileUpload, chatHistory: c.chatHistory, addinId: c.addin ? addinIdOf(c.addin) : null };
  });
  const roomIdOfLegacy = new Map<number, number>();
  const rooms: Room[] = rms.map((r, i) => {
    const id = 2 + cats.length + i;
    roomIdOfLegacy.set(r.legacyId, id);
    return {
      id,
      guid: null,
      name: r.name,
      description: r.description,
      topic: null,
      categoryId: catId.get(r.category) ?? null,
      privacy: r.privacy,
      type: r.type,
      disabled: r.disabled,
      invitations: r.invitations === false ? false : null,
      fileUpload: null,
      chatHistory: null,
      addinId: r.addin ? addinIdOf(r.addin) : null,
    };
  });

  // Principals by key: those the model references get stable ids first.
  const prinId = new Map<string, number>();
  const idOf = (key: string): number => {
    let id = prinId.get(key);
    if (id === undefined) prinId.set(key, (id = 1000 + prinId.size));
    return id;
  };
  const roles: RoleAssignment[] = [];
  const scopes: ScopeEntry[] = [];
  for (const c of cats) {
    const node = catId.get(c.name)!;
    for (const p of c.allowed) scopes.push({ nodeId: node, principalId: idOf(p), denied: false });
    for (const p of c.denied) scopes.push({ nodeId: node, principalId: idOf(p), denied: true });
    for (const p of c.creators) roles.push({ nodeId: node, principalId: idOf(p), role: "creator" });
  }
  rms.forEach((r, i) => {
    const node = rooms[i]!.id;
    for (const p of r.members) roles.push({ nodeId: node, principalId: idOf(p), role: "member" });
    for (const p of r.managers) roles.push({ nodeId: node, principalId: idOf(p), role: "manager" });
    for (const p of r.presenters) roles.push({ nodeId: node, principalId: idOf(p), role: "presenter" });
  });

  const principals = async function* (): AsyncIterable<Principal> {
    const emitted = new Set<string>();
    if (legacy) {
      for await (const p of legacy.read("principals")) {
        const key = principalKey(p);
        if (emitted.has(key)) continue;
        emitted.add(key);
        // domain §2.3.6: federated principals arrive disabled.
        yield { ...p, id: idOf(key), disabled: p.disabled || isFederated(p.kind) };
      }
    }
    for (const [key, id] of prinId) {
      if (emitted.has(key)) continue;
      emitted.add(key);
      yield { id, guid: null, uri: key, name: key, kind: key.startsWith("sip:") ? "user" : "group", typeId: key.startsWith("sip:") ? 5 : 9, disabled: false, adPath: null };
    }
  };

  const cutoff = result.cutoff;
  const messageDays = async function* (): AsyncIterable<MessageDay> {
    if (legacy) {
      for await (const d of legacy.read("messageDays")) {
        const id = roomIdOfLegacy.get(d.roomId);
        if (id === undefined || (cutoff !== null && d.day < cutoff)) continue;
        yield { ...d, roomId: id };
      }
      return;
    }
    const day = cutoff ?? "2000-01-01";
    for (let i = 0; i < rms.length; i++) {
      const n = rms[i]!.messagesSinceCutoff;
      if (n > 0) yield { roomId: rooms[i]!.id, day, messages: n, fileLinks: 0, first: `${day}T00:00:00.000Z`, last: `${day}T00:00:00.000Z` };
    }
  };

  const data: { [E in EntityName]?: readonly EntityTypes[E][] | (() => AsyncIterable<EntityTypes[E]>) } = {
    categories,
    rooms,
    principals,
    roleAssignments: roles,
    scopes,
    invitations: [],
    addins: addins.map((a) => ({ id: addinIdOf(a.name), name: a.name, url: a.url })),
    messageDays,
    fileLinks: [],
  };
  return memorySource(data, { kind: "lync2013", database: "mgc", description: opts.description ?? "simulated import into mgc", schemaEvidence: ["simulated by pchat-kit"] });
}

/** 2013 add-ins are keyed by siopID; the simulation derives a stable one from the unique name. */
function addinIdOf(name: string): string {
  return `addin:${name.toLowerCase()}`;
}
