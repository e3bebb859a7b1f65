/** pchat-kit:migration validation: pure, no stand-ins needed. */
import { parseMigrationConfig } from "../../migration-jobs/plan/config";
import { UserErrors } from "../../migration-jobs/common/errors";

function problems(raw: unknown): UserErrors {
  try {
    parseMigrationConfig(raw);
  } catch (e) {
    if (e instanceof UserErrors) return e;
    throw e;
  }
  throw new Error("expected UserErrors");
}

describe("defaults", () => {
  test("an absent config is a disabled migration", () => {
    const c = parseMigrationConfig(undefined);
    expect(c).toMatchObject({ enabled: false, strategy: "immediate", exportLevel: "All", acceptWarnings: false, decommission: false, cutoff: null, batches: [], persistentChatPolicy: "Global", sqlLogin: null, timeouts: {} });
  });
  test("an enabled immediate migration needs only a runId", () => {
    const c = parseMigrationConfig({ enabled: true, runId: "run-1" });
    expect(c.runId).toBe("run-1");
    expect(c.legacyLookupSipUri).toBeNull();
  });
  test("a full batched config keeps every value", () => {
    const c = parseMigrationConfig({
      enabled: true,
      runId: "r2",
      strategy: "batched",
      batches: [{ name: "wave-1", categories: ["Sales"] }],
      cutoff: "2024-02-29",
      exportLevel: "RoomDirectory",
      acceptWarnings: true,
      legacyLookupSipUri: "sip:ocschat@contoso.local",
      legacyFileStore: "\\\\gc01.contoso.local\\GroupChatFiles",
      newFileStore: "\\\\fs01.contoso.local\\pchatfs",
      decommission: true,
      persistentChatPolicy: "site:Redmond",
      sqlLogin: "sa",
      timeouts: { export: 28800 },
    });
    expect(c).toMatchObject({ strategy: "batched", cutoff: "2024-02-29", exportLevel: "RoomDirectory", timeouts: { export: 28800 }, sqlLogin: "sa" });
    expect(c.batches).toEqual([{ name: "wave-1", categories: ["Sales"] }]);
  });
});

describe.each([
  ["runId missing when enabled", { enabled: true }, "pchat-kit:migration.runId", /run id/],
  ["runId with upper case", { enabled: true, runId: "Run_1" }, "pchat-kit:migration.runId", /lower-case/],
  ["unknown strategy", { enabled: true, runId: "r", strategy: "phased" }, "pchat-kit:migration.strategy", /immediate/],
  ["batched without batches", { enabled: true, runId: "r", strategy: "batched" }, "pchat-kit:migration.batches", /batch/],
  ["batches with immediate", { enabled: true, runId: "r", batches: [{ name: "a", categories: ["x"] }] }, "pchat-kit:migration.batches", /batched/],
  ["batch with no categories", { enabled: true, runId: "r", strategy: "batched", batches: [{ name: "a", categories: [] }] }, "pchat-kit:migration.batches[0].categories", /categories/],
  ["duplicate batch names", { enabled: true, runId: "r", strategy: "batched", batches: [{ name: "a", categories: ["x"] }, { name: "a", categories: ["y"] }] }, "pchat-kit:migration.batches[1].name", /own name/],
  ["category in two batches", { enabled: true, runId: "r", strategy: "batched", batches: [{ name: "a", categories: ["Sales"] }, { name: "b", categories: ["sales"] }] }, "pchat-kit:migration.batches[1].categories", /exactly one batch/],
  ["cutoff in the wrong format", { cutoff: "01/02/2024" }, "pchat-kit:migration.cutoff", /YYYY-MM-DD/],
  ["cutoff that is not a date", { cutoff: "2023-02-29" }, "pchat-kit:migration.cutoff", /YYYY-MM-DD/],
  ["export level that does not exist", { exportLevel: "Everything" }, "pchat-kit:migration.exportLevel", /RoomDirectory/],
  ["lookup URI without sip:", { legacyLookupSipUri: "ocschat@contoso.local" }, "pchat-kit:migration.legacyLookupSipUri", /sip:user@domain/],
  ["file store not UNC", { legacyFileStore: "D:\\GroupChatFiles" }, "pchat-kit:migration.legacyFileStore", /UNC/],
  ["new file store not UNC", { newFileStore: "http://fs01/pchatfs" }, "pchat-kit:migration.newFileStore", /UNC/],
  ["policy that is not Global or site", { persistentChatPolicy: "tag:Chat" }, "pchat-kit:migration.persistentChatPolicy", /site:/],
  ["timeout under Run Command's minimum", { timeouts: { export: 60 } }, "pchat-kit:migration.timeouts.export", /120/],
  ["timeout for an unknown step", { timeouts: { exprot: 600 } }, "pchat-kit:migration.timeouts.exprot", /export/],
  ["accept warnings as a string", { acceptWarnings: "yes" }, "pchat-kit:migration.acceptWarnings", /true or false/],
  ["unknown key", { enable: true }, "pchat-kit:migration.enable", /enabled/],
])("%s", (_name, raw, where, fix) => {
  test("names the key and the fix", () => {
    const e = problems(raw);
    const p = e.problems.find((x) => x.where === where);
    expect(p).toBeDefined();
    expect(p!.fix).toMatch(fix);
  });
});

test("reports every problem at once", () => {
  const e = problems({ enabled: true, strategy: "batched", cutoff: "x", exportLevel: "y" });
  expect(e.problems.map((p) => p.where).sort()).toEqual(["pchat-kit:migration.cutoff", "pchat-kit:migration.exportLevel"]);
  // runId/batches are checked once the shape is right, so the user sees them on the next run, not lost.
  expect(problems({ enabled: true, strategy: "batched" }).problems.map((p) => p.where).sort()).toEqual(["pchat-kit:migration.batches", "pchat-kit:migration.runId"]);
});

test("a password pasted into the migration config is named by key, never echoed", () => {
  const SENTINEL = "S3ntinel-Pa55word!";
  const e = problems({ enabled: true, runId: "r", sqlPassword: SENTINEL, sqlLogin: 42 });
  expect(e.problems.some((p) => p.message.includes("sqlPassword"))).toBe(true);
  expect(e.describe()).not.toContain(SENTINEL);
});
