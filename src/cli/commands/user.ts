import type { Command } from 'commander';
import { isRole, roles } from '../../core/domain/role.js';
import { normalizeEmail } from '../../core/domain/user.js';
import type { ServiceContext } from '../../services/context.js';
import { listAllOrganizations, operatorActor } from '../../services/organizations.js';
import { createUser, listUsers, resetUserPassword } from '../../services/users.js';
import { findOrganizationBySlug } from '../../store/repositories/organizations.js';
import { findUserByEmail } from '../../store/repositories/users.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { deprecatedAlias } from '../deprecated-option.js';
import { CliFailure, exitCodeForError, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { printData } from '../output.js';

/** The organisation an operator command works in: --org, or the only one there is. */
export async function resolveOrganization(ctx: ServiceContext, slug: string | undefined) {
  if (slug) {
    const org = await findOrganizationBySlug(ctx.store.db, slug);
    if (!org) throw new CliFailure(`No organisation "${slug}". See \`mamori org list\`.`, exitCodes.usage);
    return org;
  }
  const all = await listAllOrganizations(ctx, { limit: 2, offset: 0 });
  if (all.total === 1) return all.items[0]!;
  throw new CliFailure(
    all.total === 0
      ? 'There is no organisation yet: start the server once (`mamori serve`) or run `mamori org create`.'
      : 'There are several organisations: say which with --org SLUG.',
    exitCodes.usage,
  );
}

export async function resolveUserByEmail(ctx: ServiceContext, email: string) {
  const found = await findUserByEmail(ctx.store.db, normalizeEmail(email));
  if (!found) throw new CliFailure(`No user with email ${email}.`, exitCodes.usage);
  return found.user;
}

export function registerUser(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const user = program.command('user').description('User accounts; operator commands on the local database');
  user
    .command('create')
    .description('Create a user. Without --password-stdin a one-time password is printed, to be changed at first login.')
    .requiredOption('--email <email>', 'login email address')
    .requiredOption('--role <role>', `one of ${roles.join(', ')} (viewer = read-only, for auditors)`)
    .option('--name <name>', 'display name', '')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(async (opts: { email: string; role: string; name: string; org?: string; passwordStdin?: boolean }) => {
      if (!isRole(opts.role)) throw new CliFailure(`--role must be one of ${roles.join(', ')}.`, exitCodes.usage);
      const role = opts.role;
      const password = opts.passwordStdin ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const org = await resolveOrganization(ctx, opts.org);
        const result = await createUser(ctx, operatorActor(org.id, operatorName(io)), {
          email: opts.email,
          displayName: opts.name,
          role,
          password,
        });
        if (!result.ok) {
          const issues = (result.error.issues ?? []).map((i) => `\n  ${i.path}: ${i.message}`).join('');
          throw new CliFailure(`${result.error.message}${issues}`, exitCodeForError(result.error.code));
        }
        const { user: created, oneTimePassword } = result.value;
        if (global().format === 'json') io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        else {
          io.stdout(`${created.email}\t${created.role}\t${org.slug}\n`);
          if (oneTimePassword) io.stderr(`One-time password (shown once; must be changed at first login): ${oneTimePassword}\n`);
        }
      });
    });
  user
    .command('list')
    .description('List the users of an organisation')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .action(async (opts: { org?: string }) => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const org = await resolveOrganization(ctx, opts.org);
        const result = await listUsers(ctx, operatorActor(org.id, operatorName(io)), { limit: 500, offset: 0 });
        if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
        printData(io, global().format ?? 'table', result.value, {
          columns: ['email', 'role', 'name', 'status'],
          rows: result.value.items,
          cells: (u) => [u.email, u.role, u.displayName, u.disabledAt ? 'disabled' : 'active'],
        });
      });
    });
  // A user is selected with --user EMAIL (as in `token create`); --email is the value a user has
  // (`user create`). reset-password used to select with --email; it stays as a deprecated alias.
  const resetPassword = user
    .command('reset-password')
    .description('Issue a new one-time password for an account (e.g. when no admin can log in); its sessions end')
    .requiredOption('--user <email>', 'the account, by its login email address')
    .action(async (opts: { user: string }) => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const target = await resolveUserByEmail(ctx, opts.user);
        const result = await resetUserPassword(ctx, operatorActor(target.organizationId, operatorName(io)), target.id);
        if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
        if (global().format === 'json') io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        else io.stderr(`One-time password for ${target.email} (shown once; must be changed at first login): ${result.value.oneTimePassword}\n`);
      });
    });
  deprecatedAlias(resetPassword, io, '--email <email>', '--user');
}
