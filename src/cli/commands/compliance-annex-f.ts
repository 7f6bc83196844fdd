/**
 * `mamori compliance annex-f --product P` — the Annex F gap list of a product on the Annex F route
 * and the readiness of its declaration, from the local database. `--check` exits 1 while the
 * declaration is not ready (for CI gates) — among others while an applicable IEC 81001-5-1 entry is
 * still unassessed, since the gap list is proposed from that assessment.
 */
import { Option, type Command } from 'commander';
import { getAnnexF } from '../../services/annex-f.js';
import { operatorActor } from '../../services/organizations.js';
import { resolveLocalProduct } from './local-product.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodeForError, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../output.js';
import { resolveOrganization } from './user.js';

const decisionWords = {
  close: { en: 'close', ja: '解消' },
  compensate: { en: 'compensate', ja: '補償' },
  accept: { en: 'accept', ja: '受容' },
} as const;
const stepWords = {
  scope: { en: '1 scope and versions', ja: '1 対象とバージョン' },
  gaps: { en: '2 gap list', ja: '2 ギャップ一覧' },
  closure: { en: '3 decisions and residual risk', ja: '3 対応方針と残留リスク' },
  rationale: { en: '4 rationale for continued use', ja: '4 継続使用の根拠' },
  postRelease: { en: '5 post-release activities', ja: '5 市販後活動' },
} as const;

export function registerComplianceAnnexF(compliance: Command, io: CliIo, global: () => GlobalOptions): void {
  compliance
    .command('annex-f')
    .description(
      'The Annex F gap list of a product on the Annex F route (products already on the market) and the readiness of its declaration, from the local database. ' +
        'Exits 0; with --check, exits 1 while the declaration is not ready.',
    )
    .requiredOption('--product <product>', 'product id or exact name')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .option('--check', 'exit 1 unless every step is complete')
    .addOption(new Option('--lang <lang>', 'language of titles in table output').choices(['ja', 'en']).default('en'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .action(async (opts: { product: string; org?: string; check?: boolean; lang: 'ja' | 'en'; format?: string }) => {
      const config = configFrom(io, global());
      const ready = await withLocalStore(config, async (ctx) => {
        const org = await resolveOrganization(ctx, opts.org);
        const product = await resolveLocalProduct(ctx, org.id, opts.product);
        const result = await getAnnexF(ctx, operatorActor(org.id, operatorName(io)), product.id);
        if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
        const s = result.value;
        const lang = opts.lang;
        const format = opts.format ?? global().format ?? 'table';
        if (format === 'json') {
          io.stdout(`${JSON.stringify({ productId: s.productId, productName: s.productName, record: s.record, gaps: s.gaps, candidates: s.candidates, readiness: s.readiness }, null, 2)}\n`);
        } else {
          io.stdout(`${s.productName} — Annex F: ${s.readiness.decided ? 'decided' : s.readiness.ready ? 'ready' : 'not ready'}; versions ${s.record.versions.join(', ') || '—'}\n`);
          io.stdout(
            renderTable(
              ['entry', 'decision', 'residual', 'accepted', 'closure', 'due', 'gap'],
              s.gaps.map((g) => [
                g.entry,
                g.decision ? decisionWords[g.decision][lang] : '—',
                g.residualLevel ?? '—',
                g.acceptedAt ? `${g.acceptedBy ?? ''} ${g.acceptedAt.slice(0, 10)}` : '—',
                g.decision === 'close' ? g.closureStatus : '—',
                g.closureDueDate ?? '—',
                g.description.split('\n')[0]!,
              ]),
            ),
          );
          io.stdout('\n');
          io.stdout(
            renderTable(
              ['step', 'complete', 'problems'],
              Object.entries(s.readiness.steps).map(([k, v]) => [stepWords[k as keyof typeof stepWords][lang], v.complete ? 'yes' : 'no', v.problems.map((p) => p.message).join(' ')]),
            ),
          );
        }
        for (const w of s.readiness.warnings) io.stderr(`warning: ${w.message}\n`);
        const c = s.readiness.counts;
        io.stderr(
          `${c.unassessed} of ${c.assessable} applicable entries not assessed; ${c.gaps} gaps (${c.decided} decided), ${c.uncovered} of ${c.candidates} not-implemented entries without a gap; ${s.readiness.ready ? 'ready' : 'not ready'}.\n`,
        );
        return s.readiness.ready;
      });
      if (opts.check && !ready) throw new CliFailure('The Annex F declaration is not ready.', exitCodes.checkFailed);
    });
}
