/**
 * 医薬安発0115第2号 (2024-01-15) 「医療機器サイバーセキュリティに関する不具合等報告の基本的考え方について」:
 * how cybersecurity events enter statutory malfunction (adverse-event) reporting.
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const SRC = (page: string) => `MHLW notice 0115 No. 2, OCR mirror wic-net 13659/${page}.`;

const entries: readonly CatalogEntry[] = [
  {
    id: '1', parent: null, kind: 'item', level: 'organization',
    title: { ja: 'サイバー起因の不具合を安全管理情報として扱う', en: 'Cyber-caused malfunctions are safety information' },
    description: {
      ja: 'サイバーリスクに起因する機器の不具合を GVP 省令上の安全管理情報として収集・評価する手順を持つ。',
      en: 'Have a procedure to collect and evaluate cyber-caused device malfunctions as safety management information under the GVP ordinance.',
    },
    expectedEvidence: ['process_document'], provenance: 'verified', sourceNote: 'MHLW t_doc 00tc8194 (opening of the notice).',
  },
  {
    id: '2', parent: null, kind: 'item', level: 'product',
    title: { ja: '脆弱性の悪用による不具合の類型', en: 'Malfunction types caused by exploitation' },
    description: {
      ja: '第三者ソフトウェアの未知の脆弱性も考慮し、脆弱性の悪用がもたらしうる5類型（設定の不正変更、診断・治療の改変・無効化、機密データの喪失・開示、誤動作、他機器への攻撃・拡散）を不具合に該当しうるものとして評価する。',
      en: 'Considering unknown vulnerabilities in third-party software too, evaluate the five outcomes of exploitation (unauthorised settings change, altered or disabled diagnosis or therapy, loss or disclosure of confidential data, malfunction, attack on or spread to other devices) as possible malfunctions.',
    },
    expectedEvidence: ['triage_records', 'incident_record'], provenance: 'verified', sourceNote: SRC('5'),
  },
  {
    id: '3', parent: null, kind: 'item', level: 'product',
    title: { ja: 'EOS 後も続く収集・報告義務', en: 'Collection and reporting duties continue after EOS' },
    description: {
      ja: '不具合情報の収集と報告の義務は EOS 後を含む製品ライフサイクル全体に及ぶ。重大な脆弱性により EOL 前でも直ちにレガシーとなりうる。EOS 後の継続使用は医療機関の責任であり、製造販売業者は積極的に情報提供する。',
      en: 'The duties to collect malfunction information and to report cover the whole life cycle, including after EOS. A high-severity vulnerability can make a device legacy at once, even before EOL. Continued use after EOS is the provider’s responsibility; the manufacturer informs providers actively.',
    },
    expectedEvidence: ['vulnerability_monitoring', 'lifecycle_notice'], provenance: 'verified', sourceNote: SRC('8'),
  },
  {
    id: '4', parent: null, kind: 'item', level: 'product',
    title: { ja: '15日期限を前提とした報告', en: 'Reporting against the 15-day deadline' },
    description: {
      ja: '調査開始時は常に15日の厳格な期限を前提とし、調査未了でも期限内に判明事項を未完了報告として提出し、追加報告で補う。医療機関側の報告との整合にも留意する。',
      en: 'When an investigation starts, always work to the strict 15-day deadline; if it is unfinished, file what is known as an incomplete report within the deadline and follow up with additional reports, keeping consistent with the provider’s own report.',
    },
    expectedEvidence: ['regulatory_report', 'incident_record'], provenance: 'verified', sourceNote: SRC('6'),
  },
  {
    id: '5', parent: null, kind: 'item', level: 'product',
    title: { ja: '安全確保措置の検討と記録', en: 'Safety measures and their record' },
    description: {
      ja: '医療機関への情報提供、回収・改修、添付文書・取扱説明書の改訂、販売停止等の安全確保措置を検討・記録し、行政・医療機関・患者への報告や共有を検討する。原因を調査し体制を強化する。',
      en: 'Consider and record safety measures — information to providers, recall or modification, revision of package insert or IFU, stopping sale — and whether to report to or share with authorities, providers and patients; investigate the cause and strengthen the organisation.',
    },
    expectedEvidence: ['incident_record', 'regulatory_report', 'advisory'], provenance: 'verified', sourceNote: SRC('7'),
  },
  {
    id: '6', parent: null, kind: 'item', level: 'organization',
    title: { ja: '通常の不具合等報告と同じ手続', en: 'Same procedure as ordinary reports' },
    description: {
      ja: 'サイバーセキュリティに関する不具合等報告は、通常の報告と同じ法令・通知（2020-01-31 の電子報告通知等）に基づいて行う。',
      en: 'Cybersecurity-related malfunction reports follow the same laws and notices as ordinary reports, including the 2020-01-31 electronic-reporting notices.',
    },
    expectedEvidence: ['process_document', 'regulatory_report'], provenance: 'verified', sourceNote: SRC('6'),
  },
];

export const mhlw0115_2024: Catalog = {
  id: 'mhlw-0115-malfunction-reporting',
  version: '2024-01-15',
  title: {
    ja: '医療機器サイバーセキュリティに関する不具合等報告の基本的考え方について（医薬安発0115第2号）',
    en: 'Basic approach to malfunction reporting for medical device cybersecurity (MHLW notice 0115 No. 2)',
  },
  publisher: '厚生労働省 医薬局 医薬安全対策課',
  kind: 'notice',
  sourceNote:
    'Read as OCR page openings (wic-net 13659/4-8) of the MHLW notice; the decision-criteria paragraph was not read. Statutory deadlines other than the 15-day working rule are not catalogued here.',
  entries,
};
