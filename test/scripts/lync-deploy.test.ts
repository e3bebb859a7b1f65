/**
 * Snapshots of the Lync Server 2013 deployment scripts (issue 11, steps 6-7): publish, server,
 * update, certificates, enable, pool check, one per renderer and variant, so every change to a script
 * shows as a diff (test/scripts/__snapshots__/). After an intended change, read the diff, then
 * `npx jest test/scripts -u`.
 *
 * The text alone proves little: the PowerShell suite (test/powershell/) parses every script the kit
 * renders with PowerShell's own parser and runs it against the fake world (fakes/LyncDeploy.ps1).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ProvisioningTarget } from "../../migration-jobs/powershell/frame";
import { renderCertificatesScript } from "../../src/components/scripts/lync/certificates";
import { renderEnableComputerScript } from "../../src/components/scripts/lync/enable";
import { renderPoolCheckScript } from "../../src/components/scripts/lync/pool-check";
import { PUBLISH_STEP, renderPublishTopologyScript } from "../../src/components/scripts/lync/publish";
import { renderLyncServerScript } from "../../src/components/scripts/lync/server";
import { renderCumulativeUpdateScript } from "../../src/components/scripts/lync/update";

const target = (computerName: string): ProvisioningTarget => ({ runId: "1", computerName });

/** The real published Lync 2013 topology of ../shared/reference (two Standard Edition front ends). */
const REFERENCE_TOPOLOGY = path.join(__dirname, "..", "..", "..", "shared", "reference", "lync2013-published-topology.xml");
const SMALL_TOPOLOGY = '<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008" Signature="00000000-0000-0000-0000-000000000001"><InternalDomains AllowAllDomains="false" DefaultDomain="contoso.local"/></Topology>';

describe("publish the topology", () => {
  it("embeds the document as base64 of its UTF-8, and installs the databases on each SQL Server once", () => {
    const s = renderPublishTopologyScript(target("LABFE01"), { topologyXml: SMALL_TOPOLOGY, sqlServerFqdns: ["labsql01.contoso.local", "LABSQL01.contoso.local", "labsql02.contoso.local"] });
    expect(s.stepId).toBe(PUBLISH_STEP);
    expect(s.protectedParameters).toEqual([]);
    expect(s.script).toContain(Buffer.from(SMALL_TOPOLOGY, "utf8").toString("base64"));
    expect(s.script).not.toContain("<InternalDomains");
    expect(s.script.match(/labsql01/g)).toHaveLength(1);
    expect(s.script).toMatchSnapshot();
  });

  it("takes the real reference document", () => {
    const xml = fs.readFileSync(REFERENCE_TOPOLOGY, "utf8");
    const s = renderPublishTopologyScript(target("FE1"), { topologyXml: xml, sqlServerFqdns: ["fe1.example.com", "fe2.example.com"] });
    const encoded = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(s.script);
    expect(encoded).not.toBeNull();
    expect(Buffer.from(encoded?.[1] ?? "", "base64").toString("utf8")).toBe(xml);
  });

  it.each([
    ["a Topology Builder document", '<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"/>', ["sql.contoso.local"], /not a published/],
    ["no SQL Server", SMALL_TOPOLOGY, [], /no SQL Server/],
    ["a SQL Server that is not an FQDN", SMALL_TOPOLOGY, ["labsql01"], /not a fully qualified/],
  ])("refuses %s", (_what, topologyXml, sqlServerFqdns, error) => {
    expect(() => renderPublishTopologyScript(target("LABFE01"), { topologyXml, sqlServerFqdns })).toThrow(error);
  });
});

describe("Lync server: local store, replica, roles", () => {
  it.each([
    ["front-end", "LABFE01"],
    ["persistent-chat", "LABPC01"],
  ] as const)("%s", (role, computer) => {
    const s = renderLyncServerScript(target(computer), { role, isoPath: "F:\\LyncMedia\\lync2013.iso" });
    expect(s.parameters.IsoPath).toBe("F:\\LyncMedia\\lync2013.iso");
    expect(s.script).toContain(role === "front-end" ? "'RTCSRV'" : "'RTCCHAT'");
    expect(s.script).toMatchSnapshot();
  });

  it("refuses an ISO path that is not local", () => {
    expect(() => renderLyncServerScript(target("LABFE01"), { role: "front-end", isoPath: "\\\\share\\lync.iso" })).toThrow(/not a local path/);
  });
});

describe("cumulative update", () => {
  it("the October 2013 CU as the minimum", () => {
    const s = renderCumulativeUpdateScript(target("LABPC01"), { updatePath: "F:\\LyncMedia\\LyncServerUpdateInstaller.exe", minimumVersion: "5.0.8308.556" });
    expect(s.parameters).toMatchObject({ MinimumVersion: "5.0.8308.556", UpdatePath: "F:\\LyncMedia\\LyncServerUpdateInstaller.exe" });
    expect(s.script).toContain("/silentmode");
    expect(s.script).toMatchSnapshot();
  });

  it.each([
    ["a version of three parts", "F:\\u\\LyncServerUpdateInstaller.exe", "5.0.8308", /four-part/],
    ["an update that is not an .exe", "F:\\u\\update.msp", "5.0.8308.556", /not a local path/],
  ])("refuses %s", (_what, updatePath, minimumVersion, error) => {
    expect(() => renderCumulativeUpdateScript(target("LABPC01"), { updatePath, minimumVersion })).toThrow(error);
  });
});

describe("certificates", () => {
  it("front end: Default, WebServicesInternal, WebServicesExternal", () => {
    const s = renderCertificatesScript(target("LABFE01"), { ca: "labdc01.contoso.local\\CONTOSO-LABDC01-CA", types: ["Default", "WebServicesInternal", "WebServicesExternal"], friendlyName: "pchat-kit Lync front end" });
    expect(s.script).toContain("-AllSipDomain");
    expect(s.script).toMatchSnapshot();
  });

  it("Persistent Chat: Default only (lync-install.md §2)", () => {
    const s = renderCertificatesScript(target("LABPC01"), { ca: "labdc01.contoso.local\\CONTOSO-LABDC01-CA", types: ["Default"], friendlyName: "pchat-kit Persistent Chat" });
    expect(s.script).toContain("$types = @('Default')");
    expect(s.script).toMatchSnapshot();
  });

  it.each([
    ["a CA without its host", "CONTOSO-CA", ["Default"], /CA host FQDN/],
    ["an unknown type", "dc.contoso.local\\CA", ["Everything"], /unknown certificate type/],
    ["no type", "dc.contoso.local\\CA", [], /no certificate type/],
  ])("refuses %s", (_what, ca, types, error) => {
    expect(() => renderCertificatesScript(target("LABPC01"), { ca, types, friendlyName: "x" })).toThrow(error);
  });
});

it("enable the computer and start its services", () => {
  expect(renderEnableComputerScript(target("LABPC01"), {}).script).toMatchSnapshot();
});

describe("Persistent Chat pool check", () => {
  it("a pool of two servers on 5041", () => {
    const s = renderPoolCheckScript(target("LABPC01"), { poolFqdn: "PChatPool.contoso.local", port: 5041, servers: ["labpc02.contoso.local", "LABPC01.contoso.local"] });
    expect(s.parameters).toMatchObject({ PoolFqdn: "pchatpool.contoso.local", Port: "5041" });
    expect(s.script).toContain("$planned = @('labpc01.contoso.local', 'labpc02.contoso.local')");
    expect(s.script).toMatchSnapshot();
  });

  it.each([
    ["a port out of range", "pool.contoso.local", 70000, ["a.contoso.local"], /not a TCP port/],
    ["no server", "pool.contoso.local", 5041, [], /no server/],
    ["a pool that is not an FQDN", "pool", 5041, ["a.contoso.local"], /not a fully qualified/],
  ])("refuses %s", (_what, poolFqdn, port, servers, error) => {
    expect(() => renderPoolCheckScript(target("LABPC01"), { poolFqdn, port, servers })).toThrow(error);
  });
});
