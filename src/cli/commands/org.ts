import type { Command } from 'commander';
import { createOrganization, listAllOrganizations, operatorActor, updateOwnOrganization } from '../../services/organizations.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodeForError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { printData } from '../output.js';
import { resolveOrganization } from './user.js';

export function registerOrg(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const org = program.command('org').description('Organisations (tenants); operator commands on the local database');
  org
    .command('create')
    .description('Create an organisation')
    .requiredOption('--slug <slug>', 'short name: a–z, 0–9 and "-"')
    .requiredOption('--name <name>', 'display name')
    .action(async (opts: { slug: string; name: string }) => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const result = await createOrganization(ctx, operatorName(io), opts);
        if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
        printData(io, global().format ?? 'table', result.value, {
          columns: ['id', 'slug', 'name'],
          rows: [result.value],
          cells: (o) => [o.id, o.slug, o.name],
        });
      });
    });
  org
    .command('rename')
    .description('Rename an organisation (the name every page shows in its header)')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .requiredOption('--name <name>', 'new display name')
    .action(async (opts: { org?: string; name: string }) => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const found = await resolveOrganization(ctx, opts.org);
        const result = await updateOwnOrganization(ctx, operatorActor(found.id, operatorName(io)), { name: opts.name });
        if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
        printData(io, global().format ?? 'table', result.value, {
          columns: ['id', 'slug', 'name'],
          rows: [result.value],
          cells: (o) => [o.id, o.slug, o.name],
        });
      });
    });
  org
    .command('list')
    .description('List organisations')
    .action(async () => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const page = await listAllOrganizations(ctx, { limit: 500, offset: 0 });
        printData(io, global().format ?? 'table', page, {
          columns: ['id', 'slug', 'name'],
          rows: page.items,
          cells: (o) => [o.id, o.slug, o.name],
        });
      });
    });
}
