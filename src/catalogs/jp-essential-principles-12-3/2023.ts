/**
 * Japan: Essential Principles (基本要件基準, MHLW Notification No. 122 of 2005) Article 12(3), added by
 * MHLW Notification No. 67 of 2023, with the operational notice 薬生機審発0331第8号 and the conformity
 * routes shown in the Q&A of 2024-01-31.
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const ART = 'Art. 12(3) substance: English rendering (eastanglian.wixsite) and council draft; MHLW 0523 notice; Pacific Bridge.';

const entries: readonly CatalogEntry[] = [
  {
    id: '12.3', parent: null, kind: 'requirement', level: 'product',
    title: { ja: '基本要件基準 第12条第3項（サイバーセキュリティ）', en: 'Essential Principles Art. 12(3) (cybersecurity)' },
    description: {
      ja: 'プログラムを用いた医療機器のうち、他の機器やネットワークに接続するもの、又は外部からの不正アクセスを受けうるものに適用される。2023-04-01 施行、2024-04-01 以降は新規申請と既存品の双方で適合が必須。',
      en: 'Applies to program-using devices that connect to other devices or networks, or could face unauthorised external access. In force from 2023-04-01; conformity mandatory for new applications and marketed devices from 2024-04-01.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: `${ART} Dates: MHLW 0523 notice; KPMG.`,
  },
  {
    id: '12.3.requirements', parent: '12.3', kind: 'item', level: 'product',
    title: { ja: '使用環境を踏まえた要求事項の特定', en: 'Requirements from the operating and network environment' },
    description: {
      ja: '機器の運用環境とネットワーク環境を考慮し、サイバーセキュリティ上の適切な要求事項を特定して文書化する。',
      en: 'Identify and document appropriate cybersecurity requirements, taking the device’s operating and network environment into account.',
    },
    expectedEvidence: ['product_security_context', 'security_requirements'], provenance: 'verified', sourceNote: ART,
  },
  {
    id: '12.3.risk', parent: '12.3', kind: 'item', level: 'product',
    title: { ja: 'サイバーリスクの特定・評価・低減', en: 'Identify, evaluate and reduce cyber risks' },
    description: {
      ja: '機能を損ない又は安全上の懸念を生じうるサイバーセキュリティリスクを特定・評価し、低減するよう管理する。',
      en: 'Identify and evaluate the cybersecurity risks that could impair function or raise safety concerns, and manage them down.',
    },
    expectedEvidence: ['threat_model', 'risk_register'], provenance: 'verified', sourceNote: ART,
  },
  {
    id: '12.3.lifecycle-plan', parent: '12.3', kind: 'item', level: 'both',
    title: { ja: 'ライフサイクル全体の確保計画に基づく設計・製造', en: 'Design and manufacture under a whole-life-cycle plan' },
    description: {
      ja: '製品ライフサイクル全体でサイバーセキュリティを確保する計画に基づいて設計・製造する。審議会資料の解釈では市販後の見直し計画を含む。',
      en: 'Design and manufacture under a plan that keeps the device cybersecure across its whole life cycle; the council interpretation adds a plan for post-market review.',
    },
    expectedEvidence: ['management_plan'], provenance: 'verified', sourceNote: ART,
  },
  {
    id: 'conformity', parent: null, kind: 'group', level: 'product',
    title: { ja: '適合性の示し方', en: 'How conformity is shown' },
    description: {
      ja: '第12条第3項への適合を JIS T 81001-5-1 等への適合により示す方法と、その記録。',
      en: 'How conformity with Art. 12(3) is shown through conformity with JIS T 81001-5-1 and equivalents, and the records to keep.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: '薬生機審発0331第8号 (MHLW t_doc 00tc7558); KPMG.',
  },
  {
    id: 'conformity.jis', parent: 'conformity', kind: 'item', level: 'product',
    title: { ja: 'JIS T 81001-5-1 等への適合', en: 'Conformity with JIS T 81001-5-1 or equivalent' },
    description: {
      ja: '第12条第3項への適合は JIS T 81001-5-1 等への適合で示す。基本要件基準適合性チェックリストの該当行で規格と適合を示す社内文書を特定する。',
      en: 'Show Art. 12(3) conformity through conformity with JIS T 81001-5-1 or an equivalent; the Essential Principles checklist row names the standard and the internal documents that show it.',
    },
    expectedEvidence: ['declaration', 'regulatory_submission'],
    provenance: 'verified', sourceNote: '薬生機審発0331第8号 and 0523第1号 (verified); checklist-row content from recollection.',
  },
  {
    id: 'conformity.transitional', parent: 'conformity', kind: 'item', level: 'product',
    title: { ja: '市販品の附属書F ルート', en: 'Annex F route for marketed products' },
    description: {
      ja: '既に市販されている製品は JIS T 81001-5-1 附属書F により、ギャップ分析、ギャップ解消活動、ソフトウェアバージョンを明記した継続使用の根拠を「トランジションヘルスソフトウェアへの適合宣言報告書」として社内文書化し、0523 通知の各項目への実施状況表とともに示す。',
      en: 'For a product already on the market, use JIS T 81001-5-1 Annex F: gap analysis, gap closure and a continued-use rationale stating the software version, kept as an internal "declaration of conformity report for transitional health software" together with a status table for each item of the 0523 notice.',
    },
    expectedEvidence: ['gap_analysis', 'declaration'],
    provenance: 'verified', sourceNote: 'Q&A 2024-01-31 worked example (wic-net 13393/9).',
  },
  {
    id: 'conformity.test-lab', parent: 'conformity', kind: 'item', level: 'product',
    title: { ja: '試験機関の証明書の扱い', en: 'Use of a test laboratory certificate' },
    description: {
      ja: '試験機関による JIS T 81001-5-1 適合証明は必須ではない。用いる場合も、0523 通知「2. JIS に関連する既存通知等の要求事項」の確認結果を示すか、その結果をまとめた社内文書を特定する。',
      en: 'A test-laboratory certificate of JIS T 81001-5-1 conformity is optional; if used, also show the results against section 2 of the 0523 notice (existing-notice requirements) or identify the internal document summarising them.',
    },
    expectedEvidence: ['declaration', 'regulatory_submission'],
    provenance: 'verified', sourceNote: 'Q&A 2024-01-31 A4 (wic-net 13660/3).',
  },
];

export const jpEssentialPrinciples2023: Catalog = {
  id: 'jp-essential-principles-12-3',
  version: '2023',
  title: {
    ja: '医療機器の基本要件基準 第12条第3項（令和5年厚生労働省告示第67号）',
    en: 'Japan Essential Principles Article 12(3) (MHLW Notification No. 67 of 2023)',
  },
  publisher: '厚生労働省 (MHLW)',
  kind: 'regulation',
  sourceNote:
    'Substance of Art. 12(3) paraphrased from an English rendering and council material; conformity route from 薬生機審発0331第8号, 0523第1号 and the Q&A of 2024-01-31. The regulation text is not reproduced.',
  entries,
};
