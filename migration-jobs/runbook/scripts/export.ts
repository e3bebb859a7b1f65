/**
 * Step 4: `Export-CsPersistentChatData` from the legacy Group Chat database (domain §4.1), then a
 * check that the .zip exists and is not empty. Only documented parameters: `-DBInstance`, `-DBName`,
 * `-FileName`, `-Level`, `-Scope`, `-StartDate`, `-DisableExportedNodes`, `-Report` (domain §4.3:
 * there is no `-Legacy` or `-Force`). Once done (the step frame's marker), an export is never taken again in this run: exporting again
 * after `-DisableExportedNodes` would find the categories disabled and export nothing.
 */
import type { ExportLevel } from "../config";
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";

export interface ExportArgs {
  dbInstance: string;
  dbName: string;
  exportFile: string;
  reportFile: string;
  level: ExportLevel;
  /** Category names for a batch; null exports every category. */
  scope: string[] | null;
  /** YYYY-MM-DD; null exports all content. */
  startDate: string | null;
  /** Freeze what was exported on the legacy side (batched strategy). */
  disableExportedNodes: boolean;
}

export function renderExport(ctx: StepContext, args: ExportArgs): RenderedScript {
  const params: Record<string, string> = {
    DBInstance: args.dbInstance,
    DBName: args.dbName,
    ExportFile: args.exportFile,
    ReportFile: args.reportFile,
    Level: args.level,
  };
  const extra: string[] = [];
  const prepare: string[] = [];
  if (args.scope !== null) {
    // JSON, because Run Command parameters are strings and category names may hold any character.
    params.ScopeJson = JSON.stringify(args.scope);
    // No @(...): Windows PowerShell's ConvertFrom-Json emits a JSON array as one object, and @()
    // would wrap it, turning the cast into one string of all names joined by spaces.
    prepare.push("$scope = [string[]]($ScopeJson | ConvertFrom-Json)");
    extra.push("-Scope $scope");
  }
  if (args.startDate !== null) {
    params.StartDate = args.startDate;
    prepare.push("$start = [datetime]::ParseExact($StartDate, 'yyyy-MM-dd', [Globalization.CultureInfo]::InvariantCulture)");
    extra.push("-StartDate $start");
  }
  if (args.disableExportedNodes) extra.push("-DisableExportedNodes");
  const call = ["Export-CsPersistentChatData -DBInstance $DBInstance -DBName $DBName -FileName $ExportFile -Level $Level", ...extra, "-Report $ReportFile"].join(" ");
  return renderStepScript(ctx, {
    params,
    body: `
Import-Module Lync
$folder = Split-Path -Parent $ExportFile
if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder | Out-Null }
# A file left without this step's done marker may be half-written: never import it, but keep it for
# inspection (after -DisableExportedNodes it can be the only copy of what was exported).
if (Test-Path -LiteralPath $ExportFile) { Move-Item -LiteralPath $ExportFile -Destination ($ExportFile + '.' + (Get-Date).ToUniversalTime().ToString('yyyyMMddHHmmss') + '.incomplete') }
${prepare.join("\n")}
${call}
if (-not (Test-Path -LiteralPath $ExportFile)) { throw ('the export wrote no file: ' + $ExportFile + '; see ' + $ReportFile) }
$bytes = (Get-Item -LiteralPath $ExportFile).Length
if ($bytes -le 0) { throw ('the export file is empty: ' + $ExportFile + '; see ' + $ReportFile) }
$data['exportFile'] = $ExportFile
$data['bytes'] = $bytes
$data['sha256'] = (Get-FileHash -LiteralPath $ExportFile -Algorithm SHA256).Hash
$data['report'] = $ReportFile`,
  });
}
