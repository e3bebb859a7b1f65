/**
 * The engine's one migration plan: the runbook's steps and the contact lists' after them, from the
 * config, the environment, a source of input files and a sink. Pure apart from reading the contacts
 * fixtures; the sink here is memory, so nothing is written.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planMigration, projectInputs, type MigrationInputs } from "../../migration-jobs/plan";
import type { ContactArtifact } from "../../migration-jobs/contacts";
import { folderRegSource } from "../../migration-jobs/contacts/files";
import { DEFAULT_LAYOUT } from "../../migration-jobs/contacts/layout";
import { planRunbook } from "../../migration-jobs/runbook/planner";
import { runbookOrderProblems } from "../../migration-jobs/runbook/order";
import { UserError } from "../../migration-jobs/common/errors";
import { ENV, config } from "../runbook/fixtures";

const FIXTURES = path.resolve(__dirname, "../contacts/fixtures");
const FOLDER = "/nowhere/contacts";

/** The fixtures as the config's files; which names were asked for is recorded. */
function fixtureInputs(asked: string[] = []): MigrationInputs {
  return {
    regFiles: (dir) => (asked.push(`regs:${dir}`), folderRegSource(path.join(FIXTURES, "regs"))),
    usersCsv: (file) => (asked.push(`users:${file}`), fs.readFileSync(path.join(FIXTURES, "users.csv"), "utf8")),
    layout: (file) => (asked.push(`layout:${file}`), DEFAULT_LAYOUT),
  };
}

function memorySink() {
  const written: ContactArtifact[] = [];
  return { written, sink: { write: async (a: ContactArtifact[]) => void written.push(...a) } };
}

const CONTACTS = { strategy: "gradual-per-user", regDir: "contacts/regs", usersFile: "contacts/users.csv", acceptWarnings: true };

describe.each<[string, Record<string, unknown>]>([
  ["disabled", { enabled: false }],
  ["disabled, with contacts configured", { enabled: false, contacts: CONTACTS }],
  ["enabled without contacts", {}],
])("a migration %s", (_name, overrides) => {
  test("is the runbook planner's plan alone, and writes nothing", async () => {
    const { written, sink } = memorySink();
    const migration = config(overrides);
    const plan = await planMigration({ migration, environment: ENV, inputs: fixtureInputs(), contactsOut: { folder: FOLDER, sink } });
    expect(plan).toEqual({ runbook: planRunbook(migration, ENV), contacts: null });
    expect(written).toEqual([]);
  });
});

describe("a migration with the contact lists", () => {
  const asked: string[] = [];
  const { written, sink } = memorySink();
  const migration = config({ contacts: { ...CONTACTS, layout: "contacts/layout.yaml" } });
  let plan: Awaited<ReturnType<typeof planMigration>>;
  beforeAll(async () => {
    plan = await planMigration({ migration, environment: ENV, inputs: fixtureInputs(asked), contactsOut: { folder: FOLDER, sink } });
  });

  test("reads the files the config names through its inputs", () => {
    expect(asked.sort()).toEqual(["layout:contacts/layout.yaml", "regs:contacts/regs", "users:contacts/users.csv"]);
  });

  test("appends the contacts steps after the runbook's last step, on the first front end, in one valid order", () => {
    const runbook = planRunbook(migration, ENV).steps;
    expect(plan.runbook.steps.slice(0, runbook.length)).toEqual(runbook);
    const contacts = plan.runbook.steps.slice(runbook.length);
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.map((s) => s.id)).toEqual(plan.contacts!.steps);
    expect(contacts[0]!.dependsOn).toEqual([runbook[runbook.length - 1]!.id]);
    expect(plan.runbook.steps.map((s) => s.order)).toEqual(plan.runbook.steps.map((_, i) => i + 1));
    expect(new Set(contacts.map((s) => s.machine))).toEqual(new Set(ENV.frontEnd.servers.map((s) => s.key)));
    expect(runbookOrderProblems(plan.runbook.steps)).toEqual([]);
  });

  test("imports into the Front End pool, from the staging share's contacts folder by default", () => {
    expect(plan.contacts).toMatchObject({ folder: FOLDER, remoteFolder: `${ENV.stagingFolder}\\contacts\\run-1`, strategy: "gradual-per-user" });
    const scripts = plan.runbook.steps.filter((s) => s.id.startsWith("contacts-")).map((s) => s.script ?? "");
    expect(scripts.some((s) => s.includes(ENV.frontEnd.poolFqdn))).toBe(true);
  });

  test("writes its files through the sink only", () => {
    expect(written.map((a) => a.path)).toContain("runbook-steps.json");
    expect(written.some((a) => a.path.endsWith(".zip"))).toBe(true);
  });
});

test("a configured remote folder replaces the default", async () => {
  const remoteFolder = "\\\\files01\\pchat-staging\\contacts";
  const plan = await planMigration({ migration: config({ contacts: { ...CONTACTS, remoteFolder } }), environment: ENV, inputs: fixtureInputs(), contactsOut: { folder: FOLDER, sink: memorySink().sink } });
  expect(plan.contacts!.remoteFolder).toBe(remoteFolder);
});

test("blocking contact-list findings are a user error naming the folder of the window reports", async () => {
  const request = { migration: config({ contacts: { ...CONTACTS, acceptWarnings: false } }), environment: ENV, inputs: fixtureInputs(), contactsOut: { folder: FOLDER, sink: memorySink().sink } };
  const error = await planMigration(request).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).where).toBe("pchat-kit:migration.contacts");
  expect((error as UserError).fix).toContain(FOLDER);
});

test("the copy step's figures, when known at planning time, go to the runbook planner", async () => {
  const migration = config();
  const plan = await planMigration({ migration, environment: ENV, inputs: fixtureInputs(), contactsOut: { folder: FOLDER }, expectedFiles: { count: 3, bytes: 1024 } });
  expect(plan.runbook).toEqual(planRunbook(migration, ENV, { expectedFiles: { count: 3, bytes: 1024 } }));
});

describe.each<[string, (inputs: MigrationInputs) => unknown, RegExp]>([
  ["a user map that cannot be read", (i) => i.usersCsv("missing.csv"), /pchat-kit:migration\.contacts\.usersFile/],
  ["a .reg folder that does not exist", (i) => i.regFiles("missing"), /pchat-kit:migration\.contacts\.regDir folder does not exist/],
])("projectInputs: %s", (_name, read, message) => {
  test("is a user error naming the config key", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-plan-inputs-"));
    try {
      expect(() => read(projectInputs(root))).toThrow(UserError);
      try {
        read(projectInputs(root));
      } catch (e) {
        expect((e as UserError).describe()).toMatch(message);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
