/**
 * The readiness analysis and the export's `-Level`: with a cutoff, the kit passes `-StartDate`, which
 * the docs describe as valid only with `-Level RoomDirectory` (PS:Export-CsPersistentChatData, domain
 * §4.1), so at any other level the analysis says the cutoff's fate is undocumented and the
 * verification will report it. Over the in-memory legacy fixture (stands in for a Group Chat database).
 */
import * as os from "node:os";
import { analyze } from "../../migration-jobs/analysis";
import { FINDING_CODES } from "../../migration-jobs/analysis/codes";
import type { ExportLevel } from "../../migration-jobs/analysis/export-level";
import { bufferIo } from "../../migration-jobs/common/io";
import { runAnalyze } from "../../migration-jobs/cli/analyze";
import { runCli } from "../../src/cli/main";
import { baseLegacy, source } from "./fixture";

describe.each<[string, string | null, ExportLevel | undefined, boolean]>([
  ["no cutoff, All", null, "All", false],
  ["no cutoff, Content", null, "Content", false],
  ["a cutoff, the default level (All)", "2023-01-01", undefined, true],
  ["a cutoff, All", "2023-01-01", "All", true],
  ["a cutoff, User", "2023-01-01", "User", true],
  ["a cutoff, Category", "2023-01-01", "Category", true],
  ["a cutoff, Content", "2023-01-01", "Content", true],
  ["a cutoff, RoomDirectory (where -StartDate is documented)", "2023-01-01", "RoomDirectory", false],
])("%s", (_t, cutoff, exportLevel, reported) => {
  it(reported ? "says the cutoff's honouring is undocumented, as info" : "says nothing about it", async () => {
    const r = await analyze(source(baseLegacy()), { ...(cutoff ? { cutoff } : {}), ...(exportLevel ? { exportLevel } : {}) });
    const found = r.findings.filter((f) => f.code === "CUTOFF_LEVEL_UNDOCUMENTED");
    expect(found).toHaveLength(reported ? 1 : 0);
    if (!reported) return;
    expect(found[0]).toMatchObject({ severity: "info", subject: "export", fix: FINDING_CODES.CUTOFF_LEVEL_UNDOCUMENTED.fix });
    expect(found[0]!.message).toContain(`-Level ${exportLevel ?? "All"} and -StartDate ${cutoff}`);
    expect(found[0]!.message).toMatch(/valid only with -Level RoomDirectory.*verification/);
    // Info never blocks: a clean deployment stays ready.
    expect(r.blocking.blocked).toBe(false);
  });
});

describe("analyze --export-level", () => {
  const opener = async () => source(baseLegacy());
  it("passes the level to the analysis", async () => {
    const io = bufferIo();
    expect(await runAnalyze({ legacy: "legacy", cutoff: "2023-01-01", exportLevel: "RoomDirectory", json: true }, io, opener)).toBe(0);
    expect(JSON.parse(io.out).findings.map((f: { code: string }) => f.code)).not.toContain("CUTOFF_LEVEL_UNDOCUMENTED");
    const io2 = bufferIo();
    expect(await runAnalyze({ legacy: "legacy", cutoff: "2023-01-01", json: true }, io2, opener)).toBe(0);
    expect(JSON.parse(io2.out).findings.map((f: { code: string }) => f.code)).toContain("CUTOFF_LEVEL_UNDOCUMENTED");
  });

  it.each([
    [["analyze", "--legacy", os.tmpdir(), "--export-level", "Rooms"]],
    [["analyze", "--legacy", os.tmpdir(), "--export-level", "roomdirectory"]],
    [["verify", "--legacy", os.tmpdir(), "--target", os.tmpdir(), "--export-level", "Everything"]],
  ])("%j is bad usage: exit 2 naming --export-level and the levels", async (argv) => {
    const io = bufferIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err).toMatch(/--export-level/);
    expect(io.err).toMatch(/All, User, Category, RoomDirectory, Content/);
    expect(io.out).toBe("");
  });
});
