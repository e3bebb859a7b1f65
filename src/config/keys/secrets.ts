import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * Secret keys: set with `pulumi config set --secret`, read by the components with `requireSecret`,
 * never in a stack file of this repository, never in KitConfig or the plan (which names them only).
 */
export const SECRET_KEYS: ConfigKeyDescriptor[] = [
  { name: "adminPassword", type: "string", description: "Password of adminUsername on every VM (and of the domain administrator of a new forest).", default: undefined, secret: true, example: "pulumi config set --secret adminPassword" },
  { name: "sqlAdminPassword", type: "string", description: "Password of the SQL Server login the kit and the migration jobs use.", default: undefined, secret: true, example: "pulumi config set --secret sqlAdminPassword" },
  { name: "safeModePassword", type: "string", description: "Directory Services Restore Mode password of a new forest.", default: undefined, secret: true, example: "pulumi config set --secret safeModePassword", requiredWhen: "domain.mode is new-forest" },
  { name: "lyncMediaUrl", type: "string", description: "URL of the Lync Server 2013 ISO the servers install from: a blob with a SAS, or a file on an Azure Files share the VMs can reach.", default: undefined, secret: true, example: "pulumi config set --secret lyncMediaUrl", requiredWhen: "lync.install is true" },
  { name: "lyncUpdateUrl", type: "string", description: "URL of the Lync Server 2013 cumulative update package (LyncServerUpdateInstaller.exe; Windows Server 2012 R2 needs October 2013 or later).", default: undefined, secret: true, example: "pulumi config set --secret lyncUpdateUrl", requiredWhen: "lync.install is true" },
  { name: "legacyBackupUrl", type: "string", description: "URL (with SAS) of the legacy Group Chat database backup restored into the provisioned legacy SQL Server.", default: undefined, secret: true, example: "pulumi config set --secret legacyBackupUrl", requiredWhen: "legacy.mode is provisioned" },
];
