/**
 * The phases of `buildSkeleton`, each by its own table (issue 10). The generated rows against the
 * planted cases and the scale's figures stay in sample.test.ts; the bytes in digest.test.ts.
 */
import { Rng } from "../../migration-jobs/sample/prng";
import { SCALE_SPECS, type SampleScale, type ScaleSpec } from "../../migration-jobs/sample/scale";
import {
  buildSkeleton,
  categoryTree,
  effectiveInvitations,
  ordinaryCategories,
  plantedAddins,
  plantedCategories,
  plantedRoomSpecs,
  type CategorySpec,
} from "../../migration-jobs/sample/skeleton";

const SCALES: SampleScale[] = ["small", "medium", "max"];

describe("plantedAddins", () => {
  const [wiki, longName, longUrl] = plantedAddins(new Rng(1));
  it.each([
    ["an ordinary add-in", wiki.name.length <= 50 && wiki.url.length <= 255, true],
    ["a name over nvarchar(50)", longName.name.length, 64],
    ["a URL over nvarchar(255)", longUrl.url.length > 255, true],
  ])("%s", (_name, actual, expected) => expect(actual).toBe(expected));
  it("draws three GUIDs from the stream it is given", () => expect(new Set([wiki.id, longName.id, longUrl.id]).size).toBe(3));
});

describe.each(SCALES)("plantedCategories and plantedRoomSpecs at %s", (scale) => {
  const tree = categoryTree(1);
  const named = plantedCategories(tree, plantedAddins(new Rng(1)));
  const rooms = plantedRoomSpecs(named, scale, SCALE_SPECS[scale]);
  it("numbers the root and the planted categories 1..18", () => {
    expect(tree.list.map((c) => c.id)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(named.root).toMatchObject({ id: 1, isRoot: true });
  });
  it.each<[string, unknown, unknown]>([
    ["the cycle", [named.cycleA.parentId, named.cycleB.parentId], [named.cycleB.id, named.cycleA.id]],
    ["the nameless category", named.nullNameCat.name, null],
    ["21 planted rooms", rooms.length, 21],
  ])("plants %s", (_name, actual, expected) => expect(actual).toEqual(expected));
});

it("plantedRoomSpecs refuses a scale whose first room group cannot hold the planted rooms", () => {
  const spec: ScaleSpec = { ...SCALE_SPECS.small, roomGroups: [{ rooms: 5, members: 6 }, ...SCALE_SPECS.small.roomGroups.slice(1)] };
  const named = plantedCategories(categoryTree(1), plantedAddins(new Rng(1)));
  expect(() => plantedRoomSpecs(named, "small", spec)).toThrow(/21 planted rooms exceed the first room group/);
});

describe.each([
  ["small", 4, 1],
  ["medium", 66, 2],
  ["max", 661, 21],
] as const)("ordinaryCategories at %s", (scale, leaves, divisions) => {
  it(`plans ${leaves} leaves in ${divisions} division(s)`, () => {
    const tree = categoryTree(1);
    const named = plantedCategories(tree, plantedAddins(new Rng(1)));
    const ordinary = ordinaryCategories(tree, named.root.id, SCALE_SPECS[scale], 21);
    const spec = SCALE_SPECS[scale];
    expect(ordinary.rooms).toBe(spec.roomGroups[0]!.rooms - 21 + spec.roomGroups[1]!.rooms);
    expect(ordinary.leaves).toHaveLength(leaves);
    const divisionIds = new Set(ordinary.leaves.map((l) => l.parentId));
    expect(divisionIds.size).toBe(divisions);
    expect(ordinary.allCompany).toMatchObject({ name: "All Company", parentId: named.root.id, invitations: true });
  });
});

function cat(id: number, parentId: number | null, invitations: boolean | null, isRoot = false): CategorySpec {
  return { id, guid: "", name: `c${id}`, description: null, parentId, isRoot, invitations, fileUpload: null, chatHistory: null, addinId: null, scope: { principals: [], userWindow: null }, creators: [] };
}
describe.each([
  ["the root's default", [cat(1, null, null, true), cat(2, 1, null)], 2, true],
  ["the nearest setting wins", [cat(1, null, true, true), cat(2, 1, false), cat(3, 2, null)], 3, false],
  ["its own category's setting", [cat(1, null, false, true), cat(2, 1, true)], 2, true],
  ["a cycle has no setting", [cat(2, 3, null), cat(3, 2, null)], 2, false],
  ["an orphan has no setting", [cat(2, 99, null)], 2, false],
  ["no category", [cat(1, null, true, true)], null, false],
] as const)("effectiveInvitations: %s", (_name, categories, categoryId, expected) => {
  it(`is ${expected}`, () => expect(effectiveInvitations([...categories])(categoryId)).toBe(expected));
});

describe.each(SCALES)("scheduleActivity at %s", (scale) => {
  const s = buildSkeleton(scale, 1);
  it("numbers the active days of the ordinary rooms one after the other, the probe's apart", () => {
    let next = 0;
    for (const r of s.rooms) {
      if (r.fixedDays) {
        expect(r.activeDays).toBe(r.fixedDays.length);
        continue;
      }
      expect(r.dayIndex).toBe(next);
      expect(r.activeDays).toBeGreaterThanOrEqual(1);
      expect(r.activeDays).toBeLessThanOrEqual(2 * s.spec.averageActiveDays - 1);
      next += r.activeDays;
    }
    expect(s.totalDays).toBe(next);
    expect(s.rooms.filter((r) => r.fixedDays)).toHaveLength(1);
  });
  it("spreads invitations only over enabled rooms whose invitations are on", () => {
    let eligible = 0;
    for (const r of s.rooms) {
      expect(r.inviteIndex).toBe(eligible);
      if (r.inviteEligible) {
        expect(r.disabled).toBe(false);
        expect(r.invitations).not.toBe(false);
        eligible += r.members - r.federatedMembers.length;
      }
    }
    expect(s.totalInviteEligible).toBe(eligible);
  });
});
