/**
 * `mamori trace --product P [--format json|csv]`: the traceability matrix threat → risk → control →
 * requirement → test → result. Exits 1 when the matrix has gaps, so a release pipeline can gate on it.
 */
import { Option, type Command } from 'commander';
import { traceabilityCsv } from '../../core/threats/traceability.js';
import { getTraceability } from '../../services/threats.js';
import type { GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../output.js';
import { failWith } from './threat.js';
import { readForProduct, readsLocalOrServer } from './read-source.js';
import { talksToServer } from '../server-option.js';

type TraceabilityT = Extract<Awaited<ReturnType<typeof getTraceability>>, { ok: true }>['value'];

export function registerTrace(program: Command, io: CliIo, global: () => GlobalOptions): void {
  talksToServer(program.command('trace'))
    .description(`Traceability matrix of a product; exit 1 when it has gaps (threat without control, control without requirement, requirement without test, failed or not run test, …). ${readsLocalOrServer}`)
    .requiredOption('--product <product>', 'product id or exact name')
    .option('--org <slug>', 'organisation in the local data folder (needed when there are several)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']))
    .action(async (opts: { product: string; org?: string; format?: string }) => {
      const value = await readForProduct<TraceabilityT>(
        io,
        global,
        opts,
        (client, product) => client.request<TraceabilityT>('GET', `/products/${product.id}/traceability`),
        async (ctx, actor, product) => {
          const result = await getTraceability(ctx, actor, product.id);
          if (!result.ok) failWith(result.error);
          return result.value;
        },
      );
      const { matrix } = value;
      const format = opts.format ?? global().format ?? 'table';
      if (format === 'json') io.stdout(`${JSON.stringify(value, null, 2)}\n`);
      else if (format === 'csv') io.stdout(traceabilityCsv(matrix));
      else
        io.stdout(
          renderTable(
            ['threat', 'element', 'risk', 'controls', 'requirements', 'tests', 'gaps'],
            matrix.rows.map((r) => {
              const reqs = r.controls.flatMap((c) => c.requirements);
              const tests = [...reqs.flatMap((q) => q.tests), ...r.mitigationTests];
              return [
                r.threatTitle,
                r.elementName,
                r.risk ? `${r.risk.initialLevel ?? '?'} → ${r.risk.residualLevel ?? '?'}` : '-',
                r.controls.map((c) => c.ref).join(' ') || '-',
                reqs.map((q) => q.ref).join(' ') || '-',
                tests.map((t) => `${t.ref}:${t.result}`).join(' ') || '-',
                r.status === 'not_applicable' ? 'n/a' : r.gaps.join(' ') || 'closed',
              ];
            }),
          ),
        );
      for (const g of matrix.gaps) io.stderr(`gap ${g.kind}: ${g.message}\n`);
      io.stderr(`${matrix.counts.closed} of ${matrix.counts.threats} threats closed; ${matrix.gaps.length} gap(s).\n`);
      const gaps = matrix.gaps.length;
      if (gaps > 0) throw new CliFailure(`The traceability matrix has ${gaps} gap(s).`, exitCodes.checkFailed);
    });
}
