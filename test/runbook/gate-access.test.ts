/**
 * How the gates reach SQL Server (README, SQL access for the gates): `gateAccess` decides per side
 * from the plan and the gate config (pure), and `declareMigration` hands the gates their tunnels. The
 * declaration runs under Pulumi's mock runtime, standing in for `pulumi up` against Azure (no Pulumi
 * CLI, no Azure here); the VMs are stand-ins carrying only what the migration reads from a server (its
 * plan, its VM id as an Output). The recorded gate inputs are then handed to the provider, with a
 * stand-in `az` (test/support/standin-az.ts) and a fake engine for SQL Server, to show that the gate
 * `pulumi up` would create opens its tunnels and closes them.
 */
import * as pulumi from "@pulumi/pulumi";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { parseMigrationConfig } from "../../migration-jobs/plan/config";
import type { GateEngine } from "../../migration-jobs/runbook/gates";
import type { KitSecrets } from "../../src/components/secrets";
import type { WindowsServer } from "../../src/components/windows-server";
import { unwrapSecrets } from "../../src/offline/recorder";
import type { GateSources } from "../../src/runbook/gate-engine";
import { makeGateProvider, type GateInputs } from "../../src/runbook/gate-provider";
import { declareMigration, gateAccess, planStackMigration } from "../../src/runbook/migration";
import type { TopologyPlan } from "../../src/topology/plan";
import { planOf, stackConfig } from "../lync-topology/support";
import { alive, standinAz } from "../support/standin-az";
import { plainStrings } from "../components/harness";

const SQL_SECRET = "Sentinel-Gate-Sql-Pa55";
const GATE = "pulumi-nodejs:dynamic:Resource";

interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const recorded: Recorded[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        recorded.push({ type: a.type, name: a.name, inputs: a.inputs });
        return { id: `${a.name}-id`, state: a.inputs };
      },
      call: (a) => a.inputs,
    },
    "pchat-kit",
    "lab",
    false,
  );
});

const AZ = standinAz();
afterAll(() => AZ.remove());

/** The lab stack's plan, with `over` merged into its config (e.g. no Bastion). */
function lab(over: Record<string, unknown> = {}): TopologyPlan {
  return planOf({ ...stackConfig("lab"), ...over }, "lab");
}

/** The plan with the mgc VM's SQL settings gone: a server whose instance port the kit does not know (as a front end's SQL Express `RTC`). */
function withoutSqlPort(plan: TopologyPlan): TopologyPlan {
  const copy = structuredClone(plan);
  const key = copy.sqlInstances.find((i) => i.key === copy.pool.storeInstanceKey)!.serverKey;
  delete copy.servers.find((s) => s.key === key)!.sql;
  copy.sqlInstances.find((i) => i.key === copy.pool.storeInstanceKey)!.dataSource += "\\RTC";
  return copy;
}

const vmId = (plan: TopologyPlan, key: string) => `/subscriptions/0000/resourceGroups/${plan.sites[0]!.resourceGroupName}/providers/Microsoft.Compute/virtualMachines/${plan.servers.find((s) => s.key === key)!.vmName}`;

describe("gateAccess: the server each side's connection string names, and the tunnel the gates open to it", () => {
  const plan = lab();
  const legacySql = plan.servers.find((s) => s.role === "legacy-sql")!;
  const store = plan.sqlInstances.find((i) => i.key === plan.pool.storeInstanceKey)!;
  const bastion = { bastionName: plan.bastion!.name, resourceGroup: plan.sites.find((s) => s.key === plan.bastion!.site)!.resourceGroupName };
  test.each<[string, () => ReturnType<typeof gateAccess>, ReturnType<typeof gateAccess>]>([
    ["the lab's legacy SQL VM behind its Bastion: a tunnel to its SQL port", () => gateAccess(plan, plan.legacy!.dataSource, null, "legacyServer"), { server: plan.legacy!.dataSource, tunnel: { ...bastion, serverKey: legacySql.key, resourcePort: 1433 } }],
    ["the mgc SQL VM: a tunnel to the instance's port (pchat-kit:sql.port)", () => gateAccess(plan, store.dataSource, null, "targetServer"), { server: store.dataSource, tunnel: { ...bastion, serverKey: store.serverKey, resourcePort: 1433 } }],
    ["a port written in the data source wins", () => gateAccess(plan, `${store.dataSource},14330`, null, "targetServer"), { server: `${store.dataSource},14330`, tunnel: { ...bastion, serverKey: store.serverKey, resourcePort: 14330 } }],
    ["a server the gate config names: used as it is, no tunnel", () => gateAccess(plan, store.dataSource, "localhost,11434", "targetServer"), { server: "localhost,11434", tunnel: null }],
    ["a server that is no VM of this stack (an existing legacy side): as it is", () => gateAccess(plan, "gcsql.fabrikam.local\\GC", null, "legacyServer"), { server: "gcsql.fabrikam.local\\GC", tunnel: null }],
    ["no Bastion: the data source itself (a VPN in access.sqlOperatorCidrs)", () => gateAccess(lab({ access: { bastion: false, sqlOperatorCidrs: ["10.99.0.0/24"] } }), store.dataSource, null, "targetServer"), { server: store.dataSource, tunnel: null }],
  ])("%s", (_n, access, expected) => {
    expect(access()).toEqual(expected);
  });

  test("a named instance on a VM whose SQL port the kit does not set: a user error naming the key", () => {
    const unset = withoutSqlPort(plan);
    const instance = unset.sqlInstances.find((i) => i.key === unset.pool.storeInstanceKey)!;
    const e = (() => {
      try {
        return gateAccess(unset, instance.dataSource, null, "targetServer");
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).where).toBe("pchat-kit:migration.gates.targetServer");
    expect((e as UserError).message).toMatch(/named instance whose TCP port the kit does not set.*SQL Browser/);
    expect((e as UserError).fix).toMatch(/set pchat-kit:migration\.gates\.targetServer to an address reachable/);
  });
});

const MIGRATION = { enabled: true, runId: "lab-1", strategy: "immediate", cutoff: "2025-01-01", sqlLogin: "pchatkit", gates: { trustServerCertificate: true } };

async function declare(plan: TopologyPlan, gates: Record<string, unknown> = {}) {
  const migration = parseMigrationConfig({ ...MIGRATION, gates: { ...MIGRATION.gates, ...gates } });
  const planned = (await planStackMigration(plan, migration, { projectRoot: process.cwd(), stack: "lab" }))!;
  // Only what the migration reads from a server: its plan and its VM's id (an Output, as from Azure).
  const servers = Object.fromEntries(plan.servers.map((s) => [s.key, { plan: s, lastStep: undefined, vm: { id: pulumi.output(vmId(plan, s.key)) } } as unknown as WindowsServer]));
  const secrets = { adminPassword: pulumi.secret("Sentinel-Admin-Pa55"), sqlAdminPassword: pulumi.secret(SQL_SECRET) } as unknown as KitSecrets;
  const before = recorded.length;
  declareMigration({ plan, migration, runbook: planned.runbook, servers, secrets, dependsOn: [] });
  await new Promise((r) => setTimeout(r, 200));
  return recorded.slice(before).filter((r) => r.type === GATE);
}

describe("declareMigration under mocks: the lab's gates carry their tunnels, from the topology", () => {
  let gates: Recorded[];
  const plan = lab();
  beforeAll(async () => {
    gates = await declare(plan);
  });

  test("both gates get a tunnel to the legacy SQL VM and one to the mgc SQL VM: Bastion, resource group, the VM's id, the SQL port", () => {
    expect(gates.map((g) => g.name)).toEqual(["lab-1-01-readiness-gate", "lab-1-11-verification-gate"]);
    const legacyKey = plan.servers.find((s) => s.role === "legacy-sql")!.key;
    const storeKey = plan.sqlInstances.find((i) => i.key === plan.pool.storeInstanceKey)!.serverKey;
    for (const g of gates) {
      expect(g.inputs.legacyTunnel).toEqual({ bastionName: "lab-bastion", resourceGroup: plan.sites[0]!.resourceGroupName, targetResourceId: vmId(plan, legacyKey), resourcePort: 1433 });
      expect(g.inputs.targetTunnel).toEqual({ bastionName: "lab-bastion", resourceGroup: plan.sites[0]!.resourceGroupName, targetResourceId: vmId(plan, storeKey), resourcePort: 1433 });
    }
  });

  test("no secret in a plain input; the connection strings name the VMs (the gate points them at its tunnels)", () => {
    for (const g of gates) {
      expect(plainStrings(g.inputs).filter(([, s]) => s.includes(SQL_SECRET))).toEqual([]);
      const unwrapped = unwrapSecrets(g.inputs) as GateInputs;
      expect(unwrapped.legacy).toContain(`Server=${plan.legacy!.dataSource};`);
      expect(unwrapped.legacy).toContain(SQL_SECRET);
    }
  });

  test("the readiness gate pulumi up would create opens both tunnels and closes them", async () => {
    AZ.reset();
    const seen: GateSources[] = [];
    const engine = (s: GateSources): GateEngine => {
      seen.push(s);
      return { readiness: async () => ({ outcome: { findings: [] }, reportPath: null }), verification: async () => ({ outcome: { ok: true }, reportPath: null }) };
    };
    const inputs = unwrapSecrets(gates[0]!.inputs) as GateInputs;
    const r = await makeGateProvider(engine, AZ.deps("listen")).create(inputs);
    expect(r.outs.passed).toBe(true);
    expect(AZ.calls().filter((c) => c.args).map((c) => c.args![8])).toEqual([(inputs.legacyTunnel as { targetResourceId: string }).targetResourceId, (inputs.targetTunnel as { targetResourceId: string }).targetResourceId]);
    expect(seen[0]!.legacy).toMatch(new RegExp(`Server=127\\.0\\.0\\.1,${AZ.ports()[0]};`));
    const started = AZ.calls().filter((c) => c.pid).map((c) => c.pid!);
    expect(AZ.calls().filter((c) => c.stopped).map((c) => c.stopped).sort()).toEqual([...started].sort());
    for (const pid of started) expect(alive(pid)).toBe(false);
  });
});

describe("declareMigration: explicit servers, for users without Bastion", () => {
  test("servers named in pchat-kit:migration.gates: no tunnel, the gates connect to them", async () => {
    const gates = await declare(lab(), { legacyServer: "localhost,11433", targetServer: "localhost,11434" });
    for (const g of gates) {
      expect(g.inputs).toMatchObject({ legacyTunnel: null, targetTunnel: null });
      expect((unwrapSecrets(g.inputs) as GateInputs).target).toContain("Server=localhost,11434;");
    }
  });

  test("a stack whose mgc the gates cannot tunnel to fails before any resource, naming the key", async () => {
    const e = await planStackMigration(withoutSqlPort(lab()), parseMigrationConfig(MIGRATION), { projectRoot: process.cwd(), stack: "lab" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserErrors);
    expect((e as UserErrors).problems.map((p) => p.where)).toEqual(["pchat-kit:migration.gates.targetServer"]);
  });
});
