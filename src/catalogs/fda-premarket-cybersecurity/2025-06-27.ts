/**
 * FDA "Cybersecurity in Medical Devices: Quality System Considerations and Content of Premarket
 * Submissions" (final, 2025-06-27; reissued 2026-02 for QMSR with the content essentially unchanged):
 * Appendix 4 Table 1, recommended premarket submission documentation.
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const T1 = (sections: string) => `Appendix 4 Table 1, guidance sections ${sections} (2025 text; verified per sbom-vuln-disclosure.md §2.2).`;

const entries: readonly CatalogEntry[] = [
  {
    id: 'risk-management-report', parent: null, kind: 'item', level: 'product',
    title: { ja: 'サイバーセキュリティリスクマネジメント報告書', en: 'Cybersecurity risk management report' },
    description: {
      ja: 'リスク評価の方法、残留リスクの結論、緩和活動、及び脅威モデル・リスク評価・SBOM・試験の間のトレーサビリティをまとめた報告書。',
      en: 'A report summarising risk evaluation methods, the residual-risk conclusion, mitigation activities and traceability between the threat model, risk assessment, SBOM and testing.',
    },
    expectedEvidence: ['risk_register', 'regulatory_submission'], provenance: 'verified', sourceNote: T1('V, VI.B'),
  },
  {
    id: 'threat-model', parent: 'risk-management-report', kind: 'item', level: 'product',
    title: { ja: '脅威モデル', en: 'Threat model' },
    description: { ja: 'システムの脅威と緩和策を特定した脅威モデル（アーキテクチャビューを含めてよい）。', en: 'A threat model identifying system threats and mitigations (may include the architecture views).' },
    expectedEvidence: ['threat_model'], provenance: 'verified', sourceNote: T1('V.A.1, V.A.3–V.A.5, V.B.2, App. 1–2'),
  },
  {
    id: 'risk-assessment', parent: 'risk-management-report', kind: 'item', level: 'product',
    title: { ja: 'サイバーセキュリティリスク評価', en: 'Cybersecurity risk assessment' },
    description: {
      ja: '確率ではなく悪用可能性に基づく評価方式、緩和前後のスコア、受容基準、及びセキュリティリスクを安全リスク評価へ移す方法を示す。',
      en: 'Exploitability-based (not probabilistic) scoring before and after mitigation, acceptance criteria, and the method for carrying security risks into the safety risk assessment.',
    },
    expectedEvidence: ['risk_register'], provenance: 'verified', sourceNote: T1('V.A.2–V.A.6'),
  },
  {
    id: 'sbom', parent: 'risk-management-report', kind: 'item', level: 'product',
    title: { ja: 'ソフトウェア部品表（SBOM）', en: 'Software bill of materials (SBOM)' },
    description: {
      ja: '自社開発・第三者・オープンソース及び上流依存を含む機械可読の SBOM を NTIA 最小要素に沿って提出し、構成管理下で維持する。',
      en: 'A machine-readable SBOM meeting the NTIA minimum elements, covering own, third-party and open-source components and upstream dependencies, maintained under configuration management.',
    },
    expectedEvidence: ['sbom', 'sbom_quality_report'], provenance: 'verified', sourceNote: T1('V.A.4, VI.A'),
  },
  {
    id: 'sbom.support', parent: 'sbom', kind: 'item', level: 'product',
    title: { ja: '構成要素のサポートレベルとサポート終了日', en: 'Component level of support and end-of-support date' },
    description: {
      ja: 'NTIA 要素に加え、各構成要素のサポートレベル（保守中、保守終了、放棄等）とサポート終了日を SBOM 又は別紙で示す。',
      en: 'Beyond the NTIA elements, give each component’s level of support (maintained, no longer maintained, abandoned) and its end-of-support date, in the SBOM or an addendum.',
    },
    expectedEvidence: ['sbom', 'software_item_classification'], provenance: 'verified', sourceNote: 'Guidance §V.A.4(b) (verbatim check in sbom-vuln-disclosure.md §1.6).',
  },
  {
    id: 'vulnerability-assessment', parent: 'risk-management-report', kind: 'item', level: 'product',
    title: { ja: '既知脆弱性の評価とソフトウェアサポート', en: 'Vulnerability assessment and software support' },
    description: {
      ja: 'CISA KEV を含む既知の脆弱性をすべて特定し、発見方法、安全・セキュリティ上のリスク評価、リスクコントロール（補完的管理策を含む）を示す。サポート終了時の構成要素の更新・置換計画も示す。',
      en: 'Identify all known vulnerabilities, including those in CISA KEV, with how they were found, a safety and security risk assessment and the risk controls (compensating controls included); show how components will be updated or replaced when support ends.',
    },
    expectedEvidence: ['triage_records', 'vulnerability_monitoring', 'management_plan'], provenance: 'verified', sourceNote: T1('V.A.4'),
  },
  {
    id: 'unresolved-anomalies', parent: 'risk-management-report', kind: 'item', level: 'product',
    title: { ja: '未解決アノマリの評価', en: 'Unresolved anomalies assessment' },
    description: { ja: '未解決の各アノマリのセキュリティ影響を CWE 分類を含めて評価し、判断基準と根拠を示す。', en: 'Assess the security impact of each unresolved anomaly, including its CWE category, with criteria and rationale.' },
    expectedEvidence: ['triage_records', 'release_record'], provenance: 'verified', sourceNote: T1('V.A.5'),
  },
  {
    id: 'traceability', parent: 'risk-management-report', kind: 'item', level: 'product',
    title: { ja: 'トレーサビリティ', en: 'Traceability' },
    description: { ja: '脅威、リスク、コントロール、要求事項、試験の間を双方向に追跡できることを示す。', en: 'Show traceability between threats, risks, controls, requirements and tests.' },
    expectedEvidence: ['risk_register', 'security_requirements', 'test_records'], provenance: 'verified', sourceNote: T1('V.A, V.B, V.C, VI.A'),
  },
  {
    id: 'metrics', parent: null, kind: 'item', level: 'organization',
    title: { ja: '指標', en: 'Measures and metrics' },
    description: {
      ja: '修正済み脆弱性の割合、特定から修正までの期間、修正提供から現場機器への適用完了までの期間を測定する。',
      en: 'Measure the share of identified vulnerabilities patched, the time from identification to patch, and the time from patch availability to full deployment in fielded devices.',
    },
    expectedEvidence: ['metrics'], provenance: 'verified', sourceNote: T1('V.A.6'),
  },
  {
    id: 'architecture-views', parent: null, kind: 'item', level: 'product',
    title: { ja: 'アーキテクチャビュー', en: 'Architecture views' },
    description: {
      ja: 'グローバルシステムビュー、複数患者への危害ビュー、更新・パッチ適用ビュー、セキュリティユースケースビューを図と説明で示す。',
      en: 'Global system, multi-patient harm, updatability/patchability and security use-case views, as diagrams with explanations.',
    },
    expectedEvidence: ['architecture_document'], provenance: 'verified', sourceNote: T1('V.B, V.B.2, App. 1–2'),
  },
  {
    id: 'architecture-views.requirements', parent: 'architecture-views', kind: 'item', level: 'product',
    title: { ja: 'セキュリティ要求事項（管理策）', en: 'Security requirements (controls)' },
    description: {
      ja: '認証、認可、暗号、コード・データ・実行の完全性、機密性、イベント検知とログ、耐性と復旧、更新・パッチ適用性の各カテゴリの管理策を要求事項として示す。',
      en: 'Controls as requirements in each category: authentication, authorisation, cryptography, code/data/execution integrity, confidentiality, event detection and logging, resiliency and recovery, updatability and patchability.',
    },
    expectedEvidence: ['security_requirements'], provenance: 'verified', sourceNote: T1('V.B.1, App. 1'),
  },
  {
    id: 'testing', parent: null, kind: 'item', level: 'product',
    title: { ja: 'セキュリティ試験', en: 'Security testing' },
    description: {
      ja: 'セキュリティ要求事項、脅威緩和策、脆弱性（悪用・ファジング、攻撃対象領域、既知脆弱性スキャン、バイナリの SCA、静的・動的解析）の試験結果を、ツール名・設定とともに示す。',
      en: 'Results of security-requirement, threat-mitigation and vulnerability testing (abuse and fuzzing, attack surface, known-vulnerability scanning, binary SCA, static and dynamic analysis), with tool names and settings.',
    },
    expectedEvidence: ['test_records', 'code_analysis'], provenance: 'verified', sourceNote: T1('V.C'),
  },
  {
    id: 'testing.penetration', parent: 'testing', kind: 'item', level: 'product',
    title: { ja: 'ペネトレーションテスト報告', en: 'Penetration test report' },
    description: { ja: '試験者の独立性と専門性、範囲、期間、方法、結果を記載したペネトレーションテスト報告。', en: 'A penetration test report stating tester independence and expertise, scope, duration, methods and results.' },
    expectedEvidence: ['penetration_test', 'organization_record'], provenance: 'verified', sourceNote: T1('V.C'),
  },
  {
    id: 'labeling', parent: null, kind: 'item', level: 'product',
    title: { ja: '表示（ラベリング）', en: 'Labeling' },
    description: {
      ja: '推奨する管理策、ネットワークポート・インタフェース一覧、機械可読 SBOM の継続的提供、セキュアな設定、ログ形式、EOS/EOL 情報とリスク移転の手順、セキュアな廃棄などを表示に含める（MDS2 で一部を満たせる）。',
      en: 'Recommended controls, the list of network ports and interfaces, a machine-readable SBOM on a continuous basis, secure configuration, log formats, EOS/EOL information with the risk-transfer process, secure decommissioning and more (an MDS2 may address part of it).',
    },
    expectedEvidence: ['customer_documentation', 'sbom', 'disclosure_form', 'lifecycle_notice'], provenance: 'verified', sourceNote: T1('VI.A'),
  },
  {
    id: 'management-plan', parent: null, kind: 'item', level: 'both',
    title: { ja: 'サイバーセキュリティ管理計画', en: 'Cybersecurity management plan' },
    description: {
      ja: '責任者、脆弱性監視の情報源・方法・頻度、CISA KEV への対処、定期的な試験、パッチの開発・提供の期限、更新手順と提供能力、CVD プロセス、今後の是正の伝え方を示す。',
      en: 'Responsible personnel; sources, methods and frequency of vulnerability monitoring; handling CISA KEV; periodic testing; timelines to develop and release patches; update process and capacity; the CVD process; how forthcoming remediations are communicated.',
    },
    expectedEvidence: ['management_plan', 'disclosure_policy', 'vulnerability_monitoring'], provenance: 'verified', sourceNote: T1('VI.B'),
  },
];

export const fdaPremarket2025: Catalog = {
  id: 'fda-premarket-cybersecurity',
  version: '2025-06-27',
  title: {
    ja: 'FDA 市販前申請におけるサイバーセキュリティガイダンス（推奨提出文書）',
    en: 'FDA Cybersecurity in Medical Devices premarket guidance (recommended submission documentation)',
  },
  publisher: 'U.S. Food and Drug Administration (FDA)',
  kind: 'guidance',
  sourceNote: 'Final guidance of 2025-06-27 (docket FDA-2021-D-1158), Appendix 4 Table 1; reissued 2026-02 for QMSR with content essentially unchanged (secondary).',
  entries,
};
