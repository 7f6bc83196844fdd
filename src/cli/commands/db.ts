import type { Command } from 'commander';
import { openStore } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import { configFrom, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';

export function registerDb(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const db = program.command('db').description('Database maintenance (local: works on MAMORI_DATABASE_URL directly)');
  db.command('migrate')
    .description('Apply all pending migrations (forward-only); safe to run repeatedly')
    .action(async () => {
      const config = configFrom(io, global());
      const store = openStore(config.databaseUrl);
      try {
        const { error, results } = await migrateToLatest(store.db, store.dialect);
        for (const r of results ?? [])
          io.stderr(`${r.status === 'Success' ? 'applied' : r.status.toLowerCase()}: ${r.migrationName}\n`);
        if (error) throw new CliFailure(`Migration failed: ${(error as Error).message}`, exitCodes.internal);
        if (!results?.length) io.stderr('The database is up to date.\n');
      } finally {
        await store.close();
      }
    });
}
