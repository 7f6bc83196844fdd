/**
 * Crosswalk: IMDRF N60, N70 and N73 → IEC 81001-5-1:2021. Links read "IMDRF entry <relation> IEC entry".
 *
 * FROZEN: released crosswalk data. Never edit once released; publish a new version file instead.
 *
 * The MHLW guidance mirrors N60, so these links follow the same reading as the MHLW ↔ IEC crosswalk
 * (regulatory-iec-jp.md §3); N70 and N73 add the legacy-stage and SBOM topics IEC does not cover.
 */
import type { Crosswalk, CrosswalkLink, Relation } from '../../core/compliance/crosswalk.js';
import { IEC, IMDRF_N60, IMDRF_N70, IMDRF_N73 } from '../keys.js';

const link = (catalog: string, from: string, to: string, relation: Relation, ja: string, en: string): CrosswalkLink => ({
  from: { catalog, entry: from },
  to: { catalog: IEC, entry: to },
  relation,
  rationale: { ja, en },
});

const links: readonly CrosswalkLink[] = [
  link(IMDRF_N60, '4.2', '5.1.1', 'intersect', 'TPLC はライフサイクルプロセスと重なるが、EOL・EOS の段階は IEC にない。', 'TPLC overlaps the life-cycle process; the EOL/EOS stages are not in IEC.'),
  link(IMDRF_N60, '4.3', 'E.2.3', 'intersect', '責任の共有は環境側に期待する対策の記載と重なる。', 'Shared responsibility overlaps documenting measures expected of the environment.'),
  link(IMDRF_N60, '5.1', '5.2.1', 'superset', '要求事項とアーキテクチャの設計はセキュリティ要求事項の文書化を含む。', 'Designing requirements and architecture contains documenting the security requirements.'),
  link(IMDRF_N60, '5.1', '5.3.1', 'intersect', '設計原則は多層防御の設計と重なる。', 'The design principles overlap defence-in-depth design.'),
  link(IMDRF_N60, '5.2', '7', 'equal', '特定、推定・評価、コントロール、有効性の監視という流れは箇条7 と同じ。', 'Identify, estimate and evaluate, control and monitor effectiveness is the Clause 7 sequence.'),
  link(IMDRF_N60, '5.3', '5.7', 'subset', 'セキュリティ試験はシステム試験に含まれる。', 'Security testing is contained in system testing.'),
  link(IMDRF_N60, '5.4', '6.1.1', 'intersect', '管理計画はアップデート方針と重なるが、EOL 計画を含む。', 'The management plan overlaps the update policy but includes EOL planning.'),
  link(IMDRF_N60, '5.5', '5.8.2', 'intersect', '顧客向け文書はリリース文書と重なるが、SBOM を含む。', 'Customer documentation overlaps release documentation but includes the SBOM.'),
  link(IMDRF_N60, '5.6', '5.8.2', 'intersect', '申請文書はプロセス適合性の記述と重なる。', 'Submission documents overlap the process-conformance statement.'),
  link(IMDRF_N60, '6.1', '7.5', 'intersect', '運用環境での支援はコントロールの有効性の監視と重なる。', 'Supporting operation overlaps monitoring of control effectiveness.'),
  link(IMDRF_N60, '6.2', '4.1.7', 'superset', 'アドバイザリの共有は利用者への開示を含むが、ISAO・規制当局との共有は IEC にない。', 'Sharing advisories contains disclosure to users; sharing with ISAOs and regulators is not in IEC.'),
  link(IMDRF_N60, '6.3.1', '9', 'subset', '製造業者の CVD（受付・調整・開示）は問題解決プロセスに含まれる。', 'Manufacturer CVD (receive, coordinate, disclose) is contained in problem resolution.'),
  link(IMDRF_N60, '6.3.3', '9.2', 'intersect', '発見者からの報告受付は脆弱性通知の受付と重なる。', 'Receiving finder reports overlaps receiving vulnerability notifications.'),
  link(IMDRF_N60, '6.4', '6.1.1', 'superset', '適時の修正はアップデートの期限方針を含む。', 'Timely remediation contains the update timeframe policy.'),
  link(IMDRF_N60, '6.4', '9.5', 'intersect', '修正の判断は 9.5 の対処方針と重なる。', 'Remediation decisions overlap the 9.5 dispositions.'),
  link(IMDRF_N60, '6.5', '9', 'intersect', 'インシデント対応は問題解決と重なるが、IEC はインシデント対応を規定しない。', 'Incident response overlaps problem resolution, but IEC does not specify incident response.'),
  link(IMDRF_N60, '6.6', '4.3', 'intersect', 'レガシー機器の扱いはリスク移転の分類と重なるが、レガシーという区分は IEC にない。', 'Legacy handling overlaps the risk-transfer categories, but IEC has no legacy category.'),
  link(IMDRF_N70, '4.1', '5.1.1', 'intersect', 'TPLC の段階モデルはライフサイクルプロセスと重なるが、段階と節目は IEC にない。', 'The TPLC stage model overlaps the life-cycle process; stages and milestones are not in IEC.'),
  link(IMDRF_N70, '4.2', '4.3', 'intersect', 'リスクマネジメントの共有は運用者へのリスク移転の考え方と重なる。', 'Shared risk management overlaps the idea of risk transfer to the operator.'),
  link(IMDRF_N70, 'stages.2', '6.2.1', 'intersect', 'サポート段階の監視は公開情報の監視と重なる。', 'Monitoring in the support stage overlaps monitoring public information.'),
  link(IMDRF_N70, 'stages.3', '6.3.1', 'intersect', '限定的サポート段階の情報提供はアップデート文書と重なる。', 'Information in limited support overlaps update documentation.'),
  link(IMDRF_N70, 'compensating-controls', '7.4', 'subset', '補完的管理策はリスクコントロールの一形態。', 'Compensating controls are a form of risk control.'),
  link(IMDRF_N73, '5.1', '8', 'intersect', 'SBOM 内容の収集は構成管理の構成品把握と重なる。', 'Collecting SBOM content overlaps configuration management’s component identification.'),
  link(IMDRF_N73, '5.1', '4.1.5', 'intersect', '第三者構成要素の情報収集は第三者アイテムの管理と重なる。', 'Collecting third-party component data overlaps third-party item management.'),
  link(IMDRF_N73, '5.2', '8', 'intersect', 'SBOM の生成は構成管理を情報源とするが、形式と要素は IEC にない。', 'Generating the SBOM draws on configuration management; formats and elements are not in IEC.'),
  link(IMDRF_N73, '5.4', '6.2.1', 'intersect', 'SBOM と脆弱性情報の組合せは公開情報の監視と重なる。', 'Pairing the SBOM with vulnerability information overlaps monitoring public information.'),
];

export const imdrfIecCrosswalk: Crosswalk = {
  id: 'imdrf-iec-81001-5-1',
  version: '2026-1',
  title: { ja: 'IMDRF N60・N70・N73 ⇔ IEC 81001-5-1:2021 対応表', en: 'IMDRF N60, N70, N73 ⇔ IEC 81001-5-1:2021 crosswalk' },
  provenance: 'interpretation',
  sourceNote: 'Our reading of regulatory-iec-jp.md §3–4 and sbom-vuln-disclosure.md §1.5; no official IMDRF mapping to IEC 81001-5-1 exists.',
  links,
};
