/**
 * `pchat-kit rehearse` end to end, in-process, on the small sample, with real files.
 * Stand-ins for what this machine lacks: Pulumi's mock runtime for the Pulumi engine and Azure (the
 * offline plan) and the faithful simulated import for the imported 2013 database (no SQL Server).
 * The runbook scripts it writes are parsed and run by the PowerShell suite (test/powershell/), which
 * renders them with this same command (prepare.js) and runs them under pwsh; here they are read as
 * text. The mock runtime runs once per process, so the runs below share one offline plan of the lab
 * stack (injected `planStack`); everything else runs anew.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { parseDocument } from "yaml";
import { parseMigrationConfig } from "../../migration-jobs/plan/config";
import { runCli } from "../../src/cli/main";
import { runRehearse } from "../../src/cli/rehearse";
import { bufferIo } from "../../migration-jobs/common/io";
import { commandContext, type CommandContext } from "../../migration-jobs/cli/command";
import type { OfflinePlanOptions, OfflinePlanResult } from "../../src/offline/plan";
import type { RehearsalSummary } from "../../src/rehearsal";

const ROOT = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-rehearse-"));
const out = path.join(tmp, "out");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const labYaml = fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.lab.yaml"), "utf8");
/** The lab stack file with `pchat-kit:migration` replaced (whatever the shipped file holds). */
function labWithMigration(migration: unknown): string {
  const doc = parseDocument(labYaml);
  if (migration === undefined) doc.deleteIn(["config", "pchat-kit:migration"]);
  else doc.setIn(["config", "pchat-kit:migration"], migration);
  return doc.toString();
}
// The shipped lab stack may or may not enable the migration: the rehearsal follows it either way.
const labMigration = parseMigrationConfig((parseDocument(labYaml).toJS() as { config: Record<string, unknown> }).config["pchat-kit:migration"]);
// The lab ships its migration configured but off (until Lync is installed): rehearsed as configured.
const labConfigured = labMigration.enabled || labMigration.runId !== "";
const expectedRunId = labConfigured ? labMigration.runId : "rehearsal";
function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

let planned: Promise<OfflinePlanResult> | null = null;
let planCalls = 0;
function planStack(o: OfflinePlanOptions): Promise<OfflinePlanResult> {
  planCalls++;
  const { runOfflinePlan } = require("../../src/offline/plan") as typeof import("../../src/offline/plan");
  return (planned ??= runOfflinePlan(o));
}

async function rehearse(args: Parameters<typeof runRehearse>[0]) {
  const io = bufferIo();
  const ctx: CommandContext = commandContext(io, ROOT);
  const code = await runRehearse(args, ctx, { planStack });
  return { code, io };
}

const readJson = (f: string) => JSON.parse(fs.readFileSync(f, "utf8")) as Record<string, unknown> & any;

describe.each([
  ["a sample scale it does not offer", ["--scale", "max"], /--scale: "max" is not a rehearsal scale/],
  ["a seed that is not one", ["--seed", "-3"], /--seed: "-3" is not a seed/],
  ["an impossible cutoff", ["--cutoff", "2025-02-30"], /--cutoff: "2025-02-30" is not a calendar date written YYYY-MM-DD/],
  ["a stack name that is a path", ["--stack", "../etc"], /--stack: "\.\.\/etc" is not a stack name/],
  ["a stack that does not exist", ["--stack", "nosuch"], /Pulumi\.nosuch\.yaml: stack file not found/],
  ["a missing config file", ["--config-file", path.join(tmp, "absent.yaml")], /absent\.yaml: stack file not found/],
  ["an invalid migration config", ["--config-file", write("bad-migration.yaml", labWithMigration({ enabled: true, runId: "r1", strategy: "bigbang" }))], /pchat-kit:migration\.strategy/],
  ["a legacy path that is nothing", ["--legacy", path.join(tmp, "no-such-snapshot")], /--legacy: ".*no-such-snapshot" is neither an existing snapshot directory nor a connection string/],
  ["--legacy with --seed", ["--legacy", tmp, "--seed", "2"], /--seed: chooses the engine's sample, which --legacy replaces/],
  ["an unknown option", ["--fast"], /unknown option '--fast'/],
  ["an --out that is a file", ["--out", write("not-a-folder", "x")], /--out: .*not-a-folder is a file, not a folder/],
])("rehearse with %s", (_name, args, message) => {
  it("exits 2 with the problem on stderr, nothing on stdout and no stack trace", async () => {
    const io = bufferIo();
    expect(await runCli(["rehearse", "--out", out, "--json", ...args], io)).toBe(2);
    expect(io.out).toBe("");
    expect(io.err).toMatch(message);
    expect(io.err).not.toMatch(/\n\s+at /);
  });
});

describe("rehearse --stack lab --json on a fresh output folder", () => {
  let code = -1;
  let summary: RehearsalSummary;
  let stdout = "";
  let stderr = "";
  beforeAll(async () => {
    const r = await rehearse({ stack: "lab", out, json: true });
    code = r.code;
    stdout = r.io.out;
    stderr = r.io.err;
    summary = JSON.parse(stdout);
  }, 120_000);

  it("ran (exit 0) although the gate would block, and printed one JSON document", () => {
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    expect(summary.format).toBe("pchat-kit.rehearsal");
    expect(summary.outDir).toBe(path.join(out, "lab"));
  });

  it("generated the small sample into out/.samples/small-1", () => {
    expect(summary.legacy).toMatchObject({ kind: "sample", scale: "small", seed: 1, status: "generated", snapshot: path.join(out, ".samples", "small-1") });
    expect(fs.existsSync(path.join(out, ".samples", "small-1", "manifest.json"))).toBe(true);
  });

  it("says on stderr that the real run would stop at the readiness gate, why, and that the sample plants it", () => {
    expect(summary.readiness.gateWouldBlock).toBe(true);
    expect(stderr).toMatch(/THE READINESS GATE WOULD BLOCK: the real run would stop at step 1/);
    expect(stderr).toMatch(/plants blocking cases on purpose/);
    expect(summary.readiness.topFindings.length).toBeGreaterThan(0);
    for (const f of summary.readiness.topFindings) expect(stderr).toContain(`${f.severity} ${f.code} ${f.subject}`);
    if (labConfigured) expect(stderr).not.toMatch(/does not enable pchat-kit:migration/);
    else expect(stderr).toMatch(/does not enable pchat-kit:migration/);
    expect(summary.runbook.origin).toBe(labConfigured ? "stack" : "default");
  });

  it("wrote every file it lists, each parsing as its format", () => {
    const f = summary.files;
    const all = [f.plan.json, f.plan.text, ...[f.readiness, f.runbook, f.verification].flatMap((p) => [p.markdown, p.html, p.json]), ...f.runbook.scripts];
    for (const file of all) expect(fs.statSync(file).size).toBeGreaterThan(0);
    for (const file of [f.plan.json, f.readiness.json, f.runbook.json, f.verification.json]) expect(() => readJson(file)).not.toThrow();
    for (const file of [f.readiness.html, f.runbook.html, f.verification.html]) {
      const html = fs.readFileSync(file, "utf8");
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(XMLValidator.validate(html.replace(/^<!DOCTYPE html>/i, ""))).toBe(true);
    }
    for (const file of [f.readiness.markdown, f.runbook.markdown, f.verification.markdown]) expect(fs.readFileSync(file, "utf8")).toMatch(/^# /);
    expect(fs.readFileSync(f.plan.text, "utf8")).toMatch(/^Offline plan of stack lab/);
    expect(f.runbook.scripts.length).toBeGreaterThan(5);
    for (const file of f.runbook.scripts) {
      expect(path.relative(summary.outDir, file)).toMatch(/^scripts[\\/]\d\d-[a-z0-9-]+\.ps1$/);
      const script = fs.readFileSync(file, "utf8");
      expect(script).toMatch(/\r\n/);
    }
  });

  it("counts in the summary agree with the files", () => {
    const plan = readJson(summary.files.plan.json);
    expect(plan.resources).toHaveLength(summary.plan.resources);
    const byType: Record<string, number> = {};
    for (const r of plan.resources as Array<{ type: string }>) byType[r.type] = (byType[r.type] ?? 0) + 1;
    expect(summary.plan.byType).toEqual(byType);
    // The plan holds the runbook's Run Commands and gates as pulumi up will declare them.
    const runbookNames = (plan.resources as Array<{ name: string }>).map((r) => r.name).filter((n) => n.startsWith(`${expectedRunId}-`));
    if (labConfigured) expect(runbookNames).toEqual(expect.arrayContaining([`${expectedRunId}-01-readiness-gate`, `${expectedRunId}-04-export`, `${expectedRunId}-11-verification-gate`]));

    const readiness = readJson(summary.files.readiness.json);
    const sev = (s: string) => (readiness.findings as Array<{ severity: string }>).filter((x) => x.severity === s).length;
    expect([summary.readiness.errors, summary.readiness.warnings, summary.readiness.infos]).toEqual([sev("error"), sev("warning"), sev("info")]);
    expect(summary.readiness.errors).toBeGreaterThan(0);
    expect(readiness.cutoff).toBe("2025-01-01");
    expect(summary.cutoff).toBe("2025-01-01");

    const runbook = readJson(summary.files.runbook.json);
    expect(runbook.steps).toHaveLength(summary.runbook.steps);
    expect(runbook.windows).toEqual(summary.runbook.windows);
    expect(runbook.runId).toBe(expectedRunId);
    const withScript = (runbook.steps as Array<{ scriptFile: string | null }>).filter((s) => s.scriptFile !== null);
    expect(withScript.map((s) => path.join(summary.outDir, s.scriptFile!))).toEqual(summary.files.runbook.scripts);
    expect(summary.runbook.scripts).toBe(withScript.length);

    const verification = readJson(summary.files.verification.json);
    expect(verification.simulated).toBe(true);
    expect(verification.ok).toBe(summary.verification.ok);
    expect(verification.mismatches).toHaveLength(summary.verification.mismatches);
  });

  // lync-install §3: the lab's new forest gets the legacy principals before the import.
  it("writes the lab's seeding plan and states its counts in the readiness report", () => {
    const f = summary.files.seeding!;
    const seeding = readJson(f.json);
    expect(seeding.format).toBe("pchat-kit.seeding");
    expect(seeding.counts.toSeed).toBe(seeding.ous.length + seeding.users.length + seeding.groups.length);
    expect(seeding.counts.toSeed + seeding.counts.notSeeded).toBeGreaterThan(0);
    expect(fs.readFileSync(f.markdown, "utf8")).toMatch(/^# Legacy principals to seed into contoso\.local/);
    expect(fs.readFileSync(summary.files.readiness.markdown, "utf8")).toContain(`${seeding.counts.toSeed} principals to seed`);
    expect(readJson(summary.files.readiness.json).principalSeeding).toMatchObject({ toSeed: seeding.counts.toSeed, notSeeded: seeding.counts.notSeeded });
  });

  it("hands the copy step the files and bytes the analysis predicts", () => {
    const readiness = readJson(summary.files.readiness.json);
    const copy = (readJson(summary.files.runbook.json).steps as Array<{ id: string; parameters: Record<string, string> }>).find((s) => s.id.includes("copy-files"))!;
    expect(copy.parameters.ExpectedFiles).toBe(String(readiness.files.count));
    expect(copy.parameters.ExpectedBytes).toBe(String(readiness.files.bytes));
  });

  it("labels the verification's 2013 side as simulated, and it matches the expected model", () => {
    expect(summary.verification).toEqual({ simulated: true, ok: true, mismatches: 0, gateWouldBlock: false });
    expect(fs.readFileSync(summary.files.verification.markdown, "utf8")).toMatch(/SIMULATED/);
    expect(fs.readFileSync(summary.files.verification.html, "utf8")).toMatch(/SIMULATED/);
    expect(stderr).toMatch(/verification against a SIMULATED 2013 import/);
  });

  describe("a second run on the same output folder", () => {
    let second: { code: number; io: ReturnType<typeof bufferIo> };
    const manifest = path.join(out, ".samples", "small-1", "manifest.json");
    let mtime = 0;
    const stale = path.join(out, "lab", "scripts", "99-step-of-an-old-run.ps1");
    beforeAll(async () => {
      mtime = fs.statSync(manifest).mtimeMs;
      fs.writeFileSync(stale, "old");
      second = await rehearse({ stack: "lab", out });
    }, 120_000);

    it("reuses the sample instead of generating it again", () => {
      expect(second.code).toBe(0);
      expect(fs.statSync(manifest).mtimeMs).toBe(mtime);
      expect(second.io.out).toMatch(/legacy: the engine's small sample, seed 1 \(reused snapshot /);
    });

    it("prints the summary for people on stdout without --json, and drops scripts of older runs", () => {
      expect(second.io.out).toMatch(/^Rehearsal of stack lab/);
      expect(second.io.out).toMatch(/THE READINESS GATE WOULD BLOCK/);
      expect(fs.existsSync(stale)).toBe(false);
    });
  });

  describe("--legacy <snapshot dir> --cutoff", () => {
    let third: RehearsalSummary;
    beforeAll(async () => {
      const r = await rehearse({ stack: "lab", out: path.join(tmp, "own"), legacy: path.join(out, ".samples", "small-1"), cutoff: "2024-01-01", json: true });
      expect(r.code).toBe(0);
      third = JSON.parse(r.io.out);
    }, 120_000);

    // The runbook is the offline plan's, which this file runs once (with the stack's cutoff): that
    // --cutoff reaches the plan and the runbook is shown by rehearse-contacts.test.ts, with its own plan.
    it("rehearses the user's snapshot with the given cutoff in the analysis", () => {
      expect(third.legacy.kind).toBe("snapshot");
      expect(third.cutoff).toBe("2024-01-01");
      expect(readJson(third.files.readiness.json).cutoff).toBe("2024-01-01");
      expect(fs.existsSync(path.join(tmp, "own", ".samples"))).toBe(false);
    });

    it("ran the offline plan only once in this process", () => {
      expect(planCalls).toBe(3);
      expect(planned).not.toBeNull();
    });
  });

  describe("a stack with no legacy side and no migration config (like staging)", () => {
    let r: { code: number; io: ReturnType<typeof bufferIo> };
    let fourth: RehearsalSummary;
    beforeAll(async () => {
      // The lab's recorded plan with its legacy side removed stands in for such a stack's plan.
      const noLegacy = async (o: OfflinePlanOptions): Promise<OfflinePlanResult> => {
        const lab = await planStack(o);
        return { ...lab, plan: { ...lab.plan, legacy: null }, config: { ...lab.config, legacy: { ...lab.config.legacy, mode: "none" }, migration: parseMigrationConfig(undefined) } };
      };
      const io = bufferIo();
      const code = await runRehearse({ stack: "lab", configFile: write("no-migration.yaml", labWithMigration(undefined)), out: path.join(tmp, "nolegacy"), json: true }, commandContext(io, ROOT), { planStack: noLegacy });
      r = { code, io };
      fourth = JSON.parse(io.out);
    }, 120_000);

    it("still rehearses the plan, readiness and verification, with an empty runbook and the reason", () => {
      expect(r.code).toBe(0);
      expect(fourth.runbook).toMatchObject({ origin: "default", steps: 0, scripts: 0 });
      expect(r.io.err).toMatch(/declares no legacy Group Chat deployment \(pchat-kit:legacy\), so there is no runbook to rehearse/);
      expect(fs.readFileSync(fourth.files.runbook.markdown, "utf8")).toMatch(/no runbook to rehearse/);
      expect(fs.existsSync(fourth.files.verification.json)).toBe(true);
    });
  });
});
