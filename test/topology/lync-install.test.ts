/**
 * The Lync install plan of each shipped stack (issue 11): which step runs where, as whom, after what.
 * Pure: no Pulumi. The order is the Lync 2013 deployment sequence (lync-install.md §1).
 */
import { INSTALL_STEP_IDS, type InstallStepKind, type InstallStepPlan, lyncWindowsFeatures, planLyncInstall } from "../../src/topology/lync-install";
import type { TopologyPlan } from "../../src/topology/plan";
import { planOf, planStack, stackConfig } from "../lync-topology/support";

const lab = planStack("lab");
const staging = planStack("staging");
const labInstall = planLyncInstall(lab)!;
const stagingInstall = planLyncInstall(staging)!;

const kinds = (steps: InstallStepPlan[], serverKey?: string): InstallStepKind[] => steps.filter((s) => !serverKey || s.serverKey === serverKey).map((s) => s.args.kind);
const indexOf = (steps: InstallStepPlan[], id: string): number => steps.findIndex((s) => s.id === id);
const lyncServerKeys = (plan: TopologyPlan) => plan.servers.filter((s) => s.role === "front-end" || s.role === "persistent-chat").map((s) => s.key);

describe.each([
  ["lab", lab, labInstall],
  ["staging", staging, stagingInstall],
])("the Lync install of %s", (_name, plan, install) => {
  it("names every step after its server and its script's step id, once", () => {
    for (const s of install.steps) expect(s.id).toBe(`${s.serverKey}-${INSTALL_STEP_IDS[s.args.kind]}`);
    expect(new Set(install.steps.map((s) => s.id)).size).toBe(install.steps.length);
  });

  it("waits only for steps planned before it, on other servers (a cycle cannot be declared)", () => {
    for (const [i, s] of install.steps.entries()) {
      for (const id of s.after) {
        const j = indexOf(install.steps, id);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThan(i);
        expect(install.steps[j]!.serverKey).not.toBe(s.serverKey);
      }
    }
  });

  it("prepares every Lync server the same way: media, then its server setup, update, certificates, enable", () => {
    for (const key of lyncServerKeys(plan)) {
      const mine = kinds(install.steps, key).filter((k) => ["media", "server", "update", "certificates", "enable"].includes(k));
      expect(mine).toEqual(["media", "server", "update", "certificates", "enable"]);
    }
  });

  it("brings every database to the update's schema once, from the first front end right after its update", () => {
    const first = plan.frontEnd.serverKeys[0]!;
    const updates = install.steps.filter((s) => s.args.kind === "db-update");
    expect(updates.map((s) => s.serverKey)).toEqual([first]);
    const onFirst = kinds(install.steps, first);
    expect(onFirst.indexOf("db-update")).toBe(onFirst.indexOf("update") + 1);
    const publish = install.steps.find((s) => s.args.kind === "publish")!.args as { sqlServerFqdns: string[] };
    expect(updates[0]!.args).toEqual({ kind: "db-update", sqlServerFqdns: publish.sqlServerFqdns, localDatabases: plan.frontEnd.edition === "Standard" });
  });

  it("runs AD preparation, the CMS and the publish once, on the first front end, in that order", () => {
    const first = plan.frontEnd.serverKeys[0]!;
    const once = install.steps.filter((s) => ["ad-prep", "cms", "publish"].includes(s.args.kind));
    expect(once.map((s) => [s.serverKey, s.args.kind])).toEqual([
      [first, "ad-prep"],
      [first, "cms"],
      [first, "publish"],
    ]);
    expect(once.every((s) => s.runAs === "domain-admin")).toBe(true);
  });

  it("publishes only after every server has its media and every SQL Server its logins", () => {
    const publish = install.steps.find((s) => s.args.kind === "publish")!;
    const waited = new Set(publish.after);
    for (const s of install.steps.filter((x) => (x.args.kind === "media" || x.args.kind === "sql-logins") && x.serverKey !== publish.serverKey)) expect(waited).toContain(s.id);
  });

  it("sets up the Persistent Chat servers after every front end is enabled, and checks the pool last", () => {
    const frontEndEnabled = install.steps.filter((s) => s.args.kind === "enable" && plan.frontEnd.serverKeys.includes(s.serverKey)).map((s) => s.id);
    for (const s of install.steps.filter((x) => x.args.kind === "server" && x.args.role === "persistent-chat")) expect(s.after).toEqual(expect.arrayContaining(frontEndEnabled));
    const last = install.steps[install.steps.length - 1]!;
    expect(last.args).toEqual({ kind: "pool-check", poolFqdn: plan.pool.fqdn, port: plan.pool.sipPort, servers: expect.any(Array) });
    expect(last.after.length).toBeGreaterThan(0);
  });

  it("requests only the Default certificate on a Persistent Chat server (lync-install.md §2)", () => {
    for (const s of install.steps) {
      if (s.args.kind !== "certificates") continue;
      const role = plan.servers.find((x) => x.key === s.serverKey)!.role;
      expect(s.args.types).toEqual(role === "persistent-chat" ? ["Default"] : ["Default", "WebServicesInternal", "WebServicesExternal"]);
      expect(s.args.ca).toBe(plan.lync.certificateAuthority);
    }
  });

  it("waits for a restart after the cumulative update, and nowhere else", () => {
    for (const s of install.steps) expect(s.restartWaitSeconds !== null).toBe(s.args.kind === "update");
    expect(install.steps.some((s) => s.restartWaitSeconds !== null)).toBe(true);
  });

  it("installs every Lync role's Windows features through the servers' own features step", () => {
    for (const s of plan.servers.filter((x) => x.role === "persistent-chat")) expect(s.windowsFeatures).toEqual(expect.arrayContaining(["MSMQ-Server", "MSMQ-Directory", "Windows-Identity-Foundation", "NET-Framework-Core", "NET-WCF-HTTP-Activation45"]));
    for (const s of plan.servers.filter((x) => x.role === "front-end")) expect(s.windowsFeatures).toEqual(expect.arrayContaining(["Web-Server", "Windows-Identity-Foundation", "NET-Framework-Core"]));
  });
});

describe("a new forest (lab)", () => {
  it("installs its own enterprise CA on the domain controller first, and requests certificates from it", () => {
    const dc = lab.servers.find((s) => s.role === "domain-controller")!;
    expect(labInstall.steps[0]).toMatchObject({ serverKey: dc.key, args: { kind: "pki", caCommonName: "CONTOSO-CA" }, runAs: "domain-admin" });
    expect(lab.lync.certificateAuthority).toBe(`${dc.fqdn}\\CONTOSO-CA`);
    for (const s of labInstall.steps.filter((x) => x.args.kind === "certificates" || x.args.kind === "ad-prep")) expect(s.after).toContain(labInstall.steps[0]!.id);
  });

  it("makes the install account sysadmin on the SQL Servers of Lync's stores, and leaves the legacy SQL Server alone", () => {
    const logins = labInstall.steps.filter((s) => s.args.kind === "sql-logins");
    expect(logins.length).toBeGreaterThan(0);
    for (const s of logins) expect(s.args).toEqual({ kind: "sql-logins", logins: ["CONTOSO\\pckadmin"], sysadmin: true });
    const legacySql = lab.servers.filter((s) => s.role === "legacy-sql").map((s) => s.key);
    expect(logins.map((s) => s.serverKey).filter((k) => legacySql.includes(k))).toEqual([]);
  });

  it("puts the Central Management store in the Standard Edition server's own SQL Express (RTC)", () => {
    const fe = lab.servers.find((s) => s.key === lab.frontEnd.serverKeys[0])!;
    expect(labInstall.steps.find((s) => s.args.kind === "cms")!.args).toEqual({ kind: "cms", edition: "Standard", sqlServerFqdn: fe.fqdn, sqlInstanceName: "rtc" });
    expect((labInstall.steps.find((s) => s.args.kind === "publish")!.args as { sqlServerFqdns: string[] }).sqlServerFqdns[0]).toBe(fe.fqdn);
  });
});

describe("an existing domain (staging)", () => {
  it("installs no CA and requests certificates from the configured one", () => {
    expect(kinds(stagingInstall.steps)).not.toContain("pki");
    expect(staging.lync.labCa).toBeNull();
    expect(staging.lync.certificateAuthority).toBe("ca01.staging.contoso.com\\Staging Issuing CA");
  });

  it("makes the install account sysadmin on the kit's own SQL Servers too (Install-CsDatabase needs it)", () => {
    const logins = stagingInstall.steps.filter((x) => x.args.kind === "sql-logins");
    expect(logins.length).toBeGreaterThan(1);
    for (const s of logins) expect(s.args).toEqual({ kind: "sql-logins", logins: ["STAGING\\pckadmin"], sysadmin: true });
  });

  it("puts the CMS on the Enterprise back end and creates the databases on every SQL Server of Lync's stores", () => {
    const cms = stagingInstall.steps.find((s) => s.args.kind === "cms")!.args;
    expect(cms).toMatchObject({ kind: "cms", edition: "Enterprise" });
    const publish = stagingInstall.steps.find((s) => s.args.kind === "publish")!.args as { sqlServerFqdns: string[] };
    const storeHosts = staging.sqlInstances.filter((i) => i.role !== "legacy" && i.databases.length > 0).map((i) => staging.servers.find((s) => s.key === i.serverKey)!.fqdn);
    expect(new Set(publish.sqlServerFqdns)).toEqual(new Set(storeHosts));
  });
});

describe("install: false", () => {
  it("plans no install, no CA and only MSMQ on the Persistent Chat servers, as before", () => {
    const raw = { ...stackConfig("lab"), "lync": { install: false } };
    const plan = planOf(raw, "lab");
    expect(planLyncInstall(plan)).toBeNull();
    expect(plan.lync).toEqual({ install: false, certificateAuthority: null, labCa: null, topologyFile: null, sipDomains: ["contoso.local"] });
    for (const s of plan.servers.filter((x) => x.role === "persistent-chat")) expect(s.windowsFeatures).toEqual(["MSMQ-Server"]);
    expect(planLyncInstall(planStack("dr"))).toBeNull();
  });

  it("gives no Lync features to servers that run no Lync role", () => {
    expect(lyncWindowsFeatures("sql", false)).toEqual([]);
    expect(lyncWindowsFeatures("domain-controller", true)).toEqual([]);
  });
});
