/**
 * `mamori vex export --product P [--release R] [--vulnerability ID] --to cyclonedx|cyclonedx-embedded|openvex|csaf|csaf_security_advisory [--variant hospital|full] [--out FILE]`,
 * `mamori vex import FILE --product P` (proposed decisions awaiting review),
 * `mamori vex proposals --product P` and `mamori vex review ID --accept|--reject`, on the local database (export: or on a server, read-source.ts).
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { listTriageProposals, reviewProposal } from '../../services/triage.js';
import { draftCsafNamespace, exportVex, importVex, vexMatchedBy, vexUnmatchedReasons, type VexExportFormat, type VexImportSummary } from '../../services/vex.js';
import { findReleaseByVersion } from '../../store/repositories/releases.js';
import { maxVexInputSize } from '../../vex/index.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { deprecatedAlias } from '../deprecated-option.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import { readInputFile, writeOutputFile } from '../input-file.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../output.js';
import { operatorActor } from '../../services/organizations.js';
import { failWith, withProduct } from './threat.js';
import { readForProduct, readsLocalOrServer } from './read-source.js';
import type { ApiClient } from '../api-client.js';
import type { Page } from '../../core/page.js';

/** The id of the product's release named by --release (version or id) on the server. */
async function serverReleaseId(client: ApiClient, product: { id: string; name: string }, ref: string): Promise<string> {
  const page = await client.request<Page<{ id: string; version: string }>>('GET', `/products/${product.id}/releases?archived=include&limit=500`);
  const release = page.items.find((r) => r.version === ref || r.id === ref);
  if (!release) throw new CliFailure(`${product.name} has no release "${ref}".`, exitCodes.usage);
  return release.id;
}
import { resolveOrganization } from './user.js';
import { talksToServer } from '../server-option.js';

/** How the statements of an import were matched, and why the others were not (one line for people). */
export function importMatchLine(v: VexImportSummary): string {
  const by = vexMatchedBy.filter((k) => v.matchedBy[k] > 0).map((k) => `${v.matchedBy[k]} by ${matchedByText[k]}`);
  const not = vexUnmatchedReasons.filter((k) => v.unmatchedBecause[k] > 0).map((k) => `${v.unmatchedBecause[k]} ${unmatchedText[k]}`);
  return `Matched: ${by.length > 0 ? by.join(', ') : 'none'}.${not.length > 0 ? ` Not matched: ${not.join(', ')}.` : ''}`;
}
const matchedByText: Record<(typeof vexMatchedBy)[number], string> = {
  release: 'release id',
  sbom: 'SBOM serial number (BOM-Link)',
  version: 'release version',
  product: 'component in any release (the document names no release of this product)',
};
const unmatchedText: Record<(typeof vexUnmatchedReasons)[number], string> = {
  vulnerability: 'no finding of this product has the vulnerability',
  release: 'the vulnerability is found, but not in the release the statement names',
  component: 'the vulnerability is found in the release, but not on the statement\'s component',
};

const formats = ['cyclonedx', 'cyclonedx-embedded', 'openvex', 'csaf', 'csaf_vex', 'csaf_security_advisory'] as const;

export function registerVex(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const vex = program.command('vex').description('VEX and CSAF export and import; imports become proposed triage decisions (export: also from a server; the others: local data folder only)');

  const exportCommand = talksToServer(vex.command('export'))
    .description(`Write the triage decisions of a product (one release, one vulnerability, or all) as CycloneDX VEX, OpenVEX or CSAF. ${readsLocalOrServer}`)
    .requiredOption('--product <product>', 'product id or exact name')
    .option('--release <version>', 'release version or id (default: every release)')
    .option('--vulnerability <id>', 'only this vulnerability (canonical id or alias)')
    .addOption(new Option('--to <format>', 'cyclonedx (standalone, BOM-Links), cyclonedx-embedded (in the SBOM), openvex, csaf (= csaf_vex), csaf_security_advisory').choices(formats).default('cyclonedx'))
    .addOption(new Option('--lang <lang>', 'language of generated sentences').choices(['en', 'ja']).default('en'))
    .option('--namespace <url>', 'CSAF publisher namespace (https URL of the manufacturer); without it a CSAF document is a draft')
    .addOption(new Option('--variant <variant>', "the release SBOM the statements name (BOM-Links, the OpenVEX device @id) or are embedded into: hospital (internal properties and people's contact data left out) or full").choices(['hospital', 'full']).default('hospital'))
    .option('--org <slug>', 'organisation in the local data folder (needed when there are several)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: { product: string; release?: string; vulnerability?: string; to: (typeof formats)[number]; lang: 'en' | 'ja'; namespace?: string; variant: 'hospital' | 'full'; org?: string; out?: string }) => {
      const format: VexExportFormat = opts.to === 'csaf' ? 'csaf_vex' : opts.to;
      const document = await readForProduct<{ body: string; statements: number | null }>(
        io,
        global,
        opts,
        async (client, product) => {
          const query = new URLSearchParams({ format, lang: opts.lang, variant: opts.variant });
          if (opts.release) query.set('releaseId', await serverReleaseId(client, product, opts.release));
          if (opts.vulnerability) query.set('vulnerabilityId', opts.vulnerability);
          if (opts.namespace) query.set('namespace', opts.namespace);
          const { bytes } = await client.download(`/products/${product.id}/vex?${query}`);
          return { body: new TextDecoder().decode(bytes), statements: null };
        },
        async (ctx, actor, product) => {
          let releaseId: string | null = null;
          if (opts.release) {
            const r = (await findReleaseByVersion(ctx.store.db, actor.organizationId, product.id, opts.release)) ?? null;
            releaseId = r?.id ?? opts.release;
          }
          const result = await exportVex(ctx, actor, { productId: product.id, releaseId, vulnerabilityId: opts.vulnerability ?? null, format, lang: opts.lang, namespace: opts.namespace ?? null, variant: opts.variant });
          if (!result.ok) failWith(result.error);
          return { body: result.value.body, statements: result.value.statements };
        },
      );
      if (format.startsWith('csaf') && !opts.namespace)
        io.stderr(`Without --namespace the CSAF document is a draft (tracking status "draft", publisher namespace ${draftCsafNamespace}): give your organisation's https URL to publish it.\n`);
      if (opts.out) {
        writeOutputFile(io, opts.out, document.body);
        io.stderr(`Wrote ${opts.out}${document.statements === null ? '' : ` (${document.statements} statements)`}.\n`);
      } else io.stdout(document.body);
    });
  // --format is the output format of data on stdout everywhere; the document format is --to.
  deprecatedAlias(exportCommand, io, '--format <format>', '--to');

  vex
    .command('import')
    .description('Read a CycloneDX, OpenVEX or CSAF document (e.g. from a supplier) into proposed triage decisions awaiting review. Local data folder only.')
    .argument('<file>', 'VEX JSON file')
    .requiredOption('--product <product>', 'product id or exact name')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .action(async (file: string, opts: { product: string; org?: string }) => {
      const bytes: Uint8Array = readInputFile(io, file, maxVexInputSize, () => new CliFailure(`${file} is larger than ${maxVexInputSize / 1024 / 1024} MB.`, exitCodes.usage));
      await withProduct(io, global, opts, async (ctx, actor, product) => {
        const result = await importVex(ctx, actor, product.id, bytes, path.basename(file));
        if (!result.ok) failWith(result.error);
        const v = result.value;
        for (const w of v.warnings) io.stderr(`warning: ${w}\n`);
        if (global().format === 'json') io.stdout(`${JSON.stringify(v, null, 2)}\n`);
        else io.stdout(`${v.importId}\n`);
        io.stderr(`Read ${v.statements} ${v.format} statements into ${v.proposals} proposed decisions for ${product.name} (${v.unmatched} match no finding). Review them: mamori vex proposals --product ${JSON.stringify(product.name)}\n`);
        io.stderr(`${importMatchLine(v)}\n`);
      });
    });

  vex
    .command('proposals')
    .description('List proposed decisions from imported VEX documents. Local data folder only.')
    .requiredOption('--product <product>', 'product id or exact name')
    .addOption(new Option('--status <status>', 'which').choices(['pending', 'accepted', 'rejected', 'all']).default('pending'))
    .option('--org <slug>', 'organisation (needed when there are several)')
    .action(async (opts: { product: string; status: 'pending' | 'accepted' | 'rejected' | 'all'; org?: string }) => {
      await withProduct(io, global, opts, async (ctx, actor, product) => {
        const result = await listTriageProposals(ctx, actor, product.id, opts.status === 'all' ? null : opts.status);
        if (!result.ok) failWith(result.error);
        if (global().format === 'json') io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        else
          io.stdout(
            renderTable(
              ['ID', 'VULNERABILITY', 'STATE', 'JUSTIFICATION', 'FINDINGS', 'SOURCE', 'STATUS'],
              result.value.map((p) => [p.id, p.vulnerabilityId, p.statement.state, p.statement.justification ?? '-', String(p.findingIds.length), p.sourceName, p.status]),
            ),
          );
      });
    });

  vex
    .command('review')
    .description('Accept (records the decision on the matched findings) or reject a proposed decision. Local data folder only.')
    .argument('<id>', 'proposal id')
    .option('--accept', 'accept the proposal')
    .option('--reject', 'reject the proposal')
    .option('--note <text>', 'review note')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .action(async (id: string, opts: { accept?: boolean; reject?: boolean; note?: string; org?: string }) => {
      if (Boolean(opts.accept) === Boolean(opts.reject)) throw new CliFailure('Give exactly one of --accept or --reject.', exitCodes.usage);
      await withLocalStore(configFrom(io, global()), async (ctx) => {
        const org = await resolveOrganization(ctx, opts.org);
        const result = await reviewProposal(ctx, operatorActor(org.id, operatorName(io)), id, opts.accept ? 'accept' : 'reject', opts.note ?? null);
        if (!result.ok) failWith(result.error);
        io.stderr(`Proposal ${id} ${result.value.proposal.status}; ${result.value.decisionIds.length} decisions recorded.\n`);
        if (global().format === 'json') io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
      });
    });
}
