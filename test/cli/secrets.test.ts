/**
 * Secrets are never echoed, whatever the input (issue 9): every class of input that leaked a password
 * before, run through the real command line (`runCli`, in-process, with an in-memory Io) and checked
 * with sentinel values: no `S3ntinel` may appear on stdout, on stderr, in any file written, nor in the
 * name of any file or folder created.
 * Stand-ins: SQL Server is absent here, so (1) live connections go to 127.0.0.1 port 1, which refuses
 * at once (the real mssql driver runs), and (2) for `snapshot --from` a database that must answer,
 * `openMssql` is replaced by the fake connection of test/readers/fake-sql.ts when the server is
 * `sql01\RTC` (any other server still goes through the real driver).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bufferIo } from "../../migration-jobs/common/io";
import { analyze } from "../../migration-jobs/analysis";
import { sampleSource } from "../../migration-jobs/sample";
import { openSnapshot, writeSnapshot } from "../../migration-jobs/snapshot";
import { simulateImport } from "../../migration-jobs/verification";
import { serverLabel, type SqlSettings } from "../../migration-jobs/readers/settings";
import * as Q from "../../migration-jobs/readers/queries/inventory";
import { runCli } from "../../src/cli/main";
import { fakeSql, legacyAnswers, LYNC2010_COLUMNS } from "../readers/fake-sql";

jest.mock("../../migration-jobs/readers/connection", () => {
  const actual = jest.requireActual("../../migration-jobs/readers/connection");
  const fake = jest.requireActual("../readers/fake-sql");
  const settings = jest.requireActual("../../migration-jobs/readers/settings");
  const q = jest.requireActual("../../migration-jobs/readers/queries/inventory");
  return {
    ...actual,
    openMssql: async (s: SqlSettings, hooks: unknown) =>
      settings.serverLabel(s) === "sql01\\RTC" ? fake.fakeSql(fake.legacyAnswers(fake.LYNC2010_COLUMNS, q.PRINCIPALS_LYNC2010_SQL), s.database, settings.serverLabel(s)) : actual.openMssql(s, hooks),
  };
});
// Keeps the imports above honest for the type checker (the mock factory cannot close over them).
void [fakeSql, legacyAnswers, LYNC2010_COLUMNS, Q, serverLabel];

const SENTINEL = /S3ntinel/;
const ROOT = path.resolve(__dirname, "../..");
const FIX = path.join(ROOT, "test", "contacts", "fixtures");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-secrets-"));
const cwd = process.cwd();
// Fixed now: the tables below are built before beforeAll runs.
const legacySnap = path.join(tmp, "legacy");
const targetSnap = path.join(tmp, "target");

beforeAll(async () => {
  await writeSnapshot(sampleSource({ scale: "small", seed: 1 }), legacySnap);
  const legacy = await openSnapshot(legacySnap);
  const analysis = await analyze(legacy);
  await writeSnapshot(simulateImport(analysis, legacy, { description: "simulated mgc" }), targetSnap);
  await legacy.close();
  // Relative paths (`--out Server=...`) would land here: nothing may be created under this folder.
  fs.mkdirSync(path.join(tmp, "cwd"));
  process.chdir(path.join(tmp, "cwd"));
}, 60_000);
afterAll(() => {
  process.chdir(cwd);
  fs.rmSync(tmp, { recursive: true, force: true });
});

function everything(dir: string): Array<{ name: string; text: string }> {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? [{ name: p, text: "" }, ...everything(p)] : [{ name: p, text: fs.readFileSync(p, "latin1") + fs.readFileSync(p, "utf16le") }];
  });
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

/** The sentinel is nowhere: not in the output, not in a file's name or content under the test folder. */
function expectNoSentinel(r: { out: string; err: string }): void {
  expect(r.out).not.toMatch(SENTINEL);
  expect(r.err).not.toMatch(SENTINEL);
  const leaks = everything(tmp).filter((f) => SENTINEL.test(f.name) || SENTINEL.test(f.text)).map((f) => f.name);
  expect(leaks).toEqual([]);
}

// Fast failures: port 1 on the loopback refuses at once, and no retry.
const LIVE = "Server=127.0.0.1,1;Database=GroupChat;User Id=sa;Encrypt=false;Connect Timeout=2;ConnectRetryCount=0";

describe("class: a password containing ';' in an ADO connection string", () => {
  const forms: Array<[string, string]> = [
    ["double-quoted", `${LIVE};Password="S3ntinel-PW-1;S3ntinel-PW-2"`],
    ["double-quoted, quote doubled inside", `${LIVE};Password="S3ntinel-PW-1;""S3ntinel-PW-2"`],
    ["single-quoted", `${LIVE};Password='S3ntinel-PW-1;S3ntinel-PW-2'`],
    ["braced Pwd", `${LIVE};Pwd={S3ntinel-PW-1;S3ntinel-PW-2}`],
    ["bare", `${LIVE};Password=S3ntinel-PW-1;S3ntinel-PW-2`],
    ["bare, then a part with =", `${LIVE};Password=S3ntinel-PW-1;S3ntinel-PW-2=S3ntinel-PW-3`],
    ["bare, first in the string", `Password=S3ntinel-PW-1;S3ntinel-PW-2;${LIVE}`],
    ["quote never closed", `${LIVE};Password="S3ntinel-PW-1;S3ntinel-PW-2`],
  ];
  const commands: Array<[string, (cs: string) => string[]]> = [
    ["analyze --legacy", (cs) => ["analyze", "--legacy", cs, "--json", "--report", path.join(tmp, "r-semi")]],
    ["verify --target", (cs) => ["verify", "--legacy", legacySnap, "--target", cs, "--json"]],
    ["snapshot --from", (cs) => ["snapshot", "--from", cs, "--to", path.join(tmp, "s-semi"), "--json"]],
    ["rehearse --legacy", (cs) => ["rehearse", "--legacy", cs, "--out", path.join(tmp, "o-semi"), "--json"]],
  ];
  const cases = forms.flatMap(([form, cs]) => commands.map(([cmd, argv]) => [`${cmd}, ${form}`, argv(cs)] as const));

  it.each(cases)("%s: exit 2, the option or server named, no sentinel", async (_name, argv) => {
    const r = await run([...argv]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^error: (--legacy|--target|--from|127\.0\.0\.1,1\/GroupChat): /m);
    expectNoSentinel(r);
  }, 30_000);
});

describe("class: URL-form connection strings", () => {
  const forms = [
    "mssql://sa:S3ntinel-PW@sql01/GroupChat",
    "sqlserver://sa:S3ntinel-PW@sql01:1433/mgc",
    "mssql://sa:S3ntinel@PW:x/y@sql01/GroupChat",
    "mssql://:S3ntinel-PW@sql01/GroupChat",
    "MSSQL://CONTOSO%5Csvc:S3ntinel-PW@sql01/GroupChat?encrypt=true",
  ];
  const commands: Array<[string, (cs: string) => string[]]> = [
    ["analyze --legacy", (cs) => ["analyze", "--legacy", cs]],
    ["analyze --target", (cs) => ["analyze", "--legacy", legacySnap, "--target", cs, "--json"]],
    ["verify --legacy", (cs) => ["verify", "--legacy", cs, "--target", targetSnap]],
    ["snapshot --from", (cs) => ["snapshot", "--from", cs, "--to", path.join(tmp, "s-url")]],
    ["rehearse --legacy", (cs) => ["rehearse", "--legacy", cs, "--out", path.join(tmp, "o-url")]],
  ];
  const cases = forms.flatMap((cs) => commands.map(([cmd, argv]) => [`${cmd} ${cs.slice(0, 12)}...`, argv(cs), cmd.split(" ")[1]!] as const));

  it.each(cases)("%s: exit 2, refused as URL form by option, no sentinel", async (_name, argv, option) => {
    const r = await run([...argv]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: ${option}: is a URL-form connection string`);
    expectNoSentinel(r);
  });
});

describe("class: a connection string given to the wrong option", () => {
  const forms: Array<[string, string]> = [
    ["ADO, bare ';' password", "Server=sql01;Database=GroupChat;User Id=sa;Password=S3ntinel-PW-1;S3ntinel-PW-2"],
    ["ADO, quoted", 'Server=sql01;Database=GroupChat;User Id=sa;Password="S3ntinel-PW-1;S3ntinel-PW-2"'],
    ["ADO, braced Pwd", "Server=sql01;Pwd={S3ntinel-PW-1;S3ntinel-PW-2}"],
    ["URL", "mssql://sa:S3ntinel-PW@sql01/GroupChat"],
  ];
  const regs = path.join(FIX, "regs");
  const users = path.join(FIX, "users.csv");
  const contacts = (o: string) => ["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", regs, "--users", users, "--out", path.join(tmp, "c-out"), o];
  // [option, argv builder]: every option of every command that is not a connection-string option.
  const options: Array<[string, (cs: string) => string[]]> = [
    ["plan --stack", (cs) => ["plan", "--stack", cs]],
    ["plan --config-file", (cs) => ["plan", "--stack", "lab", "--config-file", cs]],
    ["rehearse --stack", (cs) => ["rehearse", "--stack", cs]],
    ["rehearse --config-file", (cs) => ["rehearse", "--config-file", cs]],
    ["rehearse --out", (cs) => ["rehearse", "--out", cs]],
    ["rehearse --cutoff", (cs) => ["rehearse", "--cutoff", cs]],
    ["rehearse --scale", (cs) => ["rehearse", "--scale", cs]],
    ["rehearse --seed", (cs) => ["rehearse", "--seed", cs]],
    ["snapshot --to", (cs) => ["snapshot", "--from", LIVE + ";Password=x", "--to", cs]],
    ["sample --out", (cs) => ["sample", "--scale", "small", "--out", cs]],
    ["sample --sql", (cs) => ["sample", "--scale", "small", "--out", path.join(tmp, "smp"), "--sql", cs]],
    ["sample --scale", (cs) => ["sample", "--scale", cs, "--out", path.join(tmp, "smp")]],
    ["sample --seed", (cs) => ["sample", "--scale", "small", "--seed", cs, "--out", path.join(tmp, "smp")]],
    ["analyze --cutoff", (cs) => ["analyze", "--legacy", legacySnap, "--cutoff", cs]],
    ["analyze --report", (cs) => ["analyze", "--legacy", legacySnap, "--report", cs]],
    ["analyze --separator", (cs) => ["analyze", "--legacy", legacySnap, "--separator", cs]],
    ["verify --cutoff", (cs) => ["verify", "--legacy", legacySnap, "--target", targetSnap, "--cutoff", cs]],
    ["verify --report", (cs) => ["verify", "--legacy", legacySnap, "--target", targetSnap, "--report", cs]],
    ["contacts --reg-dir", (cs) => ["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", cs, "--users", users, "--out", path.join(tmp, "c-out")]],
    ["contacts --users", (cs) => ["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", regs, "--users", cs, "--out", path.join(tmp, "c-out")]],
    ["contacts --out", (cs) => ["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", regs, "--users", users, "--out", cs]],
    ["contacts --strategy", (cs) => ["contacts", "plan", "--strategy", cs, "--reg-dir", regs, "--users", users, "--out", path.join(tmp, "c-out")]],
    ["contacts --layout", (cs) => [...contacts("--layout"), cs]],
    ["contacts --format", (cs) => [...contacts("--format"), cs]],
    ["contacts --pool-fqdn", (cs) => [...contacts("--pool-fqdn"), cs]],
    ["contacts --front-ends", (cs) => [...contacts("--front-ends"), cs]],
    ["contacts --remote-folder", (cs) => [...contacts("--remote-folder"), cs]],
    ["contacts --run-id", (cs) => [...contacts("--run-id"), cs]],
    ["contacts --batch-size", (cs) => [...contacts("--batch-size"), cs]],
    ["inline --opt=value", (cs) => ["analyze", "--legacy", legacySnap, `--cutoff=${cs}`]],
  ];
  const cases = forms.flatMap(([form, cs]) => options.map(([opt, argv]) => [`${opt}, ${form}`, argv(cs), opt.split(" ")[1]!.replace(/=value$/, "")] as const));

  it.each(cases)("%s: exit 2 naming the option, nothing created, no sentinel", async (_name, argv, option) => {
    const r = await run([...argv]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    const named = option === "--opt" ? "--cutoff" : option;
    expect(r.err).toContain(`error: ${named}: holds a connection string or a password, which this option does not take`);
    expectNoSentinel(r);
    expect(fs.readdirSync(path.join(tmp, "cwd"))).toEqual([]);
  });
});

describe("class: connection details carried in a snapshot manifest, printed by --json and written in reports", () => {
  const poisons: Array<[string, (src: Record<string, unknown>) => void]> = [
    ["server holds an ADO string with a ';' password", (s) => (s.server = "Server=h;Password=S3ntinel-PW-1;S3ntinel-PW-2")],
    ["database holds a quoted password", (s) => (s.database = 'GroupChat;Password="S3ntinel-PW-1;S3ntinel-PW-2"')],
    ["server holds a URL-form string", (s) => (s.server = "mssql://sa:S3ntinel-PW@h/db")],
    ["schema evidence holds a braced Pwd", (s) => (s.schemaEvidence = ["Pwd={S3ntinel-PW-1;S3ntinel-PW-2}"])],
  ];

  function poisoned(name: string, poison: (src: Record<string, unknown>) => void): string {
    const dir = path.join(tmp, `poison-${name.replace(/\W+/g, "-")}`);
    fs.cpSync(legacySnap, dir, { recursive: true });
    const file = path.join(dir, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { source: Record<string, unknown> };
    poison(manifest.source);
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
    return dir;
  }

  // The poisoned manifests themselves hold the sentinel: check the outputs, and the files each command wrote.
  function expectClean(r: { out: string; err: string }, outDir: string): void {
    expect(r.out).not.toMatch(SENTINEL);
    expect(r.err).not.toMatch(SENTINEL);
    expect(everything(outDir).filter((f) => SENTINEL.test(f.name) || SENTINEL.test(f.text)).map((f) => f.name)).toEqual([]);
  }

  it.each(poisons)("analyze --json --report: %s", async (name, poison) => {
    const dir = poisoned(name, poison);
    const report = path.join(tmp, `report-a-${name.length}`);
    const r = await run(["analyze", "--legacy", dir, "--json", "--report", report]);
    expect([0, 1]).toContain(r.code);
    expect(() => JSON.parse(r.out)).not.toThrow();
    expect(fs.readdirSync(report).sort()).toEqual(["analysis.html", "analysis.json", "analysis.md"]);
    expectClean(r, report);
  });

  it.each(poisons)("verify --json --report: %s", async (name, poison) => {
    const dir = poisoned(name, poison);
    const report = path.join(tmp, `report-v-${name.length}`);
    const r = await run(["verify", "--legacy", dir, "--target", targetSnap, "--json", "--report", report]);
    expect([0, 1]).toContain(r.code);
    expect(() => JSON.parse(r.out)).not.toThrow();
    expectClean(r, report);
  });

  it.each([
    ["a database name with a ';' password", 'Server=sql01\\RTC;Database="GroupChat;Password=S3ntinel-PW-1;S3ntinel-PW-2";User Id=sa;Password=S3ntinel-PW-0'],
    ["a database name with a URL-form string", "Server=sql01\\RTC;Database=mssql://sa:S3ntinel-PW@h/db;User Id=sa;Password=S3ntinel-PW-0"],
  ])("snapshot --json: %s, in the output and in the manifest written", async (_name, from) => {
    const to = path.join(tmp, `snap-${from.length}`);
    const r = await run(["snapshot", "--from", from, "--to", to, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ source: { kind: "lync2010", server: "sql01\\RTC" } });
    expectClean(r, to);
  });
});
