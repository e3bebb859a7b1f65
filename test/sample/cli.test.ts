/**
 * `pchat-kit sample` through runCli, in-process, writing real files to a temporary directory.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../../src/cli/main";
import { bufferIo } from "../../migration-jobs/common/io";
import { verifySnapshot } from "../../migration-jobs/snapshot";
import { plannedCounts } from "../../migration-jobs/sample";

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-sample-cli-"))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("writes the snapshot and the T-SQL script, progress on stderr, one JSON document on stdout", async () => {
  const io = bufferIo();
  const out = path.join(tmp, "small");
  const sql = path.join(tmp, "small.sql");
  const code = await runCli(["sample", "--scale", "small", "--seed", "7", "--out", out, "--sql", sql, "--json"], io);
  expect(io.err).not.toMatch(/error/);
  expect(code).toBe(0);
  const doc = JSON.parse(io.out);
  expect(doc.counts).toEqual(Object.fromEntries(Object.entries(plannedCounts("small", 7)).filter(([k]) => k in doc.counts)));
  expect(doc.planted.length).toBe(21);
  expect(doc.sql.rows.tblChat).toBe(plannedCounts("small", 7).messages);
  expect(io.err).toMatch(/writing the small sample \(seed 7\)/);
  expect(io.err).toMatch(/messageDays: \d+ rows/);
  await expect(verifySnapshot(out)).resolves.toMatchObject({ complete: true });
  expect(fs.readFileSync(sql, "utf8")).toMatch(/^-- Lync Server 2010 Group Chat database: sample small seed 7/);
});

test("without --json, one summary line on stdout", async () => {
  const io = bufferIo();
  expect(await runCli(["sample", "--scale", "small", "--out", path.join(tmp, "plain")], io)).toBe(0);
  expect(io.out.trim().split("\n")).toHaveLength(1);
  expect(io.out).toMatch(/sample small \(seed 1\) written to .*: 24 categories, 45 rooms/);
});

describe.each([
  ["an unknown scale", ["--scale", "huge", "--out", "x"], /--scale: "huge" is not a sample scale\n  fix: use one of small, medium, max/],
  ["a negative seed", ["--scale", "small", "--seed", "-3", "--out", "x"], /--seed: "-3" is not a seed/],
  ["a seed that is not a number", ["--scale", "small", "--seed", "abc", "--out", "x"], /--seed: "abc" is not a seed/],
  ["a seed beyond 32 bits", ["--scale", "small", "--seed", "4294967296", "--out", "x"], /--seed/],
  ["no --out", ["--scale", "small"], /required option '--out <dir>'/],
  ["no --scale", ["--out", "x"], /required option '--scale <scale>'/],
])("bad usage: %s", (_name, args, message) => {
  test("exits 2 with a clear message and writes nothing", async () => {
    const io = bufferIo();
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      expect(await runCli(["sample", ...args], io)).toBe(2);
    } finally {
      process.chdir(cwd);
    }
    expect(io.err).toMatch(message);
    expect(io.out).toBe("");
    expect(fs.existsSync(path.join(tmp, "x"))).toBe(false);
  });
});

test("--out naming a file is refused", async () => {
  const file = path.join(tmp, "a-file");
  fs.writeFileSync(file, "");
  const io = bufferIo();
  expect(await runCli(["sample", "--scale", "small", "--out", file], io)).toBe(2);
  expect(io.err).toMatch(/--out: .*a-file is a file/);
});
