/**
 * Inbound network rules per subnet, derived from the ports table (domain §6.4) and its inferred
 * companions (SQL, SMB, AD). Every NSG ends with a deny of everything else, because Azure's default
 * rules would otherwise allow the whole VNet and the load balancer in.
 */
import type { KitConfig } from "../config";
import type { NetworkRulePlan, NsgPlan, SiteKey, SubnetPlan } from "./plan";

export interface NsgInputs {
  config: KitConfig;
  subnets: SubnetPlan[];
  /** Address spaces of every site in use (peered VNets count as "inside the network"). */
  addressSpaces: string[];
  hasDomainController: boolean;
  hasFileServer: boolean;
}

export const DENY_ALL_PRIORITY = 4096;

type RuleDraft = Omit<NetworkRulePlan, "priority" | "name" | "destinationPrefixes"> & { name: string };

const AD_PORTS: { name: string; protocol: "Tcp" | "Udp"; ports: string[]; reason: string }[] = [
  { name: "dns-tcp", protocol: "Tcp", ports: ["53"], reason: "DNS on the domain controller" },
  { name: "dns-udp", protocol: "Udp", ports: ["53"], reason: "DNS on the domain controller" },
  { name: "kerberos-tcp", protocol: "Tcp", ports: ["88", "464"], reason: "Kerberos and password change" },
  { name: "kerberos-udp", protocol: "Udp", ports: ["88", "464"], reason: "Kerberos and password change" },
  { name: "ldap-tcp", protocol: "Tcp", ports: ["389", "636", "3268-3269"], reason: "LDAP, LDAPS and global catalog" },
  { name: "ldap-udp", protocol: "Udp", ports: ["389"], reason: "LDAP ping (DC locator)" },
  { name: "ntp", protocol: "Udp", ports: ["123"], reason: "Time from the domain hierarchy (Kerberos needs it)" },
  { name: "rpc", protocol: "Tcp", ports: ["135", "49152-65535"], reason: "RPC endpoint mapper and dynamic RPC (replication, domain join)" },
  { name: "smb-sysvol", protocol: "Tcp", ports: ["445"], reason: "SYSVOL and NETLOGON (group policy)" },
];

function cidrsOf(subnets: SubnetPlan[], purpose: SubnetPlan["purpose"]): string[] {
  return subnets.filter((s) => s.purpose === purpose).map((s) => s.cidr);
}

function rulesFor(subnet: SubnetPlan, inputs: NsgInputs): RuleDraft[] {
  const { config, subnets, addressSpaces } = inputs;
  const lync = cidrsOf(subnets, "lync");
  const sqlNets = cidrsOf(subnets, "sql");
  const bastion = cidrsOf(subnets, "bastion");
  const operators = [...config.access.sqlOperatorCidrs, ...bastion];
  const sqlPort = String(config.sql.port);
  const out: RuleDraft[] = [];
  switch (subnet.purpose) {
    case "infrastructure":
      if (inputs.hasFileServer)
        out.push({ name: "smb-file-store", access: "Allow", protocol: "Tcp", sourcePrefixes: [...lync, ...sqlNets], destinationPorts: ["445"], reason: "SMB to the Persistent Chat file store (domain §6.4, inferred)" });
      if (inputs.hasDomainController)
        for (const p of AD_PORTS) out.push({ name: `ad-${p.name}`, access: "Allow", protocol: p.protocol, sourcePrefixes: addressSpaces, destinationPorts: p.ports, reason: `${p.reason} (domain §6.4, inferred)` });
      break;
    case "lync":
      // domain §6.4 ports table.
      out.push({ name: "pchat-sip", access: "Allow", protocol: "Tcp", sourcePrefixes: lync, destinationPorts: [String(config.pool.sipPort)], reason: "Persistent Chat SIP (MTLS), Front End to Persistent Chat" });
      out.push({ name: "sip-mtls", access: "Allow", protocol: "Tcp", sourcePrefixes: lync, destinationPorts: ["5061"], reason: "SIP MTLS, Persistent Chat to its next-hop Front End pool" });
      out.push({ name: "pchat-wcf", access: "Allow", protocol: "Tcp", sourcePrefixes: lync, destinationPorts: ["881"], reason: "Persistent Chat WCF (TLS, MTLS)" });
      out.push({ name: "pchat-file-transfer", access: "Allow", protocol: "Tcp", sourcePrefixes: addressSpaces, destinationPorts: ["443"], reason: "Persistent Chat File Transfer Service (TLS) inside the network" });
      out.push({ name: "pchat-s2s", access: "Allow", protocol: "Tcp", sourcePrefixes: lync, destinationPorts: ["8011"], reason: "Server-to-server traffic inside the pool and administration" });
      break;
    case "sql":
      out.push({ name: "sql-from-lync", access: "Allow", protocol: "Tcp", sourcePrefixes: lync, destinationPorts: [sqlPort], reason: "SQL Server for the Persistent Chat and Lync stores" });
      if (operators.length > 0)
        out.push({ name: "sql-from-operators", access: "Allow", protocol: "Tcp", sourcePrefixes: operators, destinationPorts: [sqlPort], reason: "SQL Server from operator ranges and Bastion tunnels (migration gates)" });
      if (config.sql.highAvailability === "mirroring" || config.sql.disasterRecovery === "log-shipping")
        out.push({ name: "sql-between-instances", access: "Allow", protocol: "Tcp", sourcePrefixes: sqlNets, destinationPorts: [sqlPort, "5022"], reason: "Mirroring endpoint and log-shipping jobs between the store instances (domain §6.3)" });
      if (config.sql.disasterRecovery === "log-shipping")
        out.push({ name: "smb-log-shipping", access: "Allow", protocol: "Tcp", sourcePrefixes: sqlNets, destinationPorts: ["445"], reason: "Log-shipping backup and copy shares (domain §6.3)" });
      break;
    case "legacy":
      out.push({ name: "legacy-sql", access: "Allow", protocol: "Tcp", sourcePrefixes: [...lync, ...operators], destinationPorts: ["1433"], reason: "Migration jobs read the legacy Group Chat database" });
      out.push({ name: "legacy-smb", access: "Allow", protocol: "Tcp", sourcePrefixes: lync, destinationPorts: ["445"], reason: "Migration reads the legacy Group Chat file store" });
      break;
    case "bastion":
      return [];
  }
  if (bastion.length > 0) out.push({ name: "rdp-from-bastion", access: "Allow", protocol: "Tcp", sourcePrefixes: bastion, destinationPorts: ["3389"], reason: "RDP only through Azure Bastion" });
  out.push({ name: "deny-all-inbound", access: "Deny", protocol: "*", sourcePrefixes: ["*"], destinationPorts: ["*"], reason: "Everything else, the Internet included, is refused" });
  return out;
}

/** One NSG per subnet that takes ours (not AzureBastionSubnet), rules in priority order. */
export function planNsgs(inputs: NsgInputs): NsgPlan[] {
  const nsgs: NsgPlan[] = [];
  for (const subnet of inputs.subnets) {
    if (subnet.nsgName === null) continue;
    const drafts = rulesFor(subnet, inputs);
    const inbound = drafts.map((d, i) => ({
      ...d,
      name: d.name,
      priority: d.access === "Deny" && d.sourcePrefixes[0] === "*" ? DENY_ALL_PRIORITY : 100 + i * 10,
      destinationPrefixes: d.access === "Deny" ? ["*"] : [subnet.cidr],
    }));
    nsgs.push({ name: subnet.nsgName, site: siteOf(subnet), inbound });
  }
  return nsgs;
}

function siteOf(subnet: SubnetPlan): SiteKey {
  return subnet.key.startsWith("secondary-") ? "secondary" : "primary";
}
