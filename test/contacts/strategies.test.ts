/**
 * The four strategies of domain §9.1 as tables of windows and expected lists and groups, and the
 * model's rules (limits, merge, self, unmapped) one case per rule. Pure: no stand-in needed.
 */
import { extractContactLists } from "../../migration-jobs/contacts/extract";
import { DEFAULT_LAYOUT } from "../../migration-jobs/contacts/layout";
import { parseRegBytes } from "../../migration-jobs/contacts/regfile";
import { expandContactList, resolveContactList, userIndex } from "../../migration-jobs/contacts/contact-list";
import { EXCHANGE_IM_GROUP, indexContactFiles, planCompactList, planList, planWindows, STRATEGIES, Strategy, windowsFor, WindowPlan } from "../../migration-jobs/contacts/plan";
import { im, memorySource, regText, userMap } from "./helpers";

// a moves in wave 1, b in wave 2, c in wave 3.
const USERS = userMap([["a", 1], ["b", 2], ["c", 3]]);
const FILES = {
  "a.reg": regText(im("a"), [{ address: im("b"), name: "Bee", groups: ["Team"] }, { address: im("c"), groups: ["Team"] }]),
  "b.reg": regText(im("b"), [{ address: im("a") }, { address: im("c"), groups: ["Golf"] }]),
  "c.reg": regText(im("c"), [{ address: im("a"), groups: ["Boss"] }]),
};

function run(strategy: Strategy, files: Record<string, string> = FILES, users = USERS): WindowPlan[] {
  const input = { strategy, users, layout: DEFAULT_LAYOUT, source: memorySource(files) };
  return [...planWindows(input, indexContactFiles(input.source, input.layout, users))];
}

const sip = (u: string) => `sip:${u}@x.com`;

type Row = [Strategy, string, string, boolean, string[], string[], string[]];

describe.each<Row>([
  // strategy, window, owner, rewrite, contacts moved (SIP), contacts held, group names (numbered 1..n)
  ["immediate-recreate", "all", "a", false, ["b", "c"], [], ["~", "Team"]],
  ["immediate-recreate", "all", "c", false, ["a"], [], ["~", "Boss"]],
  ["immediate-import", "all", "a", false, ["b", "c"], [], ["~", "Team"]],
  ["immediate-import", "all", "b", false, ["a", "c"], [], ["~", "Golf"]],
  ["gradual-per-user", "wave-1", "a", false, [], ["b", "c"], ["~", "Team", EXCHANGE_IM_GROUP]],
  ["gradual-per-user", "wave-2", "b", false, ["a"], ["c"], ["~", "Golf", EXCHANGE_IM_GROUP]],
  ["gradual-per-user", "wave-2", "a", true, ["b"], ["c"], ["~", "Team", EXCHANGE_IM_GROUP]],
  ["gradual-per-user", "wave-3", "a", true, ["b", "c"], [], ["~", "Team"]],
  ["gradual-per-user", "wave-3", "b", true, ["a", "c"], [], ["~", "Golf"]],
  ["gradual-per-user", "wave-3", "c", false, ["a"], [], ["~", "Boss"]],
  ["gradual-deferred", "final", "a", false, ["b", "c"], [], ["~", "Team"]],
  ["gradual-deferred", "final", "c", false, ["a"], [], ["~", "Boss"]],
])("%s, window %s, owner %s", (strategy, windowId, owner, rewrite, moved, held, groups) => {
  const window = run(strategy).find((w) => w.window.id === windowId);
  const list = window?.lists.find((l) => l.owner.sipUri === sip(owner));
  it("plans the list", () => {
    expect(list).toBeDefined();
    expect(list?.rewrite).toBe(rewrite);
    expect(list?.contacts.map((c) => c.sipUri)).toEqual(moved.map(sip));
    expect(list?.held.map((h) => h.sipUri)).toEqual(held.map(sip));
    expect(list?.groups).toEqual(groups.map((name, i) => ({ number: i + 1, name })));
  });
});

describe.each<[Strategy, Array<[string, boolean, string[]]>]>([
  // window id, imports, owners with a list in it
  ["immediate-recreate", [["all", false, ["a", "b", "c"]]]],
  ["immediate-import", [["all", true, ["a", "b", "c"]]]],
  ["gradual-per-user", [["wave-1", true, ["a"]], ["wave-2", true, ["a", "b"]], ["wave-3", true, ["a", "b", "c"]]]],
  ["gradual-deferred", [["wave-1", false, []], ["wave-2", false, []], ["wave-3", false, []], ["final", true, ["a", "b", "c"]]]],
])("%s windows", (strategy, expected) => {
  it("has the expected windows, imports and owners", () => {
    expect(run(strategy).map((w) => [w.window.id, w.window.imports, w.lists.map((l) => l.owner.sipUri.slice(4, 5)).sort()])).toEqual(expected);
  });
});

describe("gradual-per-user details", () => {
  it("rewrites only earlier owners whose contacts move now (a has no contact in wave 2 -> not rewritten)", () => {
    const files = { ...FILES, "a.reg": regText(im("a"), [{ address: im("c") }]) };
    expect(run("gradual-per-user", files).map((w) => w.lists.map((l) => `${l.owner.sipUri.slice(4, 5)}${l.rewrite ? "*" : ""}`))).toEqual([["a"], ["b"], ["a*", "b*", "c"]]);
  });
  it("keeps the contact's wave on each held contact for the report", () => {
    const w1 = run("gradual-per-user")[0];
    expect(w1?.lists[0]?.held.map((h) => [h.imAddress, h.movesInWave])).toEqual([[im("b"), 2], [im("c"), 3]]);
  });
  it("reports an owner's findings once, in its own window, not again on rewrites", () => {
    const files = { ...FILES, "a.reg": regText(im("a"), [{ address: im("b") }, { address: "nobody@im.x.com" }]) };
    const codes = run("gradual-per-user", files).map((w) => w.findings.filter((f) => f.code === "CONTACTS_CONTACT_NOT_IN_MAP").length);
    expect(codes).toEqual([1, 0, 0]);
  });
});

describe("windowsFor", () => {
  it.each<[Strategy, string[]]>([
    ["immediate-recreate", ["all"]],
    ["immediate-import", ["all"]],
    ["gradual-per-user", ["wave-1", "wave-4"]],
    ["gradual-deferred", ["wave-1", "wave-4", "final"]],
  ])("%s with waves 1 and 4", (s, ids) => {
    expect(windowsFor(s, [1, 4]).map((w) => w.id)).toEqual(ids);
  });
});

describe("model rules, one case per rule", () => {
  const owner = USERS.byAddress.get(im("a"));
  const raw = (contacts: Array<{ address: string; displayName?: string | null; groups?: string[] }>, extra: { allow?: string[]; block?: string[] } = {}) => ({
    account: im("a"),
    file: "a.reg",
    contacts: contacts.map((c, i) => ({ address: c.address, displayName: c.displayName ?? null, groups: c.groups ?? [], where: `a.reg:${i + 4}` })),
    allow: extra.allow ?? [],
    block: extra.block ?? [],
  });
  if (!owner) throw new Error("fixture");

  it.each<[string, Parameters<typeof raw>[0], string, string[]]>([
    ["a contact pointing at the owner is dropped", [{ address: im("a") }, { address: im("b") }], "CONTACTS_SELF_DROPPED", ["sip:b@x.com"]],
    ["a contact not in the map is reported, not guessed", [{ address: "zed@im.x.com" }], "CONTACTS_CONTACT_NOT_IN_MAP", []],
    ["a display name over 256 characters falls back to the map's", [{ address: im("b"), displayName: "x".repeat(257) }], "CONTACTS_DISPLAY_NAME_TOO_LONG", ["sip:b@x.com"]],
  ])("%s", (_n, contacts, code, kept) => {
    const { list, findings } = resolveContactList(owner, [raw(contacts)], USERS);
    expect(findings.map((f) => f.code)).toContain(code);
    expect(list.contacts.map((c) => c.user.sipUri)).toEqual(kept);
  });

  it("duplicates across files are merged with the groups of both", () => {
    const { list, findings } = resolveContactList(owner, [raw([{ address: im("b"), groups: ["Team"] }]), raw([{ address: im("B").toUpperCase().toLowerCase(), groups: ["Golf"] }])], USERS);
    expect(list.contacts).toHaveLength(1);
    expect(list.contacts[0]?.groups).toEqual(["Team", "Golf"]);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["CONTACTS_DUPLICATE_MERGED", "info"]]);
  });

  it("exactly 256 characters is kept", () => {
    const { list, findings } = resolveContactList(owner, [raw([{ address: im("b"), displayName: "y".repeat(256) }])], USERS);
    expect(list.contacts[0]?.displayName).toHaveLength(256);
    expect(findings).toEqual([]);
  });

  it("allow and block entries map to SIP URIs; unmapped ones are reported", () => {
    const { list, findings } = resolveContactList(owner, [raw([], { allow: [im("b")], block: ["spam@evil.example"] })], USERS);
    expect(list.allow).toEqual([{ mask: "sip:b@x.com", mapped: true }]);
    expect(list.block).toEqual([{ mask: "spam@evil.example", mapped: false }]);
    expect(findings.map((f) => f.code)).toEqual(["CONTACTS_ACCESS_ENTRY_NOT_IN_MAP"]);
  });

  describe.each<[string, number, string | null]>([
    ["1,000 contacts: no warning", 1000, null],
    ["1,001 contacts: capacity-model warning", 1001, "CONTACTS_OVER_CAPACITY_MODEL"],
  ])("%s", (_n, count, code) => {
    it("follows the capacity model (domain §9.2)", () => {
      const many = userMap(Array.from({ length: count + 1 }, (_, i) => [`u${i}`, 1] as [string, number]));
      const o = many.byAddress.get(im("u0"));
      if (!o) throw new Error("fixture");
      const r = { ...raw([]), account: im("u0"), contacts: Array.from({ length: count }, (_, i) => ({ address: im(`u${i + 1}`), displayName: null, groups: [], where: "x" })) };
      const { findings } = resolveContactList(o, [r], many);
      expect(findings.map((f) => f.code)).toEqual(code ? [code] : []);
    });
  });

  describe.each<[string, number, boolean, boolean]>([
    // groups in the client, held contacts present, blocked
    ["63 groups + default = 64", 63, false, false],
    ["64 groups + default = 65", 64, false, true],
    ["62 groups + default + Exchange IM group = 64", 62, true, false],
    ["63 groups + default + Exchange IM group = 65", 63, true, true],
  ])("group limit: %s", (_n, groupCount, withHeld, blocked) => {
    it(blocked ? "blocks the list with an error finding" : "keeps ids 1-64", () => {
      const contacts = Array.from({ length: groupCount }, (_, i) => ({ address: im("b"), groups: [`G${i}`] }));
      if (withHeld) contacts.push({ address: im("c"), groups: [] });
      const { list } = resolveContactList(owner, [raw(contacts)], USERS);
      const window = windowsFor("gradual-per-user", [1, 2, 3])[1];
      if (!window) throw new Error("fixture");
      const p = planList(list, window, false);
      expect(p.planned.blocked).toBe(blocked);
      expect(p.findings.map((f) => [f.code, f.severity])).toEqual(blocked ? [["CONTACTS_TOO_MANY_GROUPS", "error"]] : []);
      if (!blocked) expect(Math.max(...p.planned.groups.map((g) => g.number))).toBeLessThanOrEqual(64);
    });
  });
});

describe("first pass", () => {
  it("reports files that match nothing and owners not in the map", () => {
    const source = memorySource({ ...FILES, "other.reg": "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Other]\r\n", "z.reg": regText("zed@im.x.com", [{ address: im("a") }]) });
    const index = indexContactFiles(source, DEFAULT_LAYOUT, USERS);
    expect(index.findings.map((f) => [f.code, f.subject])).toEqual([
      ["CONTACTS_FILE_NO_MATCH", "other.reg"],
      ["CONTACTS_OWNER_NOT_IN_MAP", "z.reg"],
    ]);
    expect([...index.owners.keys()].sort()).toEqual([sip("a"), sip("b"), sip("c")]);
  });
  it("keeps only who is where: the contacts' waves, not the contacts", () => {
    const index = indexContactFiles(memorySource(FILES), DEFAULT_LAYOUT, USERS);
    expect([...(index.owners.get(sip("a"))?.contactWaves ?? [])].sort()).toEqual([2, 3]);
  });
  it("collects every bad file before anything is planned", () => {
    const source = memorySource({ ...FILES, "bad1.reg": "REGEDIT4\r\n[HKCU\\x]\r\n", "bad2.reg": "nope" });
    expect(() => indexContactFiles(source, DEFAULT_LAYOUT, USERS)).toThrow(/bad1\.reg:2[\s\S]*bad2\.reg:1/);
  });
});

describe("planning from the compact index", () => {
  // Everything resolution handles: two machines for one owner, duplicates with other groups, self,
  // unmapped contacts, allow/block entries in and out of the map, a long display name, no groups.
  const rich = {
    ...FILES,
    "a-laptop.reg": regText(im("a"), [{ address: im("c"), groups: ["Golf", "Team"] }, { address: im("a") }, { address: "stranger@else.example" }, { address: im("b"), name: "x".repeat(300) }], { allow: [im("b"), "nobody@else.example"], block: [im("c")] }),
    "b-old.reg": regText(im("b"), [{ address: im("c"), name: "Cee", groups: ["Golf", "Work", "Golf"] }]),
  };
  it.each([...STRATEGIES])("%s: every window's lists and findings equal planList over the expanded list", (strategy) => {
    const index = indexContactFiles(memorySource(rich), DEFAULT_LAYOUT, USERS);
    const ids = userIndex(USERS);
    let compared = 0;
    for (const window of windowsFor(strategy, USERS.waves)) {
      for (const entry of index.owners.values()) {
        for (const rewrite of [false, true]) {
          const fast = planCompactList(entry.list, USERS, ids, window, rewrite);
          const slow = expandContactList(entry.list, USERS);
          const ref = planList(slow.list, window, rewrite);
          // userId is the renderers' cache key, which only the index knows; it names the same user.
          expect(fast.planned.contacts.every((pc) => ids.users[pc.userId as number]?.sipUri === pc.sipUri)).toBe(true);
          expect({ ...fast.planned, contacts: fast.planned.contacts.map(({ userId: _id, ...rest }) => rest) }).toEqual(ref.planned);
          expect(fast.findings).toEqual(ref.findings);
          expect(fast.listFindings).toEqual(slow.findings);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
    // The rich owners really exercise resolution (else the comparison above proves little).
    const a = expandContactList(index.owners.get(sip("a"))!.list, USERS);
    expect(a.findings.map((f) => f.code).sort()).toEqual(expect.arrayContaining(["CONTACTS_ACCESS_ENTRY_NOT_IN_MAP", "CONTACTS_CONTACT_NOT_IN_MAP", "CONTACTS_DISPLAY_NAME_TOO_LONG", "CONTACTS_DUPLICATE_MERGED", "CONTACTS_SELF_DROPPED"]));
    // a-laptop.reg sorts before a.reg, so its groups come first; a.reg adds nothing new.
    expect(a.list.contacts.find((c) => c.user.sipUri === sip("c"))?.groups).toEqual(["Golf", "Team"]);
  });

  it("an owner's list built across two files (frozen, then thawed) equals resolving both files' lists at once", () => {
    const source = memorySource(rich);
    const index = indexContactFiles(source, DEFAULT_LAYOUT, USERS);
    for (const [owner, files] of [["a", ["a-laptop.reg", "a.reg"]], ["b", ["b-old.reg", "b.reg"]]] as const) {
      const raws = files.flatMap((f) => extractContactLists(parseRegBytes(source.read(f), f), DEFAULT_LAYOUT).lists);
      const user = USERS.bySip.get(sip(owner))!;
      expect(expandContactList(index.owners.get(sip(owner))!.list, USERS)).toEqual(resolveContactList(user, raws, USERS));
      expect(index.owners.get(sip(owner))?.files).toEqual(files);
    }
  });

  it("a file read once: the planner never reads a .reg file twice", () => {
    const source = memorySource(rich);
    const input = { strategy: "gradual-per-user" as Strategy, users: USERS, layout: DEFAULT_LAYOUT, source };
    const plans = [...planWindows(input, indexContactFiles(source, DEFAULT_LAYOUT, USERS))];
    expect(plans.some((p) => p.lists.some((l) => l.rewrite))).toBe(true);
    expect([...source.reads].sort()).toEqual(Object.keys(rich).sort());
  });
});
