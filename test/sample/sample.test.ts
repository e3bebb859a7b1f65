/**
 * The synthetic deployments: planned counts (max is computed, never generated here), the generated
 * rows against those counts, Lync's rules in the ordinary data, and every planted case against the
 * data that carries it.
 */
import { ENTITIES, EntityName, EntityTypes, Category } from "../../migration-jobs/inventory/inventory";
import { UserError } from "../../migration-jobs/common/errors";
import { PRINCIPAL, PlantedCase, PlantedKind, SAMPLE_CUTOFF, UNKNOWN_TYPE_IDS, plannedCounts, plantedCases, sampleSource, sampleSkeleton } from "../../migration-jobs/sample";
import { Rng, evenShare, mixSeed } from "../../migration-jobs/sample/prng";

type Inventory = { [E in EntityName]: EntityTypes[E][] };

async function load(scale: "small" | "medium", seed: number): Promise<Inventory> {
  const src = sampleSource({ scale, seed });
  const inv = {} as Inventory;
  for (const e of ENTITIES) {
    const rows: unknown[] = [];
    for await (const r of src.read(e)) rows.push(r);
    (inv as Record<string, unknown[]>)[e] = rows;
  }
  return inv;
}

let small: Inventory;
beforeAll(async () => {
  small = await load("small", 1);
});

describe("prng", () => {
  test("mulberry32 streams are reproducible and independent per key", () => {
    const a = new Rng(mixSeed(1, 2, 3));
    const b = new Rng(mixSeed(1, 2, 3));
    const c = new Rng(mixSeed(1, 2, 4));
    const xs = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
  });
  test("distinct draws k different values below n", () => {
    const r = new Rng(7);
    const d = r.distinct(30, 40);
    expect(new Set(d).size).toBe(30);
    expect(d.every((x) => x >= 0 && x < 40)).toBe(true);
    expect(r.distinct(5, 5).sort()).toEqual([0, 1, 2, 3, 4]);
  });
  test("evenShare spreads a total exactly", () => {
    let sum = 0;
    for (let k = 0; k < 7; k++) sum += evenShare(100, 7, k);
    expect(sum).toBe(100);
  });
  test("GUIDs are lower-case, version 4 layout", () => {
    expect(new Rng(1).guid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("planned counts", () => {
  // domain §5: the capacity model, computed from the skeleton (generating max belongs in bench/).
  const max = plannedCounts("max", 1);
  test.each([
    ["rooms", max.rooms, 33_077],
    ["rooms of 30 members", max.roomsByMembers[30], 32_000],
    ["rooms of 150 members", max.roomsByMembers[150], 1_067],
    ["rooms of 16,000 members", max.roomsByMembers[16_000], 10],
    ["users", max.users, 150_000],
    ["access control entries (role assignments + scopes)", max.accessControlEntries, 2_000_000],
    ["invitations", max.invitations, 1_000_000],
  ])("max: %s", (_what, got, want) => {
    expect(got).toBe(want);
  });
  test("max: at least 10 million messages over about 30 active days per room, with file links", () => {
    expect(max.messages).toBeGreaterThanOrEqual(10_000_000);
    expect(max.messageDays / max.rooms).toBeGreaterThan(29);
    expect(max.messageDays / max.rooms).toBeLessThan(31);
    expect(max.fileLinks).toBeGreaterThan(100_000);
    expect(max.roleAssignments + max.scopes).toBe(max.accessControlEntries);
    expect(max.principals).toBe(max.users + 29);
  });
  test("medium is about a tenth of max", () => {
    const medium = plannedCounts("medium", 1);
    expect(medium.rooms).toBe(3_308);
    expect(medium.accessControlEntries).toBe(200_000);
    expect(medium.invitations).toBe(100_000);
    expect(medium.messages).toBeGreaterThanOrEqual(1_000_000);
  });
  test.each([[1], [2], [99]])("small (seed %i): generated rows equal the planned counts", async (seed) => {
    const inv = seed === 1 ? small : await load("small", seed);
    const planned = plannedCounts("small", seed);
    for (const e of ENTITIES) expect([e, inv[e].length]).toEqual([e, planned[e]]);
    expect(inv.messageDays.reduce((a, d) => a + d.messages, 0)).toBe(planned.messages);
    expect(inv.messageDays.reduce((a, d) => a + d.fileLinks, 0)).toBe(planned.fileLinks);
    expect(inv.principals.filter((p) => p.kind === "user")).toHaveLength(planned.users);
  });
  test("medium: every entity streams exactly its planned row count (the one generation at that scale)", async () => {
    const src = sampleSource({ scale: "medium", seed: 5 });
    const planned = plannedCounts("medium", 5);
    for (const e of ENTITIES) {
      let n = 0;
      for await (const _ of src.read(e)) n++;
      expect([e, n]).toEqual([e, planned[e]]);
    }
  });
  test("bad options are refused by name", () => {
    expect(() => sampleSource({ scale: "huge" as "max", seed: 1 })).toThrow(UserError);
    expect(() => sampleSource({ scale: "small", seed: -1 })).toThrow(/seed: -1 is not a seed/);
    expect(() => sampleSource({ scale: "small", seed: 1.5 })).toThrow(/seed/);
  });
});

describe("ordinary data respects Lync's rules", () => {
  test("role assignments, scopes and invitations have unique keys", () => {
    const keys = (rows: object[], f: (r: any) => string) => new Set(rows.map(f)).size;
    expect(keys(small.roleAssignments, (r) => `${r.nodeId}/${r.principalId}/${r.role}`)).toBe(small.roleAssignments.length);
    expect(keys(small.scopes, (r) => `${r.nodeId}/${r.principalId}`)).toBe(small.scopes.length);
    expect(keys(small.invitations, (r) => `${r.principalId}/${r.nodeId}`)).toBe(small.invitations.length);
  });

  test("members, managers, presenters and creators of ordinary categories are in their scope (domain §7.4)", () => {
    const s = sampleSkeleton({ scale: "small", seed: 1 });
    const scopeOf = new Map<number, Set<number>>();
    for (const e of small.scopes) (scopeOf.get(e.nodeId) ?? scopeOf.set(e.nodeId, new Set()).get(e.nodeId)!).add(e.principalId);
    const leaves = s.categories.filter((c) => c.scope.userWindow !== null);
    expect(leaves.length).toBeGreaterThan(0);
    const roomCategory = new Map(small.rooms.map((r) => [r.id, r.categoryId]));
    let checked = 0;
    for (const a of small.roleAssignments) {
      const categoryId = roomCategory.get(a.nodeId) ?? a.nodeId;
      const allowed = scopeOf.get(categoryId);
      if (!leaves.some((l) => l.id === categoryId)) continue;
      expect(allowed?.has(a.principalId)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  test("only auditorium rooms have presenters, and presenters are members (domain §5)", () => {
    const type = new Map(small.rooms.map((r) => [r.id, r.type]));
    const members = new Set(small.roleAssignments.filter((a) => a.role === "member").map((a) => `${a.nodeId}/${a.principalId}`));
    const presenters = small.roleAssignments.filter((a) => a.role === "presenter");
    expect(presenters.length).toBeGreaterThan(0);
    for (const p of presenters) {
      expect(type.get(p.nodeId)).toBe("auditorium");
      expect(members.has(`${p.nodeId}/${p.principalId}`)).toBe(true);
    }
  });

  test("invitations go to members of rooms whose invitations are effectively on", () => {
    const members = new Set(small.roleAssignments.filter((a) => a.role === "member").map((a) => `${a.nodeId}/${a.principalId}`));
    const eligible = new Set(sampleSkeleton({ scale: "small", seed: 1 }).rooms.filter((r) => r.inviteEligible).map((r) => r.id));
    for (const i of small.invitations) {
      expect(members.has(`${i.nodeId}/${i.principalId}`)).toBe(true);
      expect(eligible.has(i.nodeId)).toBe(true);
    }
  });

  test("message days: ordered, at least one message, file links within messages, first and last on that day", () => {
    let prev = "";
    for (const d of small.messageDays) {
      const key = `${String(d.roomId).padStart(10, "0")}/${d.day}`;
      expect(key > prev).toBe(true);
      prev = key;
      expect(d.messages).toBeGreaterThanOrEqual(1);
      expect(d.fileLinks).toBeLessThanOrEqual(d.messages);
      expect(d.first.slice(0, 10)).toBe(d.day);
      expect(d.last.slice(0, 10)).toBe(d.day);
      expect(d.first <= d.last).toBe(true);
      if (d.messages === 1) expect(d.first).toBe(d.last);
    }
    const before = small.messageDays.filter((d) => d.day < SAMPLE_CUTOFF).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(small.messageDays.length);
  });

  test("file links match the days that hold them", () => {
    const perDay = new Map(small.messageDays.map((d) => [`${d.roomId}/${d.day}`, d.fileLinks]));
    const counted = new Map<string, number>();
    for (const f of small.fileLinks) {
      expect(f.url).toMatch(/^ma-filelink:\/\/\S+$/);
      const k = `${f.roomId}/${f.day}`;
      counted.set(k, (counted.get(k) ?? 0) + 1);
    }
    for (const [k, n] of counted) expect(perDay.get(k)).toBe(n);
    expect([...perDay.values()].reduce((a, b) => a + b, 0)).toBe(small.fileLinks.length);
  });
});

describe("planted cases", () => {
  const planted = plantedCases({ scale: "small", seed: 1 });
  const byKind = new Map(planted.map((p) => [p.kind, p]));
  const cat = (id: number) => small.categories.find((c) => c.id === id) as Category;
  const room = (id: number) => small.rooms.find((r) => r.id === id)!;
  const roles = (nodeId: number, role: string) => small.roleAssignments.filter((a) => a.nodeId === nodeId && a.role === role).map((a) => a.principalId);

  const checks: Record<PlantedKind, (p: PlantedCase) => void> = {
    "nested-categories": (p) => {
      const [a, b, c, d] = p.categories.map(cat) as [Category, Category, Category, Category];
      expect(a.parentId).toBe(1);
      expect([b.parentId, c.parentId, d.parentId]).toEqual([a.id, b.id, c.id]);
      expect(p.expect.depthUnderRoot).toBeGreaterThanOrEqual(3);
    },
    "root-managers": (p) => {
      expect(cat(1).isRoot).toBe(true);
      expect(roles(1, "manager").sort()).toEqual([...p.principals].sort());
    },
    "room-name-too-long-with-prefix": (p) => {
      const r = room(p.rooms[0]!);
      expect(r.name!.length).toBe(240);
      expect(r.name!.length).toBeLessThanOrEqual(256);
      let prefix = 0;
      for (let c = cat(r.categoryId!); !c.isRoot; c = cat(c.parentId!)) prefix += c.name!.length;
      expect(r.name!.length + prefix).toBeGreaterThan(256);
    },
    "name-collision-after-flattening": (p) => {
      const [a, b] = p.categories.map(cat) as [Category, Category];
      expect(a.name).toBe(b.name);
      expect(a.parentId).toBe(b.parentId);
      const [r1, r2] = p.rooms.map(room);
      expect(r1!.name).toBe(r2!.name);
      expect(r1!.categoryId).not.toBe(r2!.categoryId);
    },
    "room-named-like-category": (p) => expect(room(p.rooms[0]!).name).toBe(cat(p.categories[0]!).name),
    "invitation-conflict": (p) => {
      expect(cat(p.categories[0]!).invitations).toBe(false);
      expect(room(p.rooms[0]!).invitations).toBe(true);
      expect(room(p.rooms[0]!).categoryId).toBe(p.categories[0]);
    },
    "federated-users": (p) => {
      for (const id of p.principals) expect(small.principals.find((x) => x.id === id)).toMatchObject({ kind: "federated-user", typeId: 7 });
      expect(roles(p.rooms[0]!, "member")).toEqual(expect.arrayContaining(p.principals));
    },
    "room-topic": (p) => {
      for (const id of p.rooms) expect(room(id).topic).toEqual(expect.any(String));
      expect(small.rooms.filter((r) => r.topic !== null).map((r) => r.id).sort()).toEqual([...p.rooms].sort());
    },
    "settings-disagree-within-category": (p) => {
      const rs = p.rooms.map(room);
      expect(rs.every((r) => r.categoryId === p.categories[0])).toBe(true);
      expect(new Set(rs.map((r) => r.fileUpload)).size).toBeGreaterThan(1);
      expect(new Set(rs.map((r) => r.chatHistory)).size).toBeGreaterThan(1);
    },
    "allowed-scopes": (p) => {
      const scoped = small.scopes.filter((s) => p.categories.includes(s.nodeId));
      expect(scoped.map((s) => s.principalId).sort()).toEqual([...p.principals].sort());
      expect(scoped.every((s) => !s.denied)).toBe(true);
    },
    "disabled-rooms": (p) => expect(small.rooms.filter((r) => r.disabled).map((r) => r.id).sort()).toEqual([...p.rooms].sort()),
    "messages-around-cutoff": (p) => {
      const days = small.messageDays.filter((d) => d.roomId === p.rooms[0]);
      const sum = (f: (d: (typeof days)[0]) => boolean, v: (d: (typeof days)[0]) => number) => days.filter(f).reduce((a, d) => a + v(d), 0);
      const cutoff = p.expect.cutoff as string;
      expect(cutoff).toBe(SAMPLE_CUTOFF);
      expect(sum((d) => d.day < cutoff, (d) => d.messages)).toBe(p.expect.messagesBefore);
      expect(sum((d) => d.day >= cutoff, (d) => d.messages)).toBe(p.expect.messagesSince);
      expect(sum((d) => d.day >= cutoff, (d) => d.fileLinks)).toBe(p.expect.fileLinksSince);
      expect(p.expect.messagesBefore).toBeGreaterThan(0);
      expect(p.expect.messagesSince).toBeGreaterThan(0);
    },
    "addin-name-too-long": (p) => expect(small.addins.find((a) => a.id === p.addins[0])!.name!.length).toBeGreaterThan(50),
    "addin-url-too-long": (p) => expect(small.addins.find((a) => a.id === p.addins[0])!.url!.length).toBeGreaterThan(255),
    "parent-cycle": (p) => {
      const [a, b] = p.categories.map(cat) as [Category, Category];
      expect(a.parentId).toBe(b.id);
      expect(b.parentId).toBe(a.id);
      expect(room(p.rooms[0]!).categoryId).toBe(a.id);
    },
    "orphan-category": (p) => {
      const c = cat(p.categories[0]!);
      expect(small.categories.some((x) => x.id === c.parentId)).toBe(false);
      expect(room(p.rooms[0]!).categoryId).toBe(c.id);
    },
    "orphan-room": (p) => expect(small.categories.some((c) => c.id === room(p.rooms[0]!).categoryId)).toBe(false),
    "null-name": (p) => {
      expect(cat(p.categories[0]!).name).toBeNull();
      expect(room(p.rooms[0]!).name).toBeNull();
    },
    "name-too-long": (p) => expect(room(p.rooms[0]!).name!.length).toBeGreaterThan(256),
    "unknown-principal-type": (p) => {
      const ps = p.principals.map((id) => small.principals.find((x) => x.id === id)!);
      expect(ps.map((x) => x.kind)).toEqual(["unknown", "unknown"]);
      expect(ps.map((x) => x.typeId)).toEqual([...UNKNOWN_TYPE_IDS]);
    },
    "duplicate-guid": (p) => {
      const [r1, r2] = p.rooms.map(room);
      expect(r1!.guid).toBe(r2!.guid);
      const [u1, u2] = p.principals.map((id) => small.principals.find((x) => x.id === id)!);
      expect(u1!.guid).toBe(u2!.guid);
      expect(new Set(small.rooms.map((r) => r.guid)).size).toBe(small.rooms.length - 1);
    },
  };

  test("every kind is planted exactly once", () => {
    expect(planted.map((p) => p.kind).sort()).toEqual((Object.keys(checks) as PlantedKind[]).sort());
  });
  test.each(planted.map((p) => [p.kind, p] as const))("%s: the data carries the case", (_kind, p) => {
    checks[p.kind](p);
  });
  test("planted cases are the same (by name) at small and medium scale; their ids shift with the tree", () => {
    const maxCases = plantedCases({ scale: "medium", seed: 1 });
    expect(maxCases.map((p) => [p.kind, p.detail, p.expect])).toEqual(planted.map((p) => [p.kind, p.detail, p.expect]));
    expect(byKind.get("root-managers")!.principals).toEqual(maxCases.find((p) => p.kind === "root-managers")!.principals);
    expect(PRINCIPAL.firstUser).toBeGreaterThan(PRINCIPAL.unknownTypes[1]);
  });
});
