/**
 * The structural checker is real: the published reference document (an AWS Quick Start Lync 2013
 * deployment, ../shared/reference/) passes it, and each kind of broken reference or duplicated id,
 * planted in that document or in a generated one, is reported.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { checkTopologyDocument } from "../../migration-jobs/lync-topology";
import { topologyDocument } from "../../src/topology/lync-topology";
import { planStack, ReadBack } from "./support";

const REFERENCE = fs.readFileSync(path.join(__dirname, "..", "..", "..", "shared", "reference", "lync2013-published-topology.xml"), "utf8").replace(/\r\n/g, "\n");
const DR = topologyDocument(planStack("dr")).xml;

describe("the reference document", () => {
  const doc = new ReadBack(REFERENCE);

  it("passes as stored (CRLF line ends)", () => {
    expect(checkTopologyDocument(fs.readFileSync(path.join(__dirname, "..", "..", "..", "shared", "reference", "lync2013-published-topology.xml"), "utf8")).problems).toEqual([]);
  });

  it("passes the structural check", () => {
    expect(doc.problems).toEqual([]);
  });

  it("is read back whole: 2 sites, 2 clusters, 2 SQL instances, 24 services, the registrars backing each other up", () => {
    expect(doc.topology.sites.map((s) => s.name)).toEqual(["AZ1", "AZ2"]);
    expect(doc.topology.clusters.map((c) => c.fqdn)).toEqual(["fe1.example.com", "fe2.example.com"]);
    expect(doc.topology.sqlInstances.map((x) => x.id)).toEqual(["rtc@1.1", "rtc@2.1"]);
    expect(doc.topology.services).toHaveLength(24);
    expect(doc.service("1-Registrar-1").backup).toEqual(["2-Registrar-1"]);
    expect(doc.where("1-UserStore-1")).toBe("fe1.example.com\\rtc");
    expect(doc.service("1-FileStore-1").element.children.find((c) => c.name === "FileStoreService")?.attrs.ShareName).toBe("lyncshare");
  });
});

/** [what is broken, source, text to replace, replacement, problem expected] */
const BROKEN: [string, string, string | RegExp, string, RegExp][] = [
  ["a dependency on an undeclared service", REFERENCE, '<ServiceId SiteId="1" RoleName="UserStore" Instance="1" />\n        </Dependency>', '<ServiceId SiteId="1" RoleName="UserStore" Instance="9" />\n        </Dependency>', /refers to service 1-UserStore-9, which is not declared/],
  ["a Backup naming an undeclared service", REFERENCE, '<ServiceId SiteId="2" RoleName="Registrar" Instance="1" />\n      </Backup>', '<ServiceId SiteId="3" RoleName="Registrar" Instance="1" />\n      </Backup>', /refers to service 3-Registrar-1/],
  ["a service installed on an undeclared cluster", REFERENCE, '<InstalledOn>\n        <ClusterId SiteId="1" Number="1" />', '<InstalledOn>\n        <ClusterId SiteId="1" Number="7" />', /refers to cluster 1\.7, which is not declared/],
  ["a store on an undeclared SQL instance", REFERENCE, /<SqlInstanceId Name="rtc">(\s*<ClusterId SiteId="1" Number="1" \/>\s*<\/SqlInstanceId>\s*<\/InstalledOn>)/, '<SqlInstanceId Name="other">$1', /refers to SQL instance other@1\.1/],
  ["two clusters with one ClusterId", REFERENCE, '<ClusterId SiteId="2" Number="1" />\n      <Machine', '<ClusterId SiteId="1" Number="1" />\n      <Machine', /cluster 1\.1 is declared twice/],
  ["a service declared twice", REFERENCE, 'RoleName="ApplicationStore" Instance="1" />\n      <DependsOn />\n      <InstalledOn>\n        <SqlInstanceId Name="rtc">\n          <ClusterId SiteId="2"', 'RoleName="UserStore" Instance="1" />\n      <DependsOn />\n      <InstalledOn>\n        <SqlInstanceId Name="rtc">\n          <ClusterId SiteId="2"', /service 2-UserStore-1 is declared twice/],
  ["a cluster in an undeclared site", REFERENCE, '<CentralSite SiteId="2">', '<CentralSite SiteId="5">', /cluster 2\.1 \(fe2\.example\.com\) is in site 2, which is not declared/],
  ["a machine in two clusters", REFERENCE, 'Fqdn="fe2.example.com" FaultDomain', 'Fqdn="fe1.example.com" FaultDomain', /machine FQDN fe1\.example\.com is declared twice/],
  ["another namespace", REFERENCE, 'xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"', 'xmlns="urn:example"', /is in namespace "urn:example"/],
  ["a default domain that is not internal", REFERENCE, 'DefaultDomain="example.com"', 'DefaultDomain="example.org"', /default domain "example\.org" is not an internal domain/],
  ["a generated witness on an undeclared instance", DR, /(<Witness>\s*<SqlInstanceId Name=")(">)/, "$1nosuch$2", /PersistentChatStore-1 refers to SQL instance nosuch@/],
  ["a generated dependency on a missing store copy", DR, 'RoleName="PersistentChatStore" Instance="4" />\n        </Dependency>', 'RoleName="PersistentChatStore" Instance="5" />\n        </Dependency>', /PersistentChatService-1 refers to service 1-PersistentChatStore-5/],
];

describe.each(BROKEN)("reports %s", (_what, source, from, to, problem) => {
  it("names it", () => {
    const broken = source.replace(from, to);
    expect(broken).not.toBe(source);
    expect(checkTopologyDocument(broken).problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });
});

it("refuses what is not a topology document", () => {
  expect(checkTopologyDocument("<TopologyBuilder />").problems).toEqual(["the root element is not <Topology>"]);
  expect(checkTopologyDocument("<Topology").problems[0]).toMatch(/not well-formed XML|root element/);
});
