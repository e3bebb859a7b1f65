/**
 * A SQL Server VM: a Windows server on a `MicrosoftSQLServer` marketplace image, registered with the
 * SQL IaaS extension (`SqlVirtualMachine`), which formats the SQL data and log LUNs itself and sets
 * the SQL login. The guest NTFS step of the Windows server never touches those LUNs.
 */
import * as pulumi from "@pulumi/pulumi";
import * as sqlvirtualmachine from "@pulumi/azure-native/sqlvirtualmachine";
import type { ServerPlan } from "../topology/plan";
import { WindowsServer, WindowsServerArgs } from "./windows-server";

/** The SQL login SqlVirtualMachine creates (sysadmin); the migration jobs and the restore use it. */
export const SQL_LOGIN = "pchatkit";

export interface SqlServerArgs extends WindowsServerArgs {
  /** Password of the SQL login, a secret output; reaches only `sqlAuthUpdatePassword`. */
  sqlPassword: pulumi.Output<string>;
}

/** Checks the SQL part of a plan the components rely on. */
export function checkSqlServerPlan(s: ServerPlan): NonNullable<ServerPlan["sql"]> {
  if (!s.sql) throw new Error(`server ${s.key}: role ${s.role} without a sql plan`);
  if (s.image.publisher !== "MicrosoftSQLServer") throw new Error(`server ${s.key}: SQL VM image must come from MicrosoftSQLServer, not ${s.image.publisher}`);
  const sqlLuns = new Set([...s.sql.dataLuns, ...s.sql.logLuns]);
  for (const d of s.dataDisks) {
    const bySql = sqlLuns.has(d.lun);
    if (bySql !== (d.formattedBy === "sql-vm")) throw new Error(`server ${s.key}: LUN ${d.lun} is ${bySql ? "a SQL LUN" : "not a SQL LUN"} but formattedBy is ${d.formattedBy}`);
  }
  for (const lun of sqlLuns) if (!s.dataDisks.some((d) => d.lun === lun)) throw new Error(`server ${s.key}: SQL LUN ${lun} has no data disk`);
  return s.sql;
}

export class SqlServer extends pulumi.ComponentResource {
  readonly server: WindowsServer;
  readonly sqlVm: sqlvirtualmachine.SqlVirtualMachine;

  constructor(name: string, args: SqlServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:sql:SqlServer", name, {}, opts);
    const sql = checkSqlServerPlan(args.server);
    const { sqlPassword, ...serverArgs } = args;
    this.server = new WindowsServer(args.server.key, serverArgs, { parent: this });
    this.sqlVm = new sqlvirtualmachine.SqlVirtualMachine(
      `${args.server.key}-sqlvm`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        sqlVirtualMachineName: sql.name,
        virtualMachineResourceId: this.server.vm.id,
        sqlImageOffer: sql.imageOffer,
        sqlImageSku: sql.imageSku,
        sqlServerLicenseType: sql.licenseType,
        sqlManagement: "Full",
        serverConfigurationsManagementSettings: {
          sqlConnectivityUpdateSettings: {
            connectivityType: "PRIVATE",
            port: sql.port,
            sqlAuthUpdateUserName: SQL_LOGIN,
            sqlAuthUpdatePassword: pulumi.secret(sqlPassword),
          },
        },
        storageConfigurationSettings: {
          diskConfigurationType: "NEW",
          storageWorkloadType: "OLTP",
          sqlDataSettings: { luns: sql.dataLuns, defaultFilePath: sql.dataPath },
          sqlLogSettings: { luns: sql.logLuns, defaultFilePath: sql.logPath },
          // tempdb on the local temporary disk (D:), as the plan says.
          sqlTempDbSettings: { defaultFilePath: sql.tempDbPath },
        },
        tags: args.tags ?? {},
      },
      // The SQL IaaS extension goes through the VM agent too: after the guest steps, never alongside.
      { parent: this, dependsOn: [this.server.lastStep] },
    );
    this.server.chain(this.sqlVm);
    this.registerOutputs({ sqlVmId: this.sqlVm.id });
  }
}
