/**
 * The rehearsal's sample cache: generated once, verified and reused, regenerated when damaged.
 * Real files in a temporary folder; nothing is stood in for.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openSnapshot, verifySnapshot } from "../../migration-jobs/snapshot";
import { prepareSample, sampleDir } from "../../src/rehearsal/sample";

const out = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-rehearsal-sample-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe("prepareSample", () => {
  const dir = sampleDir(out, "small", 7);
  let firstMtime = 0;

  it("generates the sample once, as a verified snapshot, leaving no partial folder", async () => {
    const progress: string[] = [];
    const s = await prepareSample(out, "small", 7, (m) => progress.push(m));
    expect(s).toEqual({ dir, scale: "small", seed: 7, status: "generated", replaced: null });
    expect(progress.join("\n")).toMatch(/generating the small sample \(seed 7\)/);
    await expect(verifySnapshot(dir)).resolves.toMatchObject({ complete: true });
    expect(fs.readdirSync(path.dirname(dir))).toEqual(["small-7"]);
    firstMtime = fs.statSync(path.join(dir, "manifest.json")).mtimeMs;
  });

  it("reuses it on the next run without writing it again", async () => {
    const s = await prepareSample(out, "small", 7);
    expect(s.status).toBe("reused");
    expect(fs.statSync(path.join(dir, "manifest.json")).mtimeMs).toBe(firstMtime);
  });

  it("regenerates a damaged sample instead of analysing it, and says why", async () => {
    const rooms = path.join(dir, "rooms.ndjson");
    const text = fs.readFileSync(rooms, "utf8");
    // Same size, different bytes: only the checksum can tell.
    fs.writeFileSync(rooms, text.replace(/"name":"(.)/, (_m, c: string) => `"name":"${c === "X" ? "Y" : "X"}`));
    const progress: string[] = [];
    const s = await prepareSample(out, "small", 7, (m) => progress.push(m));
    expect(s.status).toBe("generated");
    expect(s.replaced).toMatch(/rooms\.ndjson/);
    expect(progress.join("\n")).toMatch(/is damaged .* generating it again/);
    expect(fs.readFileSync(rooms, "utf8")).toBe(text);
    const src = await openSnapshot(dir);
    expect(src.manifest.entities.rooms.rows).toBeGreaterThan(0);
  });

  it("regenerates a sample whose manifest is gone (an interrupted generation)", async () => {
    fs.rmSync(path.join(dir, "manifest.json"));
    const s = await prepareSample(out, "small", 7);
    expect(s.status).toBe("generated");
    expect(s.replaced).toMatch(/manifest\.json/);
  });

  it("lets two rehearsals generate the same sample at once: one writes it, the other reuses it", async () => {
    const both = await Promise.all([prepareSample(out, "small", 9), prepareSample(out, "small", 9)]);
    expect(both.map((s) => s.status).sort()).toEqual(["generated", "reused"]);
    expect(fs.readdirSync(path.join(out, ".samples")).filter((n) => n.includes("partial"))).toEqual([]);
    await expect(verifySnapshot(sampleDir(out, "small", 9))).resolves.toMatchObject({ complete: true });
  });

  it("refuses an --out that cannot hold it, by name", async () => {
    const file = path.join(out, "a-file");
    fs.writeFileSync(file, "x");
    await expect(prepareSample(file, "small", 1)).rejects.toThrow(/^--out: cannot create .*a-file.*\.samples \(ENOTDIR\)/);
  });

  it("keeps samples of different seeds apart", async () => {
    const s = await prepareSample(out, "small", 8);
    expect(s.dir).toBe(sampleDir(out, "small", 8));
    expect(s.status).toBe("generated");
  });
});
