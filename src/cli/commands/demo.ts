/**
 * `mamori demo load`: puts the demo content (src/services/demo-content.ts) into an organisation of
 * the local database, and the demo vulnerability records into an empty vulnerability database. An
 * operator command, like `org` and `user`; `mamori serve --demo` does the same at start.
 */
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { loadDemo, type DemoSummary } from '../../services/load-demo.js';
import { operatorActor } from '../../services/organizations.js';
import type { ServiceContext } from '../../services/context.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodeForError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { printData } from '../output.js';
import { resolveOrganization } from './user.js';

/** Loads the demo into the organisation (`slug`, or the only one); progress on stderr. */
export async function loadDemoForCli(
  ctx: ServiceContext,
  io: CliIo,
  config: Config,
  slug: string | undefined,
): Promise<DemoSummary> {
  const org = await resolveOrganization(ctx, slug);
  const result = await loadDemo(ctx, operatorActor(org.id, operatorName(io)), {
    vulnDbPath: config.vulnDbPath,
    onProgress: (line) => io.stderr(`${line}\n`),
  });
  if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
  if (!result.value.loaded) io.stderr(`The demo content is already in ${org.name}: nothing changed.\n`);
  else
    io.stderr(
      [
        `Demo content loaded into ${org.name}:`,
        ...result.value.products.map(
          (p) =>
            `  ${p.name}: ${p.releases.map((r) => `${r.version} (${r.components} components, ${r.findings} finding${r.findings === 1 ? '' : 's'})`).join(', ')}`,
        ),
        `  ${result.value.triaged} triage decisions; vulnerability records: ${result.value.feeds === 'imported' ? 'demo extract imported' : 'your existing feeds kept'}.`,
        'Products and releases can be archived in the web app when you no longer need them.',
        '',
      ].join('\n'),
    );
  return result.value;
}

export function registerDemo(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const demo = program
    .command('demo')
    .description('Demo content for a first look at mamori; operator command on the local database');
  demo
    .command('load')
    .description(
      'Add two demo products (an infusion pump and dosing software) with releases, SBOMs, a threat model, findings and triage decisions; into an empty vulnerability database also a few real advisories (OSV, NVD, CISA KEV)',
    )
    .option('--org <slug>', 'organisation (needed when there are several)')
    .action(async (opts: { org?: string }) => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const summary = await loadDemoForCli(ctx, io, config, opts.org);
        printData(io, global().format ?? 'table', summary, {
          columns: ['product', 'release', 'components', 'findings'],
          rows: summary.products.flatMap((p) => p.releases.map((r) => ({ product: p.name, ...r }))),
          cells: (r) => [r.product, r.version, String(r.components), String(r.findings)],
        });
      });
    });
}
