/**
 * The report renderers: the Markdown is parsed back with `marked`'s lexer and the HTML with
 * fast-xml-parser (it is written as well-formed XHTML), so escaping is proven by structure, not by
 * eye; the files are written to a temporary directory.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import type { Tokens } from "marked" with { "resolution-mode": "import" };
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { escapeHtml, renderHtml, renderMarkdown, writeReports, type ReportDoc } from "../../migration-jobs/common/report";

// marked 18 ships ESM only (jest runs CommonJS); its UMD build is the same code, loaded by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { marked } = require(path.join(path.dirname(require.resolve("marked/package.json")), "lib", "marked.umd.js")) as typeof import("marked", { with: { "resolution-mode": "import" } });

const nasty = `<script>alert("x")</script> a|b *bold* _i_ [link](http://x) & 'q'`;

function doc(): ReportDoc {
  return {
    title: `Report for ${nasty}`,
    summary: ["2 rooms", nasty],
    sections: [
      { heading: "Paragraphs", paragraphs: [nasty, "line one\nline two"] },
      { heading: "Table", tables: [{ columns: ["name", "count", "flag", "none"], rows: [[nasty, 3, true, null], ["plain", 0, false, null]], note: "first 2 of 2" }] },
      {
        heading: "Findings",
        findings: [{ code: "ROOM_NAME_TOO_LONG", severity: "error", subject: `room "${nasty}"`, message: "too | long", fix: "shorten <it>" }],
      },
      { heading: "Empty", findings: [] },
    ],
  };
}

describe("Markdown", () => {
  const md = renderMarkdown(doc());
  const tokens = marked.lexer(md);
  it("keeps a table's shape whatever the cells hold", () => {
    const table = tokens.find((t): t is Tokens.Table => t.type === "table")!;
    expect(table.header.map((h) => h.text)).toEqual(["name", "count", "flag", "none"]);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[0]).toHaveLength(4);
    expect(table.rows[0]![1]!.text).toBe("3");
  });
  it("renders no raw HTML from values", () => {
    expect(tokens.some((t) => t.type === "html")).toBe(false);
    expect(marked.parse(md, { async: false })).not.toContain("<script>");
  });
  it("has one heading per section and lists findings with their fix", () => {
    expect(tokens.filter((t) => t.type === "heading").map((t) => (t as Tokens.Heading).depth)).toEqual([1, 2, 2, 2, 2]);
    expect(md).toContain("ROOM_NAME_TOO_LONG");
    expect(md).toContain("fix: shorten \\<it\\>");
    expect(md).toContain("No findings.");
  });
});

describe("HTML", () => {
  const html = renderHtml(doc());
  it("is well-formed and every value is text", () => {
    expect(XMLValidator.validate(html.replace("<!DOCTYPE html>", ""))).toBe(true);
    expect(html).not.toContain("<script>");
    const parsed = new XMLParser({ ignoreAttributes: false, htmlEntities: true }).parse(html.replace("<!DOCTYPE html>", ""));
    expect(parsed.html.body.h1).toBe(`Report for ${nasty}`);
  });
  it.each([
    ["<", "&lt;"],
    [">", "&gt;"],
    ["&", "&amp;"],
    ['"', "&quot;"],
    ["'", "&#39;"],
  ])("escapes %s", (c, e) => expect(escapeHtml(`a${c}b`)).toBe(`a${e}b`));
});

describe("writeReports", () => {
  it("writes Markdown, HTML and JSON, and redacts a connection string that slipped into the text", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "report-"));
    const d = doc();
    d.summary.push("source: Server=sql1;User Id=sa;Password=Hunter2!;Database=GroupChat");
    const p = await writeReports(d, { ok: true }, path.join(dir, "sub"), "analysis");
    const [md, html, json] = await Promise.all([readFile(p.markdown, "utf8"), readFile(p.html, "utf8"), readFile(p.json, "utf8")]);
    expect(md).not.toContain("Hunter2");
    expect(html).not.toContain("Hunter2");
    expect(JSON.parse(json)).toEqual({ ok: true });
    expect(path.basename(p.html)).toBe("analysis.html");
  });
});
