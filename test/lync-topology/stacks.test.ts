/**
 * The topology document of every shipped stack, generated from its plan and checked by structure
 * (ids unique, references resolve) and against the plan (FQDNs, ports, shares, SQL instances).
 * No Lync Server here: Publish-CsTopology is the final judge, on the VM (lync-install.md §2).
 */
import { renderTopology, TOPOLOGY_NS } from "../../migration-jobs/lync-topology";
import { lyncTopologyInput, topologyDocument } from "../../src/topology/lync-topology";
import { fqdnsOf, planInstance, planStack, ReadBack, type Stack, STACKS } from "./support";

const PLANS = Object.fromEntries(STACKS.map((s) => [s, planStack(s)])) as Record<Stack, ReturnType<typeof planStack>>;
const DOCS = Object.fromEntries(STACKS.map((s) => [s, topologyDocument(PLANS[s]).xml])) as Record<Stack, string>;

describe.each(STACKS)("the topology document of %s", (stack) => {
  const plan = PLANS[stack];
  const xml = DOCS[stack];
  const doc = new ReadBack(xml);

  it("passes the structural check: ids unique, every reference resolves", () => {
    expect(doc.problems).toEqual([]);
  });

  it("is a published <Topology> document of Lync Server 2013 (ServiceVersion 6), not a .tbxml", () => {
    expect(xml).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="utf-8"\\?>\\n<Topology xmlns="${TOPOLOGY_NS}" Signature="[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}">`));
    expect(xml).not.toContain("TopologyBuilder");
    expect(new Set(doc.topology.services.map((s) => s.serviceVersion))).toEqual(new Set(["6"]));
  });

  it("is deterministic: the same plan gives the same bytes", () => {
    expect(topologyDocument(planStack(stack)).xml).toBe(xml);
    expect(renderTopology(lyncTopologyInput(plan))).toBe(xml);
  });

  it("names the plan's SIP domain, front-end pool and servers", () => {
    expect(doc.topology.defaultDomain).toBe(plan.domain.fqdn);
    const fe = doc.clusterByFqdn(plan.frontEnd.fqdn);
    expect(fe?.machines.map((m) => m.fqdn)).toEqual(fqdnsOf(plan, plan.frontEnd.serverKeys));
    expect(fe?.requiresReplication).toBe("true");
    for (const role of ["UserServices", "Registrar", "WebServices", "ConfServices", "ApplicationServer", "CentralMgmt"]) expect(doc.where(`1-${role}-1`)).toBe(plan.frontEnd.fqdn);
  });

  it("makes the Persistent Chat pool a multiple-computer pool of the plan's servers, active then standby, on the plan's SIP port", () => {
    const pool = doc.clusterByFqdn(plan.pool.fqdn);
    expect(pool?.machines.map((m) => m.fqdn)).toEqual(fqdnsOf(plan, [...plan.pool.activeServerKeys, ...plan.pool.standbyServerKeys]));
    expect(pool?.machines.map((m) => m.ordinal)).toEqual(pool?.machines.map((_, i) => String(i + 1)));
    expect(doc.where("1-PersistentChatService-1")).toBe(plan.pool.fqdn);
    const sip = doc.service("1-PersistentChatService-1").ports.find((p) => p.Usage === "SipServer");
    expect(sip).toMatchObject({ Port: String(plan.pool.sipPort), Protocol: "Mtls", InterfaceSide: "Primary" });
  });

  it("routes the pool through the plan's next hop, the front end's registrar", () => {
    expect(doc.dependencies("1-PersistentChatService-1", "Default")).toContain("1-Registrar-1");
    expect(doc.where("1-Registrar-1")).toBe(plan.pool.nextHopPoolFqdn);
  });

  it("puts the file store on the plan's share, shared by the front end and the pool", () => {
    const share = plan.shares.find((s) => s.key === plan.pool.fileStoreShareKey);
    const fileStore = doc.service("1-FileStore-1");
    const shareName = fileStore.element.children.find((c) => c.name === "FileStoreService")?.attrs.ShareName;
    expect(`\\\\${doc.where("1-FileStore-1")}\\${shareName}`).toBe(share?.uncPath);
    expect(doc.dependencies("1-PersistentChatService-1")).toContain("1-FileStore-1");
    expect(doc.dependencies("1-WebServices-1")).toContain("1-FileStore-1");
  });

  it("puts mgc on the plan's store instance, and declares every Lync SQL instance of the plan once (never the legacy one)", () => {
    expect(doc.where("1-PersistentChatStore-1")).toBe(planInstance(plan, plan.pool.storeInstanceKey));
    const declared = doc.topology.sqlInstances.map((x) => `${doc.cluster(x.cluster).fqdn}\\${x.name}`);
    expect(new Set(declared).size).toBe(declared.length);
    const lync = plan.sqlInstances.filter((i) => i.role !== "legacy").map((i) => planInstance(plan, i.key));
    expect(declared).toEqual(expect.arrayContaining(lync));
    for (const legacy of plan.sqlInstances.filter((i) => i.role === "legacy")) expect(declared).not.toContain(planInstance(plan, legacy.key));
  });

  it("keeps the Central Management store on the front end's back end, with the user and application stores", () => {
    const backEnd = doc.where("1-UserStore-1");
    expect(doc.where("1-CentralMgmtStore-1")).toBe(backEnd);
    expect(doc.where("1-ApplicationStore-1")).toBe(backEnd);
  });

  it("renders compliance exactly when the plan enables it", () => {
    const options = doc.service("1-PersistentChatService-1").element.children.find((c) => c.name === "PersistentChatService");
    expect(options?.attrs).toMatchObject({ DisplayName: plan.pool.displayName, EnableCompliance: String(plan.pool.complianceEnabled) });
    expect(doc.roleCount("PersistentChatComplianceStore") > 0).toBe(plan.pool.complianceEnabled);
    if (plan.pool.complianceEnabled) expect(doc.where("1-PersistentChatComplianceStore-1")).toBe(planInstance(plan, plan.pool.complianceInstanceKey));
  });

  it("serves every SIP domain of the plan, the AD domain as default (lync.sipDomains adds production's in the lab)", () => {
    const declared = [...xml.matchAll(/<InternalDomain Name="([^"]+)"/g)].map((m) => m[1]);
    expect(declared).toEqual(plan.lync.sipDomains);
    expect(xml).toContain(`DefaultDomain="${plan.domain.fqdn}"`);
    if (stack === "lab") expect(declared).toEqual(["contoso.local", "contoso.com"]);
  });

  it("matches the snapshot", () => {
    expect(xml).toMatchSnapshot();
  });
});

describe("per stack", () => {
  // [stack, edition, sites, clusters, SQL instances, services, Persistent Chat machines, mgc copies, mgccomp copies]
  it.each([
    ["lab", "Standard", 1, 4, 2, 12, 1, 1, 0],
    ["staging", "Enterprise", 1, 9, 6, 15, 2, 2, 2],
    ["dr", "Enterprise", 1, 10, 7, 15, 8, 4, 0],
  ] as const)("%s: %s front end; %i site, %i clusters, %i SQL instances, %i services, %i Persistent Chat servers, %i mgc and %i mgccomp copies", (stack, edition, sites, clusters, instances, services, machines, mgc, mgccomp) => {
    const doc = new ReadBack(DOCS[stack]);
    expect(PLANS[stack].frontEnd.edition).toBe(edition);
    expect(doc.topology.sites).toHaveLength(sites);
    expect(doc.topology.clusters).toHaveLength(clusters);
    expect(doc.topology.sqlInstances).toHaveLength(instances);
    expect(doc.topology.services).toHaveLength(services);
    expect(doc.clusterByFqdn(PLANS[stack].pool.fqdn)?.machines).toHaveLength(machines);
    expect(doc.roleCount("PersistentChatStore")).toBe(mgc);
    expect(doc.roleCount("PersistentChatComplianceStore")).toBe(mgccomp);
  });

  it("lab: the Standard Edition server keeps its back end and the CMS in its own SQL Express rtc; mgc on the SQL VM", () => {
    const plan = PLANS.lab;
    const doc = new ReadBack(DOCS.lab);
    expect(doc.where("1-UserStore-1")).toBe(`${plan.frontEnd.fqdn}\\rtc`);
    expect(doc.where("1-CentralMgmtStore-1")).toBe(`${plan.frontEnd.fqdn}\\rtc`);
    expect(doc.where("1-PersistentChatStore-1")).toBe(planInstance(plan, "sql-store"));
    expect(doc.dependencies("1-PersistentChatService-1").filter((d) => d.includes("PersistentChat"))).toEqual(["1-PersistentChatStore-1"]);
  });

  it("staging: Enterprise back end on its own instance; mgc and mgccomp each mirrored, both watched by the one witness", () => {
    const plan = PLANS.staging;
    const doc = new ReadBack(DOCS.staging);
    expect(doc.where("1-UserStore-1")).toBe(planInstance(plan, "sql-backend"));
    const pc = "1-PersistentChatService-1";
    expect(doc.dependencies(pc, "Default")).toEqual(expect.arrayContaining(["1-PersistentChatStore-1", "1-PersistentChatComplianceStore-1"]));
    expect(doc.dependencies(pc, "Mirror")).toEqual(["1-PersistentChatStore-2", "1-PersistentChatComplianceStore-2"]);
    expect(doc.where("1-PersistentChatStore-2")).toBe(planInstance(plan, "sql-store-mirror"));
    expect(doc.where("1-PersistentChatComplianceStore-1")).toBe(planInstance(plan, "sql-compliance"));
    expect(doc.where("1-PersistentChatComplianceStore-2")).toBe(planInstance(plan, "sql-compliance-mirror"));
    expect(doc.sqlNamedIn("1-PersistentChatStore-1", "Witness")).toEqual([planInstance(plan, "sql-witness")]);
    expect(doc.sqlNamedIn("1-PersistentChatComplianceStore-1", "Witness")).toEqual([planInstance(plan, "sql-witness")]);
    expect(doc.dependencies(pc, "Backup")).toEqual([]);
  });

  it("dr: one stretched pool in one Lync site, standby servers of the second datacentre listed after the active ones; mgc mirrored, log shipped to a backup store with its own mirror and witness", () => {
    const plan = PLANS.dr;
    const doc = new ReadBack(DOCS.dr);
    // domain §6.3: one logical site, two datacentres.
    expect(doc.topology.sites).toHaveLength(1);
    const secondary = plan.servers.filter((s) => s.site === "secondary" && s.role === "persistent-chat").map((s) => s.fqdn);
    expect(secondary).toHaveLength(4);
    expect(fqdnsOf(plan, plan.pool.standbyServerKeys)).toEqual(secondary);
    const machines = doc.clusterByFqdn(plan.pool.fqdn)?.machines.map((m) => m.fqdn) ?? [];
    expect(machines.slice(4)).toEqual(secondary);
    const pc = "1-PersistentChatService-1";
    expect(doc.dependencies(pc, "Mirror")).toEqual(["1-PersistentChatStore-2"]);
    expect(doc.dependencies(pc, "Backup")).toEqual(["1-PersistentChatStore-3"]);
    expect(doc.dependencies(pc, "BackupMirror")).toEqual(["1-PersistentChatStore-4"]);
    expect(doc.where("1-PersistentChatStore-3")).toBe(planInstance(plan, "sql-store-dr"));
    expect(doc.where("1-PersistentChatStore-4")).toBe(planInstance(plan, "sql-store-dr-mirror"));
    expect(doc.sqlNamedIn("1-PersistentChatStore-1", "Witness")).toEqual([planInstance(plan, "sql-witness")]);
    expect(doc.sqlNamedIn("1-PersistentChatStore-3", "Witness")).toEqual([planInstance(plan, "sql-witness-dr")]);
    expect(doc.roleCount("PersistentChatComplianceStore")).toBe(0);
  });
});
