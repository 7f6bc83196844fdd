import type { Command } from 'commander';
import { operatorActor } from '../../services/organizations.js';
import { createToken, listOrganizationTokens, revokeOrganizationToken, type OwnedApiToken } from '../../services/tokens.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodeForError, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { printData } from '../output.js';
import { resolveOrganization, resolveUserByEmail } from './user.js';

function tokenStatus(token: OwnedApiToken, now: Date): string {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

export function registerToken(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const token = program.command('token').description('API tokens for the CLI and CI; operator commands on the local database');
  token
    .command('create')
    .description('Create an API token for a user and print it (once). Users can also create their own in the web app.')
    .requiredOption('--user <email>', 'the user the token acts as (with that user’s role)')
    .requiredOption('--name <name>', 'what the token is for, e.g. "CI pipeline"')
    .option('--expires <datetime>', 'expiry, ISO 8601 (default: never)')
    .action(async (opts: { user: string; name: string; expires?: string }) => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const user = await resolveUserByEmail(ctx, opts.user);
        const result = await createToken(ctx, operatorActor(user.organizationId, operatorName(io)), user.id, {
          name: opts.name,
          expiresAt: opts.expires ?? null,
        });
        if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
        if (global().format === 'json') io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        else {
          io.stdout(`${result.value.secret}\n`);
          io.stderr(`Token "${result.value.token.name}" for ${user.email}. Store it now: it is not shown again.\n`);
        }
      });
    });
  token
    .command('list')
    .description("List API tokens with their owner, creation, last use, expiry and status (never the secret)")
    .option('--all', 'every token of the organisation')
    .option('--user <email>', 'the tokens of one user')
    .option('--org <slug>', 'organisation (needed with --all when there are several)')
    .action(async (opts: { all?: boolean; user?: string; org?: string }) => {
      if (!opts.all === !opts.user) throw new CliFailure('Say whose tokens: --all, or --user EMAIL.', exitCodes.usage);
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const owner = opts.user ? await resolveUserByEmail(ctx, opts.user) : undefined;
        const organizationId = owner?.organizationId ?? (await resolveOrganization(ctx, opts.org)).id;
        const result = await listOrganizationTokens(ctx, operatorActor(organizationId, operatorName(io)), { userId: owner?.id });
        if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
        const now = ctx.clock();
        printData(io, global().format ?? 'table', { items: result.value }, {
          columns: ['id', 'user', 'name', 'prefix', 'created', 'last used', 'expires', 'status'],
          rows: result.value,
          cells: (t) => [t.id, t.userEmail, t.name, `${t.prefix}…`, t.createdAt, t.lastUsedAt ?? 'never', t.expiresAt ?? 'never', tokenStatus(t, now)],
        });
      });
    });
  token
    .command('revoke')
    .description('Revoke any user’s API token by its id (from `token list`); it stops working at once. Audited as token.revoke.')
    .argument('<id>', 'the token id')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .action(async (id: string, opts: { org?: string }) => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const org = await resolveOrganization(ctx, opts.org);
        const result = await revokeOrganizationToken(ctx, operatorActor(org.id, operatorName(io)), id);
        if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
        if (global().format === 'json') io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        else io.stderr(`Token "${result.value.name}" (${result.value.prefix}…) of ${result.value.userEmail} revoked at ${result.value.revokedAt}.\n`);
      });
    });
}
