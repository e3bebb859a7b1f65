/**
 * The runbook steps that import one window's contact lists on the Lync 2013 front end pool, with
 * pure-rendered PowerShell. domain §9.2: Import-CsUserData needs the Front End service stopped on
 * every pool server first and started on all of them together afterwards; so the plan is
 * stop (each server) -> import (one server) -> start (each server) -> verify (export and compare).
 * Every script is idempotent and ends with exactly one PCHATKIT-RESULT line.
 */
import { RESULT_LINE_PREFIX, RunbookStep } from "../runbook/step";
import type { WindowDef } from "./plan";

/** The front end pool the lists go to; FrontEndPoolPlan of the topology fits this shape. */
export interface FrontEndTarget {
  fqdn: string;
  /** Server keys (TopologyPlan ServerPlan.key); the first runs the import and the verification. */
  serverKeys: string[];
}

export interface ContactStepOptions {
  pool: FrontEndTarget;
  /** Folder on the front end server where the window's files are copied, e.g. `C:\pchat-kit\contacts`. */
  remoteFolder: string;
  runId: string;
  /** Order of the first step; later steps follow. */
  firstOrder: number;
  /** Steps of the window that must succeed first (e.g. the previous window's verification). */
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

/** A PowerShell single-quoted literal: nothing inside is expanded; `'` doubles. */
export function psLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const PRELUDE = ["Set-StrictMode -Version Latest", "$ErrorActionPreference = 'Stop'", "Import-Module Lync"];

function resultLine(step: string, statusVar: string, data: Record<string, string>): string {
  const pairs = Object.entries(data).map(([k, v]) => `${k} = ${v}`).join("; ");
  return [
    `$result = [ordered]@{ step = ${psLiteral(step)}; runId = $RunId; status = ${statusVar}; data = [ordered]@{ ${pairs} } }`,
    `Write-Output (${psLiteral(RESULT_LINE_PREFIX)} + ($result | ConvertTo-Json -Compress -Depth 4))`,
  ].join("\n");
}

export function renderStopScript(stepId: string): string {
  return [
    "param([string]$RunId)",
    ...PRELUDE,
    `$service = Get-CsWindowsService -Name ${psLiteral(FRONT_END_SERVICE)}`,
    "if ($service.Status -eq 'Stopped') {",
    "  $status = 'skipped'",
    "} else {",
    `  Stop-CsWindowsService -Name ${psLiteral(FRONT_END_SERVICE)}`,
    `  $after = Get-CsWindowsService -Name ${psLiteral(FRONT_END_SERVICE)}`,
    "  if ($after.Status -ne 'Stopped') { throw ('Front End service still ' + $after.Status + ' on ' + $env:COMPUTERNAME) }",
    "  $status = 'ok'",
    "}",
    resultLine(stepId, "$status", { computer: "$env:COMPUTERNAME", service: psLiteral(FRONT_END_SERVICE) }),
  ].join("\n") + "\n";
}

export function renderStartScript(stepId: string): string {
  return [
    "param([string]$RunId)",
    ...PRELUDE,
    `$service = Get-CsWindowsService -Name ${psLiteral(FRONT_END_SERVICE)}`,
    "if ($service.Status -eq 'Running') {",
    "  $status = 'skipped'",
    "} else {",
    `  Start-CsWindowsService -Name ${psLiteral(FRONT_END_SERVICE)}`,
    `  $after = Get-CsWindowsService -Name ${psLiteral(FRONT_END_SERVICE)}`,
    "  if ($after.Status -ne 'Running') { throw ('Front End service still ' + $after.Status + ' on ' + $env:COMPUTERNAME) }",
    "  $status = 'ok'",
    "}",
    resultLine(stepId, "$status", { computer: "$env:COMPUTERNAME", service: psLiteral(FRONT_END_SERVICE) }),
  ].join("\n") + "\n";
}

/** Imports each of the window's ZIPs once: a marker holding a ZIP's hash makes a re-run skip it. */
export function renderImportScript(stepId: string, window: WindowDef): string {
  return [
    "param([string]$PoolFqdn, [string]$ImportFolder, [string]$RunId)",
    ...PRELUDE,
    `$zips = @(Get-ChildItem -LiteralPath $ImportFolder -Filter ${psLiteral(zipFilter(window))} | Sort-Object -Property Name)`,
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
    "$status = 'skipped'",
    "if ($imported -gt 0) { $status = 'ok' }",
    resultLine(stepId, "$status", { files: "$zips.Count", imported: "$imported" }),
  ].join("\n") + "\n";
}

/**
 * Exports the pool's user data and compares contacts per user with what was planned. A user may have
 * added contacts since moving, so fewer than planned is the failure, not more.
 */
export function renderVerifyScript(stepId: string, window: WindowDef): string {
  return [
    "param([string]$PoolFqdn, [string]$ImportFolder, [string]$RunId)",
    ...PRELUDE,
    `$expected = Get-Content -LiteralPath (Join-Path -Path $ImportFolder -ChildPath ${psLiteral(expectedName(window))}) -Raw | ConvertFrom-Json`,
    "$work = Join-Path -Path $env:TEMP -ChildPath ('pchatkit-contacts-verify-' + $RunId)",
    "if (Test-Path -LiteralPath $work) { Remove-Item -LiteralPath $work -Recurse -Force }",
    "New-Item -ItemType Directory -Path $work -Force | Out-Null",
    "$export = Join-Path -Path $work -ChildPath 'export.zip'",
    "Export-CsUserData -PoolFqdn $PoolFqdn -FileName $export",
    "Expand-Archive -LiteralPath $export -DestinationPath $work -Force",
    "[xml]$doc = Get-Content -LiteralPath (Join-Path -Path $work -ChildPath 'DocItemSet.xml') -Raw",
    "$actual = @{}",
    "foreach ($item in $doc.SelectNodes('//DocItem')) {",
    "  $name = $item.GetAttribute('Name')",
    "  if ($name.StartsWith('urn:lcd:')) { $actual[$name.Substring(8)] = $item.SelectNodes('Data/HomedResource/Contacts/Contact').Count }",
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
    "$status = 'ok'",
    "if ($short.Count -gt 0) { $status = 'failed' }",
    resultLine(stepId, "$status", { users: "$checked", short: "$short.Count", firstShort: "($short | Select-Object -First 5) -join ', '" }),
    "if ($status -eq 'failed') { exit 1 }",
  ].join("\n") + "\n";
}

/** The steps of one window that imports lists; none for windows that import nothing. */
export function contactSteps(window: WindowDef, opts: ContactStepOptions): RunbookStep[] {
  if (!window.imports) return [];
  const servers = opts.pool.serverKeys;
  const main = servers[0];
  if (main === undefined) throw new Error("contactSteps: the front end pool has no servers");
  const base = `contacts-${window.id}`;
  const folder = `${opts.remoteFolder.replace(/[\\/]+$/, "")}\\${window.id}`;
  const plain = { RunId: opts.runId };
  const withPool = { PoolFqdn: opts.pool.fqdn, ImportFolder: folder, RunId: opts.runId };
  let order = opts.firstOrder;
  const step = (s: Omit<RunbookStep, "order" | "kind" | "protectedParameters" | "window">): RunbookStep => ({ ...s, order: order++, kind: "windows", protectedParameters: [], window: window.id });
  const stops = servers.map((key) =>
    step({ id: `${base}-stop-${key}`, title: `${window.id}: stop the Front End service on ${key}`, machine: key, timeoutSeconds: 900, parameters: plain, script: renderStopScript(`${base}-stop-${key}`), leavesBehind: [`${FRONT_END_SERVICE} stopped on ${key}`], dependsOn: opts.after }),
  );
  const imp = step({ id: `${base}-import`, title: `${window.id}: Import-CsUserData`, machine: main, timeoutSeconds: 3600, parameters: withPool, script: renderImportScript(`${base}-import`, window), leavesBehind: [`every ${zipFilter(window)} imported (a .imported marker with its hash next to each)`], dependsOn: stops.map((s) => s.id) });
  const starts = servers.map((key) =>
    step({ id: `${base}-start-${key}`, title: `${window.id}: start the Front End service on ${key}`, machine: key, timeoutSeconds: 900, parameters: plain, script: renderStartScript(`${base}-start-${key}`), leavesBehind: [`${FRONT_END_SERVICE} running on ${key}`], dependsOn: [imp.id] }),
  );
  const verify = step({ id: `${base}-verify`, title: `${window.id}: export and compare contact counts`, machine: main, timeoutSeconds: 3600, parameters: withPool, script: renderVerifyScript(`${base}-verify`, window), leavesBehind: ["every planned user has at least the planned number of contacts"], dependsOn: starts.map((s) => s.id) });
  return [...stops, imp, ...starts, verify];
}
