/**
 * The import files, rendered by pure functions from planned lists:
 * - Lync 2013 `Import-CsUserData`: a ZIP holding DocItemSet.xml (domain §9.2; not an official schema,
 *   the layout is the one third-party restore tools read and write; display names are base64 UTF-8);
 * - LCS/OCS `DBImpExp.exe /import`: HomedResources XML in the 2002/11 dbimpexp namespace (domain §9.1).
 * Held contacts (still on Exchange IM) and blocked lists are never written: they are in the report.
 */
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import JSZip from "jszip";
import { create } from "xmlbuilder2";
import type { PlannedList } from "./plan";

export const DBIMPEXP_NAMESPACE = "http://schemas.microsoft.com/RtcServer/2002/11/dbimpexp";
export const DOC_ITEM_SET_ENTRY = "DocItemSet.xml";

/**
 * What makes the ZIP an Open Packaging Conventions package: Import-CsUserData reads what
 * Export-CsUserData writes, and public tools open those exports with System.IO.Packaging.Package,
 * which refuses a ZIP without `[Content_Types].xml` naming the content type of every part.
 */
export const CONTENT_TYPES_ENTRY = "[Content_Types].xml";
export const CONTENT_TYPES_XML =
  '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="text/xml" /></Types>';

const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");
/** domain §9.2: Buddy is the SIP URI without `sip:` (inferred from the third-party tools). */
const withoutScheme = (sip: string): string => sip.replace(/^sip:/, "");

function importable(lists: PlannedList[]): PlannedList[] {
  return lists.filter((l) => !l.blocked);
}

/** Groups that hold at least one imported contact, plus the default group (Lync always has it). */
function usedGroups(list: PlannedList) {
  const used = new Set<number>([1]);
  for (const c of list.contacts) for (const n of c.groupNumbers) used.add(n);
  return list.groups.filter((g) => used.has(g.number));
}

/**
 * The reference rendering with xmlbuilder2. At scale it is too slow (measured: 7.6 s for 200,000
 * Contact elements, so minutes per wave), so renderDocItemSet below writes the same bytes directly;
 * the tests assert that both agree byte for byte.
 */
export function renderDocItemSetReference(lists: PlannedList[]): string {
  const doc = create({ version: "1.0", encoding: "utf-8" }).ele("DocItemSet");
  for (const list of importable(lists)) {
    const hr = doc.ele("DocItem", { Name: `urn:lcd:${withoutScheme(list.owner.sipUri)}` }).ele("Data").ele("HomedResource");
    const groups = hr.ele("ContactGroups");
    for (const g of usedGroups(list)) groups.ele("ContactGroup", { Number: String(g.number), DisplayName: b64(g.name) });
    const contacts = hr.ele("Contacts");
    for (const c of list.contacts) contacts.ele("Contact", { Buddy: withoutScheme(c.sipUri), DisplayName: b64(c.displayName), Groups: c.groupNumbers.join(" ") });
  }
  return doc.end({ prettyPrint: true });
}

/**
 * Attribute text escaped as xmlbuilder2 does, plus tab, CR and LF as character references: a parser
 * would otherwise normalise them to spaces (XML 1.0 §3.3.3) and a group name would change.
 */
export function xmlAttr(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) => XML_ATTR_ESCAPES[c] as string);
}
const XML_ATTR_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#x9;", "\n": "&#xA;", "\r": "&#xD;" };

/** Appends one user's DocItem, indented as xmlbuilder2's prettyPrint does. */
function docItem(out: string[], list: PlannedList): void {
  out.push(`  <DocItem Name="${xmlAttr(`urn:lcd:${withoutScheme(list.owner.sipUri)}`)}">`, "    <Data>", "      <HomedResource>");
  const groups = usedGroups(list);
  out.push("        <ContactGroups>");
  for (const g of groups) out.push(`          <ContactGroup Number="${g.number}" DisplayName="${b64(g.name)}"/>`);
  out.push("        </ContactGroups>");
  if (list.contacts.length === 0) out.push("        <Contacts/>");
  else {
    out.push("        <Contacts>");
    for (const c of list.contacts) out.push(`          <Contact Buddy="${xmlAttr(withoutScheme(c.sipUri))}" DisplayName="${b64(c.displayName)}" Groups="${c.groupNumbers.join(" ")}"/>`);
    out.push("        </Contacts>");
  }
  out.push("      </HomedResource>", "    </Data>", "  </DocItem>");
}

export function renderDocItemSet(lists: PlannedList[]): string {
  const items = importable(lists);
  if (items.length === 0) return '<?xml version="1.0" encoding="utf-8"?>\n<DocItemSet/>';
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>', "<DocItemSet>"];
  for (const list of items) docItem(out, list);
  out.push("</DocItemSet>");
  return out.join("\n");
}

/**
 * DocItemSet.xml written straight to UTF-8 bytes: the same bytes as Buffer.from(renderDocItemSet()).
 * A gradual-per-user migration of 50,000 users writes 23 million Contact elements; as strings (a
 * template, a base64 Buffer, escapes and a join per contact) that was most of the planner's time and
 * garbage. Here each contact's `Buddy="..." DisplayName="..."` is encoded once per user and copied;
 * only the group numbers are written per contact. One encoder serves one planning run; it keeps one
 * fragment per distinct contact (about a hundred bytes each).
 */
export class DocItemSetEncoder {
  private buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const bigger = Buffer.allocUnsafe(size);
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  private text(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  private bytes(b: Buffer): void {
    this.ensure(b.length);
    this.pos += b.copy(this.buf, this.pos);
  }

  private int(n: number): void {
    this.ensure(12);
    if (n >= 0 && n < 10) this.buf[this.pos++] = 48 + n;
    else if (n >= 10 && n < 100) {
      this.buf[this.pos++] = 48 + Math.floor(n / 10);
      this.buf[this.pos++] = 48 + (n % 10);
    } else this.pos += this.buf.write(String(n), this.pos, "latin1");
  }

  /** Fragments by UserIndex id, in one arena: two array reads and a copy per contact. */
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaEnd = 0;
  private fragStart = new Int32Array(1024).fill(-1);
  private fragEnd = new Int32Array(1024);
  private fragSip: Array<string | undefined> = [];
  private fragName: Array<string | undefined> = [];

  private contactHead(c: PlannedList["contacts"][number]): void {
    const id = c.userId;
    if (id !== undefined && id < this.fragStart.length && this.fragStart[id] !== -1 && this.fragSip[id] === c.sipUri && this.fragName[id] === c.displayName) {
      const from = this.fragStart[id] as number;
      const to = this.fragEnd[id] as number;
      this.ensure(to - from);
      this.pos += this.arena.copy(this.buf, this.pos, from, to);
      return;
    }
    const bytes = Buffer.from(`\n          <Contact Buddy="${xmlAttr(withoutScheme(c.sipUri))}" DisplayName="${b64(c.displayName)}" Groups="`, "utf8");
    this.bytes(bytes);
    // The first name seen for a contact is almost always the map's; others are encoded each time.
    if (id === undefined || id < 0 || (id < this.fragStart.length && this.fragStart[id] !== -1)) return;
    if (id >= this.fragStart.length) {
      let size = this.fragStart.length * 2;
      while (size <= id) size *= 2;
      const start = new Int32Array(size).fill(-1);
      start.set(this.fragStart);
      const end = new Int32Array(size);
      end.set(this.fragEnd);
      this.fragStart = start;
      this.fragEnd = end;
    }
    if (this.arenaEnd + bytes.length > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaEnd + bytes.length));
      this.arena.copy(bigger, 0, 0, this.arenaEnd);
      this.arena = bigger;
    }
    this.fragStart[id] = this.arenaEnd;
    this.arenaEnd += bytes.copy(this.arena, this.arenaEnd);
    this.fragEnd[id] = this.arenaEnd;
    this.fragSip[id] = c.sipUri;
    this.fragName[id] = c.displayName;
  }

  encode(lists: PlannedList[]): Buffer {
    this.pos = 0;
    const items = importable(lists);
    if (items.length === 0) this.text('<?xml version="1.0" encoding="utf-8"?>\n<DocItemSet/>');
    else {
      this.text('<?xml version="1.0" encoding="utf-8"?>\n<DocItemSet>');
      for (const list of items) {
        this.text(`\n  <DocItem Name="${xmlAttr(`urn:lcd:${withoutScheme(list.owner.sipUri)}`)}">\n    <Data>\n      <HomedResource>\n        <ContactGroups>`);
        for (const g of usedGroups(list)) this.text(`\n          <ContactGroup Number="${g.number}" DisplayName="${b64(g.name)}"/>`);
        this.text("\n        </ContactGroups>");
        if (list.contacts.length === 0) this.text("\n        <Contacts/>");
        else {
          this.text("\n        <Contacts>");
          for (const c of list.contacts) {
            this.contactHead(c);
            const groups = c.groupNumbers;
            for (let i = 0; i < groups.length; i++) {
              this.ensure(16);
              if (i > 0) this.buf[this.pos++] = 0x20;
              this.int(groups[i] as number);
            }
            this.ensure(3);
            this.buf[this.pos++] = 0x22; // "
            this.buf[this.pos++] = 0x2f; // /
            this.buf[this.pos++] = 0x3e; // >
          }
          this.text("\n        </Contacts>");
        }
        this.text("\n      </HomedResource>\n    </Data>\n  </DocItem>");
      }
      this.text("\n</DocItemSet>");
    }
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }
}

/**
 * jszip writes the container (headers, the fixed date, the central directory) but would deflate in
 * JavaScript after a JavaScript UTF-8 encoding and CRC-32: measured, that was a third of the planner's
 * CPU time at scale. So the entry is handed to jszip already deflated by Node's native zlib, as a
 * CompressedObject (jszip's own type for entries read from an existing ZIP, which it copies as is).
 */
interface CompressedObjectCtor {
  new (compressedSize: number, uncompressedSize: number, crc32: number, compression: { magic: string }, data: Uint8Array): object;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CompressedObject = require("jszip/lib/compressedObject") as CompressedObjectCtor;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZIP_DEFLATE = (require("jszip/lib/compressions") as { DEFLATE: { magic: string } }).DEFLATE;
const deflateRaw = promisify(zlib.deflateRaw);

/** Level 1: the XML is repetitive, so the fastest level loses little (measured on the bench data). */
export const ZIP_LEVEL = 1;

export async function renderImportZip(lists: PlannedList[], encoder: DocItemSetEncoder = new DocItemSetEncoder()): Promise<Uint8Array> {
  const xml = encoder.encode(lists);
  // Async: the deflate runs on libuv's thread pool, off the thread that parses and renders.
  const deflated = await deflateRaw(xml, { level: ZIP_LEVEL });
  const zip = new JSZip();
  // A fixed date keeps the ZIP byte-identical between runs, so the import step's hash check is stable.
  zip.file(DOC_ITEM_SET_ENTRY, new CompressedObject(deflated.length, xml.length, zlib.crc32(xml), JSZIP_DEFLATE, deflated) as unknown as Uint8Array, { date: new Date(Date.UTC(2013, 0, 1)) });
  zip.file(CONTENT_TYPES_ENTRY, CONTENT_TYPES_XML, { date: new Date(Date.UTC(2013, 0, 1)) });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The same ZIP written by jszip alone (pako in JavaScript); tests check both hold the same XML. */
export async function renderImportZipReference(lists: PlannedList[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(DOC_ITEM_SET_ENTRY, renderDocItemSet(lists), { date: new Date(Date.UTC(2013, 0, 1)) });
  zip.file(CONTENT_TYPES_ENTRY, CONTENT_TYPES_XML, { date: new Date(Date.UTC(2013, 0, 1)) });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: ZIP_LEVEL } });
}

/** Reference rendering with xmlbuilder2; renderDbImpExp writes the same bytes faster (tests compare). */
export function renderDbImpExpReference(lists: PlannedList[]): string {
  const doc = create({ version: "1.0", encoding: "utf-8" }).ele(DBIMPEXP_NAMESPACE, "HomedResources");
  for (const list of importable(lists)) {
    const hr = doc.ele("HomedResource", { UserAtHost: withoutScheme(list.owner.sipUri) });
    const groups = hr.ele("ContactGroups");
    for (const g of usedGroups(list)) groups.ele("ContactGroup", { Number: String(g.number), Name: g.name });
    const contacts = hr.ele("Contacts");
    for (const c of list.contacts) contacts.ele("Contact", { Buddy: c.sipUri, SubscribePresence: "1", Groups: c.groupNumbers.join(" ") });
  }
  return doc.end({ prettyPrint: true });
}

export function renderDbImpExp(lists: PlannedList[]): string {
  const items = importable(lists);
  const head = `<?xml version="1.0" encoding="utf-8"?>\n<HomedResources xmlns="${DBIMPEXP_NAMESPACE}"`;
  if (items.length === 0) return `${head}/>`;
  const out: string[] = [`${head}>`];
  for (const list of items) {
    out.push(`  <HomedResource UserAtHost="${xmlAttr(withoutScheme(list.owner.sipUri))}">`, "    <ContactGroups>");
    for (const g of usedGroups(list)) out.push(`      <ContactGroup Number="${g.number}" Name="${xmlAttr(g.name)}"/>`);
    out.push("    </ContactGroups>");
    if (list.contacts.length === 0) out.push("    <Contacts/>");
    else {
      out.push("    <Contacts>");
      for (const c of list.contacts) out.push(`      <Contact Buddy="${xmlAttr(c.sipUri)}" SubscribePresence="1" Groups="${c.groupNumbers.join(" ")}"/>`);
      out.push("    </Contacts>");
    }
    out.push("  </HomedResource>");
  }
  out.push("</HomedResources>");
  return out.join("\n");
}

/** What the verification step compares after the import: contacts per user. */
export function expectedCounts(lists: PlannedList[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of importable(lists)) out[withoutScheme(l.owner.sipUri)] = l.contacts.length;
  return out;
}
