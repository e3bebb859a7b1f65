/**
 * parseKitConfig end to end, and the Pulumi edge readKitConfig. The Pulumi engine is absent here:
 * `pulumi.runtime.setAllConfig` stands in for the stack's config as the CLI would pass it.
 */
import * as pulumi from "@pulumi/pulumi";
import { UserErrors } from "../../migration-jobs/common/errors";
import { CONFIG_KEYS, parseKitConfig, readKitConfig } from "../../src/config";

function problemsOf(raw: Record<string, unknown>): UserErrors {
  try {
    parseKitConfig(raw);
  } catch (e) {
    if (e instanceof UserErrors) return e;
    throw e;
  }
  throw new Error("expected UserErrors");
}

describe("parseKitConfig", () => {
  it("applies every default to an empty config", () => {
    const c = parseKitConfig({});
    expect(c.pool).toMatchObject({ activeServers: 1, sipPort: 5041, multipleComputerPool: true, networkInterfaces: 1 });
    expect(c.volumes.fileStore.fileSystem).toBe("NTFS");
    expect(c.image).toBe("2012-R2-Datacenter");
    expect(c.legacy.mode).toBe("none");
  });

  it("treats undefined as not set (Pulumi's get() returns undefined)", () => {
    expect(parseKitConfig({ pool: undefined }).location).toBe("westeurope");
  });

  it("refuses a key set to null by name (it would silently take its default), with the other problems", () => {
    const e = problemsOf({ location: null, pool: { activeServers: 6 } });
    expect(e.problems.map((p) => [p.where, p.message])).toEqual([
      ["pchat-kit:location", expect.stringContaining("is set to null")],
      ["pchat-kit:pool.activeServers", expect.stringContaining("6 active servers")],
    ]);
  });

  it("accepts the text form `pulumi config set --path` may store for numbers and booleans", () => {
    const c = parseKitConfig({ pool: { activeServers: "2", compliance: "true" }, access: { bastion: "false" } });
    expect([c.pool.activeServers, c.pool.compliance, c.access.bastion]).toEqual([2, true, false]);
  });

  it("lists every problem at once, each naming its key", () => {
    const e = problemsOf({ pool: { activeServers: 6, networkInterfaces: 2 }, volumes: { backup: { fileSystem: "FAT32" } }, sql: { edition: "Web" } });
    expect(e.problems.map((p) => p.where).sort()).toEqual(["pchat-kit:pool.activeServers", "pchat-kit:pool.networkInterfaces", "pchat-kit:sql.edition", "pchat-kit:volumes.backup.fileSystem"]);
    expect(e.describe()).toMatch(/^4 problems:/);
    expect(e.describe()).toMatch(/fix: Set volumes.backup.fileSystem: "NTFS"/);
  });

  it.each([
    [{ pool: { activeServer: 2 } }, "pchat-kit:pool.activeServer", /unknown key/],
    [{ pooll: {} }, "pchat-kit:pooll", /unknown key/],
    [{ pool: { activeServers: "two" } }, "pchat-kit:pool.activeServers", /expected number/],
    [{ sql: { highAvailability: "clustering" } }, "pchat-kit:sql.highAvailability", /./],
    [{ location: "West Europe" }, "pchat-kit:location", /region name/],
    [{ secondaryLocation: "North Europe" }, "pchat-kit:secondaryLocation", /region name/],
    [{ vmSizes: { sql: "E4s v3" } }, "pchat-kit:vmSizes.sql", /VM size/],
    [{ volumes: { fileStore: { sizeGb: 1 } } }, "pchat-kit:volumes.fileStore.sizeGb", /./],
  ])("refuses a malformed shape %j by key", (raw, where, why) => {
    const e = problemsOf(raw);
    expect(e.problems[0]?.where).toBe(where);
    expect(e.problems[0]?.message).toMatch(why);
    expect(e.problems[0]?.fix).toBeTruthy();
  });
});

const SECRET_VALUES: Record<string, string> = {
  adminPassword: "Adm1n-P@ss-7741",
  sqlAdminPassword: "Sq1-P@ss-2290",
  safeModePassword: "Dsrm-P@ss-5512",
  legacyBackupUrl: "https://gc.blob.core.windows.net/bak/GroupChat.bak?sv=2022-11-02&sig=QmFzZTY0U2lnbmF0dXJl",
  lyncMediaUrl: "https://media.blob.core.windows.net/iso/lync2013.iso?sv=2022-11-02&sig=TWVkaWFTaWduYXR1cmU",
  lyncUpdateUrl: "https://media.blob.core.windows.net/cu/LyncServerUpdateInstaller.exe?sv=2022-11-02&sig=VXBkYXRlU2ln",
};

describe.each(CONFIG_KEYS.filter((k) => k.secret).map((k) => [k.name]))("secret %s", (name) => {
  const value = SECRET_VALUES[name] as string;

  it("has a test value", () => expect(value).toBeTruthy());

  it("never enters KitConfig through readKitConfig", () => {
    pulumi.runtime.setAllConfig({ "pchat-kit:pool": JSON.stringify({ activeServers: 2 }), [`pchat-kit:${name}`]: value }, [`pchat-kit:${name}`]);
    const c = readKitConfig();
    expect(c.pool.activeServers).toBe(2);
    expect(JSON.stringify(c)).not.toContain(value);
  });

  it("is refused by name, without its value, if passed as plain config", () => {
    const e = problemsOf({ [name]: value });
    expect(e.problems[0]?.where).toBe(`pchat-kit:${name}`);
    expect(e.describe()).not.toContain(value);
    expect(e.message).not.toContain(value);
  });
});

describe("readKitConfig", () => {
  it("decodes JSON objects, strings and booleans from the stack config and validates them", () => {
    pulumi.runtime.setAllConfig({
      "pchat-kit:location": "northeurope",
      "pchat-kit:allowUnsupportedImagesForLab": "true",
      "pchat-kit:image": "2019-Datacenter",
      "pchat-kit:sql": JSON.stringify({ highAvailability: "mirroring", witness: true }),
    });
    const c = readKitConfig();
    expect(c.location).toBe("northeurope");
    expect(c.allowUnsupportedImagesForLab).toBe(true);
    expect(c.sql.witness).toBe(true);
  });

  it("names the key when a value cannot even be decoded", () => {
    pulumi.runtime.setAllConfig({ "pchat-kit:allowUnsupportedImagesForLab": "yes", "pchat-kit:pool": "{activeServers: 2" });
    try {
      readKitConfig();
      throw new Error("expected UserErrors");
    } catch (e) {
      expect(e).toBeInstanceOf(UserErrors);
      expect((e as UserErrors).problems.map((p) => p.where)).toEqual(["pchat-kit:allowUnsupportedImagesForLab", "pchat-kit:pool"]);
    }
  });

  it("throws UserErrors naming the key on a broken rule", () => {
    pulumi.runtime.setAllConfig({ "pchat-kit:pool": JSON.stringify({ standbyServers: 2 }) });
    expect(() => readKitConfig()).toThrow(/pchat-kit:pool.standbyServers/);
  });
});

describe("the migration key", () => {
  it("is off by default, with the engine's defaults", () => {
    const c = parseKitConfig({});
    expect(c.migration).toMatchObject({ enabled: false, strategy: "immediate", exportLevel: "All", acceptWarnings: false });
    expect(c.migration.gates).toEqual({ legacyServer: null, targetServer: null, trustServerCertificate: false, reportDir: null });
  });

  it("is parsed by the engine's own parser, its problems reported with the other keys' and their own fixes", () => {
    const e = problemsOf({ migration: { enabled: true, strategy: "batched", gates: { legacyServer: "Server=x;Password=p" } }, pool: { sipPort: "five" } });
    const where = e.problems.map((p) => p.where);
    expect(where).toEqual(expect.arrayContaining(["pchat-kit:pool.sipPort", "pchat-kit:migration.gates.legacyServer"]));
    // Cross-field problems come from parseMigrationConfig once the shape is right.
    const e2 = problemsOf({ migration: { enabled: true, strategy: "batched" } });
    const runId = e2.problems.find((p) => p.where === "pchat-kit:migration.runId");
    expect(runId?.fix).toMatch(/run id of lower-case letters/);
    expect(e2.problems.map((p) => p.where)).toContain("pchat-kit:migration.batches");
    // A pasted connection string (with its password) is never echoed.
    expect(e.describe()).not.toContain("Password=p");
  });
});

describe("the migration's contacts job", () => {
  it("is validated by the contacts job's own parser, its errors named under pchat-kit:migration.contacts", () => {
    const e = problemsOf({ migration: { enabled: true, runId: "r-1", contacts: { strategy: "all-at-once", regDir: "regs" } } });
    expect(e.problems.map((p) => p.where)).toEqual(expect.arrayContaining(["pchat-kit:migration.contacts.strategy", "pchat-kit:migration.contacts.usersFile"]));
  });
  it("is null when not configured", () => {
    expect(parseKitConfig({ migration: { enabled: true, runId: "r-1" } }).migration.contacts).toBeNull();
  });
});

describe("unknownKeys (pulumi up's check of the namespace)", () => {
  const { unknownKeys } = require("../../src/config/read") as typeof import("../../src/config/read");
  it("names every pchat-kit key the kit does not know, and only those", () => {
    const errors = unknownKeys({ "pchat-kit:pool": "{}", "pchat-kit:poool": "{}", "azure-native:location": "westeurope" });
    expect(errors.map((e) => e.where)).toEqual(["pchat-kit:poool"]);
    expect(errors[0]!.fix).toMatch(/pulumi config rm/);
  });
});
