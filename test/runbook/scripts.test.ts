/**
 * The steps' PowerShell, read as text. The scripts are parsed and run by the PowerShell suite
 * (test/powershell/) under pwsh: Syntax.Tests.ps1 parses every generated script with the real parser,
 * Shapes.Tests.ps1 checks the cmdlets and switches each step calls (syntax/step-shapes.psd1: the
 * "step calls" table and the Export/Import forbidden parameters that were here), Quoting.Tests.ps1
 * parses and evaluates psString's literals, and Scripts.Tests.ps1 runs each script in a fake world.
 * The T-SQL the backup sends is parsed by ScriptDom there too (Tsql.Tests.ps1).
 */
import { psString, renderStepScript, StepContext } from "../../migration-jobs/powershell/frame";
import { renderBackupDatabase } from "../../migration-jobs/runbook/scripts/backup";
import { renderExport, ExportArgs } from "../../migration-jobs/runbook/scripts/export";
import { BACKUP_DATABASE_SQL, VERIFY_BACKUP_SQL } from "../../migration-jobs/runbook/scripts/tsql";
import { planRunbook } from "../../migration-jobs/runbook/planner";
import { RunbookStep } from "../../migration-jobs/runbook/step";
import { BATCHES, ENV, config } from "./fixtures";

const CTX: StepContext = { runId: "run-1", stepId: "04-export", computerName: "LABPC01", stagingFolder: "\\\\fs\\migration" };

/**
 * Undoes psString, the way PowerShell reads a single-quoted literal. Quoting.Tests.ps1 has PowerShell
 * itself parse and evaluate these cases (test/powershell/quoting/export-quoting.js), and more.
 */
function readLiteral(literal: string): string {
  expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
  return literal.slice(1, -1).replace(/(['\u2018\u2019\u201A\u201B])\1/g, "$1");
}

describe.each([
  ["plain text", "Sales"],
  ["an apostrophe", "O'Brien's room"],
  ["typographic quotes", "Sales\u2019 EMEA \u2018x\u2019 \u201Ay\u201B"],
  ["a subexpression (not expanded in single quotes)", "$(Stop-Computer)"],
  ["a backtick and a dollar", "`n $env:PATH"],
  ["a newline", "line 1\nline 2"],
  ["an injection attempt", "x'; Stop-Computer -Force; '"],
  ["a typographic injection attempt", "x\u2019; Stop-Computer -Force; \u2018"],
  ["an empty string", ""],
])("psString with %s", (_name, value) => {
  test("round-trips", () => {
    expect(readLiteral(psString(value))).toBe(value);
  });
});

/** Every step of every plan shape, so each renderer is seen with each of its options. */
let cached: RunbookStep[] | undefined;
function allSteps(): RunbookStep[] {
  cached ??= planAll();
  return cached;
}
function planAll(): RunbookStep[] {
  const plans = [
    planRunbook(config({ decommission: true }), ENV),
    planRunbook(config({ strategy: "batched", batches: BATCHES, cutoff: "2024-01-01", sqlLogin: "sa", acceptWarnings: true }), ENV, { expectedFiles: { count: 10, bytes: 4096 } }),
  ];
  return plans.flatMap((p) => p.steps).filter((s) => s.kind === "windows");
}

describe.each(allSteps().map((s) => [s.id, s] as const))("script of %s", (_id, step) => {
  const script = step.script!;

  test("is strict, stops on errors, and checks the computer it runs on", () => {
    expect(script).toMatch(/^param\(/m);
    expect(script).toContain("Set-StrictMode -Version Latest");
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
    expect(script).toContain("if ($env:COMPUTERNAME -ne $ExpectedComputer)");
  });

  test("reports exactly one result line, on success and on failure, then rethrows", () => {
    const lines = script.split("\n");
    const calls = lines.filter((l) => l.includes("Write-StepResult -Status"));
    // A step already done in this run (its marker), a complete run, the step's own outcome, and a failure.
    expect(calls.map((l) => l.trim())).toEqual(["Write-StepResult -Status 'skipped'", "Write-StepResult -Status 'skipped'", "Write-StepResult -Status $status", "Write-StepResult -Status 'failed'"]);
    const catchAt = lines.findIndex((l) => l.startsWith("} catch {"));
    expect(lines.slice(catchAt).map((l) => l.trim())).toContain("throw");
    expect(script).toContain("if ($script:resultWritten) { return }");
  });

  test("declares every plain parameter with its value, and protected ones without", () => {
    for (const [name, value] of Object.entries(step.parameters)) {
      expect(script).toContain(`[string]$${name} = ${psString(value)}`);
    }
    for (const name of step.protectedParameters) {
      expect(script).toMatch(new RegExp(`^  \\[string\\]\\$${name},?$`, "m"));
      expect(step.parameters).not.toHaveProperty(name);
    }
    expect(step.parameters.RunId).toBe("run-1");
    expect(step.parameters.StepId).toBe(step.id);
  });
});

describe("re-running a step after a half-failure is safe", () => {
  test.each([
    ["03-backup-legacy", /if \(Test-StepDone\) \{/],
    ["04-export", /if \(Test-StepDone\) \{/],
    ["06-import-whatif", /if \(Test-StepDone -Id \$ImportStepId\)/],
    ["07-import", /if \(Test-StepDone\) \{/],
    ["09-cutover", /if \(@\(Get-LookupEndpoint\)\.Count -gt 0\)/],
    ["13-enable-policy", /elseif \(-not \$policy\[0\]\.EnablePersistentChat\)/],
  ])("%s checks its marker or the target state first", (id, check) => {
    const step = allSteps().find((s) => s.id === id)!;
    expect(step.script).toMatch(check);
  });

  test("the real import writes its marker only after the import, and a partial export file is set aside, not deleted", () => {
    const imp = allSteps().find((s) => s.id === "07-import")!.script!;
    expect(imp.indexOf("Set-StepDone\n")).toBeGreaterThan(imp.indexOf("Import-CsPersistentChatData -DBInstance"));
    const exp = allSteps().find((s) => s.id === "04-export")!.script!;
    expect(exp.indexOf("Move-Item -LiteralPath $ExportFile -Destination ($ExportFile + '.'")).toBeLessThan(exp.indexOf("Export-CsPersistentChatData"));
    expect(exp).not.toContain("Remove-Item");
  });

  test("markers live under the run's folder, so a new runId starts afresh", () => {
    const s = allSteps()[0]!.script!;
    expect(s).toContain("Join-Path (Join-Path $StagingFolder $RunId) 'state'");
  });
});

/**
 * The switches written on a script's one Export-CsPersistentChatData line, read from the text:
 * Shapes.Tests.ps1 reads them with the real parser for the scripts the kit ships; these options
 * (no cutoff, a batch without a cutoff) are rendered here only.
 */
function exportSwitches(script: string): string[] {
  const lines = script.split("\n").filter((l) => l.trim().startsWith("Export-CsPersistentChatData "));
  expect(lines).toHaveLength(1);
  return lines[0]!.match(/\s-[A-Za-z]+/g)!.map((p) => p.trim());
}

describe("export options", () => {
  const base: ExportArgs = { dbInstance: "sql\\GC", dbName: "GroupChat", exportFile: "\\\\fs\\m\\e.zip", reportFile: "\\\\fs\\m\\e.html", level: "All", scope: null, startDate: null, disableExportedNodes: false };
  test.each<[string, Partial<ExportArgs>, string[], string[]]>([
    ["everything", {}, [], ["-Scope", "-StartDate", "-DisableExportedNodes"]],
    ["a batch", { scope: ["Sales"], disableExportedNodes: true }, ["-Scope", "-DisableExportedNodes"], ["-StartDate"]],
    ["a cutoff", { startDate: "2024-01-01" }, ["-StartDate"], ["-Scope", "-DisableExportedNodes"]],
  ])("%s", (_name, args, present, absent) => {
    const { script, parameters } = renderExport(CTX, { ...base, ...args });
    const switches = exportSwitches(script);
    for (const p of present) expect(switches).toContain(p);
    for (const p of absent) expect(switches).not.toContain(p);
    if (args.scope) {
      expect(JSON.parse(parameters.ScopeJson!)).toEqual(args.scope);
      expect(script).toContain("$scope = [string[]]($ScopeJson | ConvertFrom-Json)");
    }
  });

  test("a hostile category name stays data", () => {
    // The names reach the script only as ScopeJson, quoted by psString: Quoting.Tests.ps1 parses and
    // evaluates this very value ("a hostile scope, as ScopeJson") with PowerShell itself.
    const scope = ["Sales'); Stop-Computer -Force; ('", "Eng\u2019; Stop-Computer; \u2018"];
    const { script, parameters } = renderExport(CTX, { ...base, scope });
    expect(parameters.ScopeJson).toBe(JSON.stringify(scope));
    expect(script).toContain(`[string]$ScopeJson = ${psString(JSON.stringify(scope))}`);
    expect(readLiteral(psString(parameters.ScopeJson!))).toBe(JSON.stringify(scope));
    expect(script).not.toMatch(/^\s*Stop-Computer/m);
  });
});

describe("secrets", () => {
  test("the SQL password is only a protected parameter, never in the script or plain parameters", () => {
    const r = renderBackupDatabase(CTX, { dataSource: "sql", database: "GroupChat", backupFile: "\\\\fs\\b.bak", sqlLogin: "sa" });
    expect(r.protectedParameters).toEqual(["SqlPassword"]);
    expect(Object.keys(r.parameters)).not.toContain("SqlPassword");
    // The value exists only at run time (src/runbook passes it as a protected parameter); the script
    // routes it into a SqlCredential, never into a connection string an error message could quote.
    expect(r.script).not.toMatch(/(?<!\$Sql)Password\s*=/i);
    expect(r.script).toContain("New-Object System.Data.SqlClient.SqlCredential($SqlLogin, $secure)");
  });

  test("Windows authentication needs no protected parameter", () => {
    const r = renderBackupDatabase(CTX, { dataSource: "sql", database: "mgc", backupFile: "\\\\fs\\b.bak", sqlLogin: null });
    expect(r.protectedParameters).toEqual([]);
  });

  test("a parameter cannot be both plain and protected, and names are identifiers", () => {
    expect(() => renderStepScript(CTX, { params: { SqlPassword: "x" }, protectedParams: ["SqlPassword"], body: "" })).toThrow(/both plain and protected/);
    expect(() => renderStepScript(CTX, { params: { "bad name": "x" }, body: "" })).toThrow(/invalid script parameter/);
  });
});

// SQL Server is not on this machine: the PowerShell suite parses both statements, variables and all,
// with Microsoft's parser for SQL Server 2008 R2 (test/powershell/Tsql.Tests.ps1, ScriptDom).
describe("backup T-SQL", () => {
  test("BACKUP DATABASE takes the database and the file as parameters (BACKUP accepts variables for both)", () => {
    expect(BACKUP_DATABASE_SQL).toMatch(/^BACKUP DATABASE @database TO DISK = @path WITH /);
  });
  test("RESTORE VERIFYONLY is the documented form", () => {
    expect(VERIFY_BACKUP_SQL).toMatch(/^RESTORE VERIFYONLY FROM DISK = @path WITH CHECKSUM$/);
  });
  test("the backup is COPY_ONLY and checksummed, so it leaves the customer's backup chain alone", () => {
    expect(BACKUP_DATABASE_SQL).toMatch(/WITH COPY_ONLY, INIT, CHECKSUM$/);
  });
});

test("the export script of an immediate migration", () => {
  const step = planRunbook(config(), ENV).steps.find((s) => s.id === "04-export")!;
  expect(step.script).toMatchSnapshot();
});
