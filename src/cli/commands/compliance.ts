
import { Option, type Command } from 'commander';
import { catalogKey, catalogTree, resolveCatalog, type Catalog } from '../../core/compliance/catalog.js';
import { gapAnalysisView, gapKinds, type GapKind } from '../../core/compliance/gap.js';
import { catalogs as shippedCatalogs } from '../../catalogs/index.js';
import { renderComplianceCsv } from '../../reports/compliance/csv.js';
import { gapLabel, rowGapLabel, sourceLabel, statusLabel } from '../../reports/compliance/labels.js';
import { complianceReport, exportCompliance } from '../../services/compliance.js';
import type { ServiceContext } from '../../services/context.js';
import { operatorActor } from '../../services/organizations.js';
import { resolveLocalProduct } from './local-product.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { deprecatedAlias } from '../deprecated-option.js';
import { CliFailure, exitCodeForError, exitCodes } from '../exit-codes.js';
import { writeOutputFile } from '../input-file.js';
import type { CliIo } from '../io.js';
import { printData, renderTable } from '../output.js';
import { resolveOrganization } from './user.js';
import { registerComplianceAnnexF } from './compliance-annex-f.js';
import { resolveProduct } from './product.js';
import { readServer, readsLocalOrServer } from './read-source.js';
import { talksToServer } from '../server-option.js';

type GapAnalysisViewT = ReturnType<typeof gapAnalysisView>;

/** The product named by --product (id or exact name) in the organisation, or null for the organisation's own report. */
async function resolveLocalProductOrNone(ctx: ServiceContext, organizationId: string, ref: string | undefined) {
  return ref === undefined ? null : resolveLocalProduct(ctx, organizationId, ref);
}

function parseFailOn(value: string | undefined): GapKind[] {
  if (value === undefined || value === 'none') return [];
  if (value === 'any') return [...gapKinds];
  const kinds = value.split(',').map((k) => k.trim());
  const bad = kinds.filter((k) => !(gapKinds as readonly string[]).includes(k));
  if (bad.length > 0) throw new CliFailure(`--fail-on takes any, none, or a comma list of ${gapKinds.join(', ')}; not ${bad.join(', ')}.`, exitCodes.usage);
  return kinds as GapKind[];
}

/**
 * `mamori compliance catalogs` and `mamori compliance clauses CATALOG` — read-only views of the
 * shipped, frozen compliance catalogs. No database or server is needed.
 */
export function registerCompliance(
  program: Command,
  io: CliIo,
  global: () => GlobalOptions,
  catalogs: readonly Catalog[] = shippedCatalogs,
): void {
  const compliance = program
    .command('compliance')
    .description('Compliance catalogs: IEC 81001-5-1, MHLW guidance and notices, IMDRF, FDA, EU');

  compliance
    .command('catalogs')
    .description('List the shipped catalogs (id, version, title, number of entries)')
    .action(() => {
      const rows = catalogs.map((c) => ({
        id: c.id,
        version: c.version,
        key: catalogKey(c),
        kind: c.kind,
        publisher: c.publisher,
        title: c.title,
        entries: c.entries.length,
      }));
      printData(io, global().format ?? 'table', rows, {
        columns: ['id', 'version', 'entries', 'title (ja)', 'title (en)'],
        rows,
        cells: (r) => [r.id, r.version, String(r.entries), r.title.ja, r.title.en],
      });
    });

  compliance
    .command('clauses')
    .description('List every entry of a catalog as a tree (CATALOG is an id, or id@version)')
    .argument('<catalog>', 'catalog id, e.g. iec-81001-5-1 or iec-81001-5-1@2021')
    .action((ref: string) => {
      const catalog = resolveCatalog(catalogs, ref);
      if (!catalog) {
        const known = [...new Set(catalogs.map((c) => catalogKey(c)))].join(', ');
        throw new CliFailure(`Unknown catalog "${ref}". Known catalogs: ${known}`, exitCodes.usage);
      }
      const rows = catalogTree(catalog).map(({ entry, depth }) => ({
        id: entry.id,
        parent: entry.parent,
        depth,
        kind: entry.kind,
        level: entry.level,
        normative: entry.normative !== false,
        title: entry.title,
        description: entry.description,
        expectedEvidence: entry.expectedEvidence,
        provenance: entry.provenance,
        sourceNote: entry.sourceNote,
      }));
      printData(
        io,
        global().format ?? 'table',
        { catalog: { id: catalog.id, version: catalog.version, title: catalog.title }, entries: rows },
        {
          columns: ['id', 'provenance', 'title (ja)', 'title (en)'],
          rows,
          cells: (r) => [`${'  '.repeat(r.depth)}${r.id}`, r.provenance, r.title.ja, r.title.en],
        },
      );
    });

  talksToServer(compliance.command('gap'))
    .description(
      'Gap analysis of a product (or, without --product, of the organisation): status, evidence count and gaps per entry. ' +
        'Exits 0 unless --fail-on names gap kinds that are present (then 1), for CI gates. ' +
        readsLocalOrServer,
    )
    .option('--product <product>', 'product id or exact name (omit for the organisation-level report)')
    .option('--org <slug>', 'organisation in the local data folder (needed when there are several)')
    .option('--catalog <catalog>', 'only this catalog (id or id@version); default: the product’s profile catalogs')
    .addOption(new Option('--lang <lang>', 'language of titles in table and csv output').choices(['ja', 'en']).default('en'))
    .option('--fail-on <kinds>', `exit 1 when gaps of these kinds exist: any, none, or a comma list of ${gapKinds.join(', ')}`, 'none')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']))
    .action(async (opts: { product?: string; org?: string; catalog?: string; lang: 'ja' | 'en'; failOn?: string; format?: string }) => {
      const lang = opts.lang;
      const failOn = parseFailOn(opts.failOn);
      const format = opts.format ?? global().format ?? 'table';
      const client = readServer(io, global, opts.org);
      let view: GapAnalysisViewT;
      let csv: Uint8Array | null = null;
      if (client) {
        const scope = opts.product === undefined ? 'org' : (await resolveProduct(client, opts.product)).id;
        const catalog = opts.catalog === undefined ? '' : `catalog=${encodeURIComponent(opts.catalog)}`;
        view = await client.request<GapAnalysisViewT>('GET', `/compliance/${scope}/gaps${catalog ? `?${catalog}` : ''}`);
        if (format === 'csv') csv = (await client.download(`/compliance/${scope}/export?format=csv&lang=${lang}${catalog ? `&${catalog}` : ''}`)).bytes;
      } else {
        const config = configFrom(io, global());
        [view, csv] = await withLocalStore(config, async (ctx) => {
          const org = await resolveOrganization(ctx, opts.org);
          const product = await resolveLocalProductOrNone(ctx, org.id, opts.product);
          const result = await complianceReport(ctx, operatorActor(org.id, operatorName(io)), product?.id ?? null, { catalog: opts.catalog }, { vulnDbPath: config.vulnDbPath });
          if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
          const report = result.value;
          return [gapAnalysisView(report.analysis, report.profile?.route ?? null), format === 'csv' ? renderComplianceCsv(report, lang) : null] as const;
        });
      }
      if (csv !== null) {
        io.stdout(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv));
      } else if (format === 'json') {
        io.stdout(`${JSON.stringify(view, null, 2)}\n`);
      } else {
        for (const c of view.catalogs) {
          const s = c.summary;
          const done = s.implemented + s.verified;
          io.stdout(
            lang === 'ja'
              ? `${s.catalog} — ${s.title.ja}: 充足率 ${s.coveragePercent}%（${done}/${s.applicable}）、ギャップあり ${s.withGaps} 件\n`
              : `${s.catalog} — ${s.title.en}: ${s.coveragePercent}% (${done}/${s.applicable}), ${s.withGaps} with gaps\n`,
          );
          io.stdout(
            renderTable(
              ['entry', 'status', 'basis', 'evidence', 'gaps', 'title'],
              c.rows.map((r) => [r.entry.id, statusLabel(r.status, lang), sourceLabel(r.source, lang), String(r.evidenceCount), r.gaps.map((g) => rowGapLabel(g, r, lang)).join(', '), r.entry.title[lang]]),
            ),
          );
          io.stdout('\n');
        }
      }
      const totals = view.totals;
      io.stderr(
        lang === 'ja'
          ? `${totals.entries} 項目のうち ${totals.withGaps} 項目にギャップあり（${gapLabel('not_assessed', lang)} ${totals.gaps.not_assessed}、${gapLabel('not_started', lang)} ${totals.gaps.not_started}、${gapLabel('no_evidence', lang)} ${totals.gaps.no_evidence}、${gapLabel('overdue', lang)} ${totals.gaps.overdue}）。\n`
          : `${totals.withGaps} of ${totals.entries} entries have gaps (not assessed ${totals.gaps.not_assessed}, not started ${totals.gaps.not_started}, no evidence ${totals.gaps.no_evidence}, overdue ${totals.gaps.overdue}).\n`,
      );
      const found = failOn.filter((k) => totals.gaps[k] > 0);
      if (found.length > 0) throw new CliFailure(`Gaps found: ${found.join(', ')}.`, exitCodes.checkFailed);
    });

  const exportCommand = talksToServer(compliance.command('export'))
    .description(`Write the gap analysis (or the Annex F report) of a product (or, without --product, of the organisation) as HTML, CSV or PDF. ${readsLocalOrServer}`)
    .option('--product <product>', 'product id or exact name (omit for the organisation-level report)')
    .option('--org <slug>', 'organisation in the local data folder (needed when there are several)')
    .option('--catalog <catalog>', 'only this catalog (id or id@version)')
    .addOption(new Option('--to <format>', 'file format').choices(['html', 'csv', 'pdf']).makeOptionMandatory())
    .addOption(new Option('--lang <lang>', 'document language').choices(['ja', 'en']).default('ja'))
    .addOption(new Option('--document <document>', 'gap: gap analysis; annex-f: the Annex F declaration report').choices(['gap', 'annex-f']).default('gap'))
    .requiredOption('--out <file>', 'file to write')
    .action(async (opts: { product?: string; org?: string; catalog?: string; to: 'html' | 'csv' | 'pdf'; lang: 'ja' | 'en'; document: 'gap' | 'annex-f'; out: string }) => {
      const client = readServer(io, global, opts.org);
      let bytes: Uint8Array;
      if (client) {
        const scope = opts.product === undefined ? 'org' : (await resolveProduct(client, opts.product)).id;
        const query = new URLSearchParams({ format: opts.to, lang: opts.lang, document: opts.document });
        if (opts.catalog !== undefined) query.set('catalog', opts.catalog);
        bytes = (await client.download(`/compliance/${scope}/export?${query}`)).bytes;
      } else {
        const config = configFrom(io, global());
        bytes = await withLocalStore(config, async (ctx) => {
          const org = await resolveOrganization(ctx, opts.org);
          const product = await resolveLocalProductOrNone(ctx, org.id, opts.product);
          const result = await exportCompliance(ctx, operatorActor(org.id, operatorName(io)), product?.id ?? null, { format: opts.to, lang: opts.lang, document: opts.document, catalog: opts.catalog }, { vulnDbPath: config.vulnDbPath });
          if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
          return result.value.bytes;
        });
      }
      const file = writeOutputFile(io, opts.out, bytes);
      io.stderr(`Wrote ${file} (${bytes.byteLength} bytes).\n`);
    });
  // --format is the output format of data on stdout everywhere; the file format is --to.
  deprecatedAlias(exportCommand, io, '--format <format>', '--to');

  registerComplianceAnnexF(compliance, io, global);
}
