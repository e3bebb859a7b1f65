/**
 * The NSG rules against the ports-and-protocols table (src/topology/ports.ts), pure: no Pulumi, no
 * Azure. Azure's evaluation is stood in for by `verdict` below (rules by ascending priority, first
 * match wins, prefixes as CIDRs or single IPs, ports as numbers or ranges); every NSG ends with a
 * deny-all rule, so Azure's default rules are never reached.
 *
 * The oracle resolves the table's listeners and clients against the plan on its own (not with the
 * planner's helpers), then checks for every stack: each row's flows are allowed, the Lync servers of a
 * subnet reach each other on any port, and no other flow between any probe host and any server is.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { parseKitConfig, stackConfigToRaw, type KitConfig } from "../../src/config";
import { formatIpv4, parseCidr } from "../../src/config/cidr";
import type { NetworkRulePlan, NsgPlan, ServerPlan, TopologyPlan } from "../../src/topology/plan";
import { planTopology } from "../../src/topology/planner";
import { PORT_FACTS, type Client, type Listener, type PortFact } from "../../src/topology/ports";

type Protocol = "Tcp" | "Udp";

function stackRaw(stack: string): Record<string, unknown> {
  const file = path.join(__dirname, "..", "..", "stacks", `Pulumi.${stack}.yaml`);
  const doc = YAML.parse(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> };
  return stackConfigToRaw(doc.config, `Pulumi.${stack}.yaml`);
}

function withFields(raw: Record<string, unknown>, key: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { ...raw, [key]: { ...((raw[key] as Record<string, unknown> | undefined) ?? {}), ...fields } };
}

interface Case {
  config: KitConfig;
  plan: TopologyPlan;
}

function planned(name: string, raw: Record<string, unknown>): [string, Case] {
  const config = parseKitConfig(raw);
  return [name, { config, plan: planTopology(config, { project: "pchat-kit", stack: name }) }];
}

const CASES: [string, Case][] = [
  planned("lab", stackRaw("lab")),
  planned("staging", stackRaw("staging")),
  planned("dr", stackRaw("dr")),
  // A named SQL instance: Lync reaches it through SQL Browser (UDP 1434).
  planned("staging, named SQL instance", withFields(stackRaw("staging"), "sql", { instanceName: "PCHAT" })),
  // Azure Files: no file server, so the migration staging share lives on the legacy Group Chat server.
  planned("lab on Azure Files", withFields(stackRaw("lab"), "fileStore", { kind: "azure-files" })),
  planned("collocated Standard Edition pool", { pool: { collocatedWithFrontEnd: true } }),
  planned("dr on Azure Files, non-default SIP and SQL ports", withFields(withFields(withFields(stackRaw("dr"), "fileStore", { kind: "azure-files" }), "pool", { sipPort: 5043 }), "sql", { port: 14330 })),
];

// --- Azure's evaluation, stood in for ---------------------------------------------------------------
const prefixCache = new Map<string, [number, number]>();
/** A prefix (`*`, a CIDR or one IP) as an inclusive range of addresses. */
function block(prefix: string): [number, number] {
  let r = prefixCache.get(prefix);
  if (!r) {
    const c = prefix === "*" ? { network: 0, size: 2 ** 32 } : parseCidr(prefix.includes("/") ? prefix : `${prefix}/32`);
    if (!c) throw new Error(`bad prefix ${prefix}`);
    r = [c.network, c.network + c.size - 1];
    prefixCache.set(prefix, r);
  }
  return r;
}

function prefixMatches(prefix: string, ip: string): boolean {
  const [lo, hi] = block(prefix);
  const [n] = block(ip);
  return n >= lo && n <= hi;
}

function portMatches(range: string, port: number): boolean {
  if (range === "*") return true;
  const [lo, hi = lo] = range.split("-").map(Number) as [number, number?];
  return port >= lo && port <= (hi as number);
}

const sorted = new WeakMap<NsgPlan, NetworkRulePlan[]>();
function verdict(nsg: NsgPlan, from: string, to: string, protocol: Protocol, port: number): NetworkRulePlan {
  let rules = sorted.get(nsg);
  if (!rules) sorted.set(nsg, (rules = [...nsg.inbound].sort((a, b) => a.priority - b.priority)));
  const hit = rules.find(
    (r) =>
      (r.protocol === "*" || r.protocol === protocol) &&
      r.destinationPorts.some((p) => portMatches(p, port)) &&
      r.sourcePrefixes.some((p) => prefixMatches(p, from)) &&
      r.destinationPrefixes.some((p) => prefixMatches(p, to)),
  );
  if (!hit) throw new Error(`${nsg.name}: no rule matched ${from} -> ${to} ${protocol}/${port} (the deny-all rule is missing)`);
  return hit;
}

function allowed(plan: TopologyPlan, from: string, to: ServerPlan, protocol: Protocol, port: number): boolean {
  const subnet = plan.sites.flatMap((s) => s.vnet.subnets).find((s) => s.key === to.subnetKey);
  const nsg = plan.nsgs.find((n) => n.name === subnet?.nsgName);
  if (!nsg) throw new Error(`server ${to.key} has no NSG`);
  return verdict(nsg, from, to.privateIp, protocol, port).access === "Allow";
}

// --- the oracle: the table read against the plan, independently of src/topology/nsg.ts ---------
const LYNC = new Set(["front-end", "persistent-chat"]);

function listenerServers(listener: Listener, { plan, config }: Case): ServerPlan[] {
  const byKeys = (keys: (string | undefined)[]) => plan.servers.filter((s) => keys.includes(s.key));
  const partners = config.sql.highAvailability === "mirroring" || config.sql.disasterRecovery === "log-shipping";
  if (listener.startsWith("share:")) return byKeys(plan.shares.filter((x) => `share:${x.purpose}` === listener).map((x) => x.serverKey));
  const table: Record<Exclude<Listener, `share:${string}`>, ServerPlan[]> = {
    "front-end": plan.servers.filter((s) => s.role === "front-end"),
    "persistent-chat": byKeys([...plan.pool.activeServerKeys, ...plan.pool.standbyServerKeys]),
    "lync-server": plan.servers.filter((s) => LYNC.has(s.role)),
    "sql-store": byKeys(plan.sqlInstances.filter((i) => i.role !== "legacy" && i.databases.length > 0).map((i) => i.serverKey)).filter((s) => s.role === "sql"),
    "sql-partner": partners ? plan.servers.filter((s) => s.role === "sql") : [],
    "domain-controller": plan.servers.filter((s) => s.role === "domain-controller"),
    "legacy-sql": plan.servers.filter((s) => s.role === "legacy-sql"),
    "any-server": plan.servers,
  };
  return table[listener as Exclude<Listener, `share:${string}`>];
}

function inAny(cidrs: string[], ip: string): boolean {
  return cidrs.some((c) => prefixMatches(c, ip));
}

function isClient(client: Client, ip: string, { plan }: Case): boolean {
  const role = plan.servers.find((s) => s.privateIp === ip)?.role;
  const bastion = plan.sites.flatMap((s) => s.vnet.subnets).filter((s) => s.purpose === "bastion").map((s) => s.cidr);
  switch (client) {
    case "lync-servers":
      return role !== undefined && LYNC.has(role);
    case "sql-servers":
      return role === "sql";
    case "legacy-servers":
      return role === "legacy-group-chat" || role === "legacy-sql";
    case "network":
      return inAny(plan.sites.flatMap((s) => s.vnet.addressSpaces), ip);
    case "operators":
      return inAny([...plan.operatorCidrs, ...bastion], ip);
    case "bastion":
      return inAny(bastion, ip);
  }
}

function applies(fact: PortFact, { config }: Case): boolean {
  if (fact.notOpened) return false;
  if (fact.when === "sql-named-instance") return config.sql.instanceName.toUpperCase() !== "MSSQLSERVER";
  if (fact.when === "sql-mirroring-or-log-shipping") return config.sql.highAvailability === "mirroring" || config.sql.disasterRecovery === "log-shipping";
  return true;
}

function ranges(fact: PortFact, { config }: Case): [number, number][] {
  return fact.ports.map((p) => {
    const text = typeof p === "string" ? p : String(p.config === "pool.sipPort" ? config.pool.sipPort : config.sql.port);
    const [lo, hi = lo] = text.split("-").map(Number) as [number, number?];
    return [lo, hi as number];
  });
}

function sameLyncSubnet(c: Case, from: string, to: ServerPlan): boolean {
  const source = c.plan.servers.find((s) => s.privateIp === from);
  return source !== undefined && source.key !== to.key && LYNC.has(source.role) && LYNC.has(to.role) && source.subnetKey === to.subnetKey;
}

/** The rows that let `from` reach `to` at all (protocol and port aside). */
function rowsBetween(c: Case, from: string, to: ServerPlan): PortFact[] {
  return PORT_FACTS.filter((f) => applies(f, c) && listenerServers(f.listeners, c).some((s) => s.key === to.key) && f.clients.some((cl) => isClient(cl, from, c)));
}

function expected(c: Case, rows: PortFact[], from: string, to: ServerPlan, protocol: Protocol, port: number): boolean {
  if (sameLyncSubnet(c, from, to)) return true;
  return rows.some((f) => f.protocols.includes(protocol) && ranges(f, c).some(([lo, hi]) => port >= lo && port <= hi));
}

/** Hosts traffic may come from: every server, a host of each address space outside its subnets, operators, Bastion, the Internet. */
function probeHosts({ plan }: Case): string[] {
  const subnets = plan.sites.flatMap((s) => s.vnet.subnets);
  const hosts = plan.servers.map((s) => s.privateIp);
  for (const space of plan.sites.flatMap((s) => s.vnet.addressSpaces)) {
    const block = parseCidr(space);
    if (!block) continue;
    for (let n = block.network + block.size - 2; n > block.network; n--) {
      const ip = formatIpv4(n);
      if (!subnets.some((s) => prefixMatches(s.cidr, ip))) {
        hosts.push(ip);
        break;
      }
    }
  }
  for (const cidr of [...plan.operatorCidrs]) {
    const block = parseCidr(cidr);
    if (block) hosts.push(formatIpv4(block.network + 4));
  }
  hosts.push("203.0.113.10");
  return [...new Set(hosts)];
}

function probePorts(c: Case): number[] {
  const ports = new Set([1, 22, 25, 1433, 1434, 3389, 5022, 5090, 5985, 5986, 8011, 10000, 20000, 40000, 65535]);
  for (const f of PORT_FACTS) for (const [lo, hi] of ranges(f, c)) for (const p of [lo - 1, lo, hi, hi + 1]) if (p >= 1 && p <= 65535) ports.add(p);
  return [...ports].sort((a, b) => a - b);
}

function clientHosts(fact: PortFact, c: Case): string[] {
  return probeHosts(c).filter((h) => fact.clients.some((cl) => isClient(cl, h, c)));
}

describe("the ports table (src/topology/ports.ts)", () => {
  it("names a source for every row and unique rule names", () => {
    const ids = PORT_FACTS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of PORT_FACTS) expect(f.source).toMatch(/^(LS:|PS:|domain §|kit:)/);
  });

  it.each([
    ["every Lync server: SQL Browser", "lync-server", "Udp", "1434"],
    ["every Lync server: CMS replication", "lync-server", "Tcp", "445"],
    ["Front End: SIP", "front-end", "Tcp", "5061"],
    ["Persistent Chat: SIP", "persistent-chat", "Tcp", "5041"],
    ["Persistent Chat: WCF", "persistent-chat", "Tcp", "881"],
    ["Persistent Chat: file transfer", "persistent-chat", "Tcp", "443"],
    ["Persistent Chat: pool traffic", "persistent-chat", "Tcp", "8011"],
    ["SQL stores", "sql-store", "Tcp", "1433"],
    ["file store", "share:persistent-chat-file-store", "Tcp", "445"],
    ["domain controller: DNS", "domain-controller", "Udp", "53"],
    ["domain controller: Kerberos", "domain-controller", "Tcp", "88"],
    ["domain controller: LDAP", "domain-controller", "Tcp", "389"],
  ])("holds the row %s", (_name, listener, protocol, port) => {
    const c = CASES[0]![1];
    const rows = PORT_FACTS.filter((f) => f.listeners === listener && !f.notOpened && f.protocols.includes(protocol as Protocol));
    expect(rows.some((f) => ranges(f, c).some(([lo, hi]) => Number(port) >= lo && Number(port) <= hi))).toBe(true);
  });
});

describe.each(CASES)("NSGs of %s", (_name, c) => {
  const { plan } = c;

  it.each(PORT_FACTS.map((f) => [f.id, f] as const))("row %s: every flow it names is allowed, or nothing is opened for it", (_id, fact) => {
    const listeners = listenerServers(fact.listeners, c);
    const clients = clientHosts(fact, c);
    const ruleNames = plan.nsgs.flatMap((n) => n.inbound.map((r) => r.name));
    const own = (name: string) => name === fact.id || name.startsWith(`${fact.id}-`);
    if (!applies(fact, c) || listeners.length === 0 || clients.length === 0) {
      expect(ruleNames.filter(own)).toEqual([]);
      return;
    }
    const denied: string[] = [];
    for (const to of listeners)
      for (const from of clients)
        for (const protocol of fact.protocols)
          for (const [lo, hi] of ranges(fact, c))
            for (const port of [lo, hi]) if (from !== to.privateIp && !allowed(plan, from, to, protocol, port)) denied.push(`${from} -> ${to.key} ${protocol}/${port}`);
    expect(denied).toEqual([]);
  });

  it("lets the Lync servers of one subnet reach each other on any port and protocol", () => {
    const lync = plan.servers.filter((s) => LYNC.has(s.role));
    const denied: string[] = [];
    for (const a of lync)
      for (const b of lync)
        if (a.key !== b.key && a.subnetKey === b.subnetKey)
          for (const protocol of ["Tcp", "Udp"] as const) for (const port of [1, 5090, 5091, 40000, 65535]) if (!allowed(plan, a.privateIp, b, protocol, port)) denied.push(`${a.key} -> ${b.key} ${protocol}/${port}`);
    expect(denied).toEqual([]);
  });

  it("opens nothing the table does not name: every probe flow to every server is allowed exactly when a row (or the intra-subnet rule) allows it", () => {
    const hosts = probeHosts(c);
    const ports = probePorts(c);
    const wrong: string[] = [];
    for (const to of plan.servers)
      for (const from of hosts) {
        if (from === to.privateIp) continue;
        const rows = rowsBetween(c, from, to);
        for (const protocol of ["Tcp", "Udp"] as const)
          for (const port of ports) {
            const is = allowed(plan, from, to, protocol, port);
            if (is !== expected(c, rows, from, to, protocol, port)) wrong.push(`${is ? "opened" : "closed"}: ${from} -> ${to.key} ${protocol}/${port}`);
          }
      }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it.each(PORT_FACTS.filter((f) => f.notOpened).map((f) => [f.id, f] as const))("documented row %s that the kit does not use stays closed to a client in the network", (_id, fact) => {
    const client = probeHosts(c).find((h) => !plan.servers.some((s) => s.privateIp === h) && isClient("network", h, c));
    const opened: string[] = [];
    for (const to of listenerServers(fact.listeners, c))
      for (const protocol of fact.protocols)
        for (const [lo, hi] of ranges(fact, c)) for (const port of [lo, hi]) if (client && allowed(plan, client, to, protocol, port)) opened.push(`${to.key} ${protocol}/${port}`);
    expect(opened).toEqual([]);
  });

  it("ends every NSG with deny-all and takes no source from the Internet", () => {
    for (const nsg of plan.nsgs) {
      expect(nsg.inbound[nsg.inbound.length - 1]).toMatchObject({ name: "deny-all-inbound", access: "Deny", sourcePrefixes: ["*"], destinationPorts: ["*"] });
      for (const r of nsg.inbound.filter((x) => x.access === "Allow")) expect(r.sourcePrefixes.filter((p) => p === "*" || p === "Internet" || p === "0.0.0.0/0")).toEqual([]);
      expect(verdict(nsg, "203.0.113.10", "10.0.0.1", "Tcp", 443).access).toBe("Deny");
    }
  });
});

describe("cross-subnet traffic between Lync servers (stretched pool)", () => {
  const c = CASES.find(([n]) => n === "dr")![1];
  it.each([
    ["a standby Persistent Chat server to a Front End on a port no row names", "pchat-standby-1", "fe-1", 5090, false],
    ["a Front End to a standby Persistent Chat server on its SIP port", "fe-1", "pchat-standby-1", 5041, true],
    ["a Front End to a standby Persistent Chat server: CMS replication", "fe-1", "pchat-standby-1", 445, true],
    ["a standby to an active Persistent Chat server: pool traffic", "pchat-standby-1", "pchat-1", 8011, true],
  ] as const)("%s", (_name, fromKey, toKey, port, ok) => {
    const from = c.plan.servers.find((s) => s.key === fromKey)!;
    const to = c.plan.servers.find((s) => s.key === toKey)!;
    expect(from.subnetKey).not.toBe(to.subnetKey);
    expect(allowed(c.plan, from.privateIp, to, "Tcp", port)).toBe(ok);
  });
});
