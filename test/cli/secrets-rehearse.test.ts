/**
 * Secrets never echoed (issue 9), the rehearsal's part: a snapshot whose manifest carries connection
 * details with sentinel passwords, rehearsed with --json through `runCli`. Stand-in: Pulumi's mock
 * runtime for the Pulumi engine and Azure (the real program runs under it, once in this file, which is
 * why this case has a file of its own).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bufferIo } from "../../migration-jobs/common/io";
import { sampleSource } from "../../migration-jobs/sample";
import { writeSnapshot } from "../../migration-jobs/snapshot";
import { runCli } from "../../src/cli/main";

const SENTINEL = /S3ntinel/;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-secrets-rehearse-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("rehearse --json --legacy <snapshot whose manifest carries connection details>", () => {
  const io = bufferIo();
  const out = path.join(tmp, "out");
  let code = -1;
  beforeAll(async () => {
    const snap = path.join(tmp, "legacy");
    await writeSnapshot(sampleSource({ scale: "small", seed: 1 }), snap);
    const file = path.join(snap, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { source: Record<string, unknown> };
    manifest.source.server = "Server=h;Password=S3ntinel-PW-1;S3ntinel-PW-2";
    manifest.source.database = 'GroupChat;Pwd="S3ntinel-PW-3;S3ntinel-PW-4"';
    manifest.source.schemaEvidence = ["mssql://sa:S3ntinel-PW-5@h/db"];
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
    code = await runCli(["rehearse", "--legacy", snap, "--out", out, "--json"], io);
  }, 180_000);

  it("ran, with one JSON document on stdout", () => {
    expect(io.err).not.toMatch(/^error:/m);
    expect(code).toBe(0);
    expect(() => JSON.parse(io.out)).not.toThrow();
  });

  it("prints no sentinel on stdout or stderr", () => {
    expect(io.out).not.toMatch(SENTINEL);
    expect(io.err).not.toMatch(SENTINEL);
  });

  it("writes no sentinel into any file of the rehearsal", () => {
    const files = filesUnder(path.join(out, "lab"));
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => SENTINEL.test(fs.readFileSync(f, "utf8")))).toEqual([]);
  });
});
