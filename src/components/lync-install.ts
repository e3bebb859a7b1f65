/**
 * Lync Server 2013 and Persistent Chat installed by the same `pulumi up` (issue 11): the steps the pure
 * install plan lists (src/topology/lync-install.ts), each rendered by its renderer and appended to its
 * VM's chain of Run Commands, waiting for the steps on other VMs it needs. The migration runbook is
 * declared after this component, so it starts on a pool that serves.
 */
import * as pulumi from "@pulumi/pulumi";
import { INSTALL_STEP_IDS, type InstallStepArgs, type InstallStepPlan, type LyncInstallPlan } from "../topology/lync-install";
import type { ProvisioningTarget, RenderedScript } from "../../migration-jobs/powershell/frame";
import type { KitSecrets } from "./secrets";
import type { WindowsServer } from "./windows-server";
import { Pause } from "./pause";
import { renderEnterpriseCaScript } from "./scripts/lync/pki";
import { renderLyncSqlLoginsScript } from "./scripts/lync/sql-logins";
import { renderLyncMediaScript } from "./scripts/lync/media";
import { renderAdPrepScript } from "./scripts/lync/ad-prep";
import { renderCmsScript } from "./scripts/lync/cms";
import { renderPublishTopologyScript } from "./scripts/lync/publish";
import { renderLyncServerScript } from "./scripts/lync/server";
import { renderCumulativeUpdateScript } from "./scripts/lync/update";
import { renderDatabaseUpdateScript } from "./scripts/lync/db-update";
import { renderCertificatesScript } from "./scripts/lync/certificates";
import { renderEnableComputerScript } from "./scripts/lync/enable";
import { renderPoolCheckScript } from "./scripts/lync/pool-check";

/** One install step's script, by its kind; `topologyXml` is what the publish step publishes. */
export function renderInstallStep(target: ProvisioningTarget, args: InstallStepArgs, topologyXml: string, sqlLogin: string): RenderedScript {
  switch (args.kind) {
    case "pki":
      return renderEnterpriseCaScript(target, { caCommonName: args.caCommonName });
    case "sql-logins":
      return renderLyncSqlLoginsScript(target, { logins: args.logins, sysadmin: args.sysadmin, sqlLogin });
    case "media":
      return renderLyncMediaScript(target, { downloadFolder: args.downloadFolder });
    case "ad-prep":
      return renderAdPrepScript(target, { domainFqdn: args.domainFqdn, adminAccount: args.adminAccount });
    case "cms":
      return renderCmsScript(target, { edition: args.edition, sqlServerFqdn: args.sqlServerFqdn, sqlInstanceName: args.sqlInstanceName });
    case "publish":
      return renderPublishTopologyScript(target, { topologyXml, sqlServerFqdns: args.sqlServerFqdns });
    case "server":
      return renderLyncServerScript(target, { role: args.role, isoPath: args.isoPath });
    case "update":
      return renderCumulativeUpdateScript(target, { updatePath: args.updatePath, minimumVersion: args.minimumVersion });
    case "db-update":
      return renderDatabaseUpdateScript(target, { sqlServerFqdns: args.sqlServerFqdns, localDatabases: args.localDatabases });
    case "certificates":
      return renderCertificatesScript(target, { ca: args.ca, types: args.types, friendlyName: args.friendlyName });
    case "enable":
      return renderEnableComputerScript(target, {});
    case "pool-check":
      return renderPoolCheckScript(target, { poolFqdn: args.poolFqdn, port: args.port, servers: args.servers });
    default: {
      const unknown: never = args;
      throw new Error(`unknown install step ${JSON.stringify(unknown)}`);
    }
  }
}

export interface LyncInstallArgs {
  /** The planned steps. @example planLyncInstall(plan) */
  install: LyncInstallPlan;
  /** The published-topology document: generated from the plan, or the user's `lync.topologyFile`. */
  topologyXml: string;
  /** Every server of the topology by plan key. @example topology.servers */
  servers: Record<string, WindowsServer>;
  /** The stack's secrets; the media URLs and passwords reach the steps only as protected parameters. */
  secrets: KitSecrets;
  /** The kit's SQL login, with which the SQL logins step connects. @example SQL_LOGIN */
  sqlLogin: string;
}

/** A protected parameter of an install script and the secret that fills it. */
function protectedValue(step: InstallStepPlan, name: string, secrets: KitSecrets): pulumi.Output<string> {
  const byName: Record<string, pulumi.Output<string> | null> = {
    MediaUrl: secrets.lyncMediaUrl,
    UpdateUrl: secrets.lyncUpdateUrl,
    SqlPassword: secrets.sqlAdminPassword,
    AdminPassword: secrets.adminPassword,
  };
  const value = byName[name];
  if (!value) throw new Error(`install step ${step.id}: no secret for its protected parameter ${name}`);
  return value;
}

export class LyncInstall extends pulumi.ComponentResource {
  /** The last step of the install (the pool check): the migration waits for it. */
  readonly done: pulumi.Resource;

  constructor(name: string, args: LyncInstallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:lync:LyncInstall", name, {}, opts);
    const declared = new Map<string, pulumi.Resource>();
    let last: pulumi.Resource | undefined;
    for (const step of args.install.steps) {
      const server = args.servers[step.serverKey];
      if (!server) throw new Error(`install step ${step.id}: server ${step.serverKey} is not declared`);
      const rendered = renderInstallStep(server.stepTarget, step.args, args.topologyXml, args.sqlLogin);
      // The plan names each Run Command after the step id its script reports; the two must not drift.
      if (rendered.stepId !== INSTALL_STEP_IDS[step.args.kind]) throw new Error(`install step ${step.id}: its script reports step ${rendered.stepId}`);
      const dependsOn = step.after.map((id) => {
        const d = declared.get(id);
        if (!d) throw new Error(`install step ${step.id} waits for ${id}, which is not declared before it`);
        return d;
      });
      const runAs = step.runAs === "domain-admin" ? { user: args.install.adminAccount, password: args.secrets.adminPassword } : undefined;
      const protectedValues = Object.fromEntries(rendered.protectedParameters.map((n) => [n, protectedValue(step, n, args.secrets)]));
      const cmd = server.addStep(rendered, { timeoutSeconds: step.timeoutSeconds, protectedValues, dependsOn, ...(runAs ? { runAs } : {}) });
      last = cmd;
      if (step.restartWaitSeconds !== null) {
        // The step may restart the VM (the cumulative update asks for it); the next command must not run into that restart.
        const pause = new Pause(`${step.id}-restart`, { seconds: step.restartWaitSeconds, reason: `restart of ${server.plan.computerName} after ${step.args.kind}`, runId: server.runId }, { parent: this, dependsOn: [cmd] });
        server.chain(pause);
        last = pause;
      }
      declared.set(step.id, last);
    }
    if (!last) throw new Error("lync install: no step planned");
    this.done = last;
    this.registerOutputs({ steps: args.install.steps.map((s) => s.id) });
  }
}
