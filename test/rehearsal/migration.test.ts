/** Which migration config the rehearsal plans from (pure; no stand-in needed). */
import { UserErrors } from "../../migration-jobs/common/errors";
import { REHEARSAL_RUN_ID, rehearsalMigration } from "../../src/rehearsal/migration";

const enabled = { enabled: true, runId: "wave-2026", cutoff: "2024-06-01", acceptWarnings: true };

describe.each([
  // name, raw stack value, --cutoff, fallback, origin, runId, cutoff, note pattern
  ["no migration key", undefined, null, "2025-01-01", "default", REHEARSAL_RUN_ID, "2025-01-01", /does not enable pchat-kit:migration/],
  ["migration disabled", { enabled: false, cutoff: "2023-01-01" }, null, "2025-01-01", "default", REHEARSAL_RUN_ID, "2023-01-01", /does not enable/],
  ["disabled, --cutoff given", { enabled: false }, "2022-02-02", "2025-01-01", "default", REHEARSAL_RUN_ID, "2022-02-02", /cutoff 2022-02-02/],
  ["disabled, live legacy without cutoff", undefined, null, null, "default", REHEARSAL_RUN_ID, null, /cutoff none/],
  ["the stack's enabled migration", enabled, null, "2025-01-01", "stack", "wave-2026", "2024-06-01", null],
  ["enabled, --cutoff overrides", enabled, "2025-03-01", "2025-01-01", "stack", "wave-2026", "2025-03-01", /--cutoff 2025-03-01 replaces the stack's pchat-kit:migration.cutoff \(2024-06-01\)/],
] as const)("%s", (_name, raw, cutoff, fallback, origin, runId, expectedCutoff, note) => {
  const m = rehearsalMigration(raw, cutoff, fallback);
  it("plans an enabled runbook from the right config", () => {
    expect(m.origin).toBe(origin);
    expect(m.config.enabled).toBe(true);
    expect(m.config.runId).toBe(runId);
    expect(m.config.cutoff).toBe(expectedCutoff);
  });
  it("says what it chose", () => {
    if (note === null) expect(m.notes).toEqual([]);
    else expect(m.notes.join("\n")).toMatch(note);
  });
});

it("rehearses a configured but disabled migration (how the lab ships) as configured", () => {
  const m = rehearsalMigration({ enabled: false, runId: "lab-1", strategy: "batched", batches: [{ name: "wave-1", categories: ["Sales"] }], acceptWarnings: true, sqlLogin: "sa" }, null, null);
  expect(m.origin).toBe("stack");
  expect(m.config).toMatchObject({ enabled: true, runId: "lab-1", strategy: "batched", batches: [{ name: "wave-1", categories: ["Sales"] }], acceptWarnings: true, sqlLogin: "sa" });
  expect(m.notes.join("\n")).toMatch(/keeps it off/);
});

it("plans a disabled stack without a runId with the default config", () => {
  const m = rehearsalMigration({ enabled: false, strategy: "immediate", acceptWarnings: true }, null, "2025-01-01");
  expect(m.origin).toBe("default");
  expect(m.config).toMatchObject({ enabled: true, runId: REHEARSAL_RUN_ID, strategy: "immediate", batches: [], acceptWarnings: false, sqlLogin: null, cutoff: "2025-01-01" });
});

describe.each([
  ["an unknown key", { enabled: true, runId: "r1", password: "hunter2-sentinel" }, /pchat-kit:migration\.password: unknown key, named as a secret/],
  ["a bad cutoff", { enabled: true, runId: "r1", cutoff: "2024-02-30" }, /pchat-kit:migration\.cutoff/],
  ["enabled without runId", { enabled: true }, /pchat-kit:migration\.runId: is required/],
])("a stack migration with %s", (_name, raw, message) => {
  it("is refused by key, with the fix, never echoing values", () => {
    let err: unknown;
    try {
      rehearsalMigration(raw, null, null);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserErrors);
    const text = (err as UserErrors).describe();
    expect(text).toMatch(message);
    expect(text).toContain("fix:");
    expect(text).not.toContain("hunter2-sentinel");
  });
});
