/**
 * `mamori risk list --product P [--format json]`: the security risk register on the local database;
 * `mamori risk export --product P --to html|pdf|csv [--lang ja|en] [--part register|trace] --out FILE`:
 * the security risk report (context, threat model, register, traceability matrix) as a file.
 */

import { Option, type Command } from 'commander';
import { exportThreatReport } from '../../reports/threats/export.js';
import { getRiskRegister } from '../../services/threats.js';
import type { GlobalOptions } from '../context.js';
import { deprecatedAlias } from '../deprecated-option.js';
import { writeOutputFile } from '../input-file.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../output.js';
import { failWith } from './threat.js';
import { readForProduct, readsLocalOrServer } from './read-source.js';
import { talksToServer } from '../server-option.js';

type RiskRegisterT = Extract<Awaited<ReturnType<typeof getRiskRegister>>, { ok: true }>['value'];

export function registerRisk(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const risk = program.command('risk').description('Security risk register (local data folder, or the server with --server and --token)');
  talksToServer(risk.command('list'))
    .description(`Every threat of the current threat model with its risk before and after controls, hazard and acceptance. ${readsLocalOrServer}`)
    .requiredOption('--product <product>', 'product id or exact name')
    .option('--org <slug>', 'organisation in the local data folder (needed when there are several)')
    .action(async (opts: { product: string; org?: string }) => {
      const reg = await readForProduct<RiskRegisterT>(
        io,
        global,
        opts,
        (client, product) => client.request<RiskRegisterT>('GET', `/products/${product.id}/risks`),
        async (ctx, actor, product) => {
          const result = await getRiskRegister(ctx, actor, product.id);
          if (!result.ok) failWith(result.error);
          return result.value;
        },
      );
      if (global().format === 'json') {
        io.stdout(`${JSON.stringify(reg, null, 2)}\n`);
        return;
      }
      io.stdout(
        renderTable(
          ['threat', 'element', 'category', 'L×I', 'initial', 'residual', 'controlled', 'hazard', 'accepted by'],
          reg.items.map((i) => {
            const a = i.assessment;
            const e = i.evaluation;
            return [
              i.threatTitle,
              i.elementName,
              i.category,
              a ? `${e?.effectiveLikelihood ?? a.likelihood}×${a.impact} → ${a.residualLikelihood ?? a.likelihood}×${a.residualImpact ?? a.impact}` : '-',
              e?.initialLevel ?? '-',
              e?.residualLevel ?? '-',
              e ? (e.controlled ? 'yes' : 'NO') : '-',
              a?.hazard ? `${a.hazard.hazardId} ${a.hazard.harm}`.trim() : '-',
              a?.acceptance ? `${a.acceptance.acceptedBy} ${a.acceptance.acceptedAt.slice(0, 10)}` : '-',
            ];
          }),
        ),
      );
      const unassessed = reg.items.filter((i) => !i.assessment && i.status !== 'not_applicable').length;
      io.stderr(`Threat model version ${reg.threatModel.version}: ${reg.items.length} threats, ${unassessed} without a risk estimate.\n`);
    });

  const exportCommand = talksToServer(risk.command('export'))
    .description(`Write the security risk report (security context, threat model, risk register, traceability matrix) as HTML or PDF, or the register / the matrix as CSV. ${readsLocalOrServer}`)
    .requiredOption('--product <product>', 'product id or exact name')
    .option('--org <slug>', 'organisation in the local data folder (needed when there are several)')
    .addOption(new Option('--to <format>', 'file format').choices(['html', 'pdf', 'csv']).makeOptionMandatory())
    .addOption(new Option('--lang <lang>', 'document language').choices(['ja', 'en']).default('ja'))
    .addOption(new Option('--part <part>', 'CSV only: the risk register or the traceability matrix').choices(['register', 'trace']).default('register'))
    .requiredOption('--out <file>', 'file to write')
    .action(async (opts: { product: string; org?: string; to: 'html' | 'pdf' | 'csv'; lang: 'ja' | 'en'; part: 'register' | 'trace'; out: string }) => {
      const bytes = await readForProduct(
        io,
        global,
        opts,
        async (client, product) => (await client.download(`/products/${product.id}/threat-report?${new URLSearchParams({ format: opts.to, lang: opts.lang, part: opts.part })}`)).bytes,
        async (ctx, actor, product) => {
          const result = await exportThreatReport(ctx, actor, product.id, { format: opts.to, lang: opts.lang, part: opts.part });
          if (!result.ok) failWith(result.error);
          return result.value.bytes;
        },
      );
      const file = writeOutputFile(io, opts.out, bytes);
      io.stderr(`Wrote ${file} (${bytes.byteLength} bytes).\n`);
    });
  // --format is the output format of data on stdout everywhere; the file format is --to.
  deprecatedAlias(exportCommand, io, '--format <format>', '--to');
}
