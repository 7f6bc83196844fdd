import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { tplcStages } from '../../core/domain/release.js';
import type { Page } from '../../core/page.js';
import type { Release } from '../../contract/releases.js';
import type { SupportTable } from '../../contract/sboms.js';
import { componentName, levelLabel, statusLabel } from '../../reports/support/labels.js';
import { type ApiClient, apiClient } from '../api-client.js';
import { configFrom, type GlobalOptions } from '../context.js';
import { deprecatedAlias } from '../deprecated-option.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import { writeOutputFile } from '../input-file.js';
import type { CliIo } from '../io.js';
import { printData, renderRecord } from '../output.js';
import { resolveProduct } from './product.js';
import { talksToServer } from '../server-option.js';

type ReleaseT = z.infer<typeof Release>;
type SupportTableT = z.infer<typeof SupportTable>;

interface ReleaseFlags {
  version?: string;
  date?: string;
  stage?: string;
  eol?: string;
  eos?: string;
  notes?: string;
}

function addReleaseFields(cmd: Command, versionRequired: boolean): Command {
  if (versionRequired) cmd.requiredOption('--version <version>', 'release version as marketed, e.g. 2.1.0');
  else cmd.option('--version <version>', 'new version string');
  return cmd
    .option('--date <YYYY-MM-DD>', 'release date (required once the release is on the market)')
    .addOption(new Option('--stage <stage>', 'TPLC stage').choices(tplcStages))
    .option('--eol <YYYY-MM-DD>', 'end of life date')
    .option('--eos <YYYY-MM-DD>', 'end of support date')
    .option('--notes <text>', 'notes');
}

function releaseBody(f: ReleaseFlags): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (f.version !== undefined) body.version = f.version;
  if (f.date !== undefined) body.releaseDate = f.date === '' ? null : f.date;
  if (f.stage !== undefined) body.stage = f.stage;
  if (f.eol !== undefined) body.endOfLife = f.eol === '' ? null : f.eol;
  if (f.eos !== undefined) body.endOfSupport = f.eos === '' ? null : f.eos;
  if (f.notes !== undefined) body.notes = f.notes;
  return body;
}

function printRelease(io: CliIo, format: string | undefined, r: ReleaseT): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  io.stdout(
    renderRecord([
      ['id', r.id],
      ['version', r.version],
      ['stage', r.stage],
      ['released', r.releaseDate ?? '-'],
      ['end of life', r.endOfLife ?? '-'],
      ['end of support', r.endOfSupport ?? '-'],
      ['notes', r.notes || '-'],
      ['status', r.archivedAt ? `archived ${r.archivedAt}` : 'active'],
    ]),
  );
}

async function resolveRelease(client: ApiClient, productRef: string, version: string): Promise<ReleaseT> {
  const product = await resolveProduct(client, productRef);
  const page = await client.request<Page<ReleaseT>>('GET', `/products/${product.id}/releases?archived=include&limit=500`);
  const match = page.items.find((r) => r.version === version);
  if (!match) throw new CliFailure(`${product.name} has no release "${version}".`, exitCodes.usage);
  return match;
}

export function registerRelease(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const release = talksToServer(program.command('release')).description('Releases (versions) of a product; talks to a server (--server, --token)');
  const client = () => apiClient(configFrom(io, global()), io);

  addReleaseFields(
    release.command('create').description('Create a release').requiredOption('--product <product>', 'product id or name'),
    true,
  ).action(async (f: ReleaseFlags & { product: string }) => {
    const c = client();
    const product = await resolveProduct(c, f.product);
    printRelease(io, global().format, await c.request<ReleaseT>('POST', `/products/${product.id}/releases`, releaseBody(f)));
  });

  release
    .command('list')
    .description('List the releases of a product, newest first')
    .requiredOption('--product <product>', 'product id or name')
    .addOption(new Option('--archived <which>', 'archived releases').choices(['exclude', 'include', 'only']).default('exclude'))
    .action(async (o: { product: string; archived: string }) => {
      const c = client();
      const product = await resolveProduct(c, o.product);
      const page = await c.request<Page<ReleaseT>>('GET', `/products/${product.id}/releases?archived=${o.archived}&limit=500`);
      printData(io, global().format ?? 'table', page, {
        columns: ['version', 'stage', 'released', 'end of support', 'id'],
        rows: page.items,
        cells: (r) => [
          r.archivedAt ? `${r.version} (archived)` : r.version,
          r.stage,
          r.releaseDate ?? '-',
          r.endOfSupport ?? '-',
          r.id,
        ],
      });
    });

  // A release is selected with --product and --release (its version); --version is the value a
  // release has (create, update). `show`, `archive` and `restore` used to take --version for the
  // selection; it stays as a deprecated alias.
  deprecatedAlias(
    release
      .command('show')
      .description('Show one release (select it with --product and --release)')
      .requiredOption('--product <product>', 'product id or name')
      .requiredOption('--release <version>', 'the version of the release to show')
      .action(async (o: { product: string; release: string }) => {
        printRelease(io, global().format, await resolveRelease(client(), o.product, o.release));
      }),
    io,
    '--version <version>',
    '--release',
  );

  addReleaseFields(
    release
      .command('update')
      .description('Change a release (select it with --product and --release)')
      .requiredOption('--product <product>', 'product id or name')
      .requiredOption('--release <version>', 'the version of the release to change'),
    false,
  ).action(async (f: ReleaseFlags & { product: string; release: string }) => {
    const body = releaseBody(f);
    if (Object.keys(body).length === 0) throw new CliFailure('Nothing to change: give at least one field option.', exitCodes.usage);
    const c = client();
    const r = await resolveRelease(c, f.product, f.release);
    printRelease(io, global().format, await c.request<ReleaseT>('PATCH', `/releases/${r.id}`, body));
  });

  const statusHelp =
    '\nStatus, the first that applies: past end of support (the date is before --as-of); no longer maintained (level "no longer\n' +
    'maintained" or "abandoned"); support ends within 12 months; end-of-support date not recorded; support level not recorded;\n' +
    'no support information (neither recorded); supported. See the user guide, "Component support table (FDA)".';

  release
    .command('support')
    .description(
      'Print the FDA support table of a release (select it with --product and --release): every component with its support level, end-of-support date and status; ' +
        '--format json for the data. `release support-export` writes it as CSV, PDF or HTML',
    )
    .requiredOption('--product <product>', 'product id or name')
    .requiredOption('--release <version>', 'the version of the release')
    .option('--as-of <YYYY-MM-DD>', 'the date the status is decided for (default: today, UTC)')
    .addOption(new Option('--lang <lang>', 'language of support levels and statuses in the table').choices(['ja', 'en']).default('en'))
    .addHelpText('after', statusHelp)
    .action(async (o: { product: string; release: string; asOf?: string; lang: 'ja' | 'en' }) => {
      const c = client();
      const r = await resolveRelease(c, o.product, o.release);
      const query = new URLSearchParams(o.asOf === undefined ? {} : { asOf: o.asOf });
      const table = await c.request<SupportTableT>('GET', `/releases/${r.id}/support?${query}`);
      printData(io, global().format ?? 'table', table, {
        columns: ['component', 'version', 'supplier', 'purl / cpe', 'support level', 'end of support', 'status', 'source'],
        rows: table.rows,
        cells: (x) => [componentName(x), x.version ?? '-', x.supplier ?? '-', x.purl ?? x.cpe ?? '-', levelLabel(x.supportLevel, o.lang) || '-', x.endOfSupport ?? '-', statusLabel(x.status, o.lang), x.origin],
      });
      const s = table.summary;
      io.stderr(
        o.lang === 'ja'
          ? `${s.total} 件（${table.asOf} 時点）：サポート終了済み ${s.pastEndOfSupport}、サポート情報なし ${s.withoutInformation}、サポートレベル未記録 ${s.withoutSupportLevel}、サポート終了日未記録 ${s.withoutEndOfSupport}。\n`
          : `${s.total} components as of ${table.asOf}: ${s.pastEndOfSupport} past end of support, ${s.withoutInformation} without support information, ${s.withoutSupportLevel} without a support level, ${s.withoutEndOfSupport} without an end-of-support date.\n`,
      );
    });

  release
    .command('support-export')
    .description('Write the FDA support table of a release (select it with --product and --release) as CSV (for Excel), PDF or HTML, in Japanese or English')
    .requiredOption('--product <product>', 'product id or name')
    .requiredOption('--release <version>', 'the version of the release')
    .addOption(new Option('--to <format>', 'file format').choices(['csv', 'pdf', 'html']).makeOptionMandatory())
    .addOption(new Option('--lang <lang>', 'document language').choices(['ja', 'en']).default('ja'))
    .option('--as-of <YYYY-MM-DD>', 'the date the status is decided for (default: today, UTC)')
    .requiredOption('--out <file>', 'file to write')
    .addHelpText('after', statusHelp)
    .action(async (o: { product: string; release: string; to: 'csv' | 'pdf' | 'html'; lang: 'ja' | 'en'; asOf?: string; out: string }) => {
      const c = client();
      const r = await resolveRelease(c, o.product, o.release);
      const query = new URLSearchParams({ format: o.to, lang: o.lang, ...(o.asOf === undefined ? {} : { asOf: o.asOf }) });
      const { bytes } = await c.download(`/releases/${r.id}/support-report?${query}`);
      const file = writeOutputFile(io, o.out, bytes);
      io.stderr(`Wrote ${file} (${bytes.byteLength} bytes).\n`);
    });

  for (const [verb, text] of [
    ['archive', 'Archive a release'],
    ['restore', 'Restore an archived release'],
  ] as const) {
    deprecatedAlias(
      release
        .command(verb)
        .description(`${text} (select it with --product and --release)`)
        .requiredOption('--product <product>', 'product id or name')
        .requiredOption('--release <version>', `the version of the release to ${verb}`)
        .action(async (o: { product: string; release: string }) => {
          const c = client();
          const r = await resolveRelease(c, o.product, o.release);
          printRelease(io, global().format, await c.request<ReleaseT>('POST', `/releases/${r.id}/${verb}`));
        }),
      io,
      '--version <version>',
      '--release',
    );
  }
}
