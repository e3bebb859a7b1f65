/**
 * The `analyze` and `verify` commands in-process (runCli), over in-memory sources and snapshots that
 * stand in for the SQL Server databases this machine lacks; the credential tests use a real
 * connection attempt to a closed local port, so the failing path is the real one.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../../src/cli/main";
import { bufferIo } from "../../migration-jobs/common/io";
import { runAnalyze } from "../../migration-jobs/cli/analyze";
import { runVerify } from "../../migration-jobs/cli/verify";
import { memorySource } from "../../migration-jobs/inventory/memory-source";
import { simulateImport } from "../../migration-jobs/verification";
import { analyze } from "../../migration-jobs/analysis";
import { baseLegacy, source, type Legacy } from "./fixture";

const PASSWORD = "Sup3r-Secret!pw";
const CONN = `Server=127.0.0.1,1;Database=GroupChat;User Id=sa;Password=${PASSWORD};Connect Timeout=2;ConnectRetryCount=0`;

function opener(legacy: Legacy, target?: ReturnType<typeof memorySource>) {
  return async (spec: string) => (spec === "target" ? target! : source(legacy));
}

/** A warning: room invitations on in a category that has them off. */
function forceInvitationsOff(l: Legacy): void {
  l.categories[4]!.invitations = false;
  l.rooms[0]!.invitations = true;
}

describe("analyze: exit codes", () => {
  it.each([
    ["a clean deployment", (_l: Legacy): void => {}, [], 0],
    ["a warning", forceInvitationsOff, [], 1],
    ["a warning, accepted", forceInvitationsOff, ["--accept-warnings"], 0],
    [
      "an error, warnings accepted",
      (l: Legacy): void => {
        l.rooms[0]!.name = null;
      },
      ["--accept-warnings"],
      1,
    ],
  ] as const)("%s", async (_t, plant, flags, code) => {
    const l = baseLegacy();
    plant(l);
    const io = bufferIo();
    const opts = { legacy: "legacy", json: true, acceptWarnings: flags.includes("--accept-warnings" as never) };
    expect(await runAnalyze(opts, io, opener(l))).toBe(code);
    const doc = JSON.parse(io.out);
    expect(doc.findings).toBeInstanceOf(Array);
    expect(doc.target.rooms[0]).toEqual(expect.objectContaining({ name: expect.any(String), category: expect.any(String), privacy: expect.any(String), type: expect.any(String), disabled: false, managers: expect.any(Array), presenters: expect.any(Array), members: expect.any(Array), messagesSinceCutoff: expect.any(Number) }));
    expect(doc.target.categories[0]).toEqual(expect.objectContaining({ invitations: expect.any(Boolean), fileUpload: expect.any(Boolean), chatHistory: expect.any(Boolean), allowed: expect.any(Array), denied: expect.any(Array), creators: expect.any(Array) }));
  });

  it("prints a summary for people without --json, progress on stderr", async () => {
    const io = bufferIo();
    await runAnalyze({ legacy: "legacy" }, io, opener(baseLegacy()));
    expect(io.out).toMatch(/verdict: ready/);
    expect(io.err).toMatch(/reading role assignments/);
  });

  it("writes the reports", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "analyze-"));
    const io = bufferIo();
    await runAnalyze({ legacy: "legacy", report: dir }, io, opener(baseLegacy()));
    expect(await readFile(path.join(dir, "analysis.md"), "utf8")).toContain("# Readiness analysis");
    expect(JSON.parse(await readFile(path.join(dir, "analysis.json"), "utf8")).format).toBe("pchat-kit.analysis");
    expect(await readFile(path.join(dir, "analysis.html"), "utf8")).toContain("<h2>Findings</h2>");
  });
});

describe("bad usage or input: exit 2 with the fix", () => {
  it.each([
    [["analyze"], /--legacy/],
    [["analyze", "--legacy", "/nonexistent/dir"], /--legacy/],
    [["analyze", "--legacy", os.tmpdir(), "--cutoff", "2025-02-30"], /--cutoff/],
    [["analyze", "--legacy", os.tmpdir(), "--cutoff", "yesterday"], /--cutoff/],
    [["verify", "--legacy", os.tmpdir()], /--target/],
    [["verify", "--legacy", os.tmpdir(), "--target", os.tmpdir(), "--cutoff", "1/2/2025"], /--cutoff/],
  ])("%j", async (argv, where) => {
    const io = bufferIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err).toMatch(where);
    expect(io.out).toBe("");
  });
});

describe("credentials never reach the output", () => {
  it.each([
    ["analyze", ["analyze", "--legacy", CONN, "--json"]],
    ["verify", ["verify", "--legacy", CONN, "--target", CONN.replace("GroupChat", "mgc"), "--json"]],
    ["a bad key", ["analyze", "--legacy", `Server=x;Bogus=1;Password=${PASSWORD}`]],
  ])("%s with a failing connection", async (_t, argv) => {
    const io = bufferIo();
    const code = await runCli(argv, io);
    expect(code).not.toBe(0);
    expect(io.out + io.err).not.toContain(PASSWORD);
    expect(io.err.length).toBeGreaterThan(0);
  }, 30000);
});

describe("verify", () => {
  it("exits 0 on a faithful import and 1 on a difference, with reports", async () => {
    const l = baseLegacy();
    const expected = await analyze(source(l));
    const io = bufferIo();
    expect(await runVerify({ legacy: "legacy", target: "target", json: true }, io, opener(l, simulateImport(expected, null) as never))).toBe(0);
    expect(JSON.parse(io.out).ok).toBe(true);
    const altered = structuredClone(expected);
    altered.target.rooms[0]!.members = [];
    const dir = await mkdtemp(path.join(os.tmpdir(), "verify-"));
    const io2 = bufferIo();
    expect(await runVerify({ legacy: "legacy", target: "target", report: dir }, io2, opener(l, simulateImport(altered, null) as never))).toBe(1);
    expect(io2.out).toMatch(/room "General": .*members missing sip:alice@contoso.com/);
    expect(await readFile(path.join(dir, "verification.md"), "utf8")).toContain("General");
  });
});
