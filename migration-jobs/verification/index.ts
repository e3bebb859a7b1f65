/**
 * Verification after the import (domain §8): reads the 2013 `mgc` (live or snapshot) and reconciles
 * it with the expected model of the readiness analysis, object by object: categories, rooms and
 * add-ins missing or extra; their settings; allowed, denied and creators of each category; managers,
 * presenters and members of each room; message counts per room since the cutoff.
 * Names are matched case-insensitively (the databases' collation); principals by URI. Objects the
 * analysis marks blocked (`blockedBy`: an error keeps them from importing as modelled) are not
 * reconciled: neither missing when absent nor extra when present; `blocked` lists them.
 *
 * Only the kinds of objects the export's `-Level` exports are compared (`EXPORTED_BY_LEVEL`, with the
 * mapping and what in it is inferred, in ../analysis/export-level.ts): the others are neither missing
 * nor extra. With a cutoff, the target's messages older than it are counted too, at every level: the
 * kit passes the cutoff as -StartDate, documented only for -Level RoomDirectory (domain §4.1), so the
 * result says whether it held (`CUTOFF_HONOURED`) or older messages arrived (`CUTOFF_NOT_APPLIED`), as
 * info findings, never as mismatches.
 */
import { expectTargetSource } from "../inventory/source-role";
import type { AnalysisResult, ExpectedCategory, ExpectedRoom } from "../analysis/result";
import type { InventorySource } from "../inventory/inventory";
import type { Finding } from "../common/finding";
import { listSome, nameKey, principalKey } from "../analysis/rules";
import { DEFAULT_EXPORT_LEVEL, exportedKinds, type ExportLevel, type ExportedKind } from "../analysis/export-level";
import { verificationFinding } from "./codes";

export { simulateImport } from "./simulate-import";
export { VERIFICATION_CODES } from "./codes";

export type ObjectKind = "category" | "room" | "addin" | "principal";
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
  /** No mismatch. Findings (info) do not change it. */
  ok: boolean;
  cutoff: string | null;
  /** The `-Level` of the export this run was compared for. */
  exportLevel: ExportLevel;
  /** The kinds of objects compared: those the level exports. The counts cover every kind regardless. */
  compared: ExportedKind[];
  target: { description: string; kind: string; database: string };
  counts: {
    /** The objects that import: blocked ones are not counted. */
    expected: { categories: number; rooms: number; addins: number; messagesSinceCutoff: number };
    actual: { categories: number; rooms: number; addins: number; messagesSinceCutoff: number };
  };
  /** Names the analysis marked blocked, not reconciled, each with the codes that block it and whether the target has it. */
  blocked: { object: "category" | "room"; name: string; blockedBy: string[]; inTarget: boolean }[];
  mismatches: Mismatch[];
  /**
   * With a cutoff: the target's messages older than it in the migrated rooms (rooms of the expected
   * model, blocked ones left out, matched by name), how many rooms hold them, and how many older
   * messages the legacy side had in the migrated rooms (null when the analysis was made for another cutoff).
   */
  beforeCutoff: { messages: number; rooms: number; legacyMessages: number | null } | null;
  /** What the verification tells besides mismatches (`CUTOFF_HONOURED`, `CUTOFF_NOT_APPLIED`); never blocking. */
  findings: Finding[];
}

export interface VerifyOptions {
  /** Defaults to the analysis's cutoff. */
  cutoff?: string | null;
  /**
   * The export's `-Level` (`pchat-kit:migration.exportLevel`): only what it exports is compared.
   * @default "All"
   */
  exportLevel?: ExportLevel;
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
  /** Messages on or after the cutoff (all of them without one). */
  messages: number;
  /** Messages before the cutoff, and the first day that has any. */
  older: number;
  oldestDay: string | null;
}

export async function verify(expected: AnalysisResult, target: InventorySource, opts: VerifyOptions = {}): Promise<VerificationResult> {
  const progress = opts.onProgress ?? (() => {});
  const cutoff = opts.cutoff === undefined ? expected.cutoff : opts.cutoff;
  const exportLevel = opts.exportLevel ?? DEFAULT_EXPORT_LEVEL;
  const compared = new Set<ExportedKind>(exportedKinds(exportLevel));
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
      older: 0,
      oldestDay: null,
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
    const r = rooms.get(d.roomId);
    if (!r) continue;
    if (cutoff !== null && d.day < cutoff) {
      r.older += d.messages;
      if (d.messages > 0 && (r.oldestDay === null || d.day < r.oldestDay)) r.oldestDay = d.day;
    } else r.messages += d.messages;
  }

  const mismatches: Mismatch[] = [];
  const blocked: VerificationResult["blocked"] = [];
  // Analyses written before blockedBy existed have none: everything in them is reconciled.
  const isBlocked = (e: { blockedBy?: string[] }) => (e.blockedBy?.length ?? 0) > 0;
  const keys = (ids: Set<number>) => [...ids].map((id) => keyOf.get(id) ?? `principal-id:${id}`);
  const addinName = (id: string | null) => (id ? (addinNames.get(id.toLowerCase())?.name ?? `(missing add-in ${id})`) : null);

  // A category's or room's add-in is compared only when the level exports add-ins: otherwise the
  // reference may point at an add-in that was never imported.
  const withAddins = compared.has("addins");

  // --- categories ---
  if (compared.has("categories")) {
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
      compareCategory(e, a, keys, withAddins ? addinName : null, mismatches);
    }
    for (const [k, a] of catByName) if (!seenCats.has(k)) mismatches.push(extra("category", a.name));
  }

  // --- rooms (and, per room, their messages) ---
  const roomByName = new Map<string, ActualRoom>();
  for (const r of rooms.values()) roomByName.set(nameKey(r.name), r);
  if (compared.has("rooms")) {
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
      compareRoom(e, a, cats, keys, withAddins ? addinName : null, mismatches);
      if (compared.has("messages")) compareMessages(e, a, mismatches);
    }
    for (const [k, a] of roomByName) if (!seenRooms.has(k)) mismatches.push(extra("room", a.name));
  } else if (compared.has("messages")) {
    // Content alone: the rooms were imported before (or are not this run's business); a room that is
    // absent has no messages, which is a difference only where messages were expected.
    for (const e of expected.target.rooms) {
      const a = roomByName.get(nameKey(e.name));
      if (isBlocked(e)) {
        blocked.push({ object: "room", name: e.name, blockedBy: e.blockedBy, inTarget: a !== undefined });
        continue;
      }
      compareMessages(e, a ?? null, mismatches);
    }
  }

  // --- add-ins ---
  if (withAddins) {
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
  }

  // --- principals on their own ---
  // Where a category's or room's lists are compared, a principal missing from the target shows in
  // every list that names it. At a level that exports principals but no list (User), each principal
  // the migrated objects name must be in the target; principals the target holds besides are not
  // extra (AD synchronisation adds them too).
  if (compared.has("principals") && !compared.has("categories") && !compared.has("rooms")) {
    const inTarget = new Set(keyOf.values());
    for (const uri of expectedPrincipals(expected, isBlocked)) if (!inTarget.has(uri)) mismatches.push(missing("principal", uri));
  }

  // --- the cutoff (domain §2.3.8, §4.1) ---
  const findings: Finding[] = [];
  let beforeCutoff: VerificationResult["beforeCutoff"] = null;
  if (cutoff !== null) {
    const olderRooms: { name: string; older: number; oldestDay: string | null }[] = [];
    let migratedRooms = 0;
    for (const e of expected.target.rooms) {
      if (isBlocked(e)) continue;
      const a = roomByName.get(nameKey(e.name));
      if (!a) continue;
      migratedRooms += 1;
      if (a.older > 0) olderRooms.push({ name: a.name, older: a.older, oldestDay: a.oldestDay });
    }
    const older = olderRooms.reduce((n, r) => n + r.older, 0);
    const legacyMessages = cutoff === expected.cutoff ? expected.counts.excluded.messagesBeforeCutoff : null;
    beforeCutoff = { messages: older, rooms: olderRooms.length, legacyMessages };
    findings.push(cutoffFinding(cutoff, exportLevel, compared.has("messages"), olderRooms, migratedRooms, legacyMessages));
  }

  let actualMessages = 0;
  for (const r of rooms.values()) actualMessages += r.messages;
  return {
    format: "pchat-kit.verification",
    version: 1,
    ok: mismatches.length === 0,
    cutoff,
    exportLevel,
    compared: [...compared],
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
    beforeCutoff,
    findings,
  };
}

/** Every principal the migrated (unblocked) categories and rooms name, in order of first mention. */
function expectedPrincipals(expected: AnalysisResult, isBlocked: (e: { blockedBy?: string[] }) => boolean): string[] {
  const seen = new Set<string>();
  for (const c of expected.target.categories) if (!isBlocked(c)) for (const p of [...c.allowed, ...c.denied, ...c.creators]) seen.add(p);
  for (const r of expected.target.rooms) if (!isBlocked(r)) for (const p of [...r.managers, ...r.presenters, ...r.members]) seen.add(p);
  return [...seen];
}

function cutoffFinding(
  cutoff: string,
  level: ExportLevel,
  levelExportsContent: boolean,
  olderRooms: readonly { name: string; older: number; oldestDay: string | null }[],
  migratedRooms: number,
  legacyMessages: number | null,
): Finding {
  const subject = `messages before ${cutoff}`;
  if (olderRooms.length > 0) {
    const messages = olderRooms.reduce((n, r) => n + r.older, 0);
    const oldest = olderRooms.reduce<string | null>((d, r) => (r.oldestDay !== null && (d === null || r.oldestDay < d) ? r.oldestDay : d), null);
    const rooms = [...olderRooms].sort((a, b) => b.older - a.older || a.name.localeCompare(b.name)).map((r) => `${r.name} (${r.older})`);
    return verificationFinding(
      "CUTOFF_NOT_APPLIED",
      subject,
      `${messages.toLocaleString("en-US")} message(s) older than the cutoff ${cutoff} arrived in ${olderRooms.length} migrated room(s)${oldest ? `, the oldest from ${oldest}` : ""}: ${listSome(rooms, 5)}. ` +
        `The export ran with -Level ${level} and -StartDate ${cutoff}; -StartDate is documented as valid only with -Level RoomDirectory (PS:Export-CsPersistentChatData)` +
        `${level === "RoomDirectory" ? ", the level used here, and the older messages came all the same" : ", and the export did not apply it"}. Not a mismatch: the messages since the cutoff are compared on their own.`,
    );
  }
  let why: string;
  if (!levelExportsContent) why = `-Level ${level} is not taken to export content (inferred), so this does not show whether the export applies -StartDate.`;
  else if (legacyMessages === 0) why = "The legacy side had none older in the migrated rooms either, so this run does not show whether the export applies -StartDate.";
  else if (legacyMessages !== null) why = `The legacy side had ${legacyMessages.toLocaleString("en-US")} older message(s) in the migrated rooms: the export (-Level ${level}) left them behind.`;
  else why = "";
  return verificationFinding("CUTOFF_HONOURED", subject, `No message older than the cutoff ${cutoff} is in the ${migratedRooms} migrated room(s) of the target. ${why}`.trim());
}

const LABEL: Record<ObjectKind, string> = { category: "Category", room: "Room", addin: "Add-in", principal: "Principal" };

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

/** `addinName` null: add-ins are not compared at this level, nor the add-in a category names. */
function compareCategory(e: ExpectedCategory, a: ActualCategory, keys: (s: Set<number>) => string[], addinName: ((id: string | null) => string | null) | null, out: Mismatch[]): void {
  for (const f of ["invitations", "fileUpload", "chatHistory"] as const) if (a[f] !== e[f]) out.push(setting("category", e.name, f, e[f], a[f]));
  if ((a.description ?? null) !== (e.description ?? null)) out.push(setting("category", e.name, "description", e.description, a.description));
  if (addinName && addinName(a.addinId) !== e.addin) out.push(setting("category", e.name, "addin", e.addin, addinName(a.addinId)));
  principals("category", e.name, "allowed", e.allowed, keys(a.allowed), out);
  principals("category", e.name, "denied", e.denied, keys(a.denied), out);
  principals("category", e.name, "creators", e.creators, keys(a.creators), out);
}

function compareRoom(
  e: ExpectedRoom,
  a: ActualRoom,
  cats: Map<number, ActualCategory>,
  keys: (s: Set<number>) => string[],
  addinName: ((id: string | null) => string | null) | null,
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
  if (addinName && addinName(a.addinId) !== e.addin) out.push(setting("room", e.name, "addin", e.addin, addinName(a.addinId)));
  principals("room", e.name, "managers", e.managers, keys(a.managers), out);
  principals("room", e.name, "presenters", e.presenters, keys(a.presenters), out);
  principals("room", e.name, "members", e.members, keys(a.members), out);
}

/** The room's messages since the cutoff; `a` null: the room is not in the target (Content level only). */
function compareMessages(e: ExpectedRoom, a: ActualRoom | null, out: Mismatch[]): void {
  const actual = a?.messages ?? 0;
  if (actual === e.messagesSinceCutoff) return;
  const diff = actual - e.messagesSinceCutoff;
  out.push({
    object: "room",
    name: e.name,
    kind: "messages",
    field: "messagesSinceCutoff",
    expected: e.messagesSinceCutoff,
    actual,
    message: `Room "${e.name}": ${actual} message(s) since the cutoff${a ? "" : " (the room is not in the target)"}, expected ${e.messagesSinceCutoff} (${diff < 0 ? `${-diff} short` : `${diff} more`}).`,
  });
}

/** Everything the verification gate decides with: the mismatches as errors, then the verification's own (info) findings. */
export function verificationFindings(r: VerificationResult): Finding[] {
  return [...mismatchFindings(r), ...(r.findings ?? [])];
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
