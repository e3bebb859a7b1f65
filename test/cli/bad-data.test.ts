/**
 * Bad data (issue 9): a snapshot manifest naming an entity file outside the snapshot, and NUL
 * characters in `.reg` names and user-map fields, refused with the file (and line) named. Through the
 * real command line (`runCli`, in-process) and the parsers themselves; nothing is stood in for.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bufferIo } from "../../migration-jobs/common/io";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { parseRegBytes } from "../../migration-jobs/contacts/regfile";
import { parseUserMap } from "../../migration-jobs/contacts/usermap";
import { sampleSource } from "../../migration-jobs/sample";
import { writeSnapshot } from "../../migration-jobs/snapshot";
import { runCli } from "../../src/cli/main";

const FIX = path.join(__dirname, "..", "contacts", "fixtures");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-bad-data-"));
const SNAP = path.join(tmp, "snap");
beforeAll(async () => {
  await writeSnapshot(sampleSource({ scale: "small", seed: 1 }), SNAP);
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

function thrown(f: () => unknown): UserError | UserErrors {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError || e instanceof UserErrors) return e;
    throw e;
  }
  throw new Error("expected a UserError");
}

describe("class: a snapshot manifest whose entity file is not a plain file of the snapshot", () => {
  it.each([
    ["'.'", { rooms: "." }, /entity "rooms" names the file "\.", which is no file of the snapshot directory/],
    ["'..'", { rooms: ".." }, /entity "rooms" names the file "\.\.", which is no file of the snapshot directory/],
    ["empty", { rooms: "" }, /entity "rooms" names the file "", which is no file/],
    ["a relative path up", { rooms: "../rooms.ndjson" }, /a path rather than a plain file name/],
    ["a path into a folder", { categories: "sub/categories.ndjson" }, /entity "categories" names the file "sub\/categories\.ndjson", a path/],
    ["a Windows path", { rooms: "..\\rooms.ndjson" }, /a path rather than a plain file name/],
    ["an absolute path", { rooms: "/etc/passwd" }, /a path rather than a plain file name/],
    ["a drive path", { rooms: "C:rooms.ndjson" }, /a path rather than a plain file name/],
    ["a NUL in the name", { rooms: "rooms\u0000.ndjson" }, /holds a NUL character/],
    ["the manifest itself", { rooms: "manifest.json" }, /the snapshot's own manifest\.json/],
    ["the progress file", { rooms: "progress.json" }, /the snapshot's own progress\.json/],
    ["a file still being written", { rooms: "rooms.ndjson.partial" }, /a file still being written/],
    ["two entities on one file", { rooms: "categories.ndjson" }, /entities "categories" and "rooms" name the same file "categories\.ndjson"/],
  ])("%s: analyze and verify exit 2 naming manifest.json", async (name, files, problem) => {
    const dir = path.join(tmp, `m-${name.replace(/\W+/g, "-")}`);
    fs.cpSync(SNAP, dir, { recursive: true });
    const manifestPath = path.join(dir, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { entities: Record<string, { file: string }> };
    for (const [entity, file] of Object.entries(files)) manifest.entities[entity]!.file = file;
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    for (const argv of [["analyze", "--legacy", dir], ["verify", "--legacy", SNAP, "--target", dir]]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`error: ${manifestPath}: `);
      expect(r.err).toMatch(problem);
    }
  });
});

describe("class: NUL characters in .reg key and value names (and string data)", () => {
  const HEAD = "Windows Registry Editor Version 5.00\r\n\r\n";
  const KEY = "[HKEY_CURRENT_USER\\Software\\Microsoft\\MessengerService\\ListCache\\Exchange Instant Messaging Service\\alice@im.contoso.com\\Contacts]\r\n";
  const ansi = (text: string) => Buffer.from(text, "latin1");
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const cases: Array<[string, string, number, RegExp]> = [
    ["a key name", HEAD + KEY.replace("Contacts", "Con\u0000tacts"), 3, /the key name holds a NUL character/],
    ["a deleted key's name", HEAD + "[-HKEY_CURRENT_USER\\Software\\A\u0000B]\r\n", 3, /the key name holds a NUL character/],
    ["a value name", HEAD + KEY + '"bob@im.con\u0000toso.com"="Bob"\r\n', 4, /the value name "bob@im\.con\\u0000toso\.com" holds a NUL character/],
    ["a value name alone", HEAD + KEY + '"\u0000"="Bob"\r\n', 4, /the value name .* holds a NUL character/],
    ["string data", HEAD + KEY + '"bob@im.contoso.com"="Bob\u0000Jones"\r\n', 4, /the string data holds a NUL character/],
  ];
  const table = cases.flatMap(([name, text, line, problem]) => [
    [`${name} (ANSI)`, ansi(text), line, problem] as const,
    [`${name} (UTF-16LE)`, utf16(text), line, problem] as const,
  ]);

  it.each(table)("%s: refused naming file:line", (_name, bytes, line, problem) => {
    const e = thrown(() => parseRegBytes(bytes, "alice.reg"));
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).where).toBe(`alice.reg:${line}`);
    expect(e.message).toMatch(problem);
  });

  it("contacts plan: exit 2 naming the file and line, nothing written", async () => {
    const regs = path.join(tmp, "regs-nul");
    fs.cpSync(path.join(FIX, "regs"), regs, { recursive: true });
    fs.writeFileSync(path.join(regs, "carol-pc.reg"), ansi(HEAD + KEY + '"x\u0000y"="X"\r\n'));
    const out = path.join(tmp, "out-nul");
    const r = await run(["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", regs, "--users", path.join(FIX, "users.csv"), "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/carol-pc\.reg:4: the value name .* holds a NUL character/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("class: NUL characters in user-map fields", () => {
  const HEAD = "exchange_im_address,sip_uri,display_name,wave\n";
  const OK = "alice@im.contoso.com,sip:alice@contoso.com,Alice,1\n";
  it.each([
    ["exchange_im_address", `${HEAD}${OK}bo\u0000b@im.contoso.com,sip:bob@contoso.com,Bob,1\n`, 3],
    ["sip_uri", `${HEAD}${OK}bob@im.contoso.com,sip:bob\u0000@contoso.com,Bob,1\n`, 3],
    ["display_name", `${HEAD}${OK}bob@im.contoso.com,sip:bob@contoso.com,Bob\u0000Jones,1\n`, 3],
    ["wave", `${HEAD}${OK}bob@im.contoso.com,sip:bob@contoso.com,Bob,1\u0000\n`, 3],
    ["display_name, quoted", `${HEAD}${OK}bob@im.contoso.com,sip:bob@contoso.com,"Jones\u0000, Bob",1\n`, 3],
    ["display_name, after blank lines (the line, not the row)", `${HEAD}\n\n${OK}\nbob@im.contoso.com,sip:bob@contoso.com,Bob\u0000,1\n`, 6],
    ["display_name, after a quoted field over two lines", `${HEAD}alice@im.contoso.com,sip:alice@contoso.com,"Alice\nSmith",1\nbob@im.contoso.com,sip:bob@contoso.com,Bob\u0000,1\n`, 4],
  ])("in %s: refused naming file:line", (field, text, line) => {
    const e = thrown(() => parseUserMap(text, "users.csv"));
    const p = e instanceof UserErrors ? e.problems[0]! : e;
    expect(p.where).toBe(`users.csv:${line}`);
    expect(p.message).toContain(`the field ${field.split(",")[0]} holds a NUL character`);
  });

  it("contacts plan: exit 2 naming the file and line", async () => {
    const users = path.join(tmp, "users-nul.csv");
    fs.writeFileSync(users, fs.readFileSync(path.join(FIX, "users.csv"), "utf8").replace("Bob Jones", "Bob\u0000Jones"));
    const r = await run(["contacts", "plan", "--strategy", "immediate-import", "--reg-dir", path.join(FIX, "regs"), "--users", users, "--out", path.join(tmp, "out-users")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/users-nul\.csv:3: the field display_name holds a NUL character/);
  });
});
