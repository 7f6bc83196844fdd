/** Words of the compliance documents in both languages. */
import type { AssessmentStatus, StatusSource } from '../../core/compliance/assessment.js';
import type { GapKind } from '../../core/compliance/gap.js';

export const reportLanguages = ['ja', 'en'] as const;
export type ReportLanguage = (typeof reportLanguages)[number];

const statuses: Record<AssessmentStatus | 'none', { ja: string; en: string }> = {
  none: { ja: '未評価', en: 'Not assessed' },
  not_started: { ja: '未着手', en: 'Not started' },
  in_progress: { ja: '対応中', en: 'In progress' },
  implemented: { ja: '実施済み', en: 'Implemented' },
  verified: { ja: '検証済み', en: 'Verified' },
  not_applicable: { ja: '適用外', en: 'Not applicable' },
};

const gaps: Record<GapKind, { ja: string; en: string }> = {
  not_started: { ja: '未着手', en: 'Not started' },
  no_evidence: { ja: '証跡なし', en: 'No evidence' },
  overdue: { ja: '期限超過', en: 'Overdue' },
};

const levels: Record<string, { ja: string; en: string }> = {
  product: { ja: '製品', en: 'Product' },
  organization: { ja: '組織', en: 'Organisation' },
  both: { ja: '組織・製品', en: 'Both' },
};

export function statusLabel(s: AssessmentStatus | null, lang: ReportLanguage): string {
  return statuses[s ?? 'none'][lang];
}

export function gapLabel(g: GapKind, lang: ReportLanguage): string {
  return gaps[g][lang];
}

export function levelLabel(l: string, lang: ReportLanguage): string {
  return levels[l]?.[lang] ?? l;
}

export function sourceLabel(s: StatusSource | null, lang: ReportLanguage): string {
  if (!s) return '';
  const ja = lang === 'ja';
  switch (s.type) {
    case 'direct':
      return ja ? '直接評価' : 'Assessed';
    case 'crosswalk':
      return ja ? `対応表経由: ${s.from}` : `Via crosswalk: ${s.from}`;
    case 'rollup':
      return ja ? '下位項目の集計' : 'Rolled up from sub-entries';
    case 'inherited':
      return ja ? `上位項目から: ${s.from}` : `From parent: ${s.from}`;
    case 'route':
      return ja ? '適合ルートによる' : 'By conformity route';
  }
}

const words = {
  title: { ja: 'サイバーセキュリティ適合性ギャップ分析', en: 'Cybersecurity compliance gap analysis' },
  organization: { ja: '組織', en: 'Organisation' },
  product: { ja: '製品', en: 'Product' },
  models: { ja: '型式', en: 'Model numbers' },
  deviceClass: { ja: 'クラス分類', en: 'Device class' },
  route: { ja: '適合ルート', en: 'Conformity route' },
  routeFull: { ja: 'フルルート（箇条4〜9）', en: 'Full route (Clauses 4–9)' },
  routeAnnexF: { ja: '附属書F（トランジションヘルスソフトウェア）', en: 'Annex F (transitional health software)' },
  generatedAt: { ja: '作成日時', en: 'Generated' },
  summary: { ja: 'カタログ別の概要', en: 'Summary per catalog' },
  catalog: { ja: 'カタログ', en: 'Catalog' },
  applicable: { ja: '適用項目', en: 'Applicable' },
  implemented: { ja: '実施済み', en: 'Implemented' },
  verified: { ja: '検証済み', en: 'Verified' },
  coverage: { ja: '充足率', en: 'Coverage' },
  withGaps: { ja: 'ギャップあり', en: 'With gaps' },
  entry: { ja: '項目', en: 'Entry' },
  entryTitle: { ja: '名称', en: 'Title' },
  level: { ja: 'レベル', en: 'Level' },
  status: { ja: '状況', en: 'Status' },
  source: { ja: '根拠', en: 'Basis' },
  owner: { ja: '担当者', en: 'Owner' },
  dueDate: { ja: '期限', en: 'Due date' },
  evidence: { ja: '証跡数', en: 'Evidence' },
  gaps: { ja: 'ギャップ', en: 'Gaps' },
  justification: { ja: '適用外の理由', en: 'Not-applicable justification' },
  informative: { ja: '参考', en: 'informative' },
  dual: { ja: '二重基準の差分', en: 'Dual-standard differences' },
  mhlwOnly: { ja: '厚生労働省の文書が求め、IEC 81001-5-1 が求めない事項', en: 'Asked by the MHLW instruments but not by IEC 81001-5-1' },
  iecOnly: { ja: 'IEC 81001-5-1 が求め、厚生労働省の文書が求めない事項', en: 'Asked by IEC 81001-5-1 but not by the MHLW instruments' },
  notInReport: { ja: '（このレポートの対象外）', en: '(not in this report)' },
  none: { ja: 'なし', en: 'None' },
  scopeOrg: { ja: '組織全体', en: 'Organisation as a whole' },
} as const;

export type Word = keyof typeof words;

export function t(word: Word, lang: ReportLanguage): string {
  return words[word][lang];
}
