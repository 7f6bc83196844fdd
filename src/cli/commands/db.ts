import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { dialectOf } from '../../store/connect.js';
import { configFrom, migrateForCommand, openLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';

export function registerDb(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const db = program.command('db').description('Database maintenance (local: works on MAMORI_DATABASE_URL directly)');
  db.command('migrate')
    .description('Apply all pending migrations (forward-only); safe to run repeatedly')
    .action(async () => {
      const config = configFrom(io, global());
      const store = openLocalStore(config, { create: true });
      try {
        const { results } = await migrateForCommand(store, config.databaseUrl);
        for (const r of results ?? [])
          io.stderr(`${r.status === 'Success' ? 'applied' : r.status.toLowerCase()}: ${r.migrationName}\n`);
        if (!results?.length) io.stderr('The database is up to date.\n');
      } finally {
        await store.close();
      }
    });

  db.command('backup')
    .description('Copy the SQLite platform database to FILE, consistently, also while the server runs (PostgreSQL: use pg_dump)')
    .requiredOption('--out <file>', 'the backup file to write (must not exist)')
    .addHelpText(
      'after',
      "\nUses SQLite's online backup API: the copy is one consistent state of the database, taken page by page while the server goes on reading and writing (never copy mamori.db by hand while it runs: its write-ahead log mamori.db-wal holds the latest changes). Restore by stopping the server and putting the file in place of mamori.db (with no mamori.db-wal or mamori.db-shm beside it).\n\nThe vulnerability database is a separate file (<data dir>/vulndb.sqlite); it can be built again from the feeds, or copied safely with `sqlite3 vulndb.sqlite \".backup FILE\"` and put back with `mamori feeds install FILE`. See the user guide, \"Operations\".",
    )
    .action(async (opts: { out: string }) => {
      const config = configFrom(io, global());
      if (dialectOf(config.databaseUrl) !== 'sqlite')
        throw new CliFailure(
          'mamori db backup copies an SQLite database. For PostgreSQL use its own tools: pg_dump -Fc -f mamori.dump DATABASE (and pg_restore to restore); see the user guide, "Operations".',
          exitCodes.usage,
        );
      const file = config.databaseUrl.slice('sqlite:'.length);
      if (file === ':memory:' || !existsSync(file))
        throw new CliFailure(`No mamori database at ${file}. Check --data-dir (MAMORI_DATA_DIR) or MAMORI_DATABASE_URL.`, exitCodes.usage);
      const out = path.resolve(io.cwd, opts.out);
      if (existsSync(out)) throw new CliFailure(`${opts.out} exists: give a new file (a backup never overwrites one).`, exitCodes.usage);
      if (!existsSync(path.dirname(out))) throw new CliFailure(`Cannot write ${opts.out}: the folder ${path.dirname(out)} does not exist.`, exitCodes.usage);
      // A temporary name until the copy is complete, so a stopped backup never leaves a file that looks whole.
      const partial = `${out}.partial`;
      const source = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const result = await source.backup(partial);
        renameSync(partial, out);
        io.stderr(`Backed up ${file} to ${out} (${result.totalPages} pages).\n`);
      } catch (e) {
        rmSync(partial, { force: true });
        throw new CliFailure(`Backup failed: ${(e as Error).message}`, exitCodes.internal);
      } finally {
        source.close();
      }
    });
}
