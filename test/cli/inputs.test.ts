/**
 * User mistakes are exit 2 with the key or file named, never exit 3 (issue 9), through the real
 * command line (`runCli`, in-process, with an in-memory Io), one table per class: a folder where a
 * file is expected and the reverse (every file and folder option, and the snapshot's own files), YAML
 * that trips the parser's safety limits, malformed NAME=VALUE lists, names the kit later uses as
 * identifiers; and nothing half-written when a command fails. Nothing is stood in for: these commands
 * only read and write files (no command here reaches Pulumi's mock runtime or SQL Server).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bufferIo } from "../../migration-jobs/common/io";
import { AtomicFileWriter, writeFileAtomic } from "../../migration-jobs/common/files";
import { UserError } from "../../migration-jobs/common/errors";
import { sampleSource } from "../../migration-jobs/sample";
import { writeSnapshot } from "../../migration-jobs/snapshot";
import { runCli } from "../../src/cli/main";

const ROOT = path.resolve(__dirname, "../..");
const FIX = path.join(ROOT, "test", "contacts", "fixtures");
const REGS = path.join(FIX, "regs");
const USERS = path.join(FIX, "users.csv");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-inputs-"));
// Fixed paths: the tables are built before beforeAll runs.
const AFILE = path.join(tmp, "a-file.txt");
const ADIR = path.join(tmp, "a-folder");
const SNAP = path.join(tmp, "snap");
const UNDER_FILE = path.join(AFILE, "sub");
const out = (name: string) => path.join(tmp, "out", name);

beforeAll(async () => {
  fs.writeFileSync(AFILE, "x\n");
  fs.mkdirSync(ADIR);
  await writeSnapshot(sampleSource({ scale: "small", seed: 1 }), SNAP);
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

/** Every file under `dir`, relative; temporary files of the atomic writers included. */
function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

function snapshotCopy(name: string, change: (dir: string) => void): string {
  const dir = path.join(tmp, name);
  if (!fs.existsSync(dir)) {
    fs.cpSync(SNAP, dir, { recursive: true });
    change(dir);
  }
  return dir;
}

const contacts = (extra: string[]) => ["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", REGS, "--users", USERS, "--out", out("contacts"), ...extra];

describe("class: a folder where a file is expected, a file where a folder is expected", () => {
  // [case, argv, where the error must name, problem]
  const cases: Array<[string, () => string[], string, RegExp]> = [
    ["plan --config-file <folder>", () => ["plan", "--stack", "lab", "--config-file", ADIR], ADIR, /is a folder, not a stack file/],
    ["rehearse --config-file <folder>", () => ["rehearse", "--config-file", ADIR, "--out", out("r1")], ADIR, /is a folder, not a stack file/],
    ["rehearse --out <file>", () => ["rehearse", "--out", AFILE], "--out", /is a file, not a folder/],
    ["rehearse --out <under a file>", () => ["rehearse", "--out", UNDER_FILE], "--out", /is a file, so the folder .* cannot be created/],
    ["rehearse --legacy <file>", () => ["rehearse", "--legacy", AFILE, "--out", out("r2")], "--legacy", /is a file, not a snapshot directory/],
    ["snapshot --to <file>", () => ["snapshot", "--from", "Server=127.0.0.1,1;Database=d;User Id=u;Password=p", "--to", AFILE], "--to", /is a file, not a folder/],
    ["snapshot --to <under a file>", () => ["snapshot", "--from", "Server=127.0.0.1,1;Database=d;User Id=u;Password=p", "--to", UNDER_FILE], "--to", /cannot be created/],
    ["sample --out <file>", () => ["sample", "--scale", "small", "--out", AFILE], "--out", /is a file, not a folder/],
    ["sample --out <under a file>", () => ["sample", "--scale", "small", "--out", UNDER_FILE], "--out", /cannot be created/],
    ["sample --sql <folder>", () => ["sample", "--scale", "small", "--out", out("s1"), "--sql", ADIR], "--sql", /is a folder, not a file/],
    ["sample --sql <under a file>", () => ["sample", "--scale", "small", "--out", out("s2"), "--sql", path.join(UNDER_FILE, "x.sql")], "--sql", /cannot be created/],
    ["analyze --legacy <file>", () => ["analyze", "--legacy", AFILE], "--legacy", /is a file, not a snapshot directory/],
    ["analyze --target <file>", () => ["analyze", "--legacy", SNAP, "--target", AFILE], "--target", /is a file, not a snapshot directory/],
    ["analyze --report <file>", () => ["analyze", "--legacy", SNAP, "--report", AFILE], "--report", /is a file, not a folder/],
    ["analyze --report <under a file>", () => ["analyze", "--legacy", SNAP, "--report", UNDER_FILE], "--report", /cannot be created/],
    ["verify --legacy <file>", () => ["verify", "--legacy", AFILE, "--target", SNAP], "--legacy", /is a file, not a snapshot directory/],
    ["verify --target <file>", () => ["verify", "--legacy", SNAP, "--target", AFILE], "--target", /is a file, not a snapshot directory/],
    ["verify --report <file>", () => ["verify", "--legacy", SNAP, "--target", SNAP, "--report", AFILE], "--report", /is a file, not a folder/],
    ["contacts --reg-dir <file>", () => ["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", AFILE, "--users", USERS, "--out", out("c1")], "--reg-dir", /is a file, not the folder of \.reg exports/],
    ["contacts --users <folder>", () => ["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", REGS, "--users", ADIR, "--out", out("c2")], "--users", /is a folder, not a user map CSV file/],
    ["contacts --layout <folder>", () => contacts(["--layout", ADIR]), "--layout", /is a folder, not a layout file/],
    ["contacts --out <file>", () => ["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", REGS, "--users", USERS, "--out", AFILE], "--out", /is a file, not a folder/],
    ["contacts --out <under a file>", () => ["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", REGS, "--users", USERS, "--out", UNDER_FILE], "--out", /cannot be created/],
    // The snapshot's own files.
    ["a snapshot whose manifest.json is a folder", () => ["analyze", "--legacy", snapshotCopy("m-dir", (d) => (fs.rmSync(path.join(d, "manifest.json")), fs.mkdirSync(path.join(d, "manifest.json"))))], "manifest.json", /is a folder, not the snapshot's manifest file/],
    ["a snapshot whose rooms.ndjson is a folder", () => ["verify", "--legacy", snapshotCopy("e-dir", (d) => (fs.rmSync(path.join(d, "rooms.ndjson")), fs.mkdirSync(path.join(d, "rooms.ndjson")))), "--target", SNAP], "rooms.ndjson", /is a folder, not the rooms file of the snapshot/],
    ["snapshot --to a folder whose manifest.json is a folder", () => ["sample", "--scale", "small", "--out", snapshotCopy("w-dir", (d) => (fs.rmSync(path.join(d, "manifest.json")), fs.mkdirSync(path.join(d, "manifest.json"))))], "manifest.json", /is a folder where the snapshot writes a file/],
    ["sample --resume where progress.json is a folder", () => ["sample", "--scale", "small", "--resume", "--out", snapshotCopy("p-dir", (d) => fs.mkdirSync(path.join(d, "progress.json")))], "progress.json", /is a folder where the snapshot writes a file/],
    ["sample --out where an entity's .partial is a folder", () => ["sample", "--scale", "small", "--out", snapshotCopy("pa-dir", (d) => fs.mkdirSync(path.join(d, "rooms.ndjson.partial")))], "rooms.ndjson.partial", /is a folder where the snapshot writes a file/],
  ];

  it.each(cases)("%s: exit 2 naming it", async (_name, argv, where, problem) => {
    const r = await run(argv());
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    const line = r.err.split("\n").find((l) => l.startsWith("error: "));
    expect(line).toBeDefined();
    expect(line!.slice("error: ".length).startsWith(where) || line!.includes(`${path.sep}${where}:`)).toBe(true);
    expect(r.err).toMatch(problem);
    expect(r.err).not.toMatch(/unexpected error/);
  });

  it("checks --sql before writing the snapshot: a bad --sql costs nothing", async () => {
    const r = await run(["sample", "--scale", "small", "--out", out("s3"), "--sql", ADIR]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out("s3"))).toBe(false);
  });
});

describe("class: YAML that trips the parser's safety limits", () => {
  function bomb(): string {
    let text = "config:\n  pchat-kit:location: westeurope\n  x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (let i = 1; i <= 9; i++) text += `  x${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(", ")}]\n`;
    return text;
  }
  const stackCases: Array<[string, () => string, RegExp]> = [
    ["an alias bomb", bomb, /trips the YAML reader's safety limits \(more than 100 aliases expanded\)/],
    ["deep flow nesting", () => `config:\n  pchat-kit:pool: ${"[".repeat(20000)}${"]".repeat(20000)}\n`, /nests too deeply for the YAML reader's safety limits/],
    ["deep block nesting (40 levels)", () => "config:\n  pchat-kit:pool:\n" + Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i + 2)}k${i}:`).join("\n") + " 1\n", /nests deeper than 32 levels/],
    ["deep flow maps (40 levels)", () => `config:\n  pchat-kit:pool: ${"{a: ".repeat(40)}1${"}".repeat(40)}\n`, /nests deeper than 32 levels/],
  ];

  it.each(stackCases)("stack file with %s: exit 2 naming the file (plan and rehearse)", async (_name, text, problem) => {
    const file = path.join(tmp, `yaml-${_name.replace(/\W+/g, "-")}.yaml`);
    fs.writeFileSync(file, text());
    for (const argv of [["plan", "--stack", "lab", "--config-file", file], ["rehearse", "--config-file", file, "--out", out("yaml")]]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(:\\d+)?: `, "m"));
      expect(r.err).toMatch(problem);
    }
  });

  it("a --layout alias bomb: exit 2 naming the file", async () => {
    const file = path.join(tmp, "layout.yaml");
    fs.writeFileSync(file, bomb().replace("config:\n", "").replace(/^ {2}/gm, ""));
    const r = await run(contacts(["--layout", file]));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: ${file}: the layout file trips the YAML reader's safety limits`);
  });
});

describe("class: malformed NAME=VALUE lists (--front-ends)", () => {
  const TARGET = (fe: string) => contacts(["--pool-fqdn", "pool01.contoso.com", "--remote-folder", "\\\\files01\\staging\\contacts", "--front-ends", fe]);
  it.each([
    ["a bare name", "fe-1", /item 1 "fe-1" has no "="/],
    ["an empty key", "=LYNCFE01", /item 1 "=LYNCFE01" is not key=COMPUTERNAME/],
    ["an empty computer name", "fe-1=", /item 1 "fe-1=" is not key=COMPUTERNAME/],
    ["two =", "fe-1=LYNCFE01=X", /item 1 "fe-1=LYNCFE01=X" has more than one "="/],
    ["a key twice", "fe-1=LYNCFE01,fe-1=LYNCFE02", /item 2: the key fe-1 is given twice/],
    ["a computer twice", "fe-1=LYNCFE01,fe-2=lyncfe01", /item 2: the computer lyncfe01 is given twice/],
    ["an empty item inside", "fe-1=LYNCFE01,,fe-2=LYNCFE02", /item 2 is empty/],
    ["an empty item at the end", "fe-1=LYNCFE01,", /item 2 is empty/],
    ["an empty item at the start", ",fe-1=LYNCFE01", /item 1 is empty/],
    ["nothing but commas", ",,", /no front end server given/],
    ["a NetBIOS name over 15 characters", "fe-1=ABCDEFGHIJKLMNOP", /is not key=COMPUTERNAME/],
  ])("%s: exit 2 naming --front-ends", async (_name, value, problem) => {
    const r = await run(TARGET(value));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--front-ends: /);
    expect(r.err).toMatch(problem);
  });

  it("reports every malformed item at once", async () => {
    const r = await run(TARGET("fe-1,=X,a=b=c"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: 3 problems:");
  });

  it.each([
    ["--run-id", ["--run-id", "Run 1"], /--run-id: "Run 1" is not a run id/],
    ["--remote-folder", ["--pool-fqdn", "pool01.contoso.com", "--front-ends", "fe-1=LYNCFE01", "--remote-folder", "staging/contacts"], /--remote-folder: "staging\/contacts" is not an absolute Windows path or share/],
  ])("%s, a name the steps use as an identifier or path: exit 2", async (_name, extra, problem) => {
    const r = await run(contacts(extra));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(problem);
  });
});

describe("class: a name the kit later needs as an identifier, refused at the schema with its key", () => {
  const lab = () => fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.lab.yaml"), "utf8");
  it.each([
    ["a space", "Group Chat"],
    ["a ]", "Group]Chat"],
    ["empty", ""],
    ["a quote", "Group'Chat"],
    ["a dot", "Group.Chat"],
    ["129 characters", "G".repeat(129)],
  ])("legacy.database with %s: exit 2 naming pchat-kit:legacy.database (plan and rehearse)", async (name, db) => {
    const file = path.join(tmp, `db-${name.replace(/\W+/g, "-")}.yaml`);
    fs.writeFileSync(file, lab().replace("database: GroupChat", `database: ${JSON.stringify(db)}`));
    for (const argv of [["plan", "--stack", "lab", "--config-file", file], ["rehearse", "--config-file", file, "--out", out("db")]]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain("pchat-kit:legacy.database: must be a plain database name");
    }
  });
});

describe("nothing is left half-written when a command fails", () => {
  it("sample --sql failing mid-way (the disk fills up): exit 2 naming --sql, no script, no temporary file", async () => {
    const dir = out("partial-sql");
    const sql = path.join(dir, "legacy.sql");
    const fsModule = require("node:fs") as typeof fs;
    const real = fsModule.writeSync;
    let calls = 0;
    const spy = jest.spyOn(fsModule, "writeSync").mockImplementation(((fd: number, data: string) => {
      if (++calls === 5) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
      return (real as (fd: number, data: string) => number)(fd, data);
    }) as typeof fs.writeSync);
    try {
      const r = await run(["sample", "--scale", "small", "--out", path.join(dir, "snap"), "--sql", sql]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/error: --sql: cannot write .*legacy\.sql \(ENOSPC\)/);
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(fs.readdirSync(dir).filter((f) => f.includes("legacy.sql"))).toEqual([]);
  });

  it("contacts plan with a folder in the way of one output file: exit 2 naming it, the others whole, no temporary file", async () => {
    const dir = out("partial-contacts");
    fs.mkdirSync(path.join(dir, "all"), { recursive: true });
    fs.mkdirSync(path.join(dir, "all", "report.md"));
    const r = await run(["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", REGS, "--users", USERS, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/report\.md: cannot write .*report\.md \(EISDIR: a folder of that name is in the way\)/);
    expect(files(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("analyze --report with a folder in the way of analysis.html: exit 2 naming it, no temporary file", async () => {
    const dir = out("partial-report");
    fs.mkdirSync(path.join(dir, "analysis.html"), { recursive: true });
    const r = await run(["analyze", "--legacy", SNAP, "--report", dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/analysis\.html: cannot write/);
    expect(files(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // The markdown written before is whole (it was renamed into place complete).
    expect(fs.readFileSync(path.join(dir, "analysis.md"), "utf8")).toMatch(/\n$/);
  });

  it.each([
    ["the rename fails (a folder in the way)", (file: string) => fs.mkdirSync(file), "EISDIR"],
    ["the folder is missing", (_file: string) => undefined, "ENOENT"],
  ])("writeFileAtomic when %s: a UserError naming the file, nothing left", async (_name, prepare, code) => {
    const dir = path.join(tmp, `atomic-${code}`);
    fs.mkdirSync(dir);
    const file = code === "ENOENT" ? path.join(dir, "missing", "f.json") : path.join(dir, "f.json");
    prepare(file);
    const err = await writeFileAtomic(file, "{}\n").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(code);
    expect(files(dir)).toEqual([]);
  });

  it("AtomicFileWriter: an aborted write leaves neither the file nor its temporary", () => {
    const dir = path.join(tmp, "atomic-abort");
    fs.mkdirSync(dir);
    const w = new AtomicFileWriter(path.join(dir, "f.sql"));
    w.write("SELECT 1;\n");
    expect(files(dir)).toHaveLength(1);
    w.abort();
    expect(files(dir)).toEqual([]);
  });
});

describe("class: legacy.dataSource, a name the runbook and the gates connect to", () => {
  it.each([
    ["a space", "gc sql"],
    ["a connection string", "Server=gcsql;Database=GroupChat"],
    ["a quote", "gcsql'"],
    ["a leading hyphen", "-gcsql"],
    ["an empty instance", "gcsql\\"],
    ["a port that is no number", "gcsql,x"],
  ])("with %s: refused at the schema naming the key", (_name, dataSource) => {
    const { parseKitConfig } = require("../../src/config") as typeof import("../../src/config");
    let err: unknown;
    try {
      parseKitConfig({ legacy: { mode: "existing", dataSource }, domain: { mode: "existing", dnsServers: ["10.1.0.4"] } });
    } catch (e) {
      err = e;
    }
    expect((err as { problems: UserError[] }).problems.map((p) => p.where)).toContain("pchat-kit:legacy.dataSource");
  });

  it.each([["gcsql.contoso.local"], ["gcsql.contoso.local\\GROUPCHAT"], ["gcsql,1433"], ["10.1.2.3\\GC"], ["gc"]])("accepts %s", (dataSource) => {
    const { parseKitConfig } = require("../../src/config") as typeof import("../../src/config");
    expect(parseKitConfig({ legacy: { mode: "existing", dataSource }, domain: { mode: "existing", dnsServers: ["10.1.0.4"] } }).legacy.dataSource).toBe(dataSource);
  });
});
