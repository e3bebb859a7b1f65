/**
 * The readiness analysis: reads a legacy Group Chat inventory (live or snapshot) and predicts what
 * Import-CsPersistentChatData will make of it (domain §2.3, §4.4, §5, §7), as the expected 2013
 * model plus findings.
 *
 * Memory: categories, rooms, principals and add-ins are held (tens of thousands of rows); the large
 * entities (role assignments, scopes, invitations, message days, file links) are streamed once and
 * folded into per-room aggregates of integers, so memory does not grow with the number of messages.
 * `analyze` reads as the list of its phases: the held nodes (nodes.ts), the principals
 * (principals.ts), the streamed folds (fold.ts), the conversion (convert.ts) and the totals and
 * summary findings below.
 */
import { expectLegacySource, expectTargetSource } from "../inventory/source-role";
import { isCalendarDate, NOT_A_CALENDAR_DATE } from "../common/validation";
import type { EntityName, EntityTypes, InventorySource, SourceInfo } from "../inventory/inventory";
import type { Finding } from "../common/finding";
import { SEVERITY_ORDER, isBlocking } from "../common/finding";
import { finding } from "./codes";
import { FLATTEN_SEPARATOR } from "./categories";
import { nameKey, poolLimitFindings } from "./rules";
import { DEFAULT_EXPORT_LEVEL, type ExportLevel } from "./export-level";
import type { AfterCounts, AnalysisResult, ExpectedAddIn, ExpectedCategory, ExpectedRoom } from "./result";
import { convertAddins, nodeGuids, placeCategories, placeRooms, readNodes, roomsByCategory } from "./nodes";
import { keysOf, principalFindings, readPrincipals } from "./principals";
import { foldFileLinks, foldInvitations, foldMessageDays, foldRoles, foldScopes, type FileFold, type FoldContext } from "./fold";
import { convertCategories, convertRooms, inheritedManagers, managerFindings, roomSettingFindings, type CategoryConversion, type ConvertContext, type RoomConversion } from "./convert";

export type { AnalysisResult, ExpectedCategory, ExpectedRoom, ExpectedAddIn, LegacyTreeNode } from "./result";
export { FLATTEN_SEPARATOR } from "./categories";
export { FINDING_CODES } from "./codes";
export { isBlocking, type Finding } from "../common/finding";
export { EXPORT_LEVELS, EXPORTED_BY_LEVEL, EXPORTED_KINDS, DEFAULT_EXPORT_LEVEL, exportedKinds, isExportLevel, type ExportLevel, type ExportedKind } from "./export-level";

export interface AnalyzeOptions {
  /** YYYY-MM-DD: messages before this UTC day are not migrated (domain §2.3.8). */
  cutoff?: string;
  /** The 2013 `mgc` the import goes into: items of the same name will be overwritten (domain §2.2). */
  target?: InventorySource;
  onProgress?: (msg: string) => void;
  /** Separator of flattened category names; default FLATTEN_SEPARATOR. */
  separator?: string;
  /** Whether warnings are accepted when computing `blocking.blocked`. */
  acceptWarnings?: boolean;
  /**
   * The `-Level` the export runs with (`pchat-kit:migration.exportLevel`); with a cutoff at any level
   * but RoomDirectory the analysis says the export's honouring of the cutoff is undocumented.
   * @default "All" (the cmdlet's default, domain §4.1)
   */
  exportLevel?: ExportLevel;
}

function sourceSummary(description: string, info: SourceInfo): AnalysisResult["source"] {
  return { description, kind: info.kind, database: info.database, server: info.server };
}

/**
 * The analysis as a table of contents: each phase is a function of its own (nodes.ts, principals.ts,
 * fold.ts, convert.ts, below), run in this order, which is also the order findings are reported in
 * before the final sort.
 */
export async function analyze(legacy: InventorySource, opts: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const run = startRun(opts);
  const sources = await checkSources(legacy, opts.target);
  const { findings, progress } = run;

  const { categories, rooms } = await readNodes(legacy, progress);
  const sharesGuid = nodeGuids(categories, rooms, findings);
  progress("reading principals");
  const principals = await readPrincipals(legacy, findings);
  const legacyAddins = await readAll(legacy, "addins");
  const addins = convertAddins(legacyAddins, findings);
  const resolved = placeCategories(categories, run.separator, findings);
  const placement = placeRooms(rooms, resolved, findings);

  const fold: FoldContext = { source: legacy, principals, placement, resolved, progress };
  const roles = await foldRoles(fold);
  const scopes = await foldScopes(fold, findings);
  const invitations = await foldInvitations(fold);
  const messages = await foldMessageDays(fold, run.cutoff);
  const files = await foldFileLinks(fold, run.cutoff);

  progress("converting");
  const ctx: ConvertContext = { findings, separator: run.separator, keysOf: (ids) => keysOf(principals, ids), addins, sharesGuid };
  const roomsPerCategory = roomsByCategory(placement);
  const expectedCategories = convertCategories(ctx, resolved, roomsPerCategory, scopes.categories, roles.categories);
  const managers = inheritedManagers(resolved, roles.categories);
  const aggregates = { roles: roles.rooms, categoryRoles: roles.categories, pendingInvitations: invitations.perRoom, messagesSinceCutoff: messages.sinceCutoff };
  const expectedRooms = convertRooms(ctx, placement, expectedCategories, managers, aggregates);
  const model = importableModel(expectedCategories.list, expectedRooms.list);

  managerFindings(ctx, managers, resolved, roles.categories);
  roomSettingFindings(findings, roomsPerCategory, expectedCategories, rooms);
  const principalTotals = principalFindings(principals, roles.federatedRooms, (ri) => rooms[ri]!.name ?? `id ${rooms[ri]!.id}`, findings);
  danglingFindings(findings, { roles: roles.dangling, scopes: scopes.dangling, invitations: invitations.dangling });
  findings.push(...poolLimitFindings({ provisionedUsers: principalTotals.provisioned, accessControlEntries: model.acesAll, invitations: model.invitationsAll }));
  cutoffFindings(run, opts.exportLevel ?? DEFAULT_EXPORT_LEVEL, messages.beforeCutoff, model.messagesAfter);
  filesFindings(findings, files);
  const targetSource = await targetFindings(run, opts.target, sources.targetInfo, expectedCategories, expectedRooms, addins.expected);

  return {
    format: "pchat-kit.analysis",
    version: 1,
    source: sourceSummary(legacy.description, sources.info),
    targetSource,
    cutoff: run.cutoff,
    separator: run.separator,
    findings: sortFindings(findings),
    blocking: blocking(findings, opts.acceptWarnings ?? false),
    counts: {
      before: { categories: categories.length, rooms: rooms.length, disabledRooms: placement.disabled, principals: principals.count, roleAssignments: roles.rows, scopes: scopes.rows, invitations: invitations.rows, addins: legacyAddins.length, messages: messages.total, fileLinks: files.rows },
      after: afterCounts(model, principals.count, principalTotals.disabledAfter, addins.expected.length),
      excluded: {
        rooms: rooms.length - model.rooms.length,
        blockedRooms: expectedRooms.list.length - model.rooms.length,
        blockedCategories: expectedCategories.list.length - model.categories.length,
        messagesBeforeCutoff: messages.beforeCutoff,
        messagesOfExcludedRooms: messages.ofExcludedRooms + model.messagesOfBlockedRooms,
      },
    },
    target: { categories: expectedCategories.list, rooms: expectedRooms.list, addins: addins.expected },
    files: { count: files.toCopy, bytes: files.bytes },
    legacyTree: [...resolved.values()].map((x) => ({ id: x.category.id, name: x.category.name, parentId: x.category.parentId, isRoot: x.category.isRoot, status: x.status, flatName: x.flatName })),
  };
}

/** The options every phase shares, checked; findings are collected here in the order phases report them. */
export interface Run {
  separator: string;
  cutoff: string | null;
  progress: (msg: string) => void;
  findings: Finding[];
}

/** Phase: the options, checked. */
export function startRun(opts: Pick<AnalyzeOptions, "cutoff" | "separator" | "onProgress">): Run {
  const cutoff = opts.cutoff ?? null;
  // A plain Error: the command line and the configs checked the cutoff first, naming the option or key.
  if (cutoff !== null && !isCalendarDate(cutoff)) throw new Error(`cutoff "${cutoff}" ${NOT_A_CALENDAR_DATE}`);
  return { separator: opts.separator ?? FLATTEN_SEPARATOR, cutoff, progress: opts.onProgress ?? (() => {}), findings: [] };
}

/** Phase: each source is the side it must be, checked before the long read so swapped sources fail in seconds. */
async function checkSources(legacy: InventorySource, target: InventorySource | undefined): Promise<{ info: SourceInfo; targetInfo: SourceInfo | null }> {
  const info = await legacy.info();
  expectLegacySource(info, legacy.description);
  const targetInfo = target ? await target.info() : null;
  if (target && targetInfo) expectTargetSource(targetInfo, target.description);
  return { info, targetInfo };
}

async function readAll<E extends EntityName>(source: InventorySource, entity: E): Promise<EntityTypes[E][]> {
  const out: EntityTypes[E][] = [];
  for await (const row of source.read(entity)) out.push(row);
  return out;
}

/** The 2013 model as the import will leave it: what errors block is marked (blockedBy) and not counted. */
export interface ImportableModel {
  categories: ExpectedCategory[];
  rooms: ExpectedRoom[];
  /** Access control entries of the importable model. */
  aces: number;
  invitationsAfter: number;
  messagesAfter: number;
  /** Messages of the blocked rooms: they count as excluded. */
  messagesOfBlockedRooms: number;
  /** Pool limits count blocked rooms and categories too: they import once their errors are fixed. */
  acesAll: number;
  invitationsAll: number;
}

/** Phase: the importable part of the expected model and its totals; sorts every blockedBy. */
export function importableModel(categories: ExpectedCategory[], rooms: ExpectedRoom[]): ImportableModel {
  for (const x of [...categories, ...rooms]) x.blockedBy.sort();
  const roomAces = (x: ExpectedRoom) => x.managers.length + x.presenters.length + x.members.length;
  const categoryAces = (x: ExpectedCategory) => x.allowed.length + x.denied.length + x.creators.length;
  const out: ImportableModel = {
    categories: categories.filter((x) => x.blockedBy.length === 0),
    rooms: rooms.filter((x) => x.blockedBy.length === 0),
    aces: 0,
    invitationsAfter: 0,
    messagesAfter: 0,
    messagesOfBlockedRooms: 0,
    acesAll: 0,
    invitationsAll: 0,
  };
  for (const x of rooms) {
    out.acesAll += roomAces(x);
    out.invitationsAll += x.pendingInvitations;
    if (x.blockedBy.length > 0) out.messagesOfBlockedRooms += x.messagesSinceCutoff;
  }
  for (const x of categories) out.acesAll += categoryAces(x);
  for (const x of out.rooms) {
    out.aces += roomAces(x);
    out.invitationsAfter += x.pendingInvitations;
    out.messagesAfter += x.messagesSinceCutoff;
  }
  for (const x of out.categories) out.aces += categoryAces(x);
  return out;
}

function afterCounts(model: ImportableModel, principals: number, disabledPrincipals: number, addins: number): AfterCounts {
  return {
    categories: model.categories.length,
    rooms: model.rooms.length,
    principals,
    disabledPrincipals,
    accessControlEntries: model.aces,
    invitations: model.invitationsAfter,
    addins,
    messagesSinceCutoff: model.messagesAfter,
  };
}

/** Phase: rows that refer to missing nodes or principals, one finding for all. */
export function danglingFindings(findings: Finding[], dangling: { roles: number; scopes: number; invitations: number }): void {
  if (dangling.roles + dangling.scopes + dangling.invitations > 0)
    findings.push(
      finding("DANGLING_REFERENCE", "legacy database", `${dangling.roles} role assignment(s), ${dangling.scopes} scope entr(ies) and ${dangling.invitations} invitation(s) refer to missing nodes or principals; they are ignored.`),
    );
}

/** Phase, domain §2.3.8 and §4.1: the messages the cutoff leaves behind, and whether the export level honours it. */
export function cutoffFindings(run: Pick<Run, "cutoff" | "findings">, exportLevel: ExportLevel, messagesBefore: number, messagesAfter: number): void {
  const { cutoff, findings } = run;
  if (messagesBefore > 0)
    findings.push(finding("MESSAGES_BEFORE_CUTOFF", "messages", `${messagesBefore.toLocaleString("en-US")} message(s) before ${cutoff} are not migrated; ${messagesAfter.toLocaleString("en-US")} are.`));
  // domain §4.1: -StartDate is documented as "valid only when Level is RoomDirectory"; the kit passes the cutoff at every level.
  if (cutoff !== null && exportLevel !== "RoomDirectory")
    findings.push(
      finding(
        "CUTOFF_LEVEL_UNDOCUMENTED",
        "export",
        `The export runs with -Level ${exportLevel} and -StartDate ${cutoff}; the docs describe -StartDate as valid only with -Level RoomDirectory, so whether messages before ${cutoff} stay behind is undocumented. The verification counts the messages older than the cutoff that arrive in the migrated rooms and reports it.`,
      ),
    );
}

/** Phase: the file store to copy after the import. */
export function filesFindings(findings: Finding[], files: Pick<FileFold, "toCopy" | "bytes">): void {
  if (files.toCopy > 0)
    findings.push(finding("FILES_TO_COPY", "file store", `${files.toCopy} file(s)${files.bytes === null ? " (size unknown)" : `, ${files.bytes.toLocaleString("en-US")} bytes,`} are linked from migrated messages; copy the file store after the import.`));
}

/** Phase, domain §2.2: what the import overwrites in the target mgc. */
async function targetFindings(
  run: Run,
  target: InventorySource | undefined,
  targetInfo: SourceInfo | null,
  categories: CategoryConversion,
  rooms: RoomConversion,
  addins: ExpectedAddIn[],
): Promise<AnalysisResult["targetSource"]> {
  if (!target) return null;
  run.progress("reading the target mgc");
  const summary = sourceSummary(target.description, targetInfo ?? (await target.info()));
  run.findings.push(...(await overwriteFindings(target, categories.byName, rooms.byName, addins)));
  return summary;
}

/** Errors first, then by code and subject; the sort is stable, so equal ones keep the phases' order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code) || a.subject.localeCompare(b.subject));
}

function blocking(findings: readonly Finding[], acceptWarnings: boolean): AnalysisResult["blocking"] {
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return {
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    blocked: isBlocking(findings, acceptWarnings),
    blockedUnlessWarningsAccepted: isBlocking(findings, true),
  };
}

async function overwriteFindings(
  target: InventorySource,
  categories: Map<string, ExpectedCategory>,
  rooms: Map<string, ExpectedRoom>,
  addins: ExpectedAddIn[],
): Promise<Finding[]> {
  const out: Finding[] = [];
  const addinKeys = new Set(addins.map((a) => nameKey(a.name)));
  let items = 0;
  for await (const c of target.read("categories")) {
    if (c.isRoot || !c.name) continue;
    items++;
    if (categories.has(nameKey(c.name))) out.push(finding("TARGET_WILL_OVERWRITE", `category "${c.name}"`, `The target mgc already has category "${c.name}" (id ${c.id}); the legacy category of that name overwrites it.`));
  }
  for await (const r of target.read("rooms")) {
    if (!r.name) continue;
    items++;
    if (rooms.has(nameKey(r.name))) out.push(finding("TARGET_WILL_OVERWRITE", `room "${r.name}"`, `The target mgc already has room "${r.name}" (id ${r.id}); the legacy room of that name overwrites it.`));
  }
  for await (const a of target.read("addins")) {
    if (!a.name) continue;
    items++;
    if (addinKeys.has(nameKey(a.name))) out.push(finding("TARGET_WILL_OVERWRITE", `add-in "${a.name}"`, `The target mgc already has add-in "${a.name}"; the legacy add-in of that name overwrites it.`));
  }
  if (items > 0) out.push(finding("TARGET_NOT_EMPTY", "target mgc", `The target mgc already holds ${items} categories, rooms or add-ins.`));
  return out;
}
