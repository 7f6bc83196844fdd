import type { Command } from 'commander';
import { buildApp } from '../../server/app.js';
import { ensureFirstAdmin } from '../../services/bootstrap.js';
import { createServiceContext } from '../../services/context.js';
import { openStore } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import { configFrom, operatorName, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';

export function registerServe(program: Command, io: CliIo, global: () => GlobalOptions): void {
  program
    .command('serve')
    .description('Start the mamori server (API and web app). Creates the database and the first admin on first start.')
    .option('--host <host>', 'interface to listen on (MAMORI_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (MAMORI_PORT, default 8080)')
    .option('--admin-email <email>', 'email of the first admin, used only on first start', 'admin@mamori.local')
    .addHelpText(
      'after',
      '\nData lives in MAMORI_DATA_DIR (default ./.mamori); MAMORI_DATABASE_URL=postgres://… uses PostgreSQL instead of SQLite.',
    )
    .action(async (opts: { host?: string; port?: string; adminEmail: string }) => {
      const config = configFrom(io, global(), {
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.port ? { port: opts.port } : {}),
      });
      const store = openStore(config.databaseUrl);
      try {
        await migrateToLatest(store.db, store.dialect);
        const ctx = createServiceContext(store, { sessionTtlMinutes: config.sessionTtlMinutes });
        const first = await ensureFirstAdmin(ctx, {
          email: opts.adminEmail,
          organizationName: 'My organisation',
          operatorName: operatorName(io),
        });
        const app = await buildApp(config, ctx);
        let address: string;
        try {
          address = await app.listen({ host: config.host, port: config.port });
        } catch (e) {
          throw new CliFailure(`Cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`, exitCodes.usage);
        }
        const where = store.dialect === 'sqlite' ? config.databaseUrl.replace(/^sqlite:/, '') : 'PostgreSQL';
        io.stderr(`mamori is running at ${address}  (database: ${where})\n`);
        if (first) {
          io.stderr(
            [
              '',
              '┌─ First start ─────────────────────────────────────────────',
              `│ Admin account:       ${first.admin.email}`,
              `│ One-time password:   ${first.oneTimePassword}`,
              '│ Log in and choose a new password. This is shown only once.',
              '│ 初回起動: 上記の管理者アカウントでログインし、パスワードを変更してください。',
              '└───────────────────────────────────────────────────────────',
              '',
            ].join('\n'),
          );
        }
        await io.stopSignal;
        io.stderr('Stopping …\n');
        await app.close();
      } finally {
        await store.close();
      }
    });
}
