/** Builders for contact tests: .reg bytes in the default layout, user maps and an in-memory source. */
import { DEFAULT_LAYOUT } from "../../migration-jobs/contacts/layout";
import type { RegSource } from "../../migration-jobs/contacts/plan";
import { parseUserMap, UserMap } from "../../migration-jobs/contacts/usermap";

export const ROOT = DEFAULT_LAYOUT.accountKey.replace("\\{account}", "");

export interface SpecContact {
  address: string;
  name?: string;
  groups?: string[];
}

export function regText(account: string, contacts: SpecContact[], extra: { allow?: string[]; block?: string[] } = {}): string {
  const base = `${ROOT}\\${account}`;
  const lines = ["Windows Registry Editor Version 5.00", "", `[${base}\\Contacts]`];
  for (const c of contacts) lines.push(`"${c.address}"="${c.name ?? ""}"`);
  const groups = new Map<string, string[]>();
  for (const c of contacts) for (const g of c.groups ?? []) groups.set(g, [...(groups.get(g) ?? []), c.address]);
  for (const [g, members] of groups) lines.push("", `[${base}\\Groups\\${g}]`, ...members.map((m) => `"${m}"=""`));
  if (extra.allow) lines.push("", `[${base}\\Allow]`, ...extra.allow.map((a) => `"${a}"=dword:00000001`));
  if (extra.block) lines.push("", `[${base}\\Block]`, ...extra.block.map((a) => `"${a}"=dword:00000001`));
  return lines.join("\r\n") + "\r\n";
}

export function utf16(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
}

export function memorySource(files: Record<string, string | Uint8Array>): RegSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    files: () => Object.keys(files).sort(),
    read: (f) => {
      reads.push(f);
      const c = files[f];
      if (c === undefined) throw new Error(`no file ${f}`);
      return typeof c === "string" ? utf16(c) : c;
    },
  };
}

/** `[["a", 1], ["b", 2]]` -> users a@im.x.com / sip:a@x.com in the given waves. */
export function userMap(users: Array<[string, number]>): UserMap {
  const csv = ["exchange_im_address,sip_uri,display_name,wave", ...users.map(([u, w]) => `${u}@im.x.com,sip:${u}@x.com,${u.toUpperCase()} Name,${w}`)].join("\n");
  return parseUserMap(csv, "users.csv");
}

export const im = (u: string): string => `${u}@im.x.com`;
