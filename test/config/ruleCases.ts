/** The rule table: for each rule, a config that follows it, one that breaks it, and the key named. */
import * as rules from "../../src/config/rules";
import type { Rule } from "../../src/config/rules";

export type Case = [name: string, rule: Rule, passing: Record<string, unknown>, failing: Record<string, unknown>, where: string, mentions: RegExp];

const stretched = { secondaryLocation: "northeurope", pool: { stretched: true, standbyServers: 4, activeServers: 4 }, sql: { disasterRecovery: "log-shipping" } };

export const CASES: Case[] = [
  // pool (domain §5)
  ["at most 4 active servers", rules.checkActiveServers, { pool: { activeServers: 4 } }, { pool: { activeServers: 5 } }, "pool.activeServers", /1 to 4/],
  ["at least 1 active server", rules.checkActiveServers, { pool: { activeServers: 1 } }, { pool: { activeServers: 0 } }, "pool.activeServers", /1 to 4/],
  ["at most 8 servers with standby", rules.checkPoolTotal, { pool: { activeServers: 4, standbyServers: 4 } }, { pool: { activeServers: 4, standbyServers: 5 } }, "pool.standbyServers", /at most 8/],
  ["standby only in a stretched pool", rules.checkStandbyNeedsStretched, stretched, { pool: { standbyServers: 2 } }, "pool.standbyServers", /not stretched/],
  ["always a multiple-computer pool", rules.checkMultipleComputerPool, { pool: { multipleComputerPool: true } }, { pool: { multipleComputerPool: false } }, "pool.multipleComputerPool", /never get a second server/],
  ["no collocation with Enterprise Edition", rules.checkNoEnterpriseCollocation, { frontEnd: { edition: "Enterprise", servers: 2 } }, { pool: { collocatedWithFrontEnd: true }, frontEnd: { edition: "Enterprise", servers: 2 } }, "pool.collocatedWithFrontEnd", /Enterprise Edition/],
  ["Standard collocation has no HA", rules.checkStandardCollocation, { pool: { collocatedWithFrontEnd: true } }, { pool: { collocatedWithFrontEnd: true }, sql: { highAvailability: "mirroring" } }, "pool.collocatedWithFrontEnd", /no high availability/],
  ["Standard collocation: pool FQDN is the server FQDN", rules.checkStandardCollocation, { pool: { collocatedWithFrontEnd: true, fqdn: "pckfe101.contoso.local" } }, { pool: { collocatedWithFrontEnd: true, fqdn: "pchat.contoso.local" } }, "pool.fqdn", /differs/],
  ["no migration into a collocated Standard Edition server", rules.checkCollocatedMigration, { pool: { collocatedWithFrontEnd: true } }, { pool: { collocatedWithFrontEnd: true }, legacy: { mode: "provisioned", product: "lync2010" } }, "pool.collocatedWithFrontEnd", /Lync 2010 Group Chat.*not supported/],
  ["no multi-homed NICs", rules.checkSingleNic, { pool: { networkInterfaces: 1 } }, { pool: { networkInterfaces: 2 } }, "pool.networkInterfaces", /multi-homed/],
  ["active servers in the next-hop time zone", rules.checkTimeZone, { pool: { timeZone: "W. Europe Standard Time" } }, { pool: { timeZone: "GMT Standard Time" } }, "pool.timeZone", /next-hop Front End pool/],
  ["time zones are Windows ids (tzutil /l)", rules.checkTimeZoneIds, { frontEnd: { timeZone: "Eastern Standard Time" }, pool: { timeZone: "Eastern Standard Time" } }, { frontEnd: { timeZone: "Europe/Berlin" } }, "frontEnd.timeZone", /IANA time zone name/],
  ["SIP port not taken", rules.checkSipPort, { pool: { sipPort: 5041 } }, { pool: { sipPort: 5061 } }, "pool.sipPort", /5061/],
  ["stretched pool needs a second region", rules.checkStretchedSites, stretched, { pool: { stretched: true } }, "secondaryLocation", /second datacentre/],
  ["second region differs", rules.checkStretchedSites, stretched, { ...stretched, secondaryLocation: "westeurope" }, "secondaryLocation", /same region/],
  // SQL (domain §6.3, §6.4)
  ["SQL 2012 supported, 2019 only with the lab opt-out", rules.checkSqlVersion, { sql: { version: "2019" }, allowUnsupportedImagesForLab: true }, { sql: { version: "2019" } }, "sql.version", /not supported/],
  ["SQL 2008 R2 has no marketplace image", rules.checkSqlVersion, { sql: { version: "2012" } }, { sql: { version: "2008R2" } }, "sql.version", /marketplace/],
  ["unknown SQL version", rules.checkSqlVersion, { sql: { version: "2012" } }, { sql: { version: "2000" } }, "sql.version", /unknown/],
  ["no SQL Express", rules.checkSqlEdition, { sql: { edition: "Standard" } }, { sql: { edition: "Express" } }, "sql.edition", /Express edition is not supported/],
  ["no SQL Web or Workgroup", rules.checkSqlEdition, { sql: { edition: "Enterprise" } }, { sql: { edition: "Workgroup" } }, "sql.edition", /Workgroup/],
  ["Developer edition only with the lab opt-out", rules.checkSqlEdition, { sql: { edition: "Developer" }, allowUnsupportedImagesForLab: true }, { sql: { edition: "Developer" } }, "sql.edition", /not licensed/],
  ["witness only with mirroring", rules.checkWitnessNeedsMirroring, { sql: { highAvailability: "mirroring", witness: true } }, { sql: { witness: true } }, "sql.witness", /without mirroring/],
  ["log shipping only with a stretched pool", rules.checkLogShippingWithStretched, stretched, { sql: { disasterRecovery: "log-shipping" } }, "sql.disasterRecovery", /only a stretched pool/],
  ["a stretched pool needs log shipping", rules.checkLogShippingWithStretched, stretched, { ...stretched, sql: { disasterRecovery: "none" } }, "sql.disasterRecovery", /without log shipping/],
  ["compliance store needs compliance on", rules.checkComplianceStoreNeedsCompliance, { pool: { compliance: true }, sql: { complianceStore: "own-instance" } }, { sql: { complianceStore: "own-instance" } }, "sql.complianceStore", /compliance is off/],
  // Warnings, not errors (test/config/severity.test.ts): sharing is supported, standalone recommended.
  ["mgc and mgccomp on one instance: warned", rules.checkOneDatabasePerInstance, { pool: { compliance: true } }, { pool: { compliance: true }, sql: { complianceStore: "store-instance" } }, "sql.complianceStore", /share one SQL instance: supported/],
  ["mgc and mgccomp on the back-end instance: warned", rules.checkOneDatabasePerInstance, { pool: { compliance: true }, frontEnd: { edition: "Enterprise" }, sql: { storePlacement: "front-end-back-end" } }, { pool: { compliance: true }, frontEnd: { edition: "Enterprise" }, sql: { storePlacement: "front-end-back-end", complianceStore: "front-end-back-end" } }, "sql.complianceStore", /back-end instance: supported/],
  ["back-end placement needs Enterprise Edition", rules.checkBackEndPlacement, { frontEnd: { edition: "Enterprise" }, sql: { storePlacement: "front-end-back-end" } }, { sql: { storePlacement: "front-end-back-end" } }, "sql.storePlacement", /Standard Edition Front End/],
  ["SQL instance name", rules.checkSqlInstanceName, { sql: { instanceName: "PCHAT" } }, { sql: { instanceName: "P CHAT" } }, "sql.instanceName", /not a SQL Server instance name/],
  ["SQL port", rules.checkSqlPort, { sql: { port: 1433 } }, { sql: { port: 70000 } }, "sql.port", /not a TCP port/],
  // platform (domain §6.2, §6.4)
  ["OS 2012 R2 supported, 2022 only with the lab opt-out", rules.checkOsImage, { image: "2022-datacenter-g2", allowUnsupportedImagesForLab: true }, { image: "2022-datacenter-g2" }, "image", /not supported by Lync Server 2013/],
  ["2008 R2 SP1 is not in the marketplace", rules.checkOsImage, { image: "2012-Datacenter" }, { image: "2008-R2-SP1" }, "image", /not in the Azure marketplace/],
  ["image outside the allow-list", rules.checkOsImage, { image: "2012-R2-Datacenter" }, { image: "ubuntu-22.04" }, "image", /allow-list/],
  ["FAT32 is refused", rules.checkVolumesNtfs, { volumes: { fileStore: { fileSystem: "NTFS" } } }, { volumes: { fileStore: { fileSystem: "FAT32" } } }, "volumes.fileStore.fileSystem", /FAT32 is not supported/],
  ["ReFS is refused too", rules.checkVolumesNtfs, { volumes: { sqlData: { fileSystem: "ntfs" } } }, { volumes: { sqlData: { fileSystem: "ReFS" } } }, "volumes.sqlData.fileSystem", /must be NTFS/],
  ["computer names at most 15 characters", rules.checkComputerNames, { prefix: "contoso" }, { prefix: "contoso1" }, "prefix", /16 characters/],
  ["multiple-computer pools need a UNC file store", rules.checkUncFileStore, { fileStore: { kind: "azure-files" } }, { fileStore: { kind: "local-path" } }, "fileStore.kind", /UNC/],
  ["Azure Files needs AD DS auth", rules.checkAzureFilesAuth, { fileStore: { kind: "azure-files" } }, { fileStore: { kind: "azure-files", adAuthentication: false } }, "fileStore.adAuthentication", /storage key/],
  ["admin name Azure accepts", rules.checkAdminUsername, { adminUsername: "lyncadmin" }, { adminUsername: "Administrator" }, "adminUsername", /reserved/],
  // network
  ["CIDRs are well formed", rules.checkCidrSyntax, {}, { network: { primary: { subnets: { lync: "10.40.1.7/24" } } } }, "network.primary.subnets.lync", /host bits/],
  ["subnets inside the address space", rules.checkSubnetsInsideAddressSpace, {}, { network: { primary: { subnets: { sql: "10.50.2.0/24" } } } }, "network.primary.subnets.sql", /outside/],
  ["no overlapping subnets", rules.checkNoOverlap, {}, { network: { primary: { subnets: { sql: "10.40.1.0/25" } } } }, "network.primary.subnets.sql", /overlaps network.primary.subnets.lync/],
  ["no overlapping peered sites", rules.checkNoOverlap, stretched, { ...stretched, network: { secondary: { addressSpace: "10.40.0.0/16" } } }, "network.secondary.addressSpace", /overlaps network.primary.addressSpace/],
  ["Bastion subnet /26 or larger", rules.checkBastionSubnetSize, { network: { primary: { subnets: { bastion: "10.40.254.0/24" } } } }, { network: { primary: { subnets: { bastion: "10.40.255.0/27" } } } }, "network.primary.subnets.bastion", /\/26/],
  ["operator CIDRs are private ranges", rules.checkOperatorCidrsPrivate, { access: { sqlOperatorCidrs: ["10.99.0.0/24"] } }, { access: { sqlOperatorCidrs: ["0.0.0.0/0"] } }, "access.sqlOperatorCidrs[0]", /Internet/],
  // domain, front end, legacy
  ["domain names", rules.checkDomainNames, { domain: { fqdn: "corp.contoso.com", netbiosName: "CORP" } }, { domain: { netbiosName: "CONTOSOLYNCLABNET" } }, "domain.netbiosName", /at most 15/],
  ["an existing domain needs its DNS servers", rules.checkDomainMode, { domain: { mode: "existing", dnsServers: ["10.1.0.4"] } }, { domain: { mode: "existing" } }, "domain.dnsServers", /DNS servers/],
  ["a new forest brings its own DNS", rules.checkDomainMode, { domain: { mode: "new-forest" } }, { domain: { mode: "new-forest", dnsServers: ["10.1.0.4"] } }, "domain.dnsServers", /new forest/],
  ["a Standard Edition pool is one server", rules.checkFrontEndServers, { frontEnd: { edition: "Enterprise", servers: 3 } }, { frontEnd: { servers: 2 } }, "frontEnd.servers", /Standard Edition pool/],
  ["an existing legacy side needs its data source", rules.checkLegacySide, { legacy: { mode: "existing", dataSource: "gcsql.contoso.local" } }, { legacy: { mode: "existing" } }, "legacy.dataSource", /data source/],
  ["a provisioned legacy SQL version exists", rules.checkLegacySide, { legacy: { mode: "provisioned" } }, { legacy: { mode: "provisioned", sqlVersion: "2008R2" } }, "legacy.sqlVersion", /marketplace/],
  ["an existing legacy side shares the forest", rules.checkLegacySameForest, { legacy: { mode: "existing", dataSource: "gc" }, domain: { mode: "existing", dnsServers: ["10.1.0.4"] } }, { legacy: { mode: "existing", dataSource: "gc" } }, "domain.mode", /same|share its forest/],
  ["pool FQDN is a DNS name", rules.checkPoolFqdn, { pool: { fqdn: "pchat.contoso.local" } }, { pool: { fqdn: "pchat pool" } }, "pool.fqdn", /not a fully qualified/],
  ["pool FQDN differs from the Front End pool's", rules.checkPlannedFqdnClashes, { pool: { fqdn: "pchat.contoso.local" }, frontEnd: { fqdn: "lync.contoso.local" } }, { pool: { fqdn: "lync.contoso.local" }, frontEnd: { fqdn: "lync.contoso.local" } }, "pool.fqdn", /would both be lync\.contoso\.local/],
  ["pool FQDN differs from the Front End pool's default", rules.checkPlannedFqdnClashes, { pool: { fqdn: "pchat.contoso.local" } }, { pool: { fqdn: "pckfe101.contoso.local" } }, "pool.fqdn", /would both be pckfe101\.contoso\.local .*frontEnd\.fqdn is not set, so it defaults/],
  ["installing Lync into an existing domain names its CA", rules.checkLyncCertificateAuthority, { lync: { install: true, certificateAuthority: "ca01.corp.contoso.com\\Contoso CA" }, domain: { mode: "existing", dnsServers: ["10.1.0.4"] } }, { lync: { install: true }, domain: { mode: "existing", dnsServers: ["10.1.0.4"] } }, "lync.certificateAuthority", /existing domain needs its enterprise CA/],
  ["a new forest brings its own CA", rules.checkLyncCertificateAuthority, { lync: { install: true } }, { lync: { install: true, certificateAuthority: "ca01.contoso.local\\X" } }, "lync.certificateAuthority", /kit's own enterprise CA/],
  ["OU inside the domain", rules.checkOuPath, { domain: { ouPath: "OU=Lync, OU=Servers,DC=contoso,DC=local" } }, { domain: { ouPath: "OU=Lync,DC=fabrikam,DC=com" } }, "domain.ouPath", /not an OU of contoso.local/],
];

