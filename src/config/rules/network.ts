/** Rules of the address plan: valid CIDRs, subnets inside their VNet, no overlap (peered sites included). */
import type { UserError } from "../../../migration-jobs/common/errors";
import { cidrProblem, contains, overlaps, parseCidr, type Cidr } from "../cidr";
import type { KitConfig } from "../schema";
import { problem, type Rule } from "./problem";

interface NamedBlock {
  path: string;
  text: string;
}

type SiteName = "primary" | "secondary";
type SubnetName = keyof KitConfig["network"]["primary"]["subnets"];

/** The subnets a topology uses (the legacy and bastion subnets only when those are on). */
export function subnetsInUse(c: KitConfig, site: SiteName): SubnetName[] {
  const names: SubnetName[] = ["infrastructure", "lync", "sql"];
  if (site === "primary" && c.legacy.mode === "provisioned") names.push("legacy");
  if (site === "primary" && c.access.bastion) names.push("bastion");
  return names;
}

export function sitesInUse(c: KitConfig): SiteName[] {
  return c.pool.stretched ? ["primary", "secondary"] : ["primary"];
}

function blocks(c: KitConfig): { spaces: NamedBlock[]; subnets: (NamedBlock & { site: SiteName })[] } {
  const spaces: NamedBlock[] = [];
  const subnets: (NamedBlock & { site: SiteName })[] = [];
  for (const site of sitesInUse(c)) {
    const net = c.network[site];
    spaces.push({ path: `network.${site}.addressSpace`, text: net.addressSpace });
    for (const name of subnetsInUse(c, site)) subnets.push({ site, path: `network.${site}.subnets.${name}`, text: net.subnets[name] });
  }
  return { spaces, subnets };
}

// Every block written is checked, also of a site or subnet not in use yet: a typo must not wait for the day it is used.
export const checkCidrSyntax: Rule = (c) => {
  const sites: SiteName[] = ["primary", "secondary"];
  const written = sites.flatMap((site) => [
    { path: `network.${site}.addressSpace`, text: c.network[site].addressSpace },
    ...(Object.keys(c.network[site].subnets) as SubnetName[]).map((name) => ({ path: `network.${site}.subnets.${name}`, text: c.network[site].subnets[name] })),
  ]);
  const all = [...written, ...c.access.sqlOperatorCidrs.map((text, i) => ({ path: `access.sqlOperatorCidrs[${i}]`, text }))];
  return all.flatMap((b) => {
    const why = cidrProblem(b.text);
    return why ? [problem(b.path, why, "Write the network address and prefix, e.g. 10.40.1.0/24.")] : [];
  });
};

export const checkSubnetsInsideAddressSpace: Rule = (c) => {
  const out: UserError[] = [];
  for (const s of blocks(c).subnets) {
    const space = parseCidr(c.network[s.site].addressSpace);
    const subnet = parseCidr(s.text);
    if (space && subnet && !contains(space, subnet))
      out.push(problem(s.path, `${s.text} is outside the site's address space ${c.network[s.site].addressSpace}`, `Choose a subnet inside ${c.network[s.site].addressSpace}.`));
  }
  return out;
};

// Peered VNets and subnets of one VNet must not overlap, or Azure refuses the peering or the subnet.
export const checkNoOverlap: Rule = (c) => {
  const { spaces, subnets } = blocks(c);
  const out: UserError[] = [];
  const pairs = (list: NamedBlock[]) => {
    const parsed = list.map((b) => ({ ...b, cidr: parseCidr(b.text) })).filter((b): b is NamedBlock & { cidr: Cidr } => b.cidr !== null);
    for (let i = 0; i < parsed.length; i++)
      for (let j = i + 1; j < parsed.length; j++) {
        const a = parsed[i] as NamedBlock & { cidr: Cidr };
        const b = parsed[j] as NamedBlock & { cidr: Cidr };
        if (overlaps(a.cidr, b.cidr)) out.push(problem(b.path, `${b.text} overlaps ${a.path} (${a.text})`, `Give ${b.path} a range that does not overlap ${a.text}.`));
      }
  };
  pairs(spaces);
  pairs(subnets);
  return out;
};

// engineering notes: AzureBastionSubnet must be /26 or larger.
export const checkBastionSubnetSize: Rule = (c) => {
  if (!c.access.bastion) return [];
  const subnet = parseCidr(c.network.primary.subnets.bastion);
  return subnet && subnet.prefix > 26
    ? [problem("network.primary.subnets.bastion", `${c.network.primary.subnets.bastion} is smaller than the /26 Azure Bastion needs`, "Give AzureBastionSubnet a /26 or larger, e.g. 10.40.255.0/26.")]
    : [];
};

// Operators reach SQL from private ranges only: nothing from the Internet but Bastion (issue 2).
export const checkOperatorCidrsPrivate: Rule = ({ access }) =>
  access.sqlOperatorCidrs.flatMap((text, i) => {
    const c = parseCidr(text);
    return c && c.prefix < 8
      ? [problem(`access.sqlOperatorCidrs[${i}]`, `${text} would open SQL Server to a large part of the Internet`, "List only the operators' private ranges (VPN, jump hosts), or use Bastion tunnelling.")]
      : [];
  });

export const NETWORK_RULES: Rule[] = [checkCidrSyntax, checkSubnetsInsideAddressSpace, checkNoOverlap, checkBastionSubnetSize, checkOperatorCidrsPrivate];
