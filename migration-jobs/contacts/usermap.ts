/**
 * The user map (CSV): who each Exchange IM user becomes in Lync, and in which migration wave.
 * It is the only source of identities: users and contacts missing from it are reported, never guessed.
 *
 *   exchange_im_address,sip_uri,display_name,wave
 *   alice@im.contoso.com,sip:alice@contoso.com,Alice Smith,1
 */
import { parse } from "csv-parse/sync";
import { UserError, UserErrors } from "../common/errors";

export interface MappedUser {
  /** Lower-cased Exchange IM (RVP) address, e.g. `alice@im.contoso.com`. */
  imAddress: string;
  /** `sip:` URI, lower-cased, e.g. `sip:alice@contoso.com`. */
  sipUri: string;
  displayName: string;
  /** Migration wave, 1 = first. Immediate strategies move every wave in one window. */
  wave: number;
  /** Line of the user map where the user's row starts (1 = header), for messages. */
  row: number;
}

export interface UserMap {
  file: string;
  byAddress: Map<string, MappedUser>;
  bySip: Map<string, MappedUser>;
  /** Distinct waves, ascending. */
  waves: number[];
}

// domain §9.1: MSFT_SIPESUserContactData.SIPURI is at most 454 characters, Name at most 256.
export const MAX_SIP_URI = 454;
export const MAX_DISPLAY_NAME = 256;

const COLUMNS = ["exchange_im_address", "sip_uri", "display_name", "wave"] as const;

export function normalizeAddress(a: string): string {
  return a.trim().toLowerCase();
}

/** `Alice@Contoso.com` or `sip:alice@contoso.com` -> `sip:alice@contoso.com`; null when it is not a SIP address. */
export function normalizeSipUri(s: string): string | null {
  const t = s.trim().toLowerCase();
  const uri = t.startsWith("sip:") ? t : `sip:${t}`;
  return /^sip:[^@\s:;\\/]+@[a-z0-9.-]+\.[a-z0-9-]+$/.test(uri) ? uri : null;
}

/** The line a parsed record starts on: csv-parse counts lines up to its end, and its raw text holds any skipped blank lines. */
function firstLine(info: { lines: number }, raw: string): number {
  const body = raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "");
  return info.lines - (body.match(/\n/g)?.length ?? 0);
}

/** Parses the user map; every problem (all of them, not just the first) names `file:line` and the fix. */
export function parseUserMap(text: string, file: string): UserMap {
  let parsed: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    parsed = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true, raw: true }) as unknown as typeof parsed;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new UserError(`${file}${line ? `:${line}` : ""}`, `the user map is not valid CSV (${(e as Error).message.split("\n")[0]})`, "Fix the CSV quoting; quote fields that contain commas.");
  }
  const records = parsed.map((p) => p.record);
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  if (COLUMNS.some((c, i) => header[i] !== c) || header.length !== COLUMNS.length) {
    throw new UserError(`${file}:1`, `the header is ${JSON.stringify(header.join(","))}`, `Start the user map with the header line: ${COLUMNS.join(",")}`);
  }
  const problems: UserError[] = [];
  const byAddress = new Map<string, MappedUser>();
  const bySip = new Map<string, MappedUser>();
  const waves = new Set<number>();
  for (let i = 1; i < records.length; i++) {
    const rec = records[i] as string[];
    const row = firstLine(parsed[i]!.info, parsed[i]!.raw);
    const where = `${file}:${row}`;
    // A NUL would cut the field short wherever it is used as a string (AD lookups, the import XML).
    const nul = rec.findIndex((f) => f.includes("\0"));
    if (nul >= 0) {
      problems.push(new UserError(where, `the field ${COLUMNS[nul] ?? `number ${nul + 1}`} holds a NUL character (U+0000)`, "Save the user map again as plain UTF-8 text (a NUL byte usually means a UTF-16 file or a binary paste)."));
      continue;
    }
    if (rec.length !== COLUMNS.length) {
      problems.push(new UserError(where, `the row has ${rec.length} fields instead of ${COLUMNS.length}`, `Give each row ${COLUMNS.join(",")}; quote fields that contain commas.`));
      continue;
    }
    const [rawAddress, rawSip, displayName, rawWave] = rec as [string, string, string, string];
    const imAddress = normalizeAddress(rawAddress);
    if (!/^[^@\s]+@[^@\s]+$/.test(imAddress)) {
      problems.push(new UserError(where, `exchange_im_address ${JSON.stringify(rawAddress)} is not an address like alice@im.contoso.com`, "Give the user's Exchange IM address as it appears in the client's contact lists."));
      continue;
    }
    const sipUri = normalizeSipUri(rawSip);
    if (!sipUri) {
      problems.push(new UserError(where, `sip_uri ${JSON.stringify(rawSip.slice(0, 80))} is not a SIP address like sip:alice@contoso.com`, "Give the user's Lync SIP address (msRTCSIP-PrimaryUserAddress)."));
      continue;
    }
    if (sipUri.length > MAX_SIP_URI) {
      problems.push(new UserError(where, `sip_uri has ${sipUri.length} characters; Lync allows at most ${MAX_SIP_URI}`, "Shorten the SIP address in Active Directory and in the map."));
      continue;
    }
    if (displayName === "" || displayName.length > MAX_DISPLAY_NAME) {
      problems.push(new UserError(where, displayName === "" ? "display_name is empty" : `display_name has ${displayName.length} characters; at most ${MAX_DISPLAY_NAME} are allowed`, `Give a display name of 1 to ${MAX_DISPLAY_NAME} characters.`));
      continue;
    }
    if (!/^[1-9][0-9]{0,2}$/.test(rawWave)) {
      problems.push(new UserError(where, `wave ${JSON.stringify(rawWave)} is not a whole number from 1 to 999`, "Number the migration waves 1, 2, 3, ..."));
      continue;
    }
    const wave = Number(rawWave);
    const firstA = byAddress.get(imAddress);
    if (firstA) {
      problems.push(new UserError(where, `exchange_im_address ${imAddress} is already mapped on line ${firstA.row}`, "Keep one row per Exchange IM user."));
      continue;
    }
    const firstS = bySip.get(sipUri);
    if (firstS) {
      problems.push(new UserError(where, `sip_uri ${sipUri} is already mapped on line ${firstS.row} (to ${firstS.imAddress})`, "Give every user their own SIP address."));
      continue;
    }
    const user: MappedUser = { imAddress, sipUri, displayName, wave, row };
    byAddress.set(imAddress, user);
    bySip.set(sipUri, user);
    waves.add(wave);
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserErrors(problems);
  if (byAddress.size === 0) throw new UserError(file, "the user map has no users", "Add one row per Exchange IM user below the header.");
  return { file, byAddress, bySip, waves: [...waves].sort((a, b) => a - b) };
}
