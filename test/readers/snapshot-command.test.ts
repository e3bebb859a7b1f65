// `pchat-kit snapshot` end to end, with the fake connection (fake-sql.ts) standing in for SQL Server:
// the live reader's inventory goes through the real snapshot writer and is read back by the real
// snapshot reader.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bufferIo } from "../../migration-jobs/common/io";
import { runSnapshot } from "../../migration-jobs/cli/snapshot";
import { openSnapshot } from "../../migration-jobs/snapshot";
import { openInventory, openLiveInventory } from "../../migration-jobs/readers/open";
import { sqlSettings } from "../../migration-jobs/readers/settings";
import * as Q from "../../migration-jobs/readers/queries/inventory";
import type { SqlSettings } from "../../migration-jobs/readers/settings";
import { fakeSql, legacyAnswers, LYNC2010_COLUMNS } from "./fake-sql";

const PW = "Sn4pshot-pw!";
const FROM = `Server=sql01\\RTC;Database=GroupChat;User Id=CONTOSO\\svc;Password=${PW};Integrated Security=true;TrustServerCertificate=false`;

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "pchat-snap-"));
}

describe("pchat-kit snapshot", () => {
  it("reads the live database into a snapshot the snapshot reader accepts, printing no credential", async () => {
    const dir = path.join(tmpDir(), "snap");
    const seen: SqlSettings[] = [];
    const io = bufferIo();
    const code = await runSnapshot({ from: FROM, to: dir, trustServerCertificate: true, json: true }, io, async (settings) => {
      seen.push(settings);
      return fakeSql(legacyAnswers(LYNC2010_COLUMNS, Q.PRINCIPALS_LYNC2010_SQL));
    });
    expect(code).toBe(0);
    // --trust-server-certificate reaches the connection; NTLM credentials came from the string.
    expect(seen[0]).toMatchObject({ trustServerCertificate: true, auth: { kind: "ntlm", domain: "CONTOSO", user: "svc" } });
    const out = JSON.parse(io.out) as { counts: Record<string, number>; source: { kind: string; server: string }; skipped: unknown[] };
    expect(out.counts).toEqual({ categories: 2, rooms: 3, principals: 3, roleAssignments: 2, scopes: 1, invitations: 2, addins: 1, messageDays: 1, fileLinks: 1 });
    expect(out.source).toMatchObject({ kind: "lync2010", server: "sql01\\RTC" });
    expect(out.skipped).toHaveLength(1);
    expect(io.err).toMatch(/reading Lync Server 2010 Group Chat database GroupChat on sql01\\RTC/);
    expect(io.err).toMatch(/warning: roleAssignments: skipped a row/);
    expect(io.out + io.err).not.toContain(PW);
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f), "utf8")).not.toContain(PW);

    const snap = await openSnapshot(dir);
    const rooms = [];
    for await (const r of snap.read("rooms")) rooms.push(r);
    expect(rooms.map((r) => [r.id, r.privacy, r.topic])).toEqual([
      [10, "open", "Q3"],
      [11, "secret", null],
      [12, null, null],
    ]);
    await snap.close();

    // openInventory takes the directory as well as a connection string.
    const again = await openInventory(dir);
    expect((await again.info()).kind).toBe("lync2010");
    await again.close();
  });

  it("--resume keeps what a finished run wrote and still succeeds", async () => {
    const dir = path.join(tmpDir(), "snap");
    const connect = async () => fakeSql(legacyAnswers(LYNC2010_COLUMNS, Q.PRINCIPALS_LYNC2010_SQL));
    expect(await runSnapshot({ from: FROM, to: dir }, bufferIo(), connect)).toBe(0);
    const io = bufferIo();
    expect(await runSnapshot({ from: FROM, to: dir, resume: true }, io, connect)).toBe(0);
    expect(io.out).toMatch(/written to .*: 2 categories, 3 rooms, 3 principals/);
  });

  it("openLiveInventory takes discrete settings (NTLM) and opens the live reader", async () => {
    const settings = sqlSettings({ host: "sql01", database: "GroupChat", auth: { kind: "ntlm", domain: "CONTOSO", user: "svc", password: PW } }, "pchat-kit:migration.legacy");
    let given: SqlSettings | undefined;
    const source = await openLiveInventory(settings, {
      connect: async (s) => {
        given = s;
        return fakeSql(legacyAnswers(LYNC2010_COLUMNS, Q.PRINCIPALS_LYNC2010_SQL));
      },
    });
    expect(given).toBe(settings);
    expect(source.schema.kind).toBe("lync2010");
    expect(source.description).not.toContain(PW);
    await source.close();
  });

  it("on a terminal, redraws one progress line per entity", async () => {
    const buf = { err: "" };
    const tty = { interactive: true, stdout: () => undefined, stderr: (t: string) => void (buf.err += t) };
    const dir = path.join(tmpDir(), "snap");
    expect(await runSnapshot({ from: FROM, to: dir }, tty, async () => fakeSql(legacyAnswers(LYNC2010_COLUMNS, Q.PRINCIPALS_LYNC2010_SQL)))).toBe(0);
    const progress = buf.err.split("\n").filter((l) => l.startsWith("  "));
    expect(progress.map((l) => l.trim().split(":")[0])).toEqual(["categories", "rooms", "principals", "roleAssignments", "scopes", "invitations", "addins", "messageDays", "fileLinks"]);
  });
});
