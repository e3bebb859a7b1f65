/**
 * The runbook steps that import one window's contact lists on the Lync 2013 front end pool, with
 * pure-rendered PowerShell. domain §9.2: Import-CsUserData needs the Front End service stopped on
 * every pool server first and started on all of them together afterwards; so the plan is
 * check the files are on the share (before anything stops) -> stop (each server) -> import (one server) -> start (each server) -> verify (export and compare).
 * Every script is idempotent and uses the step frame (migration-jobs/powershell/frame.ts): strict
 * mode, a check of the computer it runs on, done markers on the share, and one PCHATKIT-RESULT line
 * on success or failure; the stop and start scripts are the one service renderer's
 * (migration-jobs/powershell/services.ts).
 */
import { psString, renderStepScript, RenderedScript, StepContext } from "../powershell/frame";
import { renderServiceState } from "../powershell/services";
import type { RunbookStep } from "../runbook/step";
import type { WindowDef } from "./plan";

/** The front end pool the lists go to (from the topology: FrontEndPoolPlan.fqdn and its ServerPlans). */
export interface FrontEndTarget {
  fqdn: string;
  /** The pool's servers; the first runs the import and the verification. */
  servers: Array<{ /** TopologyPlan ServerPlan.key */ key: string; /** NetBIOS name: the step refuses to run elsewhere. */ computerName: string }>;
}

export interface ContactStepOptions {
  pool: FrontEndTarget;
  /**
   * Folder (a UNC share the front ends can read, as the runbook's staging folder) where the output's
   * window folders are copied; the runbook frame keeps its state markers there too.
   * @example "\\\\files01\\pchat-staging\\contacts"
   */
  remoteFolder: string;
  runId: string;
  /** Order of the first step; later steps follow. */
  firstOrder: number;
  /** Steps the window waits for (e.g. the previous window's verification). */
  after: string[];
}

/** The Lync 2013 Front End service. */
export const FRONT_END_SERVICE = "RTCSRV";

/** One ZIP per batch of the window: `contacts-wave-2-001.zip`, ... */
export function zipName(window: WindowDef, batch: number): string {
  return `contacts-${window.id}-${String(batch).padStart(3, "0")}.zip`;
}
export function zipFilter(window: WindowDef): string {
  return `contacts-${window.id}-*.zip`;
}
export function expectedName(window: WindowDef): string {
  return `expected-${window.id}.json`;
}

/** The Front End service stopped (`Stopped`) or running again on one server (domain §9.2). */
function frontEnd(ctx: StepContext, want: "Stopped" | "Running"): RenderedScript {
  return renderServiceState(ctx, { manager: "lync", pattern: FRONT_END_SERVICE, want, noun: "Front End service" });
}

/**
 * Before anything is stopped: the window's files must be on the share. Without this, a missing copy
 * would be found only by the import, with the Front End services of the whole pool already down.
 */
function checkFilesBody(window: WindowDef): string {
  return [
    "if (-not (Test-Path -LiteralPath $ImportFolder)) { throw ('The import folder ' + $ImportFolder + ' does not exist; copy the planned files there first (nothing was stopped)') }",
    `$zips = @(Get-ChildItem -LiteralPath $ImportFolder -Filter ${psString(zipFilter(window))})`,
    "if ($zips.Count -eq 0) { throw ('No import files in ' + $ImportFolder + '; copy the planned files there first (nothing was stopped)') }",
    `$expectedFile = Join-Path -Path $ImportFolder -ChildPath ${psString(expectedName(window))}`,
    "if (-not (Test-Path -LiteralPath $expectedFile)) { throw ('The expected counts ' + $expectedFile + ' are missing; copy the whole window folder (nothing was stopped)') }",
    "$data['files'] = $zips.Count",
  ].join("\n");
}

/** Imports each of the window's ZIPs once: a marker holding a ZIP's hash makes a re-run skip it. */
function importBody(window: WindowDef): string {
  return [
    "Import-Module Lync",
    `$zips = @(Get-ChildItem -LiteralPath $ImportFolder -Filter ${psString(zipFilter(window))} | Sort-Object -Property Name)`,
    "if ($zips.Count -eq 0) { throw ('No import files in ' + $ImportFolder + '; copy the planned files there first') }",
    "$imported = 0",
    "foreach ($zip in $zips) {",
    "  $marker = $zip.FullName + '.imported'",
    "  $hash = (Get-FileHash -LiteralPath $zip.FullName -Algorithm SHA256).Hash",
    "  if ((Test-Path -LiteralPath $marker) -and ((Get-Content -LiteralPath $marker -Raw).Trim() -eq $hash)) { continue }",
    "  Import-CsUserData -PoolFqdn $PoolFqdn -FileName $zip.FullName",
    "  Set-Content -LiteralPath $marker -Value $hash",
    "  $imported++",
    "}",
    "$data['files'] = $zips.Count",
    "$data['imported'] = $imported",
    "if ($imported -eq 0) { $status = 'skipped' }",
  ].join("\n");
}

/**
 * Exports the pool's user data and compares contacts per user with what was planned. A user may have
 * added contacts since moving, so fewer than planned is the failure, not more. Expand-Archive is
 * PowerShell 5; Windows Server 2012 R2 has 4.0, so the ZIP is opened with .NET 4.5's ZipFile.
 */
function verifyBody(window: WindowDef): string {
  return [
    "Import-Module Lync",
    "Add-Type -AssemblyName System.IO.Compression.FileSystem",
    `$expected = Get-Content -LiteralPath (Join-Path -Path $ImportFolder -ChildPath ${psString(expectedName(window))}) -Raw | ConvertFrom-Json`,
    "$work = Join-Path -Path $env:TEMP -ChildPath ('pchatkit-contacts-verify-' + $RunId)",
    "if (Test-Path -LiteralPath $work) { Remove-Item -LiteralPath $work -Recurse -Force }",
    "New-Item -ItemType Directory -Path $work -Force | Out-Null",
    "$export = Join-Path -Path $work -ChildPath 'export.zip'",
    "Export-CsUserData -PoolFqdn $PoolFqdn -FileName $export",
    "$unzipped = Join-Path -Path $work -ChildPath 'export'",
    "[System.IO.Compression.ZipFile]::ExtractToDirectory($export, $unzipped)",
    "[xml]$doc = Get-Content -LiteralPath (Join-Path -Path $unzipped -ChildPath 'DocItemSet.xml') -Raw",
    "$actual = @{}",
    // local-name(): the export may put its elements in a namespace; a plain //DocItem would then find none.
    "foreach ($item in $doc.SelectNodes(\"//*[local-name()='DocItem']\")) {",
    "  $name = $item.GetAttribute('Name')",
    "  if ($name.StartsWith('urn:lcd:')) { $actual[$name.Substring(8)] = $item.SelectNodes(\"*[local-name()='Data']/*[local-name()='HomedResource']/*[local-name()='Contacts']/*[local-name()='Contact']\").Count }",
    "}",
    "$checked = 0",
    "$short = @()",
    "foreach ($p in $expected.PSObject.Properties) {",
    "  $checked++",
    "  $have = 0",
    "  if ($actual.ContainsKey($p.Name)) { $have = $actual[$p.Name] }",
    "  if ($have -lt [int]$p.Value) { $short += ($p.Name + ' ' + $have + '/' + $p.Value) }",
    "}",
    "Remove-Item -LiteralPath $work -Recurse -Force",
    "$data['users'] = $checked",
    "$data['short'] = $short.Count",
    "if ($short.Count -gt 0) { throw ('fewer contacts than planned for ' + $short.Count + ' users, e.g. ' + (($short | Select-Object -First 5) -join ', ')) }",
  ].join("\n");
}

/** The steps of one window that imports lists; none for windows that import nothing. */
export function contactSteps(window: WindowDef, opts: ContactStepOptions): RunbookStep[] {
  if (!window.imports) return [];
  const servers = opts.pool.servers;
  const main = servers[0];
  if (main === undefined) throw new Error("contactSteps: the front end pool has no servers");
  const base = `contacts-${window.id}`;
  const folder = `${opts.remoteFolder.replace(/[\\/]+$/, "")}\\${window.id}`;
  const withPool = { PoolFqdn: opts.pool.fqdn, ImportFolder: folder };
  let order = opts.firstOrder;
  const step = (id: string, title: string, server: { key: string; computerName: string }, render: (ctx: StepContext) => RenderedScript, timeoutSeconds: number, leavesBehind: string[], dependsOn: string[]): RunbookStep => {
    const r = render({ runId: opts.runId, stepId: id, computerName: server.computerName, stagingFolder: opts.remoteFolder });
    return { id, order: order++, title, kind: "windows", machine: server.key, timeoutSeconds, parameters: r.parameters, protectedParameters: r.protectedParameters, script: r.script, leavesBehind, dependsOn, window: window.id };
  };
  const check = step(`${base}-check-files`, `${window.id}: the import files are on the share`, main, (ctx) => renderStepScript(ctx, { params: withPool, body: checkFilesBody(window) }), 600, [`the ${zipFilter(window)} files and ${expectedName(window)} present in the import folder`], opts.after);
  // domain §9.2: Import-CsUserData needs the Front End service stopped on every server of the pool.
  const stops = servers.map((s) => step(`${base}-stop-${s.key}`, `${window.id}: stop the Front End service on ${s.key}`, s, (ctx) => frontEnd(ctx, "Stopped"), 900, [`${FRONT_END_SERVICE} stopped on ${s.key}`], [check.id]));
  const imp = step(`${base}-import`, `${window.id}: Import-CsUserData`, main, (ctx) => renderStepScript(ctx, { params: withPool, body: importBody(window) }), 3600, [`every ${zipFilter(window)} imported (a .imported marker with its hash next to each)`], stops.map((s) => s.id));
  // ... and started on all of them together afterwards: every start waits only for the import.
  const starts = servers.map((s) => step(`${base}-start-${s.key}`, `${window.id}: start the Front End service on ${s.key}`, s, (ctx) => frontEnd(ctx, "Running"), 900, [`${FRONT_END_SERVICE} running on ${s.key}`], [imp.id]));
  const verify = step(`${base}-verify`, `${window.id}: export and compare contact counts`, main, (ctx) => renderStepScript(ctx, { params: withPool, body: verifyBody(window) }), 3600, ["every planned user has at least the planned number of contacts"], starts.map((s) => s.id));
  return [check, ...stops, imp, ...starts, verify];
}
