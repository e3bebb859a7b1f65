/**
 * The plan -> topology input adapter (src/topology/lync-topology.ts): each gap of a plan is a user
 * error naming the config key; the engine's own input guard names the input's path; the
 * `lync.topologyFile` override replaces the generated document, and anything that is not a published
 * `<Topology>` document is refused naming `pchat-kit:lync.topologyFile`. Files are real temporary files.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { checkTopologyInput, type LyncTopologyInput, renderTopology, TOPOLOGY_NS } from "../../migration-jobs/lync-topology";
import type { TopologyPlan } from "../../src/topology/plan";
import { lyncTopologyInput, TOPOLOGY_FILE_KEY, topologyDocument } from "../../src/topology/lync-topology";
import { labPlan, variantPlan } from "../components/fixtures";
import { planInstance, planOf, planStack, ReadBack, stackConfig } from "./support";

function whereOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserErrors) return e.problems.map((p) => p.where);
    if (e instanceof UserError) return [e.where];
    throw e;
  }
  return [];
}

describe("gaps in the plan are user errors naming the config key", () => {
  it.each<[string, (p: TopologyPlan) => void, string]>([
    ["no front-end server", (p) => { p.frontEnd.serverKeys = []; }, "pchat-kit:frontEnd"],
    ["a front-end server that is not a VM of the stack", (p) => { p.frontEnd.serverKeys = ["fe-9"]; }, "pchat-kit:frontEnd"],
    ["two Standard Edition servers", (p) => { p.frontEnd.serverKeys = ["fe-1", "fe-1b"]; p.servers.push({ ...p.servers.find((s) => s.key === "fe-1")!, key: "fe-1b", fqdn: "labfe02.contoso.local" }); }, "pchat-kit:frontEnd.servers"],
    ["an Enterprise pool without its back end", (p) => { p.frontEnd.edition = "Enterprise"; p.frontEnd.backEndInstanceKey = null; }, "pchat-kit:frontEnd.edition"],
    ["no Persistent Chat file store share", (p) => { p.shares = []; }, "pchat-kit:fileStore"],
    ["a next hop that is not the front end", (p) => { p.pool.nextHopPoolFqdn = "otherpool.contoso.local"; }, "pchat-kit:frontEnd.fqdn"],
    ["no active Persistent Chat server", (p) => { p.pool.activeServerKeys = []; }, "pchat-kit:pool.activeServers"],
    ["a standby server that is not a VM of the stack", (p) => { p.pool.standbyServerKeys = ["pchat-9"]; }, "pchat-kit:pool.standbyServers"],
    ["mgc on no instance", (p) => { p.pool.storeInstanceKey = "nowhere"; }, "pchat-kit:sql.storePlacement"],
    ["compliance on without an instance for mgccomp", (p) => { p.pool.complianceInstanceKey = null; }, "pchat-kit:sql.complianceStore"],
    ["a SQL instance on a server that is not planned", (p) => { p.sqlInstances[0]!.serverKey = "gone"; }, "pchat-kit:sql.storePlacement"],
  ])("%s", (_what, mutate, key) => {
    const plan = labPlan();
    mutate(plan);
    expect(whereOf(() => lyncTopologyInput(plan))).toContain(key);
  });

  it("reports every gap at once", () => {
    const plan = labPlan();
    plan.shares = [];
    plan.pool.activeServerKeys = [];
    expect(whereOf(() => lyncTopologyInput(plan))).toEqual(expect.arrayContaining(["pchat-kit:fileStore", "pchat-kit:pool.activeServers"]));
  });
});

describe("plans other than the shipped stacks", () => {
  it("the hand-written lab plan: mgc and mgccomp on one instance, one SQL instance declared for both", () => {
    const plan = labPlan();
    const doc = new ReadBack(topologyDocument(plan).xml);
    expect(doc.problems).toEqual([]);
    expect(doc.where("1-PersistentChatStore-1")).toBe(planInstance(plan, "mgc"));
    expect(doc.where("1-PersistentChatComplianceStore-1")).toBe(planInstance(plan, "mgc"));
    expect(doc.topology.sqlInstances).toHaveLength(2); // the front end's rtc and mgc's; never the legacy one
  });

  it("the variant plan: an Azure Files share and a stretched pool without log shipping (no backup store)", () => {
    const plan = variantPlan();
    const doc = new ReadBack(topologyDocument(plan).xml);
    expect(doc.problems).toEqual([]);
    expect(doc.where("1-FileStore-1")).toBe("labpchatfs.file.core.windows.net");
    expect(doc.clusterByFqdn(plan.pool.fqdn)?.machines.map((m) => m.fqdn)).toEqual(["labpc01.contoso.local", "labpc02.contoso.local"]);
    expect(doc.dependencies("1-PersistentChatService-1", "Backup")).toEqual([]);
  });

  it("a pool collocated on the Standard Edition server runs on the front end's cluster, its stores in the server's own SQL Express", () => {
    // A new deployment only: migrating into a collocated pool is not supported (domain §5).
    const raw = stackConfig("lab");
    const plan = planOf({ ...raw, pool: { ...(raw.pool as object), collocatedWithFrontEnd: true }, legacy: { mode: "none" }, migration: { enabled: false } }, "lab");
    const doc = new ReadBack(topologyDocument(plan).xml);
    expect(doc.problems).toEqual([]);
    expect(doc.where("1-PersistentChatService-1")).toBe(plan.frontEnd.fqdn);
    expect(doc.topology.clusters.filter((c) => c.requiresReplication === "true")).toHaveLength(1);
    expect(doc.where("1-PersistentChatStore-1")).toBe(doc.where("1-UserStore-1"));
    // The plan's RTC instance; the checker compares instance names without case, as SQL Server does.
    expect(doc.where("1-UserStore-1")).toBe(`${plan.frontEnd.fqdn}\\rtc`);
    expect(doc.topology.sqlInstances).toHaveLength(1); // back end, CMS and mgc: one instance, declared once
  });

  it("escapes what it writes: a display name with XML's special characters reads back unchanged", () => {
    const plan = planStack("lab");
    plan.pool.displayName = `R&D <"chat"> 'pool'`;
    const doc = new ReadBack(topologyDocument(plan).xml);
    expect(doc.service("1-PersistentChatService-1").element.children.find((c) => c.name === "PersistentChatService")?.attrs.DisplayName).toBe(`R&D <"chat"> 'pool'`);
  });

  it("a different plan gives a different signature", () => {
    const a = planStack("lab");
    const b = planStack("lab");
    b.pool.sipPort = 5042;
    expect(new ReadBack(topologyDocument(a).xml).topology.signature).not.toBe(new ReadBack(topologyDocument(b).xml).topology.signature);
  });
});

describe("the engine's own input guard names the input's path", () => {
  const base = (): LyncTopologyInput => lyncTopologyInput(planStack("staging"));
  it.each<[string, (i: LyncTopologyInput) => void, string]>([
    ["an undeclared site", (i) => { i.frontEnd.site = "mars"; }, "frontEnd.site"],
    ["an undeclared SQL instance", (i) => { i.persistentChat.store.mirrorSqlInstanceKey = "nosuch"; }, "persistentChat.store.mirrorSqlInstanceKey"],
    ["a SQL instance declared twice", (i) => { i.sqlInstances.push({ ...i.sqlInstances[0]!, key: "again" }); }, "sqlInstances[6]"],
    ["a port out of range", (i) => { i.persistentChat.sipPort = 70000; }, "persistentChat.sipPort"],
    ["a pool named like one of its servers", (i) => { i.persistentChat.fqdn = i.persistentChat.servers[0]!.fqdn; }, "persistentChat.fqdn"],
    ["a server listed twice", (i) => { i.persistentChat.servers.push({ ...i.persistentChat.servers[0]! }); }, "persistentChat.servers[2]"],
    ["no active server", (i) => { i.persistentChat.servers = i.persistentChat.servers.map((s) => ({ ...s, state: "standby" })); }, "persistentChat.servers"],
    ["a mirror on the principal's instance", (i) => { i.persistentChat.store.mirrorSqlInstanceKey = i.persistentChat.store.sqlInstanceKey; }, "persistentChat.store"],
    ["SQL Server on a Persistent Chat server", (i) => { i.sqlInstances[0]!.serverFqdn = i.persistentChat.servers[0]!.fqdn; }, "sqlInstances[0].serverFqdn"],
    ["a share name with a path", (i) => { i.fileStore.shareName = "a\\b"; }, "fileStore.shareName"],
    ["a host name that is no FQDN", (i) => { i.fileStore.serverFqdn = "fs01"; }, "fileStore.serverFqdn"],
    ["a collocated pool on an Enterprise pool", (i) => { i.persistentChat.collocatedWithFrontEnd = true; }, "persistentChat.collocatedWithFrontEnd"],
  ])("%s", (_what, mutate, where) => {
    const input = base();
    expect(checkTopologyInput(input)).toEqual([]);
    mutate(input);
    expect(checkTopologyInput(input).map((p) => p.where)).toContain(`lync topology input: ${where}`);
    expect(() => renderTopology(input)).toThrow(UserErrors);
  });
});

describe("lync.topologyFile replaces the generated document", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-topology-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: string | Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    return file;
  };
  const plan = planStack("lab");
  const own = `<Topology xmlns="${TOPOLOGY_NS}" Signature="00000000-0000-0000-0000-000000000000"><InternalDomains AllowAllDomains="false" DefaultDomain="corp.example"><InternalDomain Name="corp.example" Authoritative="false" AllowSubDomains="false" /></InternalDomains><Sites /><Clusters /><SqlInstances /><Services /></Topology>`;

  it("without it, the document is generated from the plan", () => {
    expect(topologyDocument(plan)).toMatchObject({ source: "generated", path: null, warnings: [] });
  });

  it("with it, the file is the document, as it is", () => {
    const file = write("own.xml", own);
    expect(topologyDocument(plan, { topologyFile: file })).toEqual({ xml: own, source: "file", path: file, warnings: [] });
  });

  it("reads the UTF-16 that PowerShell writes (Get-CsTopology -AsXml > file) and declares the UTF-8 the kit writes", () => {
    const text = `<?xml version="1.0" encoding="utf-16"?>\n${own}`;
    const file = write("utf16.xml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const doc = topologyDocument(plan, { topologyFile: file });
    expect(doc.xml).toBe(`<?xml version="1.0" encoding="utf-8"?>\n${own}`);
  });

  it("reports, without refusing, what the structural check finds in the user's document", () => {
    const file = write("dangling.xml", own.replace("<Services />", '<Services><Service RoleVersion="1" ServiceVersion="6"><ServiceId SiteId="1" RoleName="X" Instance="1" /><DependsOn /><InstalledOn><ClusterId SiteId="1" Number="1" /></InstalledOn></Service></Services>'));
    expect(topologyDocument(plan, { topologyFile: file }).warnings).toEqual(expect.arrayContaining([expect.stringMatching(/site 1, which is not declared/)]));
  });

  it.each<[string, () => string, RegExp]>([
    ["a missing file", () => path.join(dir, "missing.xml"), /does not exist/],
    ["a folder", () => dir, /is a folder/],
    ["text that is not XML", () => write("notes.txt", "publish me <"), /not well-formed XML|not a published topology document/],
    ["Topology Builder's .tbxml", () => write("lab.tbxml", '<?xml version="1.0"?><TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"><NewTopology /></TopologyBuilder>'), /Topology Builder file \(\.tbxml\), which Publish-CsTopology cannot publish/],
    ["a <Topology> of another namespace", () => write("other.xml", '<Topology xmlns="urn:example"><Sites /></Topology>'), /not a published topology document/],
    ["another root element", () => write("root.xml", `<Configuration xmlns="${TOPOLOGY_NS}" />`), /not a published topology document/],
  ])("refuses %s naming pchat-kit:lync.topologyFile", (_what, file, problem) => {
    let error: unknown;
    try {
      topologyDocument(plan, { topologyFile: file() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).where).toBe(TOPOLOGY_FILE_KEY);
    expect((error as UserError).message).toMatch(problem);
  });
});
