/** The rehearsal's last line of defence against secrets in its files (pure, real temp files). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RehearsalWriter, secretValuesOf } from "../../src/rehearsal/files";
import { SECRET_SIG, SECRET_SIG_VALUE, type RecordedResource } from "../../src/offline/recorder";

const secret = (value: unknown) => ({ [SECRET_SIG]: SECRET_SIG_VALUE, value });
const resource = (inputs: Record<string, unknown>): RecordedResource => ({ type: "t", name: "n", urn: "u", parent: null, dependsOn: [], inputs });

describe("secretValuesOf", () => {
  it("finds every string inside secret inputs, however deep, and nothing else", () => {
    const recorded = [
      resource({ osProfile: { adminPassword: secret("Adm1n-Sentinel"), adminUsername: "pckadmin" } }),
      resource({ protectedSettings: secret({ Password: "Join-Sentinel", list: ["SasUrl-Sentinel?sig=x"] }), location: "westeurope" }),
      resource({ short: secret("1") }),
    ];
    expect(secretValuesOf(recorded).sort()).toEqual(["Adm1n-Sentinel", "Join-Sentinel", "SasUrl-Sentinel?sig=x"]);
  });
});

describe("RehearsalWriter", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-rehearsal-files-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const w = new RehearsalWriter(["Adm1n-Sentinel"]);

  it.each([
    ["a known secret value", "pw is Adm1n-Sentinel here", "pw is [secret] here"],
    ["a connection-string password", "Server=sql01;User Id=sa;Password=Conn-Sentinel;Database=mgc", "Server=sql01;User Id=sa;Password=[secret];Database=mgc"],
    ["ordinary text", "room \"Sales\" has 3 members", "room \"Sales\" has 3 members"],
  ])("text with %s", async (_n, input, expected) => {
    const file = await w.text(path.join(dir, "a.txt"), input);
    expect(fs.readFileSync(file, "utf8")).toBe(expected);
  });

  it("cleans JSON value by value, so the document stays valid", async () => {
    const file = await w.json(path.join(dir, "sub", "b.json"), { a: "Server=sql01;Password=Conn-Sentinel\", \"y\": 1", b: ["Adm1n-Sentinel"], n: 3 });
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(doc.b).toEqual(["[secret]"]);
    expect(doc.n).toBe(3);
    expect(JSON.stringify(doc)).not.toMatch(/Sentinel/);
  });

  it("turns an unwritable folder into a user error naming --out", async () => {
    fs.writeFileSync(path.join(dir, "blocker"), "x");
    await expect(w.text(path.join(dir, "blocker", "plan.txt"), "x")).rejects.toThrow(/^--out: cannot write .*blocker.*plan\.txt \(E[A-Z]+\)/);
  });

  it("writes a report as Markdown, HTML and JSON", async () => {
    const p = await w.report({ title: "T Adm1n-Sentinel", summary: ["s"], sections: [] }, { ok: true }, dir, "r");
    expect(path.basename(p.markdown)).toBe("r.md");
    expect(fs.readFileSync(p.html, "utf8")).toContain("[secret]");
    expect(fs.readFileSync(p.markdown, "utf8")).not.toContain("Adm1n-Sentinel");
    expect(JSON.parse(fs.readFileSync(p.json, "utf8"))).toEqual({ ok: true });
  });
});
