/**
 * Steps 6 and 7: `Import-CsPersistentChatData` into `mgc`, first with `-WhatIf` (domain §2.4 step 5:
 * fix every error and warning), then for real. Import has only `-DBInstance`, `-FileName`, `-Report`,
 * `-WhatIf`/`-Confirm` (domain §4.2, §4.3). The step frame's done marker (holding the export's hash)
 * means a re-run never imports the same file twice (a second import would merge over the first).
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";

export interface ImportArgs {
  dbInstance: string;
  exportFile: string;
  reportFile: string;
}

export interface ImportWhatIfArgs extends ImportArgs {
  /** The id of the real import step of the same window: once it is done, the dry run is moot. */
  importStepId: string;
  acceptWarnings: boolean;
}

/**
 * The report's format is not documented (domain §4.1, unverified); a line or cell starting with
 * "Error"/"Warning" followed by a colon is counted, together with what the cmdlet wrote to the
 * error and warning streams.
 */
const REPORT_ERROR = "(?im)(^|>)\\s*error\\s*:";
const REPORT_WARNING = "(?im)(^|>)\\s*warning\\s*:";

export function renderImportWhatIf(ctx: StepContext, args: ImportWhatIfArgs): RenderedScript {
  return renderStepScript(ctx, {
    params: {
      DBInstance: args.dbInstance,
      ExportFile: args.exportFile,
      ReportFile: args.reportFile,
      ImportStepId: args.importStepId,
      AcceptWarnings: args.acceptWarnings ? "true" : "false",
      ErrorPattern: REPORT_ERROR,
      WarningPattern: REPORT_WARNING,
    },
    body: `
if (Test-StepDone -Id $ImportStepId) {
  $data['reason'] = 'the import of this window is already done'
  $status = 'skipped'
} else {
  Import-Module Lync
  if (-not (Test-Path -LiteralPath $ExportFile)) { throw ('export file not found: ' + $ExportFile) }
  $importErrors = @()
  $importWarnings = @()
  Import-CsPersistentChatData -DBInstance $DBInstance -FileName $ExportFile -Report $ReportFile -WhatIf -ErrorAction Continue -ErrorVariable importErrors -WarningVariable importWarnings
  $reportText = ''
  if (Test-Path -LiteralPath $ReportFile) { $reportText = [string](Get-Content -LiteralPath $ReportFile -Raw) }
  $errorCount = @($importErrors).Count + [regex]::Matches($reportText, $ErrorPattern).Count
  $warningCount = @($importWarnings).Count + [regex]::Matches($reportText, $WarningPattern).Count
  $data['errors'] = $errorCount
  $data['warnings'] = $warningCount
  $data['report'] = $ReportFile
  if ($errorCount -gt 0) { throw ('Import-CsPersistentChatData -WhatIf reported ' + $errorCount + ' error(s); fix them on the legacy side and re-export. See ' + $ReportFile) }
  if ($warningCount -gt 0 -and $AcceptWarnings -ne 'true') { throw ('Import-CsPersistentChatData -WhatIf reported ' + $warningCount + ' warning(s) and warnings are not accepted. See ' + $ReportFile) }
}`,
  });
}

/** The room counts are checked by the verification gate: the services are still stopped here. */
export function renderImport(ctx: StepContext, args: ImportArgs): RenderedScript {
  return renderStepScript(ctx, {
    params: { DBInstance: args.dbInstance, ExportFile: args.exportFile, ReportFile: args.reportFile },
    body: `
Import-Module Lync
if (-not (Test-Path -LiteralPath $ExportFile)) { throw ('export file not found: ' + $ExportFile) }
$hash = (Get-FileHash -LiteralPath $ExportFile -Algorithm SHA256).Hash
# -Confirm:$false: a Run Command has no one to answer the cmdlet's confirmation prompt.
Import-CsPersistentChatData -DBInstance $DBInstance -FileName $ExportFile -Report $ReportFile -Confirm:$false
$data['sha256'] = $hash
$data['report'] = $ReportFile`,
  });
}
