/**
 * Crosswalk: EU MDCG 2019-16 rev.1 → IEC 81001-5-1:2021. Links read "MDCG entry <relation> IEC entry".
 *
 * FROZEN: released crosswalk data. Never edit once released; publish a new version file instead.
 *
 * Our reading: notified bodies read EN IEC 81001-5-1 together with MDCG 2019-16, and MDCG §3.2 lists
 * the IEC 62443-4-1 practices from which IEC 81001-5-1 Clauses 4–9 are derived.
 */
import type { Crosswalk, CrosswalkLink, Relation } from '../../core/compliance/crosswalk.js';
import { EU_MDCG, IEC } from '../keys.js';

const E = (from: string, to: string, relation: Relation, ja: string, en: string): CrosswalkLink => ({
  from: { catalog: EU_MDCG, entry: from },
  to: { catalog: IEC, entry: to },
  relation,
  rationale: { ja, en },
});

const links: readonly CrosswalkLink[] = [
  E('1.3.MDR-17.2', '5.1.1', 'intersect', '最新技術によるソフトウェアライフサイクルは、セキュリティ活動を組み込んだライフサイクルプロセスとして満たしうる。', 'A state-of-the-art software life cycle can be met by a life-cycle process with security activities built in.'),
  E('1.3.MDR-17.4', '7.1.2', 'intersect', '最低限の IT 要件は製品のセキュリティコンテキストの記述と重なる。', 'Minimum IT requirements overlap the description of the product security context.'),
  E('1.3.MDR-23.4ab', 'E.2.3', 'intersect', '取扱説明書の最低要件は環境側に期待する対策の記載と重なる。', 'The IFU minimum requirements overlap the measures expected of the environment.'),
  E('2', 'E.2.3', 'intersect', '統合者・運用者との共同責任は環境側の対策の文書化と重なる。', 'Joint responsibility with integrators and operators overlaps documenting measures expected of the environment.'),
  E('3.1', '5.3.2', 'intersect', 'セキュアバイデザインはセキュア設計のベストプラクティスと重なる。', 'Secure by design overlaps secure design best practices.'),
  E('3.2', '5', 'intersect', 'IEC 62443-4-1 の実践1〜8 は箇条4〜9 の由来であり、開発プロセスと大きく重なる。', 'IEC 62443-4-1 practices 1–8 are the origin of Clauses 4–9 and overlap the development process extensively.'),
  E('3.2', '9', 'intersect', '実践6（セキュリティ関連問題の管理）は問題解決プロセスに対応する。', 'Practice 6 (management of security-related issues) corresponds to the problem resolution process.'),
  E('3.3', '5.2.1', 'intersect', 'IEC TR 80001-2-2 の機能一覧に沿った機能特定はセキュリティ要求事項と重なるが、機能一覧は IEC 81001-5-1 にない。', 'Identifying capabilities along IEC TR 80001-2-2 overlaps security requirements; the capability list itself is not in IEC 81001-5-1.'),
  E('3.4', '7', 'subset', 'ISO 14971 と結び付けたセキュリティリスク評価は箇条7 のプロセスに含まれる。', 'Security risk assessment linked to ISO 14971 is contained in the Clause 7 process.'),
  E('3.5', '7.3', 'intersect', '便益・リスク分析はリスク評価と重なるが、安全性への影響との比較は MDCG の明示事項。', 'Benefit–risk analysis overlaps risk evaluation; weighing against safety effects is explicit in MDCG.'),
  E('3.6', 'E.2.3', 'intersect', '最低限の IT 要件は環境側に期待する多層防御策と重なる。', 'Minimum IT requirements overlap the defence-in-depth measures expected of the environment.'),
  E('3.7', '5.7', 'subset', 'セキュリティの検証・妥当性確認はシステム試験に含まれる。', 'Security verification and validation is contained in system testing.'),
  E('3.8', '5.1.1', 'intersect', 'ライフサイクル全体でのセキュリティ維持はライフサイクルプロセスと重なる。', 'Keeping security across the life cycle overlaps the life-cycle process.'),
  E('4', '5.8.2', 'intersect', '技術文書と取扱説明書はリリース文書と重なるが、EU の技術文書の形式は IEC にない。', 'Technical documentation and IFU overlap release documentation; the EU technical-file format is not in IEC.'),
  E('5', '6.2.1', 'intersect', '脆弱性の監視を含む市販後監視は 6.2.1 と重なるが、ビジランス報告は IEC にない。', 'PMS including vulnerability monitoring overlaps 6.2.1; vigilance reporting is not in IEC.'),
];

export const euIecCrosswalk: Crosswalk = {
  id: 'eu-mdcg-iec-81001-5-1',
  version: '2026-1',
  title: { ja: 'EU MDCG 2019-16 ⇔ IEC 81001-5-1:2021 対応表', en: 'EU MDCG 2019-16 ⇔ IEC 81001-5-1:2021 crosswalk' },
  provenance: 'interpretation',
  sourceNote: 'Our reading of the MDCG 2019-16 table of contents (sbom-vuln-disclosure.md §2.5) against regulatory-iec-jp.md §1.2.',
  links,
};
