/**
 * The lab's legacy side: Lync 2010 / OCS 2007 R2 Group Chat servers (built as Windows servers by the
 * topology) and the restore of the Group Chat database from the backup URL into the legacy SQL
 * Server, so that the migration has real data to export.
 */
import * as pulumi from "@pulumi/pulumi";
import type { LegacyPlan } from "../topology/plan";
import type { SqlServer } from "./sql-server";
import { SQL_LOGIN } from "./sql-server";
import { renderRestoreScript } from "./scripts/restore";

export interface LegacyGroupChatArgs {
  /** The plan's legacy side, mode `provisioned`. @example plan.legacy */
  legacy: LegacyPlan;
  /** The legacy SQL Server VM. @example sqlServers["legacy-sql-1"] */
  sqlServer: SqlServer;
  /** The backup URL (may carry a SAS), a secret output; sent only as a protected parameter. */
  backupUrl: pulumi.Output<string>;
  /** Password of the SQL login, a secret output. */
  sqlPassword: pulumi.Output<string>;
}

export class LegacyGroupChat extends pulumi.ComponentResource {
  constructor(name: string, args: LegacyGroupChatArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:legacy:LegacyGroupChat", name, {}, opts);
    const sqlPlan = args.sqlServer.server.plan;
    const backupDisk = sqlPlan.dataDisks.find((d) => d.purpose === "backup" && d.formattedBy === "guest-step");
    if (!backupDisk) throw new Error(`server ${sqlPlan.key}: the legacy SQL Server needs a guest-formatted backup disk to download the backup to`);
    const sql = sqlPlan.sql!;
    const server = args.sqlServer.server;
    server.addStep(renderRestoreScript(server.stepTarget, { database: args.legacy.database, downloadFolder: `${backupDisk.driveLetter}:\\Restore`, dataPath: sql.dataPath, logPath: sql.logPath, sqlLogin: SQL_LOGIN }), {
      protectedValues: { BackupUrl: args.backupUrl, SqlPassword: args.sqlPassword },
      timeoutSeconds: 5400,
    });
    this.registerOutputs({ dataSource: args.legacy.dataSource, database: args.legacy.database });
  }
}
