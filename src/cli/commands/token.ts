import type { Command } from 'commander';
import { operatorActor } from '../../services/organizations.js';
import { createToken } from '../../services/tokens.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodeForError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { resolveUserByEmail } from './user.js';

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
}
