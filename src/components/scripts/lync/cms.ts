/**
 * Step 5 of the Lync install (issue 11): the Central Management store, on the first front end's back
 * end, from the first front end, as the domain admin. A Standard Edition server holds it in its own
 * SQL Express instance RTC, which `Bootstrapper.exe /BootstrapSqlExpress` installs from the mounted
 * media first (lync-install.md §1: ibenbouzid's SfB-Install.ps1; the AWS Quick Start installs the same
 * instance with SQLEXPR_x64.exe). Then `Install-CsDatabase -CentralManagementDatabase` and
 * `Set-CsConfigurationStoreLocation` (PS:Install-CsDatabase example 2, PS:Set-CsConfigurationStoreLocation
 * example 1), skipped when Get-CsConfigurationStoreLocation already points there.
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";
import { DEFAULT_LYNC_MEDIA_FOLDER, LYNC_MEDIA_FILE, MOUNT_LYNC_MEDIA_FUNCTION } from "./media";

export const CMS_STEP = "lync-cms";

/** Where ocscore.msi puts the deployment tools (the AWS Quick Start runs Bootstrapper.exe from there). */
export const LYNC_BOOTSTRAPPER = "C:\\Program Files\\Microsoft Lync Server 2013\\Deployment\\Bootstrapper.exe";

export interface CmsArgs {
  edition: "Standard" | "Enterprise";
  sqlServerFqdn: string;
  /** null: the default instance. */
  sqlInstanceName: string | null;
  /** The media step's download folder (default DEFAULT_LYNC_MEDIA_FOLDER); Standard Edition mounts the ISO from it. */
  sourceFolder?: string;
}

const FQDN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function renderCmsScript(target: ProvisioningTarget, args: CmsArgs): RenderedScript {
  if (!FQDN.test(args.sqlServerFqdn)) throw new Error(`not a SQL Server FQDN: ${args.sqlServerFqdn}`);
  if (args.sqlInstanceName !== null && !/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(args.sqlInstanceName)) throw new Error(`not a SQL instance name: ${args.sqlInstanceName}`);
  const standard = args.edition === "Standard";
  const folder = args.sourceFolder ?? DEFAULT_LYNC_MEDIA_FOLDER;
  const sqlExpress = standard
    ? [
        // The RTC instance's service: present once SQL Express is installed (a rerun skips the bootstrap).
        "if ($null -eq (Get-Service -Name 'MSSQL$RTC' -ErrorAction SilentlyContinue)) {",
        `  $media = Mount-LyncMedia -ImagePath ${psString(`${folder}\\${LYNC_MEDIA_FILE}`)}`,
        "  if ($media.Mounted) { $changed += 'mount' }",
        `  $process = Start-Process -FilePath ${psString(LYNC_BOOTSTRAPPER)} -ArgumentList ('/BootstrapSqlExpress /SourceDirectory:\"' + $media.Source + '\"') -Wait -PassThru`,
        "  if ($process.ExitCode -ne 0) { throw ('Bootstrapper.exe /BootstrapSqlExpress failed with exit code ' + $process.ExitCode + ': see %TEMP%\\Bootstrap-*.log') }",
        "  $changed += 'sql-express'",
        "}",
      ]
    : [];
  return renderProvisioningScript(target, CMS_STEP, {
    params: { SqlServerFqdn: args.sqlServerFqdn, SqlInstanceName: args.sqlInstanceName ?? "" },
    ...(standard ? { functions: MOUNT_LYNC_MEDIA_FUNCTION } : {}),
    body: [
      "Import-Module Lync",
      "$changed = @()",
      "$wanted = $SqlServerFqdn",
      "if ($SqlInstanceName -ne '') { $wanted = $SqlServerFqdn + '\\' + $SqlInstanceName }",
      // PS:Get-CsConfigurationStoreLocation reports `fqdn\instance` (its page also writes `fqdn/instance`).
      "$current = [string](Get-CsConfigurationStoreLocation)",
      "if (($current -replace '/', '\\') -eq $wanted) {",
      "  $status = 'skipped'",
      "} else {",
      ...sqlExpress.map((l) => "  " + l),
      "  $install = @{ CentralManagementDatabase = $true; SqlServerFqdn = $SqlServerFqdn }",
      "  if ($SqlInstanceName -ne '') { $install['SqlInstanceName'] = $SqlInstanceName }",
      // Without -Clean an existing store is kept (PS:Install-CsDatabase): a rerun after a failure between the two cmdlets is safe.
      "  Install-CsDatabase @install | Out-Null",
      "  $changed += 'database'",
      "  $location = @{ SqlServerFqdn = $SqlServerFqdn; Confirm = $false }",
      "  if ($SqlInstanceName -ne '') { $location['SqlInstanceName'] = $SqlInstanceName }",
      "  Set-CsConfigurationStoreLocation @location",
      "  $changed += 'location'",
      "}",
      "$data['location'] = $wanted",
      "$data['changed'] = ($changed -join ',')",
    ].join("\n"),
  });
}
