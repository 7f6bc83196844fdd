/**
 * EU MDCG 2019-16 rev.1 "Guidance on Cybersecurity for medical devices" (Dec 2019, rev. Jul 2020):
 * main sections, with the MDR Annex I hooks it explains.
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const TOC = 'MDCG 2019-16 rev.1 table of contents (docslib mirror), verified per sbom-vuln-disclosure.md §2.5.';

const s = (
  id: string,
  parent: string | null,
  title: [string, string],
  description: [string, string],
  expectedEvidence: CatalogEntry['expectedEvidence'],
  extra: Partial<CatalogEntry> = {},
): CatalogEntry => ({
  id, parent, kind: 'section', level: 'product',
  title: { ja: title[0], en: title[1] },
  description: { ja: description[0], en: description[1] },
  expectedEvidence, provenance: 'verified', sourceNote: TOC, ...extra,
});

const entries: readonly CatalogEntry[] = [
  s('1', null, ['序論', 'Introduction'], ['MDR/IVDR 附属書I のサイバーセキュリティ要求事項の位置付け。', 'Where the MDR/IVDR Annex I cybersecurity requirements sit.'], []),
  s('1.3', '1', ['附属書I のサイバーセキュリティ要求事項', 'Cybersecurity requirements in Annex I'], ['MDR 附属書I のうちサイバーセキュリティに関わる要求事項。', 'The MDR Annex I requirements that concern cybersecurity.'], []),
  s('1.3.MDR-17.2', '1.3', ['MDR 附属書I 17.2（最新技術によるソフトウェアライフサイクル）', 'MDR Annex I 17.2 (state-of-the-art software life cycle)'],
    ['情報セキュリティを含む最新技術に沿ったソフトウェアライフサイクルで開発・製造する（IVDR 16.2）。', 'Develop and manufacture software to the state of the art of the life cycle, including information security (IVDR 16.2).'],
    ['process_document'], { kind: 'requirement' }),
  s('1.3.MDR-17.4', '1.3', ['MDR 附属書I 17.4（最低限の IT 要件）', 'MDR Annex I 17.4 (minimum IT requirements)'],
    ['ソフトウェアを意図どおり動かすためのハードウェア、IT ネットワーク特性及び不正アクセス対策を含む IT セキュリティ対策の最低要件を定める（IVDR 16.4）。', 'Set out the minimum requirements on hardware, IT network characteristics and IT security measures, including protection against unauthorised access, needed to run the software as intended (IVDR 16.4).'],
    ['product_security_context', 'customer_documentation'], { kind: 'requirement' }),
  s('1.3.MDR-23.4ab', '1.3', ['MDR 附属書I 23.4(ab)（取扱説明書への記載）', 'MDR Annex I 23.4(ab) (instructions for use)'],
    ['17.4 の最低要件を取扱説明書に記載する（IVDR 20.4(ah)）。', 'Put the 17.4 minimum requirements in the instructions for use (IVDR 20.4(ah)).'],
    ['customer_documentation'], { kind: 'requirement' }),
  s('2', null, ['基本概念', 'Basic concepts'],
    ['IT・情報・運用セキュリティ、安全・セキュリティ・有効性の関係、意図した使用と運用環境、合理的に予見可能な誤使用、統合者・運用者・利用者との共同責任。', 'IT, information and operational security; safety, security and effectiveness; intended use and operational environment; reasonably foreseeable misuse; joint responsibility with integrators, operators and users.'],
    ['product_security_context', 'customer_documentation']),
  s('3', null, ['セキュアな設計と製造', 'Secure design and manufacture'], ['セキュアバイデザイン、セキュリティ活動、機能、リスク評価、V&V、ライフサイクル。', 'Secure by design, security practices, capabilities, risk assessment, V&V and life cycle.'], []),
  s('3.1', '3', ['セキュアバイデザイン', 'Secure by design'], ['設計段階からセキュリティを組み込む。', 'Build security in from design.'], ['architecture_document', 'security_requirements']),
  s('3.2', '3', ['セキュリティ活動（IEC 62443-4-1 の実践1〜8）', 'Security practices (IEC 62443-4-1 practices 1–8)'],
    ['セキュリティ管理、要求事項の特定、セキュアバイデザイン、セキュアな実装、V&V 試験、セキュリティ関連問題の管理、アップデート管理、セキュリティガイドラインの各実践を行う。', 'Carry out security management, security requirements, secure by design, secure implementation, security V&V testing, management of security-related issues, update management and security guidelines.'],
    ['process_document']),
  s('3.3', '3', ['セキュリティ機能（IEC TR 80001-2-2）', 'Security capabilities (IEC TR 80001-2-2)'], ['IEC TR 80001-2-2 のセキュリティ機能の一覧に沿って製品の機能を特定する。', 'Identify the product’s capabilities along the IEC TR 80001-2-2 list.'], ['security_requirements', 'disclosure_form']),
  s('3.4', '3', ['セキュリティリスク評価', 'Security risk assessment'], ['セキュリティリスクを評価し、ISO 14971 の安全リスクマネジメントと結び付ける。', 'Assess security risks and link them to ISO 14971 safety risk management.'], ['risk_register', 'threat_model']),
  s('3.5', '3', ['セキュリティの便益・リスク分析', 'Security benefit–risk analysis'], ['セキュリティ対策が安全性・有効性に与える影響との間で便益とリスクを比較する。', 'Weigh security measures against their effect on safety and effectiveness.'], ['risk_register'], { provenance: 'interpretation', sourceNote: `Title: ${TOC} Content inferred from the title.` }),
  s('3.6', '3', ['最低限の IT 要件', 'Minimum IT requirements'], ['運用に必要なハードウェア、ネットワーク、IT セキュリティの最低要件を文書化する。', 'Document the minimum hardware, network and IT security requirements for operation.'], ['product_security_context', 'customer_documentation'], { sourceNote: `${TOC} §3.6 text: fliphtml5 mirror p.20.` }),
  s('3.7', '3', ['検証及び妥当性確認', 'Verification and validation'], ['セキュリティの検証・妥当性確認（試験）を行う。', 'Verify and validate security, including testing.'], ['test_records', 'penetration_test']),
  s('3.8', '3', ['ライフサイクル', 'Life cycle'], ['製品ライフサイクル全体でセキュリティを維持する。', 'Keep security across the product life cycle.'], ['management_plan']),
  s('4', null, ['文書化と取扱説明書', 'Documentation and instructions for use'], ['技術文書と取扱説明書、医療提供者への情報提供。', 'Technical documentation, instructions for use and information to healthcare providers.'], ['customer_documentation', 'regulatory_submission']),
  s('5', null, ['市販後監視とビジランス', 'Post-market surveillance and vigilance'],
    ['脆弱性の監視を含む市販後監視計画と、サイバーインシデントが重大インシデントの基準を満たす場合のビジランス報告・FSCA。', 'A PMS plan covering vulnerability monitoring, and vigilance reporting or field safety corrective action when a cyber incident meets the serious-incident threshold.'],
    ['vulnerability_monitoring', 'regulatory_report', 'incident_record'], { level: 'both' }),
  s('6', null, ['その他の EU・国際的な法令', 'Other EU and international legislation'], ['GDPR、NIS 指令など関連法令との関係を把握する。', 'Understand the relation to other legislation such as the GDPR and the NIS Directive.'], ['other'], { level: 'organization', provenance: 'interpretation', sourceNote: `Title: ${TOC} Named laws are our example, not from the ToC.` }),
  s('annex-I', null, ['附属書I NIS 協力グループの対策との対応', 'Annex I: mapping to NIS Cooperation Group measures'], ['セキュリティ対策と NIS 協力グループの対策との対応表。', 'Mapping of security measures to the NIS Cooperation Group measures.'], ['other'], { kind: 'annex', normative: false }),
  s('annex-II', null, ['附属書II サイバーインシデントの例', 'Annex II: examples of cybersecurity incidents'], ['サイバーインシデントと重大インシデントの例。', 'Examples of cybersecurity incidents and serious incidents.'], ['incident_record'], { kind: 'annex', normative: false }),
];

export const mdcg2019_16: Catalog = {
  id: 'mdcg-2019-16',
  version: 'rev1-2020-07',
  title: {
    ja: 'MDCG 2019-16 rev.1 医療機器のサイバーセキュリティに関するガイダンス（EU）',
    en: 'MDCG 2019-16 rev.1 Guidance on Cybersecurity for medical devices (EU)',
  },
  publisher: 'Medical Device Coordination Group (MDCG), European Commission',
  kind: 'guidance',
  sourceNote: 'December 2019, revised July 2020. Main sections from the verified table of contents; MDR Annex I 17.2, 17.4 and 23.4(ab) hooks verified, content paraphrased.',
  entries,
};
