/**
 * Verification after the import (domain §8): reads the 2013 `mgc` (live or snapshot) and reconciles
 * it with the expected model of the readiness analysis, object by object: categories, rooms and
 * add-ins missing or extra; their settings; allowed, denied and creators of each category; managers,
 * presenters and members of each room; message counts per room since the cutoff.
 * Names are matched case-insensitively (the databases' collation); principals by URI. Objects the
 * analysis marks blocked (`blockedBy`: an error keeps them from importing as modelled) are not
 * reconciled: neither missing when absent nor extra when present; `blocked` lists them.
 */
import { expectTargetSource } from "../model/source-role";
import type { AnalysisResult, ExpectedCategory, ExpectedRoom } from "../analysis/model";
import type { InventorySource } from "../model/inventory";
import type { Finding } from "../analysis/finding";
import { nameKey, principalKey } from "../analysis/rules";

export { simulateImport } from "./simulate-import";

export type ObjectKind = "category" | "room" | "addin";
export type MismatchKind = "missing" | "extra" | "setting" | "principals" | "messages";

export interface Mismatch {
  object: ObjectKind;
  name: string;
  kind: MismatchKind;
  /** The setting or list that differs, e.g. `privacy`, `managers`, `messagesSinceCutoff`. */
  field: string | null;
  expected: string | number | boolean | null;
  actual: string | number | boolean | null;
  /** For principal lists: who is missing from the target and who is there but not expected. */
  missing?: string[];
  extra?: string[];
  message: string;
}

export interface VerificationResult {
  format: "pchat-kit.verification";
  version: 1;
  ok: boolean;
  cutoff: string | null;
  target: { description: string; kind: string; database: string };
  counts: {
    /** The objects that import: blocked ones are not counted. */
    expected: { categories: number; rooms: number; addins: number; messagesSinceCutoff: number };
    actual: { categories: number; rooms: number; addins: number; messagesSinceCutoff: number };
  };
  /** Names the analysis marked blocked, not reconciled, each with the codes that block it and whether the target has it. */
  blocked: { object: "category" | "room"; name: string; blockedBy: string[]; inTarget: boolean }[];
  mismatches: Mismatch[];
}

export interface VerifyOptions {
  /** Defaults to the analysis's cutoff. */
  cutoff?: string | null;
  onProgress?: (msg: string) => void;
}

interface ActualCategory {
  id: number;
  name: string;
  invitations: boolean | null;
  fileUpload: boolean | null;
  chatHistory: boolean | null;
  description: string | null;
  addinId: string | null;
  allowed: Set<number>;
  denied: Set<number>;
  creators: Set<number>;
}

interface ActualRoom {
  id: number;
  name: string;
  categoryId: number | null;
  description: string | null;
  privacy: string | null;
  type: string | null;
  disabled: boolean;
  invitations: boolean | null;
  addinId: string | null;
  managers: Set<number>;
  presenters: Set<number>;
  members: Set<number>;
  messages: number;
}

export async function verify(expected: AnalysisResult, target: InventorySource, opts: VerifyOptions = {}): Promise<VerificationResult> {
  const progress = opts.onProgress ?? (() => {});
  const cutoff = opts.cutoff === undefined ? expected.cutoff : opts.cutoff;
  const info = await target.info();
  expectTargetSource(info, target.description);

  progress("reading the target's categories and rooms");
  const cats = new Map<number, ActualCategory>();
  for await (const c of target.read("categories")) {
    if (c.isRoot || !c.name) continue;
    cats.set(c.id, { id: c.id, name: c.name, invitations: c.invitations, fileUpload: c.fileUpload, chatHistory: c.chatHistory, description: c.description, addinId: c.addinId, allowed: new Set(), denied: new Set(), creators: new Set() });
  }
  const rooms = new Map<number, ActualRoom>();
  for await (const r of target.read("rooms")) {
    if (!r.name) continue;
    rooms.set(r.id, {
      id: r.id,
      name: r.name,
      categoryId: r.categoryId,
      description: r.description,
      privacy: r.privacy,
      type: r.type,
      disabled: r.disabled,
      invitations: r.invitations,
      addinId: r.addinId,
      managers: new Set(),
      presenters: new Set(),
      members: new Set(),
      messages: 0,
    });
  }
  progress("reading the target's principals");
  const keyOf = new Map<number, string>();
  for await (const p of target.read("principals")) keyOf.set(p.id, principalKey(p));
  progress("reading the target's roles and scopes");
  for await (const ra of target.read("roleAssignments")) {
    const r = rooms.get(ra.nodeId);
    if (r) {
      if (ra.role === "manager") r.managers.add(ra.principalId);
      else if (ra.role === "presenter") r.presenters.add(ra.principalId);
      else if (ra.role === "member") r.members.add(ra.principalId);
      continue;
    }
    const c = cats.get(ra.nodeId);
    if (c && ra.role === "creator") c.creators.add(ra.principalId);
  }
  for await (const s of target.read("scopes")) {
    const c = cats.get(s.nodeId);
    if (c) (s.denied ? c.denied : c.allowed).add(s.principalId);
  }
  const addinNames = new Map<string, { name: string; url: string | null }>();
  for await (const a of target.read("addins")) if (a.name) addinNames.set(a.id.toLowerCase(), { name: a.name, url: a.url });
  progress("reading the target's message statistics");
  for await (const d of target.read("messageDays")) {
    if (cutoff !== null && d.day < cutoff) continue;
    const r = rooms.get(d.roomId);
    if (r) r.messages += d.messages;
  }

  const mismatches: Mismatch[] = [];
  const blocked: VerificationResult["blocked"] = [];
  // Analyses written before blockedBy existed have none: everything in them is reconciled.
  const isBlocked = (e: { blockedBy?: string[] }) => (e.blockedBy?.length ?? 0) > 0;
  const keys = (ids: Set<number>) => [...ids].map((id) => keyOf.get(id) ?? `principal-id:${id}`);
  const addinName = (id: string | null) => (id ? (addinNames.get(id.toLowerCase())?.name ?? `(missing add-in ${id})`) : null);

  // --- categories ---
  const catByName = new Map<string, ActualCategory>();
  for (const c of cats.values()) catByName.set(nameKey(c.name), c);
  const seenCats = new Set<string>();
  for (const e of expected.target.categories) {
    const k = nameKey(e.name);
    seenCats.add(k);
    const a = catByName.get(k);
    if (isBlocked(e)) {
      blocked.push({ object: "category", name: e.name, blockedBy: e.blockedBy, inTarget: a !== undefined });
      continue;
    }
    if (!a) {
      mismatches.push(missing("category", e.name));
      continue;
    }
    compareCategory(e, a, keys, addinName, mismatches);
  }
  for (const [k, a] of catByName) if (!seenCats.has(k)) mismatches.push(extra("category", a.name));

  // --- rooms ---
  const roomByName = new Map<string, ActualRoom>();
  for (const r of rooms.values()) roomByName.set(nameKey(r.name), r);
  const seenRooms = new Set<string>();
  for (const e of expected.target.rooms) {
    const k = nameKey(e.name);
    seenRooms.add(k);
    const a = roomByName.get(k);
    if (isBlocked(e)) {
      blocked.push({ object: "room", name: e.name, blockedBy: e.blockedBy, inTarget: a !== undefined });
      continue;
    }
    if (!a) {
      mismatches.push(missing("room", e.name));
      continue;
    }
    compareRoom(e, a, cats, keys, addinName, mismatches);
  }
  for (const [k, a] of roomByName) if (!seenRooms.has(k)) mismatches.push(extra("room", a.name));

  // --- add-ins ---
  const addinByName = new Map<string, { name: string; url: string | null }>();
  for (const a of addinNames.values()) addinByName.set(nameKey(a.name), a);
  const seenAddins = new Set<string>();
  for (const e of expected.target.addins) {
    const k = nameKey(e.name);
    seenAddins.add(k);
    const a = addinByName.get(k);
    if (!a) mismatches.push(missing("addin", e.name));
    else if ((a.url ?? "") !== e.url) mismatches.push(setting("addin", e.name, "url", e.url, a.url));
  }
  for (const [k, a] of addinByName) if (!seenAddins.has(k)) mismatches.push(extra("addin", a.name));

  let actualMessages = 0;
  for (const r of rooms.values()) actualMessages += r.messages;
  return {
    format: "pchat-kit.verification",
    version: 1,
    ok: mismatches.length === 0,
    cutoff,
    target: { description: target.description, kind: info.kind, database: info.database },
    counts: {
      expected: {
        categories: expected.target.categories.filter((c) => !isBlocked(c)).length,
        rooms: expected.target.rooms.filter((r) => !isBlocked(r)).length,
        addins: expected.target.addins.length,
        messagesSinceCutoff: expected.target.rooms.reduce((n, r) => n + (isBlocked(r) ? 0 : r.messagesSinceCutoff), 0),
      },
      actual: { categories: cats.size, rooms: rooms.size, addins: addinNames.size, messagesSinceCutoff: actualMessages },
    },
    blocked,
    mismatches,
  };
}

const LABEL: Record<ObjectKind, string> = { category: "Category", room: "Room", addin: "Add-in" };

function missing(object: ObjectKind, name: string): Mismatch {
  return { object, name, kind: "missing", field: null, expected: name, actual: null, message: `${LABEL[object]} "${name}" is missing from the target.` };
}
function extra(object: ObjectKind, name: string): Mismatch {
  return { object, name, kind: "extra", field: null, expected: null, actual: name, message: `${LABEL[object]} "${name}" is in the target but not expected.` };
}
function setting(object: ObjectKind, name: string, field: string, e: string | boolean | null, a: string | boolean | null): Mismatch {
  return { object, name, kind: "setting", field, expected: e, actual: a, message: `${LABEL[object]} "${name}": ${field} is ${JSON.stringify(a)}, expected ${JSON.stringify(e)}.` };
}

/** Compares two principal lists; pushes one mismatch naming who is missing and who is extra. */
function principals(object: ObjectKind, name: string, field: string, expected: readonly string[], actual: readonly string[], out: Mismatch[]): void {
  const a = new Set(actual);
  const e = new Set(expected);
  const miss = expected.filter((x) => !a.has(x));
  const ext = actual.filter((x) => !e.has(x)).sort();
  if (miss.length === 0 && ext.length === 0) return;
  const parts: string[] = [];
  if (miss.length) parts.push(`missing ${miss.slice(0, 10).join(", ")}${miss.length > 10 ? ` and ${miss.length - 10} more` : ""}`);
  if (ext.length) parts.push(`unexpected ${ext.slice(0, 10).join(", ")}${ext.length > 10 ? ` and ${ext.length - 10} more` : ""}`);
  out.push({ object, name, kind: "principals", field, expected: expected.length, actual: actual.length, missing: miss, extra: ext, message: `${LABEL[object]} "${name}": ${field} ${parts.join("; ")}.` });
}

function compareCategory(e: ExpectedCategory, a: ActualCategory, keys: (s: Set<number>) => string[], addinName: (id: string | null) => string | null, out: Mismatch[]): void {
  for (const f of ["invitations", "fileUpload", "chatHistory"] as const) if (a[f] !== e[f]) out.push(setting("category", e.name, f, e[f], a[f]));
  if ((a.description ?? null) !== (e.description ?? null)) out.push(setting("category", e.name, "description", e.description, a.description));
  if (addinName(a.addinId) !== e.addin) out.push(setting("category", e.name, "addin", e.addin, addinName(a.addinId)));
  principals("category", e.name, "allowed", e.allowed, keys(a.allowed), out);
  principals("category", e.name, "denied", e.denied, keys(a.denied), out);
  principals("category", e.name, "creators", e.creators, keys(a.creators), out);
}

function compareRoom(
  e: ExpectedRoom,
  a: ActualRoom,
  cats: Map<number, ActualCategory>,
  keys: (s: Set<number>) => string[],
  addinName: (id: string | null) => string | null,
  out: Mismatch[],
): void {
  const category = a.categoryId === null ? null : (cats.get(a.categoryId)?.name ?? null);
  if (category === null || nameKey(category) !== nameKey(e.category)) out.push(setting("room", e.name, "category", e.category, category));
  if (a.privacy !== e.privacy) out.push(setting("room", e.name, "privacy", e.privacy, a.privacy));
  if (a.type !== e.type) out.push(setting("room", e.name, "type", e.type, a.type));
  if (a.disabled !== e.disabled) out.push(setting("room", e.name, "disabled", e.disabled, a.disabled));
  const inv: "inherit" | false = a.invitations === false ? false : "inherit";
  if (inv !== e.invitations) out.push(setting("room", e.name, "invitations", e.invitations, inv));
  if ((a.description ?? null) !== (e.description ?? null)) out.push(setting("room", e.name, "description", e.description, a.description));
  if (addinName(a.addinId) !== e.addin) out.push(setting("room", e.name, "addin", e.addin, addinName(a.addinId)));
  principals("room", e.name, "managers", e.managers, keys(a.managers), out);
  principals("room", e.name, "presenters", e.presenters, keys(a.presenters), out);
  principals("room", e.name, "members", e.members, keys(a.members), out);
  if (a.messages !== e.messagesSinceCutoff) {
    const diff = a.messages - e.messagesSinceCutoff;
    out.push({
      object: "room",
      name: e.name,
      kind: "messages",
      field: "messagesSinceCutoff",
      expected: e.messagesSinceCutoff,
      actual: a.messages,
      message: `Room "${e.name}": ${a.messages} message(s) since the cutoff, expected ${e.messagesSinceCutoff} (${diff < 0 ? `${-diff} short` : `${diff} more`}).`,
    });
  }
}

/** Mismatches as findings (severity error), for reports and the runbook's verify gate. */
export function mismatchFindings(r: VerificationResult): Finding[] {
  return r.mismatches.map((m) => ({
    code: `VERIFY_${m.object.toUpperCase()}_${m.kind.toUpperCase()}`,
    severity: "error" as const,
    subject: `${m.object} "${m.name}"${m.field ? ` ${m.field}` : ""}`,
    message: m.message,
    fix:
      m.kind === "missing"
        ? "Check the import report (-Report) for this object, fix the cause and re-import, or create it with the 2013 cmdlets."
        : m.kind === "extra"
          ? "Remove it if it was created by mistake, or accept it (items of other names are kept by the import)."
          : "Compare with the legacy object; correct it with Set-CsPersistentChatRoom/Category, or re-import.",
  }));
}
