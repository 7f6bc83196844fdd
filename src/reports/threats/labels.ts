/** Words of the security risk report in both languages. */
import type { ReportLanguage } from '../compliance/labels.js';

const words = {
  title: { ja: 'セキュリティリスク報告書', en: 'Security risk report' },
  organization: { ja: '組織', en: 'Organisation' },
  product: { ja: '製品', en: 'Product' },
  models: { ja: '型式', en: 'Model numbers' },
  deviceClass: { ja: 'クラス分類', en: 'Device class' },
  modelVersion: { ja: '脅威モデルの版', en: 'Threat model version' },
  frozen: { ja: '凍結日時', en: 'Frozen' },
  notFrozen: { ja: '未凍結（編集中）', en: 'Not frozen (draft)' },
  generatedAt: { ja: '作成日時', en: 'Generated' },
  contextTitle: { ja: '1. 製品のセキュリティコンテキスト', en: '1. Product security context' },
  networkEnvironment: { ja: 'ネットワーク環境', en: 'Network environment' },
  physicalEnvironment: { ja: '物理的環境', en: 'Physical environment' },
  isolation: { ja: '隔離・分離', en: 'Isolation' },
  safetyImpact: { ja: '安全への影響', en: 'Safety impact' },
  hardwareControls: { ja: 'ハードウェアによる対策', en: 'Hardware controls' },
  interfaces: { ja: 'インタフェース', en: 'Interfaces' },
  users: { ja: '利用者の役割', en: 'User roles' },
  data: { ja: '取り扱うデータ', en: 'Data handled' },
  capabilities: { ja: 'セキュリティ機能（MDS2）', en: 'Security capabilities (MDS2)' },
  name: { ja: '名称', en: 'Name' },
  kind: { ja: '種類', en: 'Kind' },
  external: { ja: '外部', en: 'External' },
  crossesBoundary: { ja: 'トラストバウンダリを越える', en: 'Crosses trust boundary' },
  description: { ja: '説明', en: 'Description' },
  role: { ja: '役割', en: 'Role' },
  privileges: { ja: '権限', en: 'Privileges' },
  patientData: { ja: '患者データ', en: 'Patient data' },
  atRest: { ja: '保存時', en: 'At rest' },
  inTransit: { ja: '通信時', en: 'In transit' },
  answer: { ja: '回答', en: 'Answer' },
  note: { ja: '備考', en: 'Note' },
  yes: { ja: 'はい', en: 'Yes' },
  no: { ja: 'いいえ', en: 'No' },
  none: { ja: 'なし', en: 'None' },
  modelTitle: { ja: '2. 脅威モデル', en: '2. Threat model' },
  method: { ja: '手法', en: 'Method' },
  owner: { ja: '作成者', en: 'Owner' },
  reviewer: { ja: 'レビュー者', en: 'Reviewer' },
  diagram: { ja: 'ダイアグラム', en: 'Diagram' },
  elements: { ja: '構成要素', en: 'Elements' },
  flows: { ja: 'データフロー', en: 'Data flows' },
  from: { ja: '送信元', en: 'From' },
  to: { ja: '送信先', en: 'To' },
  outOfScope: { ja: '対象外', en: 'Out of scope' },
  threatsPerElement: { ja: '構成要素ごとの脅威', en: 'Threats per element' },
  threat: { ja: '脅威', en: 'Threat' },
  category: { ja: 'カテゴリ', en: 'Category' },
  status: { ja: '状況', en: 'Status' },
  severity: { ja: '深刻度', en: 'Severity' },
  mitigation: { ja: '対策', en: 'Mitigation' },
  registerTitle: { ja: '3. セキュリティリスク台帳', en: '3. Security risk register' },
  element: { ja: '構成要素', en: 'Element' },
  before: { ja: '対策前 (L×I)', en: 'Before controls (L×I)' },
  after: { ja: '対策後 (L×I)', en: 'After controls (L×I)' },
  initialLevel: { ja: '対策前リスク', en: 'Initial risk' },
  residualLevel: { ja: '残留リスク', en: 'Residual risk' },
  controlled: { ja: '管理済み', en: 'Controlled' },
  hazard: { ja: 'ハザード', en: 'Hazard' },
  harm: { ja: '危害', en: 'Harm' },
  acceptance: { ja: '残留リスクの受容', en: 'Residual risk acceptance' },
  rationale: { ja: '根拠', en: 'Rationale' },
  notAssessed: { ja: '未評価', en: 'Not assessed' },
  raisedBy: { ja: '既知の悪用（KEV）により発生可能性を引き上げ', en: 'Likelihood raised by known exploited findings (KEV)' },
  orphaned: { ja: '現行の脅威モデルにない脅威の評価', en: 'Assessments of threats no longer in the threat model' },
  traceTitle: { ja: '4. トレーサビリティマトリクス', en: '4. Traceability matrix' },
  controls: { ja: 'コントロール', en: 'Controls' },
  requirements: { ja: 'セキュリティ要求', en: 'Requirements' },
  tests: { ja: '検証テスト', en: 'Verification tests' },
  gaps: { ja: 'ギャップ', en: 'Gaps' },
  gapList: { ja: 'ギャップ一覧', en: 'List of gaps' },
  counts: { ja: '脅威 {threats} 件、うち完結 {closed} 件、ギャップ {gaps} 件', en: '{threats} threats, {closed} fully traced, {gaps} gaps' },
  noModel: { ja: '脅威モデルがまだありません。', en: 'There is no threat model yet.' },
  path: { ja: '経路', en: 'Path' },
  result: { ja: '結果', en: 'Result' },
  executedOn: { ja: '実施日', en: 'Run on' },
  review: { ja: 'レビュー', en: 'Review' },
  type: { ja: '種別', en: 'Type' },
  id: { ja: 'ID', en: 'ID' },
} as const;

export type Word = keyof typeof words;

export function t(word: Word, lang: ReportLanguage, vars: Readonly<Record<string, string | number>> = {}): string {
  return words[word][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

const levels: Record<string, { ja: string; en: string }> = {
  acceptable: { ja: '許容可能', en: 'Acceptable' },
  alara: { ja: 'ALARA（低減・根拠要）', en: 'ALARA (reduce, justify)' },
  unacceptable: { ja: '許容不可', en: 'Unacceptable' },
};
export const riskLevelLabel = (l: string | null, lang: ReportLanguage): string => (l ? (levels[l]?.[lang] ?? l) : '');

const statuses: Record<string, { ja: string; en: string }> = {
  open: { ja: '未対応', en: 'Open' },
  mitigated: { ja: '対策済み', en: 'Mitigated' },
  not_applicable: { ja: '該当なし', en: 'Not applicable' },
};
export const threatStatusLabel = (s: string, lang: ReportLanguage): string => statuses[s]?.[lang] ?? s;

const severities: Record<string, { ja: string; en: string }> = {
  low: { ja: '低', en: 'Low' },
  medium: { ja: '中', en: 'Medium' },
  high: { ja: '高', en: 'High' },
  critical: { ja: '重大', en: 'Critical' },
};
export const severityLabel = (s: string | null, lang: ReportLanguage): string => (s ? (severities[s]?.[lang] ?? s) : '');

const elementKinds: Record<string, { ja: string; en: string }> = {
  actor: { ja: '外部アクター', en: 'External actor' },
  process: { ja: 'プロセス', en: 'Process' },
  store: { ja: 'データストア', en: 'Data store' },
  flow: { ja: 'データフロー', en: 'Data flow' },
  boundary: { ja: 'トラストバウンダリ', en: 'Trust boundary' },
  asset: { ja: '資産', en: 'Asset' },
  entry_point: { ja: 'エントリポイント', en: 'Entry point' },
  text: { ja: '注記', en: 'Note' },
};
export const elementKindLabel = (k: string, lang: ReportLanguage): string => elementKinds[k]?.[lang] ?? k;

const gapKinds: Record<string, { ja: string; en: string }> = {
  threat_without_risk: { ja: 'リスク未評価', en: 'No risk estimate' },
  threat_without_control: { ja: 'コントロールなし', en: 'No control' },
  control_without_requirement: { ja: '要求に未展開', en: 'Control without requirement' },
  requirement_not_approved: { ja: '要求が未承認', en: 'Requirement not approved' },
  requirement_without_test: { ja: 'テストなし', en: 'Requirement without test' },
  test_failed: { ja: 'テスト不合格', en: 'Test failed' },
  test_not_run: { ja: 'テスト未実施', en: 'Test not run' },
  residual_risk_not_controlled: { ja: '残留リスクが管理されていない', en: 'Residual risk not controlled' },
};
export const traceGapLabel = (g: string, lang: ReportLanguage): string => gapKinds[g]?.[lang] ?? g;

const answers: Record<string, { ja: string; en: string }> = {
  yes: { ja: 'はい', en: 'Yes' },
  no: { ja: 'いいえ', en: 'No' },
  n_a: { ja: '該当なし', en: 'N/A' },
  see_notes: { ja: '備考参照', en: 'See notes' },
};
export const answerLabel = (a: string, lang: ReportLanguage): string => answers[a]?.[lang] ?? a;

const patient: Record<string, { ja: string; en: string }> = {
  none: { ja: 'なし', en: 'None' },
  de_identified: { ja: '匿名化済み', en: 'De-identified' },
  identifiable: { ja: '識別可能', en: 'Identifiable' },
};
export const patientDataLabel = (p: string, lang: ReportLanguage): string => patient[p]?.[lang] ?? p;
