/**
 * What the Lync Server 2013 deployment steps (publish, server, update, certificates, enable, pool
 * check; issue 11, items 6-7) share: how they load the Lync module, and the checks of the values a
 * caller writes into them.
 */
import { psString } from "../../../../migration-jobs/powershell/frame";

/**
 * The Lync module by its path, not its name: setup puts its folder on the machine's PSModulePath,
 * but the Run Command agent's process started before setup ran and keeps the old value.
 */
export const LYNC_MODULE_PATH = "C:\\Program Files\\Common Files\\Microsoft Lync Server 2013\\Modules\\Lync\\Lync.psd1";
export const IMPORT_LYNC = `Import-Module ${psString(LYNC_MODULE_PATH)}`;

const FQDN = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** A host's fully qualified name, or a programming error naming the renderer: the plan checks user input. */
export function assertFqdn(renderer: string, what: string, value: string): void {
  if (!FQDN.test(value)) throw new Error(`${renderer}: ${what} "${value}" is not a fully qualified domain name`);
}

/** The FQDN a script computes for the computer it runs on: NetBIOS name + the domain it is a member of. */
export const LOCAL_FQDN = "$localFqdn = ($env:COMPUTERNAME + '.' + (Get-CimInstance -ClassName Win32_ComputerSystem).Domain).ToLowerInvariant()";
