/**
 * DNS A records (domain §6.4): one per server FQDN, and for a pool one record set pointing the pool
 * FQDN at every member's IP. A pool whose FQDN is a server's own (Standard Edition) adds nothing.
 */
import type { DnsRecordPlan, ServerPlan } from "./plan";

export interface PoolName {
  fqdn: string;
  addresses: string[];
}

export function planDns(zone: string, servers: ServerPlan[], pools: PoolName[]): DnsRecordPlan[] {
  const records: DnsRecordPlan[] = servers.map((s) => ({ zone, name: s.computerName, type: "A", addresses: [s.privateIp] }));
  for (const pool of pools) {
    if (records.some((r) => `${r.name}.${r.zone}` === pool.fqdn)) continue;
    // A pool FQDN outside the AD zone (e.g. a split-brain SIP domain) goes into its own parent zone.
    const recordZone = pool.fqdn.endsWith(`.${zone}`) ? zone : pool.fqdn.slice(pool.fqdn.indexOf(".") + 1);
    records.push({ zone: recordZone, name: pool.fqdn.slice(0, pool.fqdn.length - recordZone.length - 1), type: "A", addresses: pool.addresses });
  }
  return records;
}
