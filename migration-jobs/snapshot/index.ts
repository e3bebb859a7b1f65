/**
 * The pchat-kit snapshot: a whole Group Chat / Persistent Chat inventory in a directory, so that every
 * engine command works the same from a live database or from a snapshot taken days earlier.
 *
 * Format "pchat-kit-snapshot", version 1:
 *   <dir>/manifest.json        written last, atomically (temp file + rename):
 *     { "format": "pchat-kit-snapshot", "formatVersion": 1,
 *       "source": SourceInfo (kind, database, server, schemaEvidence, readAt; never credentials),
 *       "entities": { "<entity>": { "file": "<entity>.ndjson", "rows": n, "sha256": hex, "bytes": n }, ... },
 *       "createdAt": ISO 8601, "complete": true }
 *   <dir>/<entity>.ndjson      one per entity of inventory/inventory.ts ENTITIES (categories, rooms,
 *     principals, roleAssignments, scopes, invitations, addins, messageDays, fileLinks), always all nine,
 *     possibly empty: UTF-8, one JSON object per line, each line ending in "\n", fields in the order of
 *     SHAPES (format.ts), every model field present (null where unknown). Rows in the order the source
 *     produced them.
 *   <dir>/progress.json        only while a snapshot is being taken: the entities already complete.
 *   <dir>/<entity>.ndjson.partial   only while that entity is being written; never read.
 *
 * Versioning: a reader accepts exactly its own formatVersion and refuses newer and older ones by name
 * (upgrade pchat-kit, or retake the snapshot). Adding an entity or changing a field bumps the version.
 * Determinism: the same inventory gives byte-identical entity files (hence identical SHA-256s); only
 * manifest.createdAt differs between two runs.
 */
export { writeSnapshot } from "./write";
export type { WriteSnapshotOptions } from "./write";
export { openSnapshot, verifySnapshot } from "./read";
export { FORMAT_NAME, FORMAT_VERSION, MANIFEST_FILE, PROGRESS_FILE, entityFile, rowProblem } from "./format";
export type { SnapshotManifest, EntityRecord } from "./format";
