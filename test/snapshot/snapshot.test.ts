/**
 * The snapshot format: round trip, determinism, refusals (each naming the file), resume. Real files in
 * a temporary directory; nothing stands in for anything.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ENTITIES, EntityName, EntityTypes, InventorySource } from "../../migration-jobs/inventory/inventory";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { FORMAT_VERSION, SnapshotManifest, openSnapshot, verifySnapshot, writeSnapshot } from "../../migration-jobs/snapshot";
import { sampleSource } from "../../migration-jobs/sample";

let tmp: string;
let good: string;
let goodManifest: SnapshotManifest;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-snapshot-"));
  good = path.join(tmp, "good");
  goodManifest = await writeSnapshot(sampleSource({ scale: "small", seed: 1 }), good);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Opens the snapshot and reads every entity to the end. */
async function readAll(dir: string): Promise<void> {
  const s = await openSnapshot(dir);
  for (const e of ENTITIES) await collect(s.read(e));
}

function copyOf(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(good, dir, { recursive: true });
  return dir;
}

function rewriteManifest(dir: string, change: (m: Record<string, any>) => void): void {
  const file = path.join(dir, "manifest.json");
  const m = JSON.parse(fs.readFileSync(file, "utf8"));
  change(m);
  fs.writeFileSync(file, JSON.stringify(m));
}

/** Replaces a file's content and records its new size and hash, so only the content check can catch it. */
function replaceConsistently(dir: string, entity: EntityName, content: string, rows: number): void {
  fs.writeFileSync(path.join(dir, `${entity}.ndjson`), content);
  const sha256 = require("node:crypto").createHash("sha256").update(content).digest("hex");
  rewriteManifest(dir, (m) => (m.entities[entity] = { file: `${entity}.ndjson`, rows, sha256, bytes: Buffer.byteLength(content) }));
}

describe("round trip", () => {
  test.each(ENTITIES.map((e) => [e]))("%s reads back exactly as the source produced it", async (entity) => {
    const expected = await collect(sampleSource({ scale: "small", seed: 1 }).read(entity));
    const snap = await openSnapshot(good);
    const got = await collect(snap.read(entity));
    expect(got).toEqual(expected);
    expect(got.length).toBe(goodManifest.entities[entity].rows);
  });

  test("the manifest records format, version, source and completeness; verifySnapshot accepts it", async () => {
    expect(goodManifest).toMatchObject({ format: "pchat-kit-snapshot", formatVersion: FORMAT_VERSION, complete: true, source: { kind: "lync2010", server: null } });
    expect(fs.existsSync(path.join(good, "progress.json"))).toBe(false);
    expect(fs.readdirSync(good).filter((f) => f.endsWith(".partial") || f.endsWith(".tmp"))).toEqual([]);
    await expect(verifySnapshot(good)).resolves.toMatchObject({ complete: true });
    const snap = await openSnapshot(good);
    await expect(snap.info()).resolves.toEqual(goodManifest.source);
  });

  test("every line is one JSON object ending in a newline", () => {
    const text = fs.readFileSync(path.join(good, "rooms.ndjson"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").slice(0, -1).every((l) => l.startsWith("{") && l.endsWith("}"))).toBe(true);
  });

  test("a reader that stops early leaves no error behind", async () => {
    const snap = await openSnapshot(good);
    for await (const _ of snap.read("principals")) break;
    await expect(collect(snap.read("principals"))).resolves.toHaveLength(goodManifest.entities.principals.rows);
  });
});

describe("determinism", () => {
  const hashes = (m: SnapshotManifest) => ENTITIES.map((e) => m.entities[e].sha256);
  test("the same seed gives the same SHA-256 for every entity; another seed differs", async () => {
    const again = await writeSnapshot(sampleSource({ scale: "small", seed: 1 }), path.join(tmp, "again"));
    expect(hashes(again)).toEqual(hashes(goodManifest));
    const other = await writeSnapshot(sampleSource({ scale: "small", seed: 2 }), path.join(tmp, "other"));
    // Principals' GUIDs, members, days ... all hang on the seed; the add-ins' GUIDs too.
    for (const e of ["categories", "rooms", "principals", "roleAssignments", "invitations", "addins", "messageDays", "fileLinks"] as const) {
      expect(other.entities[e].sha256).not.toBe(goodManifest.entities[e].sha256);
    }
  });
});

describe("refusals name the file", () => {
  type Case = [string, (dir: string) => void, RegExp, "open" | "read"];
  const cases: Case[] = [
    ["missing manifest", (d) => fs.rmSync(path.join(d, "manifest.json")), /manifest\.json: is missing: this directory holds no snapshot/, "open"],
    ["unparsable manifest", (d) => fs.writeFileSync(path.join(d, "manifest.json"), "{ not json"), /manifest\.json: is not valid JSON/, "open"],
    ["foreign format", (d) => rewriteManifest(d, (m) => (m.format = "something-else")), /manifest\.json: is not a pchat-kit snapshot/, "open"],
    ["newer version", (d) => rewriteManifest(d, (m) => (m.formatVersion = FORMAT_VERSION + 1)), /manifest\.json: is snapshot format version \d+, newer/, "open"],
    ["older version", (d) => rewriteManifest(d, (m) => (m.formatVersion = FORMAT_VERSION - 1)), /manifest\.json: is snapshot format version \d+, older/, "open"],
    ["incomplete flag", (d) => rewriteManifest(d, (m) => (m.complete = false)), /manifest\.json: says the snapshot is incomplete/, "open"],
    ["interrupted (progress, no manifest)", (d) => (fs.rmSync(path.join(d, "manifest.json")), fs.writeFileSync(path.join(d, "progress.json"), "{}")), /manifest\.json: is missing: the snapshot was interrupted/, "open"],
    ["entity missing from the manifest", (d) => rewriteManifest(d, (m) => delete m.entities.scopes), /manifest\.json: does not list entity "scopes"/, "open"],
    ["missing file", (d) => fs.rmSync(path.join(d, "invitations.ndjson")), /invitations\.ndjson: is missing/, "open"],
    ["truncated file", (d) => fs.truncateSync(path.join(d, "rooms.ndjson"), 100), /rooms\.ndjson: has 100 bytes where the manifest records \d+: the file was truncated/, "open"],
    [
      "corrupted byte (same size, still JSON)",
      (d) => {
        const f = path.join(d, "principals.ndjson");
        const buf = fs.readFileSync(f);
        const at = buf.indexOf("Avery");
        buf[at] = "E".charCodeAt(0);
        fs.writeFileSync(f, buf);
      },
      /principals\.ndjson: does not match the manifest .*truncated or corrupted/,
      "read",
    ],
    ["row count differs", (d) => rewriteManifest(d, (m) => (m.entities.addins.rows += 1)), /addins\.ndjson: holds 3 rows where the manifest records 4/, "read"],
    ["a line that is not JSON", (d) => replaceConsistently(d, "addins", '{"id":"a","name":null,"url":null}\n{"id": oops}\n', 2), /addins\.ndjson:2: is not valid JSON/, "read"],
    ["a line of the wrong shape", (d) => replaceConsistently(d, "scopes", '{"nodeId":1,"principalId":2,"denied":false}\n{"nodeId":"1","principalId":2,"denied":false}\n', 2), /scopes\.ndjson:2: is not a scopes row: it field "nodeId" must be an integer/, "read"],
    ["a row missing a field", (d) => replaceConsistently(d, "fileLinks", '{"roomId":1,"url":"ma-filelink://x","day":"2024-01-01"}\n', 1), /fileLinks\.ndjson:1: is not a fileLinks row: it has no field "bytes"/, "read"],
    ["a last line without its newline", (d) => replaceConsistently(d, "addins", '{"id":"a","name":null,"url":null}', 1), /addins\.ndjson:1: is not terminated by a newline/, "read"],
  ];
  test.each(cases)("%s", async (name, damage, message, when) => {
    const dir = copyOf(name.replace(/\W+/g, "-"));
    damage(dir);
    if (when === "open") await expect(openSnapshot(dir)).rejects.toThrow(message);
    else {
      await expect(openSnapshot(dir)).resolves.toBeDefined();
      await expect(readAll(dir)).rejects.toThrow(message);
    }
    const err = await (when === "open" ? openSnapshot(dir).then(() => null) : readAll(dir).then(() => null)).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).where.startsWith(dir)).toBe(true);
    expect((err as UserError).fix.length).toBeGreaterThan(10);
    // verifySnapshot finds the same problem up front.
    await expect(verifySnapshot(dir)).rejects.toThrow(message);
  });

  test("a directory that does not exist", async () => {
    await expect(openSnapshot(path.join(tmp, "nowhere"))).rejects.toThrow(/nowhere: does not exist/);
  });

  test("a file truncated after the snapshot was opened is caught at the end of its stream", async () => {
    const dir = copyOf("late-truncation");
    const snap = await openSnapshot(dir);
    const f = path.join(dir, "messageDays.ndjson");
    fs.truncateSync(f, fs.statSync(f).size - 10);
    await expect(collect(snap.read("messageDays"))).rejects.toThrow(/messageDays\.ndjson: does not match the manifest/);
  });

  test("verifySnapshot lists every bad file at once", async () => {
    const dir = copyOf("two-bad");
    for (const f of ["rooms.ndjson", "scopes.ndjson"]) {
      const buf = fs.readFileSync(path.join(dir, f));
      // Upper-cases one letter of a field name: the line stays JSON but loses a field.
      const at = (buf.indexOf('"nodeId"') >= 0 ? buf.indexOf('"nodeId"') : buf.indexOf('"name"')) + 2;
      buf[at] = (buf[at] as number) ^ 0x20;
      fs.writeFileSync(path.join(dir, f), buf);
    }
    const err = await verifySnapshot(dir).catch((e) => e);
    expect(err).toBeInstanceOf(UserErrors);
    expect((err as UserErrors).problems.map((p) => path.basename(p.where).split(":")[0])).toEqual(["rooms.ndjson", "scopes.ndjson"]);
  });
});

/** A source that counts reads per entity and can fail part-way through one entity. */
function instrumented(inner: InventorySource, failIn?: EntityName, afterRows = 10): InventorySource & { reads: Partial<Record<EntityName, number>> } {
  const reads: Partial<Record<EntityName, number>> = {};
  return {
    description: inner.description,
    reads,
    info: () => inner.info(),
    close: () => inner.close(),
    read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
      reads[entity] = (reads[entity] ?? 0) + 1;
      return (async function* () {
        let n = 0;
        for await (const row of inner.read(entity)) {
          if (entity === failIn && ++n > afterRows) throw new Error("connection reset (simulated)");
          yield row;
        }
      })();
    },
  };
}

describe("writing", () => {
  test("resume after a write interrupted mid-entity keeps completed entities and rewrites the half-written one", async () => {
    const dir = path.join(tmp, "resume");
    const first = instrumented(sampleSource({ scale: "small", seed: 1 }), "roleAssignments", 50);
    await expect(writeSnapshot(first, dir)).rejects.toThrow(/simulated/);
    expect(fs.existsSync(path.join(dir, "manifest.json"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "roleAssignments.ndjson"))).toBe(false);
    await expect(openSnapshot(dir)).rejects.toThrow(/interrupted/);
    // Whatever half-written file the crash left under the entity's name is not trusted either.
    fs.writeFileSync(path.join(dir, "roleAssignments.ndjson"), '{"nodeId":1,"princ');

    // A completed entity damaged in the meantime is re-read too.
    fs.appendFileSync(path.join(dir, "rooms.ndjson"), "garbage\n");
    const second = instrumented(sampleSource({ scale: "small", seed: 1 }));
    const manifest = await writeSnapshot(second, dir, { resume: true });
    expect(second.reads.categories).toBeUndefined();
    expect(second.reads.principals).toBeUndefined();
    expect(second.reads.rooms).toBe(1);
    expect(second.reads.roleAssignments).toBe(1);
    for (const e of ENTITIES) expect(manifest.entities[e].sha256).toBe(goodManifest.entities[e].sha256);
    expect(fs.readdirSync(dir).sort()).toEqual([...ENTITIES.map((e) => `${e}.ndjson`), "manifest.json"].sort());
    await expect(verifySnapshot(dir)).resolves.toBeDefined();
  });

  test("resume of a complete snapshot re-reads nothing", async () => {
    const dir = copyOf("resume-complete");
    const src = instrumented(sampleSource({ scale: "small", seed: 1 }));
    await writeSnapshot(src, dir, { resume: true });
    expect(src.reads).toEqual({});
  });

  test("resume refuses a directory taken from another source", async () => {
    const dir = copyOf("resume-other");
    const other: InventorySource = { ...sampleSource({ scale: "small", seed: 1 }), info: async () => ({ kind: "lync2013", database: "mgc", server: "sql01", schemaEvidence: [], readAt: "2026-01-01T00:00:00Z" }) };
    await expect(writeSnapshot(other, dir, { resume: true })).rejects.toThrow(/manifest\.json: was taken from a lync2010 database GroupChat/);
  });

  test("a row not of the entity's shape is refused before it reaches the disk", async () => {
    const inner = sampleSource({ scale: "small", seed: 1 });
    const bad: InventorySource = {
      ...inner,
      read: (<E extends EntityName>(entity: E) =>
        entity === "rooms"
          ? (async function* () {
              yield { id: 1, name: "x" } as unknown as EntityTypes[E];
            })()
          : inner.read(entity)) as InventorySource["read"],
    };
    await expect(writeSnapshot(bad, path.join(tmp, "bad-row"))).rejects.toThrow(/produced a rooms row that has no field "guid"/);
  });

  test("progress is reported per entity with the final row count", async () => {
    const seen = new Map<EntityName, number>();
    await writeSnapshot(sampleSource({ scale: "small", seed: 1 }), path.join(tmp, "progress"), { onProgress: (e, rows) => seen.set(e, rows) });
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(ENTITIES.map((e) => [e, goodManifest.entities[e].rows])));
  });

  test("a connection string that slipped into the source's server name never reaches the manifest", async () => {
    const inner = sampleSource({ scale: "small", seed: 1 });
    const leaky: InventorySource = { ...inner, info: async () => ({ ...(await inner.info()), server: "sql01;User Id=sa;Password=Hunter2-secret" }) };
    const dir = path.join(tmp, "leaky");
    await writeSnapshot(leaky, dir);
    const text = fs.readFileSync(path.join(dir, "manifest.json"), "utf8");
    expect(text).not.toContain("Hunter2-secret");
    expect(text).toContain("Password=[secret]");
  });
});
