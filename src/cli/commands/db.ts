import type { Command } from 'commander';
import { configFrom, migrateForCommand, openLocalStore, type GlobalOptions } from '../context.js';
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
}
