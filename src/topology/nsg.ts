/**
 * Inbound network rules per subnet, derived from ONE table of ports-and-protocols facts
 * (`./ports.ts`: LS ports and protocols for internal servers, domain §6.4, and their inferred
 * companions). A row becomes a rule on the NSG of every subnet holding one of its listeners, from its
 * clients to exactly those listeners' addresses. The Lync servers of one subnet may talk on any port
 * (`LYNC_INTRA_SUBNET`). Every NSG ends with a deny of everything else, because Azure's default rules
 * would otherwise allow the whole VNet and the load balancer in.
 */
import type { KitConfig } from "../config";
import type { FileSharePlan, NetworkRulePlan, NsgPlan, PoolPlan, ServerPlan, SiteKey, SqlInstancePlan, SubnetPlan } from "./plan";
import { LYNC_INTRA_SUBNET, PORT_FACTS, type Client, type Listener, type PortFact, type PortRef } from "./ports";

export interface NsgInputs {
  config: KitConfig;
  subnets: SubnetPlan[];
  /** Address spaces of every site in use (peered VNets count as "inside the network"). */
  addressSpaces: string[];
  servers: ServerPlan[];
  sqlInstances: SqlInstancePlan[];
  shares: FileSharePlan[];
  pool: Pick<PoolPlan, "activeServerKeys" | "standbyServerKeys">;
}

export const DENY_ALL_PRIORITY = 4096;

type RuleDraft = Omit<NetworkRulePlan, "priority">;

const LYNC_ROLES: ReadonlySet<ServerPlan["role"]> = new Set(["front-end", "persistent-chat"]);

export function isLyncServer(server: ServerPlan): boolean {
  return LYNC_ROLES.has(server.role);
}

/** The servers a row's listener names, in plan order. */
export function listenersOf(listener: Listener, inputs: NsgInputs): ServerPlan[] {
  const { servers, sqlInstances, shares, pool, config } = inputs;
  const sqlHosts = (pick: (i: SqlInstancePlan) => boolean) => new Set(sqlInstances.filter(pick).map((i) => i.serverKey));
  switch (listener) {
    case "front-end":
      return servers.filter((s) => s.role === "front-end");
    case "persistent-chat": {
      const keys = new Set([...pool.activeServerKeys, ...pool.standbyServerKeys]);
      return servers.filter((s) => keys.has(s.key));
    }
    case "lync-server":
      return servers.filter(isLyncServer);
    case "sql-store": {
      const hosts = sqlHosts((i) => i.role !== "legacy" && i.databases.length > 0);
      return servers.filter((s) => s.role === "sql" && hosts.has(s.key));
    }
    case "sql-partner":
      return config.sql.highAvailability === "mirroring" || config.sql.disasterRecovery === "log-shipping" ? servers.filter((s) => s.role === "sql") : [];
    case "domain-controller":
      return servers.filter((s) => s.role === "domain-controller");
    case "legacy-sql":
      return servers.filter((s) => s.role === "legacy-sql");
    case "any-server":
      return servers;
    default: {
      const purpose = listener.slice("share:".length);
      const hosts = new Set(shares.filter((x) => x.purpose === purpose && x.kind === "windows-share" && x.serverKey).map((x) => x.serverKey));
      return servers.filter((s) => hosts.has(s.key));
    }
  }
}

/** Source prefixes of a row's clients (server IPs, or CIDRs for networks and operators). */
export function sourcesOf(client: Client, inputs: NsgInputs): string[] {
  const { servers, subnets, addressSpaces, config } = inputs;
  const bastion = subnets.filter((s) => s.purpose === "bastion").map((s) => s.cidr);
  switch (client) {
    case "lync-servers":
      return servers.filter(isLyncServer).map((s) => s.privateIp);
    case "sql-servers":
      return servers.filter((s) => s.role === "sql").map((s) => s.privateIp);
    case "legacy-servers":
      return servers.filter((s) => s.role === "legacy-group-chat" || s.role === "legacy-sql").map((s) => s.privateIp);
    case "network":
      return addressSpaces;
    case "operators":
      return [...config.access.sqlOperatorCidrs, ...bastion];
    case "bastion":
      return bastion;
  }
}

export function portsOf(ports: PortRef[], config: KitConfig): string[] {
  return [...new Set(ports.map((p) => (typeof p === "string" ? p : String(p.config === "pool.sipPort" ? config.pool.sipPort : config.sql.port))))];
}

/** Whether a row applies to this configuration (listeners and clients aside). */
export function factApplies(fact: PortFact, config: KitConfig): boolean {
  if (fact.notOpened) return false;
  switch (fact.when) {
    case undefined:
      return true;
    case "sql-named-instance":
      return config.sql.instanceName.toUpperCase() !== "MSSQLSERVER";
    case "sql-mirroring-or-log-shipping":
      return config.sql.highAvailability === "mirroring" || config.sql.disasterRecovery === "log-shipping";
  }
}

function rulesFor(subnet: SubnetPlan, inputs: NsgInputs): RuleDraft[] {
  const inSubnet = (servers: ServerPlan[]) => servers.filter((s) => s.subnetKey === subnet.key).map((s) => s.privateIp);
  const out: RuleDraft[] = [];
  const lyncHere = inSubnet(inputs.servers.filter(isLyncServer));
  // Issue 9: traffic between Lync servers inside their subnet never falls to the deny-all rule.
  if (lyncHere.length > 1)
    out.push({ name: LYNC_INTRA_SUBNET.id, access: "Allow", protocol: "*", sourcePrefixes: lyncHere, destinationPrefixes: lyncHere, destinationPorts: ["*"], reason: LYNC_INTRA_SUBNET.service });
  for (const fact of PORT_FACTS) {
    if (!factApplies(fact, inputs.config)) continue;
    const destinations = inSubnet(listenersOf(fact.listeners, inputs));
    const sources = [...new Set(fact.clients.flatMap((c) => sourcesOf(c, inputs)))];
    if (destinations.length === 0 || sources.length === 0) continue;
    for (const protocol of fact.protocols)
      out.push({
        name: fact.protocols.length > 1 ? `${fact.id}-${protocol.toLowerCase()}` : fact.id,
        access: "Allow",
        protocol,
        sourcePrefixes: sources,
        destinationPrefixes: destinations,
        destinationPorts: portsOf(fact.ports, inputs.config),
        reason: `${fact.service} [${fact.source}${fact.inferred ? ", inferred" : ""}]`,
      });
  }
  out.push({ name: "deny-all-inbound", access: "Deny", protocol: "*", sourcePrefixes: ["*"], destinationPrefixes: ["*"], destinationPorts: ["*"], reason: "Everything else, the Internet included, is refused" });
  return out;
}

/** One NSG per subnet that takes ours (not AzureBastionSubnet), rules in priority order. */
export function planNsgs(inputs: NsgInputs): NsgPlan[] {
  const nsgs: NsgPlan[] = [];
  for (const subnet of inputs.subnets) {
    if (subnet.nsgName === null) continue;
    const inbound = rulesFor(subnet, inputs).map((d, i) => ({ ...d, priority: d.access === "Deny" ? DENY_ALL_PRIORITY : 100 + i * 10 }));
    nsgs.push({ name: subnet.nsgName, site: siteOf(subnet), inbound });
  }
  return nsgs;
}

function siteOf(subnet: SubnetPlan): SiteKey {
  return subnet.key.startsWith("secondary-") ? "secondary" : "primary";
}
