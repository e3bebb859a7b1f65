/**
 * The snapshot format's constants, its manifest, and the shape of each entity's rows. Shared by the
 * writer and the reader so that what one writes the other accepts; see index.ts for the format itself.
 */
import { ENTITIES, EntityName, EntityTypes, SourceInfo, SourceKind } from "../inventory/inventory";
import { UserError } from "../common/errors";

export const FORMAT_NAME = "pchat-kit-snapshot";
/** Bump on any change a reader of the previous version would misread; readers accept only their own. */
export const FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";
/** Written while a snapshot is being taken; lists the entities already complete (for `resume`). */
export const PROGRESS_FILE = "progress.json";
/** Suffix of an entity file still being written; never read. */
export const PARTIAL_SUFFIX = ".partial";

export interface EntityRecord {
  file: string;
  rows: number;
  sha256: string;
  bytes: number;
}

export interface SnapshotManifest {
  format: typeof FORMAT_NAME;
  formatVersion: number;
  source: SourceInfo;
  entities: Record<EntityName, EntityRecord>;
  createdAt: string;
  complete: boolean;
}

/** What the progress file holds while a snapshot is being taken. */
export interface SnapshotProgress {
  format: typeof FORMAT_NAME;
  formatVersion: number;
  source: SourceInfo;
  entities: Partial<Record<EntityName, EntityRecord>>;
}

export function entityFile(entity: EntityName): string {
  return `${entity}.ndjson`;
}

// ---------------------------------------------------------------------------------------------
// Row shapes. Checked on write (a reader bug never reaches disk) and on read (a hand-edited or
// foreign file never reaches the analysis). Hand-written rather than zod: this runs once per row,
// millions of times on a capacity-model snapshot.

type FieldType =
  | "int"
  | "int?"
  | "count"
  | "string"
  | "string?"
  | "bool"
  | "bool?"
  | "day"
  | "time"
  | "time?"
  | readonly string[];

type Shape<T> = { readonly [K in keyof T]-?: FieldType };

const PRIVACY = ["open", "closed", "secret"] as const;
const ROOM_TYPE = ["normal", "auditorium"] as const;
const PRINCIPAL_KIND = ["user", "group", "federated-user", "federated-group", "container", "domain", "system", "any", "unknown"] as const;
const ROLE = ["member", "manager", "presenter", "creator"] as const;

/** Field order here is the order written to disk, so equal inventories give byte-identical files. */
export const SHAPES: { readonly [E in EntityName]: Shape<EntityTypes[E]> } = {
  categories: {
    id: "int",
    guid: "string?",
    name: "string?",
    description: "string?",
    parentId: "int?",
    isRoot: "bool",
    invitations: "bool?",
    fileUpload: "bool?",
    chatHistory: "bool?",
    addinId: "string?",
  },
  rooms: {
    id: "int",
    guid: "string?",
    name: "string?",
    description: "string?",
    topic: "string?",
    categoryId: "int?",
    privacy: [...PRIVACY, "null"],
    type: [...ROOM_TYPE, "null"],
    disabled: "bool",
    invitations: "bool?",
    fileUpload: "bool?",
    chatHistory: "bool?",
    addinId: "string?",
  },
  principals: {
    id: "int",
    guid: "string?",
    uri: "string?",
    name: "string?",
    kind: PRINCIPAL_KIND,
    typeId: "int",
    disabled: "bool",
    adPath: "string?",
  },
  roleAssignments: { nodeId: "int", principalId: "int", role: ROLE },
  scopes: { nodeId: "int", principalId: "int", denied: "bool" },
  invitations: { principalId: "int", nodeId: "int", createdAt: "time?" },
  addins: { id: "string", name: "string?", url: "string?" },
  messageDays: { roomId: "int", day: "day", messages: "count", fileLinks: "count", first: "time", last: "time" },
  fileLinks: { roomId: "int", url: "string", day: "day", bytes: "int?" },
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function fieldProblem(type: FieldType, v: unknown): string | null {
  if (Array.isArray(type)) {
    const allowed = type as readonly string[];
    if (v === null && allowed.includes("null")) return null;
    // "null" in the list stands for JSON null, never for the string.
    return typeof v === "string" && v !== "null" && allowed.includes(v) ? null : `one of ${allowed.map((a) => (a === "null" ? "null" : JSON.stringify(a))).join(", ")}`;
  }
  const nullable = typeof type === "string" && type.endsWith("?");
  if (v === null && nullable) return null;
  switch (type) {
    case "int":
    case "int?":
      return Number.isSafeInteger(v) ? null : nullable ? "an integer or null" : "an integer";
    case "count":
      return Number.isSafeInteger(v) && (v as number) >= 0 ? null : "a non-negative integer";
    case "string":
    case "string?":
      return typeof v === "string" ? null : nullable ? "a string or null" : "a string";
    case "bool":
    case "bool?":
      return typeof v === "boolean" ? null : nullable ? "true, false or null" : "true or false";
    case "day":
      return typeof v === "string" && DAY.test(v) ? null : "a day YYYY-MM-DD";
    case "time":
    case "time?":
      return typeof v === "string" && TIME.test(v) ? null : nullable ? "an ISO 8601 time or null" : "an ISO 8601 time";
    default:
      return "of a known type";
  }
}

/** A fast test per field type; `fieldProblem` explains a failure (only then, so it may be slow). */
function fieldTest(type: FieldType): (v: unknown) => boolean {
  if (Array.isArray(type)) {
    const allowed = new Set(type as readonly string[]);
    const nullable = allowed.has("null");
    return (v) => (v === null ? nullable : typeof v === "string" && v !== "null" && allowed.has(v));
  }
  const nullable = (type as string).endsWith("?");
  const base = (type as string).replace("?", "");
  const test: (v: unknown) => boolean =
    base === "int"
      ? Number.isSafeInteger
      : base === "count"
        ? (v) => Number.isSafeInteger(v) && (v as number) >= 0
        : base === "string"
          ? (v) => typeof v === "string"
          : base === "bool"
            ? (v) => typeof v === "boolean"
            : base === "day"
              ? (v) => typeof v === "string" && DAY.test(v)
              : (v) => typeof v === "string" && TIME.test(v);
  return nullable ? (v) => v === null || test(v) : test;
}

type FieldCheck = { key: string; type: FieldType; test: (v: unknown) => boolean };
const CHECKS = Object.fromEntries(
  ENTITIES.map((e) => [e, Object.entries(SHAPES[e] as Record<string, FieldType>).map(([key, type]): FieldCheck => ({ key, type, test: fieldTest(type) }))]),
) as Record<EntityName, FieldCheck[]>;

/** Why `row` is not a row of `entity` (the first problem), or null when it is one. */
export function rowProblem(entity: EntityName, row: unknown): string | null {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return "is not a JSON object";
  const obj = row as Record<string, unknown>;
  for (const c of CHECKS[entity]) {
    const v = obj[c.key];
    if (c.test(v)) continue;
    if (v === undefined && !(c.key in obj)) return `has no field "${c.key}"`;
    return `field "${c.key}" must be ${fieldProblem(c.type, v) ?? "valid"}, got ${JSON.stringify(v)?.slice(0, 60)}`;
  }
  return null;
}

/** One NDJSON line (with its newline), fields in the shape's order, extra fields dropped. */
export function serializeRow<E extends EntityName>(entity: E, row: EntityTypes[E]): string {
  const shape = SHAPES[entity] as Record<string, FieldType>;
  const src = row as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in shape) out[key] = src[key] === undefined ? null : src[key];
  return JSON.stringify(out) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Manifest parsing: every refusal names the file and what to do.

const KINDS: readonly SourceKind[] = ["lync2010", "ocs2007r2", "lync2013"];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkSource(where: string, v: unknown, retake: string): SourceInfo {
  const ok =
    isRecord(v) &&
    typeof v.kind === "string" &&
    (KINDS as readonly string[]).includes(v.kind) &&
    typeof v.database === "string" &&
    (v.server === null || typeof v.server === "string") &&
    Array.isArray(v.schemaEvidence) &&
    v.schemaEvidence.every((s) => typeof s === "string") &&
    typeof v.readAt === "string";
  if (!ok) throw new UserError(where, `"source" must describe the database read (kind one of ${KINDS.join(", ")}, database, server, schemaEvidence, readAt)`, retake);
  return v as unknown as SourceInfo;
}

/** The snapshot's own bookkeeping files: no entity may be stored under their names. */
const RESERVED = new Set([MANIFEST_FILE, PROGRESS_FILE]);

/**
 * Why an entity's recorded file name is not a plain file name inside the snapshot directory, or null.
 * The reader joins it to the directory: `.`, `..`, a separator or an absolute path would read a file
 * (or a folder) outside the snapshot.
 */
export function entityFileProblem(file: string): string | null {
  if (file === "" || file === "." || file === "..") return `names the file ${JSON.stringify(file)}, which is no file of the snapshot directory`;
  if (/[\\/]/.test(file) || /^[A-Za-z]:/.test(file)) return `names the file ${JSON.stringify(file)}, a path rather than a plain file name inside the snapshot directory`;
  if (file.includes("\0")) return "names a file whose name holds a NUL character";
  if (!/^[A-Za-z0-9._-]+$/.test(file)) return `names the file ${JSON.stringify(file)}; a snapshot's file names are letters, digits, '.', '_' and '-'`;
  if (RESERVED.has(file)) return `names the file ${JSON.stringify(file)}, which is the snapshot's own ${file}`;
  if (file.endsWith(PARTIAL_SUFFIX)) return `names the file ${JSON.stringify(file)}, a file still being written`;
  return null;
}

function checkRecord(where: string, entity: string, v: unknown, retake: string): EntityRecord {
  if (isRecord(v) && typeof v.file === "string") {
    const why = entityFileProblem(v.file);
    if (why) throw new UserError(where, `entity "${entity}" ${why}`, retake);
  }
  const ok =
    isRecord(v) &&
    typeof v.file === "string" &&
    /^[A-Za-z0-9._-]+$/.test(v.file) &&
    Number.isSafeInteger(v.rows) &&
    (v.rows as number) >= 0 &&
    typeof v.sha256 === "string" &&
    /^[0-9a-f]{64}$/.test(v.sha256) &&
    Number.isSafeInteger(v.bytes) &&
    (v.bytes as number) >= 0;
  if (!ok) throw new UserError(where, `entity "${entity}" must be {file (a plain file name), rows, sha256 (64 hex digits), bytes}`, retake);
  return { file: v.file as string, rows: v.rows as number, sha256: v.sha256 as string, bytes: v.bytes as number };
}

/**
 * Checks the format name and version of a parsed manifest or progress file. `where` is the file's
 * path as shown to the user.
 */
function checkHeader(where: string, doc: unknown, retake: string): Record<string, unknown> {
  if (!isRecord(doc)) throw new UserError(where, "is not a JSON object", retake);
  if (doc.format !== FORMAT_NAME) {
    throw new UserError(where, `is not a pchat-kit snapshot (format ${JSON.stringify(doc.format)}, expected "${FORMAT_NAME}")`, `point at a directory written by \`pchat-kit snapshot\` or \`pchat-kit sample\`, or ${retake.replace(/^./, (c) => c.toLowerCase())}`);
  }
  const version = doc.formatVersion;
  if (!Number.isSafeInteger(version)) throw new UserError(where, `has no integer "formatVersion"`, retake);
  if ((version as number) > FORMAT_VERSION) {
    throw new UserError(where, `is snapshot format version ${version}, newer than the version ${FORMAT_VERSION} this pchat-kit reads`, "upgrade pchat-kit to the version that wrote the snapshot, or retake the snapshot with this version");
  }
  if ((version as number) < FORMAT_VERSION) {
    throw new UserError(where, `is snapshot format version ${version}, older than the version ${FORMAT_VERSION} this pchat-kit reads`, "retake the snapshot with this version of pchat-kit (the source database is unchanged by it)");
  }
  return doc;
}

/** The manifest and the progress file share their JSON envelope: parse it and check its header. */
function parseHeaderDoc(where: string, text: string, retake: string): ReturnType<typeof checkHeader> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UserError(where, `is not valid JSON (${(e as Error).message})`, retake);
  }
  return checkHeader(where, doc, retake);
}

export function parseManifest(where: string, text: string, retake: string): SnapshotManifest {
  const d = parseHeaderDoc(where, text, retake);
  const source = checkSource(where, d.source, retake);
  if (!isRecord(d.entities)) throw new UserError(where, `has no "entities" object`, retake);
  const entities = {} as Record<EntityName, EntityRecord>;
  const owner = new Map<string, string>();
  for (const e of ENTITIES) {
    if (!(e in d.entities)) throw new UserError(where, `does not list entity "${e}"`, retake);
    entities[e] = checkRecord(where, e, d.entities[e], retake);
    const first = owner.get(entities[e].file);
    if (first !== undefined) throw new UserError(where, `entities "${first}" and "${e}" name the same file ${JSON.stringify(entities[e].file)}`, retake);
    owner.set(entities[e].file, e);
  }
  if (typeof d.createdAt !== "string") throw new UserError(where, `has no "createdAt"`, retake);
  if (typeof d.complete !== "boolean") throw new UserError(where, `has no boolean "complete"`, retake);
  return { format: FORMAT_NAME, formatVersion: d.formatVersion as number, source, entities, createdAt: d.createdAt, complete: d.complete };
}

export function parseProgress(where: string, text: string, retake: string): SnapshotProgress {
  const d = parseHeaderDoc(where, text, retake);
  const source = checkSource(where, d.source, retake);
  const entities: Partial<Record<EntityName, EntityRecord>> = {};
  if (isRecord(d.entities)) {
    for (const e of ENTITIES) if (e in d.entities) entities[e] = checkRecord(where, e, d.entities[e], retake);
  }
  return { format: FORMAT_NAME, formatVersion: d.formatVersion as number, source, entities };
}
