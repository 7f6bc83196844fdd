import type { Command } from 'commander';
import { buildApp } from '../../server/app.js';
import { ensureFirstAdmin } from '../../services/bootstrap.js';
import { createServiceContext } from '../../services/context.js';
import { configFrom, migrateForCommand, openLocalStore, operatorName, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import { whenAborted, type CliIo } from '../io.js';
import { loadDemoForCli } from './demo.js';

/**
 * The organisation's name when the operator gives none at first start. The header of every page shows
 * it, so the first-start box says how to rename it (QA jaui #8: an English name in the Japanese UI).
 */
export const defaultOrganizationName = 'My organisation';

export function registerServe(program: Command, io: CliIo, global: () => GlobalOptions): void {
  program
    .command('serve')
    .description('Start the mamori server (API and web app). Creates the database and the first admin on first start.')
    .option('--host <host>', 'interface to listen on (MAMORI_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (MAMORI_PORT, default 8080)')
    .option('--admin-email <email>', 'email of the first admin, used only on first start', 'admin@mamori.local')
    .option('--org-name <name>', 'name of the organisation, used only on first start (rename it later with `mamori org rename`)', defaultOrganizationName)
    .option('--demo', 'load the demo content (`mamori demo load`) into the organisation before starting, unless it is there already')
    .addHelpText(
      'after',
      '\nData lives in MAMORI_DATA_DIR (default ./.mamori); MAMORI_DATABASE_URL=postgres://… uses PostgreSQL instead of SQLite.',
    )
    .action(async (opts: { host?: string; port?: string; adminEmail: string; orgName: string; demo?: boolean }) => {
      const config = configFrom(io, global(), {
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.port ? { port: opts.port } : {}),
      });
      // From here on Ctrl-C and SIGTERM stop the server gracefully (a second one ends it at once).
      const stop = io.takeStop();
      const store = openLocalStore(config, { create: true });
      try {
        await migrateForCommand(store, config.databaseUrl);
        const ctx = createServiceContext(store, { sessionTtlMinutes: config.sessionTtlMinutes });
        const first = await ensureFirstAdmin(ctx, {
          email: opts.adminEmail,
          organizationName: opts.orgName,
          operatorName: operatorName(io),
        });
        // The first admin exists from here on, and its one-time password is never stored: it is shown
        // even when the server cannot start (a port in use), or it would be lost.
        const showFirstStart = () => {
          if (first) io.stderr(firstStartBox(first.organization.name, first.admin.email, first.oneTimePassword));
        };
        let app: Awaited<ReturnType<typeof buildApp>>;
        let address: string;
        try {
          if (opts.demo) await loadDemoForCli(ctx, io, config, undefined);
          app = await buildApp(config, ctx);
        } catch (e) {
          showFirstStart();
          throw e;
        }
        try {
          address = await app.listen({ host: config.host, port: config.port });
        } catch (e) {
          showFirstStart();
          await app.close();
          throw new CliFailure(`Cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`, exitCodes.usage);
        }
        const where = store.dialect === 'sqlite' ? config.databaseUrl.replace(/^sqlite:/, '') : 'PostgreSQL';
        io.stderr(`mamori is running at ${address}  (database: ${where})\n`);
        showFirstStart();
        await whenAborted(stop);
        io.stderr('Stopping …\n');
        await app.close();
      } finally {
        await store.close();
      }
    });
}

/**
 * What the first start prints: the organisation (with how to rename it, as every page shows its name),
 * the first admin and its one-time password (shown only once).
 */
function firstStartBox(organizationName: string, email: string, oneTimePassword: string): string {
  return [
    '',
    '┌─ First start ─────────────────────────────────────────────',
    `│ Organisation:        ${organizationName}`,
    `│ Admin account:       ${email}`,
    `│ One-time password:   ${oneTimePassword}`,
    '│ Log in and choose a new password. This is shown only once.',
    '│ Rename the organisation: mamori org rename --name "<name>"',
    '│ 初回起動: 上記の管理者アカウントでログインし、パスワードを変更してください。',
    '│ 組織名の変更: mamori org rename --name "<組織名>"',
    '└───────────────────────────────────────────────────────────',
    '',
  ].join('\n');
}
