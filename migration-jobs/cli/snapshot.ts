/**
 * `pchat-kit snapshot --from <connection string> --to DIR [--resume] [--trust-server-certificate]`:
 * reads a live Group Chat or mgc database into a snapshot directory, so analysis and verification can
 * run later, elsewhere, without the server. Progress on stderr; stdout gets one summary line (or one
 * JSON document with --json). The connection string is never printed: messages name server/database.
 */
import { ExitCode, Io } from "../common/io";
import { outputFolder } from "../common/paths";
import { ENTITIES, EntityName } from "../inventory/inventory";
import { writeSnapshot } from "../snapshot";
import type { OpenInventoryOptions } from "../readers/open";
import type { LiveInventorySource } from "../readers/live-source";
import { defineCommand, variant } from "./command";
import { JSON_OUTPUT, RESUME, TRUST_SERVER_CERTIFICATE } from "./options";

export interface SnapshotCommandOptions {
  from: string;
  to: string;
  resume?: boolean;
  trustServerCertificate?: boolean;
  json?: boolean;
}

/** The command's work, apart from its declaration; `connect` lets tests stand in for SQL Server. */
export async function runSnapshot(opts: SnapshotCommandOptions, io: Io, connect?: OpenInventoryOptions["connect"]): Promise<number> {
  // Checked before connecting: a file in the way must not cost a connection and a read.
  outputFolder("--to", opts.to, "give the directory to write the snapshot to (it is created if missing)");
  // Loaded on use: the SQL Server client (mssql, tedious, @azure/identity: about 400 modules, 0.2 s)
  // is for the commands that open a database, not for every start of the command line.
  const { openInventory } = require("../readers/open") as typeof import("../readers/open");
  const source = await openInventory(opts.from, {
    where: "--from",
    trustServerCertificate: opts.trustServerCertificate === true,
    onRetry: (m) => io.stderr(`${m}\n`),
    ...(connect ? { connect } : {}),
  });
  try {
    io.stderr(`reading ${source.description} into ${opts.to}\n`);
    let last: EntityName | null = null;
    const manifest = await writeSnapshot(source, opts.to, {
      resume: opts.resume === true,
      onProgress: (entity, rows) => {
        const line = `  ${entity}: ${rows.toLocaleString("en-US")} rows`;
        // On a terminal one line per entity, redrawn in place; in logs one line per report.
        if (io.interactive) io.stderr(`${last === null ? "" : entity === last ? "\r" : "\n"}${line}`);
        else io.stderr(`${line}\n`);
        last = entity;
      },
    });
    if (io.interactive && last !== null) io.stderr("\n");
    const skipped = (source as Partial<LiveInventorySource>).skipped ?? [];
    for (const s of skipped) io.stderr(`warning: ${s.entity}: skipped a row: ${s.why}\n`);
    const counts = Object.fromEntries(ENTITIES.map((e) => [e, manifest.entities[e].rows]));
    if (opts.json) io.stdout(JSON.stringify({ snapshot: opts.to, source: manifest.source, counts, skipped }, null, 2) + "\n");
    else io.stdout(`snapshot of ${source.description} written to ${opts.to}: ${ENTITIES.map((e) => `${counts[e]} ${e}`).join(", ")}\n`);
    return ExitCode.ok;
  } finally {
    await source.close();
  }
}

export const snapshotCommand = defineCommand({
  name: "snapshot",
  description: "Read a live Group Chat (Lync 2010, OCS 2007 R2) or Lync 2013 mgc database into a snapshot directory",
  options: [
    { flag: "--from", value: "<connection string>", required: true, description: 'ADO.NET-style, e.g. "Server=sql01\\RTC;Database=GroupChat;Integrated Security=true;User Id=CONTOSO\\svc;Password=..."' },
    { flag: "--to", value: "<dir>", required: true, description: "the snapshot directory to write" },
    variant(RESUME, { description: "keep the entities an interrupted run already completed" }),
    TRUST_SERVER_CERTIFICATE,
    JSON_OUTPUT,
  ],
  handler: (args, ctx) => runSnapshot(args, ctx.io),
});
