/**
 * `pchat-kit snapshot --from <connection string> --to DIR [--resume] [--trust-server-certificate]`:
 * reads a live Group Chat or mgc database into a snapshot directory, so analysis and verification can
 * run later, elsewhere, without the server. Progress on stderr; stdout gets one summary line (or one
 * JSON document with --json). The connection string is never printed: messages name server/database.
 */
import { Command } from "commander";
import { ExitCode, Io } from "../common/io";
import { outputFolder } from "../common/paths";
import { ENTITIES, EntityName } from "../model/inventory";
import { writeSnapshot } from "../snapshot";
import { OpenInventoryOptions, openInventory } from "../readers/open";
import type { LiveInventorySource } from "../readers/live-source";

/** The CLI's CommandContext, structurally: migration-jobs never imports from src/. */
export interface SnapshotCommandContext {
  io: Io;
  exitCode: number;
}

export interface SnapshotCommandOptions {
  from: string;
  to: string;
  resume?: boolean;
  trustServerCertificate?: boolean;
  json?: boolean;
}

/** The command's work, apart from commander; `connect` lets tests stand in for SQL Server. */
export async function runSnapshot(opts: SnapshotCommandOptions, io: Io, connect?: OpenInventoryOptions["connect"]): Promise<number> {
  // Checked before connecting: a file in the way must not cost a connection and a read.
  outputFolder("--to", opts.to, "give the directory to write the snapshot to (it is created if missing)");
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

export function registerSnapshot(program: Command, ctx: SnapshotCommandContext): void {
  program
    .command("snapshot")
    .description("Read a live Group Chat (Lync 2010, OCS 2007 R2) or Lync 2013 mgc database into a snapshot directory")
    .requiredOption("--from <connection string>", 'ADO.NET-style, e.g. "Server=sql01\\RTC;Database=GroupChat;Integrated Security=true;User Id=CONTOSO\\svc;Password=..."')
    .requiredOption("--to <dir>", "the snapshot directory to write")
    .option("--resume", "keep the entities an interrupted run already completed")
    .option("--trust-server-certificate", "accept the server's TLS certificate without validation (lab servers only)")
    .option("--json", "print one JSON document on stdout")
    .action(async (o: SnapshotCommandOptions) => {
      ctx.exitCode = await runSnapshot(o, ctx.io);
    });
}
