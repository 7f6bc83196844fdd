/**
 * IMDRF/CYBER WG/N60FINAL:2020 "Principles and Practices for Medical Device Cybersecurity" (main
 * sections). Circulated in Japanese translation by MHLW on 2020-05-13.
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const RECALL = 'Section structure from recollection (regulatory-iec-jp.md §4.1); not re-checked against the PDF.';
const JP_TR = (page: string) => `MHLW Japanese translation of N60, wic-net 6086/${page}.`;

const e = (
  id: string,
  parent: string | null,
  ja: string,
  en: string,
  dja: string,
  den: string,
  expectedEvidence: CatalogEntry['expectedEvidence'],
  provenance: CatalogEntry['provenance'],
  sourceNote: string,
  level: CatalogEntry['level'] = 'product',
): CatalogEntry => ({
  id, parent, kind: 'section', level, title: { ja, en }, description: { ja: dja, en: den }, expectedEvidence, provenance, sourceNote,
});

const entries: readonly CatalogEntry[] = [
  e('4', null, '一般原則', 'General principles', '国際整合、TPLC、責任の共有、情報共有の四原則。', 'Four principles: global harmonisation, TPLC, shared responsibility, information sharing.', [], 'verified', `${JP_TR('35')} Section 4.1 title verified; remainder ${RECALL}`, 'organization'),
  e('4.1', '4', '国際整合', 'Global harmonisation', '各国規制当局が整合した考え方でサイバーセキュリティを扱う。', 'Regulators handle cybersecurity with a harmonised approach.', ['process_document'], 'verified', JP_TR('35'), 'organization'),
  e('4.2', '4', '製品ライフサイクル全体（TPLC）', 'Total product life cycle', '設計から廃棄までライフサイクル全体でリスクに対処する。', 'Address risk across the whole life cycle, from design to decommissioning.', ['management_plan'], 'interpretation', RECALL, 'organization'),
  e('4.3', '4', '責任の共有', 'Shared responsibility', '製造業者、医療機関、利用者、規制当局などが責任を分担する。', 'Manufacturers, healthcare providers, users and regulators share responsibility.', ['process_document'], 'interpretation', RECALL, 'organization'),
  e('4.4', '4', '情報共有', 'Information sharing', '脆弱性・脅威・インシデントの情報を関係者間で共有する。', 'Share vulnerability, threat and incident information among stakeholders.', ['organization_record'], 'interpretation', RECALL, 'organization'),
  e('5', null, '市販前の考慮事項', 'Pre-market considerations', '設計、リスクマネジメント、試験、管理計画、顧客向け文書、申請に関する実践。', 'Practices for design, risk management, testing, management planning, customer documentation and submissions.', [], 'interpretation', RECALL),
  e('5.1', '5', 'セキュリティ要求事項とアーキテクチャ設計', 'Security requirements and architecture design', '設計原則の表に沿ってセキュリティ要求事項とアーキテクチャを設計する。', 'Design security requirements and architecture along the table of design principles.', ['security_requirements', 'architecture_document'], 'interpretation', RECALL),
  e('5.2', '5', 'TPLC リスクマネジメント原則', 'TPLC risk management principles', '脆弱性の特定、リスクの推定・評価、受容可能な水準へのコントロール、コントロール有効性の監視を行う（ISO 14971、AAMI TIR57 等）。', 'Identify vulnerabilities, estimate and evaluate risk, control it to an acceptable level and monitor control effectiveness (ISO 14971, AAMI TIR57 and similar).', ['risk_register', 'threat_model'], 'verified', JP_TR('39')),
  e('5.3', '5', 'セキュリティ試験', 'Security testing', 'セキュリティ対策の有効性を試験で検証する。', 'Verify security measures by testing.', ['test_records', 'penetration_test'], 'interpretation', RECALL),
  e('5.4', '5', 'TPLC サイバーセキュリティ管理計画', 'TPLC cybersecurity management plan', '市販後の監視、更新、情報共有、EOL を含む管理計画を作成する。', 'Prepare a management plan covering post-market monitoring, updates, information sharing and end of life.', ['management_plan'], 'interpretation', RECALL),
  e('5.5', '5', '表示と顧客向けセキュリティ文書', 'Labelling and customer security documentation', '利用者が安全に運用するための文書（SBOM を含む）を提供する。', 'Provide documentation for secure operation by users, including an SBOM.', ['customer_documentation', 'sbom'], 'interpretation', RECALL),
  e('5.6', '5', '規制当局への申請', 'Regulatory submission', '申請に必要なサイバーセキュリティ文書を提出する。', 'Submit the cybersecurity documentation needed for the application.', ['regulatory_submission'], 'interpretation', RECALL),
  e('6', null, '市販後の考慮事項', 'Post-market considerations', '運用、情報共有、CVD、修正、インシデント対応、レガシー機器に関する実践。', 'Practices for operation, information sharing, CVD, remediation, incident response and legacy devices.', [], 'interpretation', RECALL, 'both'),
  e('6.1', '6', '意図した環境での機器の運用', 'Operating devices in the intended environment', '意図した使用環境で機器が安全に運用されるよう支援する。', 'Support secure operation of devices in the intended environment.', ['customer_documentation'], 'interpretation', RECALL),
  e('6.2', '6', '情報共有', 'Information sharing', 'アドバイザリ等を顧客、規制当局、ISAO と共有する。', 'Share advisories with customers, regulators and ISAOs.', ['advisory', 'organization_record'], 'interpretation', RECALL, 'organization'),
  e('6.3', '6', '協調的な脆弱性開示（CVD）', 'Coordinated vulnerability disclosure', 'CVD を日常的に行う。成熟度の指標は開示件数ではなく対応の一貫性と適時性。', 'Make CVD routine; a manufacturer’s maturity shows in the consistency and timeliness of its response, not the number of disclosures.', ['disclosure_policy', 'triage_records'], 'verified', JP_TR('52'), 'organization'),
  e('6.3.1', '6.3', '製造業者の CVD', 'CVD: manufacturers', '製造業者は脆弱性報告を受け付け、調整し、開示する体制を持つ。', 'Manufacturers have a way to receive, coordinate and disclose vulnerability reports.', ['disclosure_policy'], 'verified', JP_TR('53'), 'organization'),
  e('6.3.2', '6.3', '規制当局の CVD', 'CVD: regulators', '規制当局は CVD を支援し、必要に応じて関与する（製造業者の証拠は当局との連絡記録）。', 'Regulators support CVD and take part where needed (manufacturer evidence: records of contact with the regulator).', ['organization_record'], 'verified', JP_TR('53'), 'organization'),
  e('6.3.3', '6.3', '発見者の CVD', 'CVD: finders', '発見者は製造業者等に適切に報告する（製造業者の証拠は発見者向けの受付窓口と受領通知）。', 'Finders report responsibly to the manufacturer (manufacturer evidence: an intake channel and acknowledgements).', ['disclosure_policy'], 'verified', JP_TR('53'), 'organization'),
  e('6.4', '6', '脆弱性の修正', 'Vulnerability remediation', '脆弱性を適時に修正し、パッチや補完的管理策を提供する。', 'Remediate vulnerabilities in a timely way with patches or compensating controls.', ['security_update_record'], 'interpretation', RECALL),
  e('6.5', '6', 'インシデント対応', 'Incident response', 'インシデントを調査し、関係者と連携して対応する。', 'Investigate incidents and respond together with the parties concerned.', ['incident_record'], 'interpretation', RECALL, 'both'),
  e('6.6', '6', 'レガシー医療機器', 'Legacy medical devices', '現在の脅威に対して合理的に保護できない機器への対応と、EOL の正式なプロセス（利用者への通知等）。', 'Handling devices that cannot reasonably be protected against current threats, and a formal EOL process such as user notice.', ['lifecycle_notice'], 'verified', `EOL definition ${JP_TR('33')} legacy definition from recollection.`),
];

export const imdrfN60_2020: Catalog = {
  id: 'imdrf-n60',
  version: '2020',
  title: {
    ja: 'IMDRF N60 医療機器サイバーセキュリティの原則及び実践',
    en: 'IMDRF N60 Principles and Practices for Medical Device Cybersecurity',
  },
  publisher: 'International Medical Device Regulators Forum (IMDRF)',
  kind: 'principles',
  sourceNote: 'IMDRF/CYBER WG/N60FINAL:2020 (published 2020-04-20). Main sections only; partly verified via the MHLW Japanese translation, the rest from recollection.',
  entries,
};
