/**
 * `mamori compliance annex-f --product P` — the Annex F gap list of a product on the Annex F route
 * and the readiness of its declaration, from the local database. `--check` exits 1 while the
 * declaration is not ready (for CI gates) — among others while an applicable IEC 81001-5-1 entry is
 * still unassessed, since the gap list is proposed from that assessment. `--lang ja` prints the
 * gaps, the readiness problems, the warnings and the summary wholly in Japanese (column names stay
 * as they are, like the other tables of the CLI).
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
const levelWords = {
  acceptable: { en: 'acceptable', ja: '許容可能' },
  alara: { en: 'alara', ja: 'ALARA' },
  unacceptable: { en: 'unacceptable', ja: '許容不可' },
} as const;
const closureWords = {
  planned: { en: 'planned', ja: '計画中' },
  in_progress: { en: 'in_progress', ja: '実施中' },
  done: { en: 'done', ja: '完了' },
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
    .addOption(new Option('--lang <lang>', 'language of the table, the readiness problems, the warnings and the summary').choices(['ja', 'en']).default('en'))
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
        const ja = lang === 'ja';
        const format = opts.format ?? global().format ?? 'table';
        const state = s.readiness.decided ? { ja: '判断済み', en: 'decided' } : s.readiness.ready ? { ja: '準備完了', en: 'ready' } : { ja: '準備未完了', en: 'not ready' };
        if (format === 'json') {
          io.stdout(`${JSON.stringify({ productId: s.productId, productName: s.productName, record: s.record, gaps: s.gaps, candidates: s.candidates, readiness: s.readiness }, null, 2)}\n`);
        } else {
          io.stdout(
            ja
              ? `${s.productName} — 附属書F: ${state.ja}。対象バージョン ${s.record.versions.join('、') || '—'}\n`
              : `${s.productName} — Annex F: ${state.en}; versions ${s.record.versions.join(', ') || '—'}\n`,
          );
          io.stdout(
            renderTable(
              ['entry', 'decision', 'residual', 'accepted', 'closure', 'due', 'gap'],
              s.gaps.map((g) => [
                g.entry,
                g.decision ? decisionWords[g.decision][lang] : '—',
                g.residualLevel ? levelWords[g.residualLevel][lang] : '—',
                g.acceptedAt ? `${g.acceptedBy ?? ''} ${g.acceptedAt.slice(0, 10)}` : '—',
                g.decision === 'close' ? closureWords[g.closureStatus][lang] : '—',
                g.closureDueDate ?? '—',
                // A proposed gap reads in the language asked for (its stored form mixes both).
                g.descriptionText[lang].split('\n')[0]!,
              ]),
            ),
          );
          io.stdout('\n');
          io.stdout(
            renderTable(
              ['step', 'complete', 'problems'],
              Object.entries(s.readiness.steps).map(([k, v]) => [
                stepWords[k as keyof typeof stepWords][lang],
                v.complete ? (ja ? '完了' : 'yes') : ja ? '未完了' : 'no',
                v.problems.map((p) => p.messageText[lang]).join(ja ? '' : ' '),
              ]),
            ),
          );
        }
        for (const w of s.readiness.warnings) io.stderr(ja ? `注意: ${w.messageText.ja}\n` : `warning: ${w.message}\n`);
        const c = s.readiness.counts;
        io.stderr(
          ja
            ? `該当する IEC 81001-5-1 の項目 ${c.assessable} 件のうち未評価 ${c.unassessed} 件。ギャップ ${c.gaps} 件（決定済み ${c.decided} 件）。未実施と評価された項目 ${c.candidates} 件のうちギャップ未登録 ${c.uncovered} 件。${s.readiness.ready ? '準備完了です。' : '準備はまだ完了していません。'}\n`
            : `${c.unassessed} of ${c.assessable} applicable entries not assessed; ${c.gaps} gaps (${c.decided} decided), ${c.uncovered} of ${c.candidates} not-implemented entries without a gap; ${s.readiness.ready ? 'ready' : 'not ready'}.\n`,
        );
        return s.readiness.ready;
      });
      if (opts.check && !ready)
        throw new CliFailure(opts.lang === 'ja' ? '附属書F の適合宣言はまだ準備ができていません。' : 'The Annex F declaration is not ready.', exitCodes.checkFailed);
    });
}
