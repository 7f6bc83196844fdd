/**
 * Crosswalk: FDA premarket cybersecurity guidance (2025) and FD&C Act §524B → IEC 81001-5-1:2021.
 * Links read "FDA entry <relation> IEC entry".
 *
 * FROZEN: released crosswalk data. Never edit once released; publish a new version file instead.
 *
 * Our reading: FDA recognises IEC 81001-5-1 as a consensus standard, but publishes no clause-level
 * correspondence. Rationales compare the documentation FDA expects with the IEC activities.
 */
import type { Crosswalk, CrosswalkLink, Relation } from '../../core/compliance/crosswalk.js';
import { FDA_524B, FDA_PREMARKET, IEC } from '../keys.js';

const link = (catalog: string, from: string, to: string, relation: Relation, ja: string, en: string): CrosswalkLink => ({
  from: { catalog, entry: from },
  to: { catalog: IEC, entry: to },
  relation,
  rationale: { ja, en },
});
const F = (from: string, to: string, relation: Relation, ja: string, en: string) => link(FDA_PREMARKET, from, to, relation, ja, en);
const S = (from: string, to: string, relation: Relation, ja: string, en: string) => link(FDA_524B, from, to, relation, ja, en);

const links: readonly CrosswalkLink[] = [
  F('risk-management-report', '7', 'intersect', 'リスクマネジメント報告書は箇条7 の結果をまとめるが、SBOM・試験とのトレーサビリティという提出形式は FDA 固有。', 'The report summarises Clause 7 results, but its submission form with traceability to SBOM and testing is FDA-specific.'),
  F('threat-model', '7.2', 'equal', '脅威モデルの作成は 7.2 の中心的な成果物。', 'The threat model is the central output of 7.2.'),
  F('risk-assessment', '7.3', 'intersect', 'リスクの推定・評価は 7.3 と重なるが、確率によらない悪用可能性評価と安全リスクへの移行方法の明示は FDA の期待。', 'Risk estimation overlaps 7.3; non-probabilistic exploitability scoring and the explicit transfer into safety risk are FDA expectations.'),
  F('sbom', '8', 'intersect', 'SBOM は構成管理の構成品一覧から作るが、IEC は SBOM という成果物や NTIA 要素を求めない。', 'The SBOM is built from the configuration-managed component list, but IEC asks for no SBOM artefact or NTIA elements.'),
  F('sbom.support', '4.3', 'intersect', '構成要素のサポートレベルはソフトウェアアイテムの分類と重なるが、サポート終了日は IEC にない。', 'Component level of support overlaps software item classification; end-of-support dates are not in IEC.'),
  F('vulnerability-assessment', '5.7.3', 'intersect', '既知脆弱性の特定は既知脆弱性スキャンと重なる。', 'Identifying known vulnerabilities overlaps known-vulnerability scanning.'),
  F('vulnerability-assessment', '9.4', 'intersect', '各脆弱性の安全・セキュリティ評価は脆弱性の分析と重なるが、CISA KEV の明示は FDA 固有。', 'Assessing each vulnerability overlaps vulnerability analysis; naming CISA KEV is FDA-specific.'),
  F('unresolved-anomalies', '5.8.5', 'intersect', '未解決アノマリの評価はリリース前の未解決問題の評価と重なるが、CWE 分類は FDA の期待。', 'Assessing unresolved anomalies overlaps assessing open issues before release; CWE categorisation is an FDA expectation.'),
  F('traceability', '5.1.1', 'intersect', 'トレーサビリティはライフサイクルプロセスで求められる要求事項の追跡と重なる。', 'Traceability overlaps the requirements traceability of the life-cycle process.'),
  F('metrics', '6.1.1', 'intersect', 'パッチ適用までの期間の測定は適時のアップデート方針と重なるが、指標の報告は IEC にない。', 'Measuring time to patch overlaps the timely-update policy, but reporting metrics is not in IEC.'),
  F('architecture-views', '5.3.1', 'intersect', 'アーキテクチャビューは多層防御の設計を示すが、複数患者への危害ビュー等は FDA 固有。', 'Architecture views show the defence-in-depth design; the multi-patient harm view and others are FDA-specific.'),
  F('architecture-views.requirements', '5.2.1', 'intersect', '管理策カテゴリに沿った要求事項はセキュリティ要求事項と重なるが、カテゴリの一覧は IEC にない。', 'Requirements by control category overlap the security requirements; the category list is not in IEC.'),
  F('testing', '5.7', 'superset', 'FDA の試験は要求事項・脅威緩和・脆弱性・ペネトレーション試験を含み、さらに静的・動的解析も求める。', 'FDA testing contains requirements, threat-mitigation, vulnerability and penetration testing, and also asks for static and dynamic analysis.'),
  F('testing', '5.5.2', 'intersect', '静的解析は実装レビューと重なる。', 'Static analysis overlaps the implementation review.'),
  F('testing.penetration', '5.7.4', 'superset', 'ペネトレーションテスト報告は 5.7.4 に加え試験者の独立性と専門性の記載を求める。', 'The penetration test report asks for 5.7.4 plus a statement of tester independence and expertise.'),
  F('testing.penetration', '5.7.5', 'intersect', '試験者の独立性の記載は利益相反の管理と重なる。', 'Stating tester independence overlaps managing conflicts of interest.'),
  F('labeling', '5.8.2', 'intersect', '表示はリリース文書と重なるが、SBOM や EOS/EOL 情報を含む。', 'Labeling overlaps release documentation but includes the SBOM and EOS/EOL information.'),
  F('labeling', '5.8.7', 'superset', '表示の項目にはセキュアな廃棄が含まれる。', 'The labeling items include secure decommissioning.'),
  F('labeling', 'E.2.4', 'superset', '推奨管理策、ポート一覧、セキュアな設定などの表示項目はセキュリティ強化ガイドラインを含む。', 'Labeling items such as recommended controls, port list and secure configuration contain the hardening guidelines.'),
  F('management-plan', '6.2.1', 'superset', '脆弱性監視の情報源・方法・頻度の記載は公開情報の監視を含む。', 'Stating sources, methods and frequency of vulnerability monitoring contains the monitoring of public information.'),
  F('management-plan', '6.1.1', 'superset', 'パッチの開発・提供の期限の記載はアップデート提供方針を含む。', 'Stating timelines to develop and release patches contains the update timeframe policy.'),
  F('management-plan', '4.1.7', 'intersect', 'CVD プロセスと是正の伝え方は問題の開示と重なる。', 'The CVD process and communication of remediations overlap disclosure of issues.'),
  S('b.1', '6.2.1', 'superset', '市販後の脆弱性の監視・特定は公開情報の監視を含む。', 'Monitoring and identifying postmarket vulnerabilities contains monitoring public information.'),
  S('b.1', '9', 'intersect', '特定した脆弱性への対処と CVD は問題解決プロセスと重なる。', 'Addressing identified vulnerabilities with CVD overlaps the problem resolution process.'),
  S('b.2', '5.1.1', 'intersect', 'サイバーセキュアであることを保証するプロセスはライフサイクルプロセスと重なる。', 'Processes assuring the device is cybersecure overlap the life-cycle process.'),
  S('b.2.A', '6.1.1', 'intersect', '定期サイクルの更新はアップデートの期限方針と重なる。', 'Regular-cycle updates overlap the update timeframe policy.'),
  S('b.2.B', '6.1.1', 'intersect', '重大な脆弱性への臨時更新は期限方針の一部となる。', 'Out-of-cycle updates for critical vulnerabilities are part of the timeframe policy.'),
  S('b.3', '8', 'intersect', 'SBOM の提出は構成管理の構成品一覧を情報源とするが、IEC は提出を求めない。', 'The SBOM draws on the configuration-managed component list, but IEC does not ask for one to be submitted.'),
];

export const fdaIecCrosswalk: Crosswalk = {
  id: 'fda-iec-81001-5-1',
  version: '2026-1',
  title: { ja: 'FDA 市販前ガイダンス・524B条 ⇔ IEC 81001-5-1:2021 対応表', en: 'FDA premarket guidance and §524B ⇔ IEC 81001-5-1:2021 crosswalk' },
  provenance: 'interpretation',
  sourceNote: 'Our reading of sbom-vuln-disclosure.md §2.2–2.3 against the IEC activities in regulatory-iec-jp.md §1.2; no official FDA clause mapping exists.',
  links,
};
