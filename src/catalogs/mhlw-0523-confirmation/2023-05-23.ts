/**
 * 薬生機審発0523第1号 (2023-05-23) 「医療機器の基本要件基準第12条第3項の適合性の確認について」: the
 * confirmation items used in approval and certification applications — the de-facto Japanese checklist.
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 *
 * Only part of the notice was readable. Group rows 1–3 and the heading of section 2 are verified; rows
 * 4–6 and the items of section 2 are reconstructed and marked `interpretation`. Replace them with a
 * new version of this catalog once the full text is transcribed.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const QA = 'Q&A 2024-01-31 worked example (wic-net 13393/9), table headed "JIS T 81001-5-1 の確認項目".';
const GROUP = 'Group inferred: rows after 3 are cut off in the OCR; presumed to follow JIS T 81001-5-1 Clauses 7–9.';
const SEC2 =
  'Heading of section 2 verified via Q&A 2024-01-31 A4 (wic-net 13660/3); item wording not read — reconstructed from the 手引書 expectations that go beyond the JIS.';

const entries: readonly CatalogEntry[] = [
  {
    id: 'jis', parent: null, kind: 'group', level: 'both',
    title: { ja: 'JIS T 81001-5-1 の確認項目', en: 'JIS T 81001-5-1 confirmation items' },
    description: {
      ja: 'JIS T 81001-5-1 のプロセス群ごとに、実施状況と根拠となる社内文書（文書名・文書番号）を示す。',
      en: 'For each JIS T 81001-5-1 process group, show the status of implementation and the internal documents (name and number) that evidence it.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: QA,
  },
  {
    id: 'jis.1', parent: 'jis', kind: 'item', level: 'organization',
    title: { ja: '1 一般要求事項', en: '1 General requirements' },
    description: {
      ja: '品質マネジメント、責任、適用範囲、専門能力、供給者、改善、開示、定期レビュー、附属文書、セキュリティリスクマネジメント及びソフトウェアアイテム分類（JIS 箇条4）の実施状況を示す。',
      en: 'Show the status of JIS Clause 4: quality management, responsibilities, applicability, expertise, suppliers, improvement, disclosure, periodic review, accompanying documents, security risk management and software item classification.',
    },
    expectedEvidence: ['process_document', 'organization_record', 'declaration'], provenance: 'verified', sourceNote: QA,
  },
  {
    id: 'jis.2', parent: 'jis', kind: 'item', level: 'product',
    title: { ja: '2 ソフトウェア開発プロセス', en: '2 Software development process' },
    description: {
      ja: '開発計画から要求事項、設計、実装、試験、リリースまで（JIS 箇条5）の実施状況を示す。',
      en: 'Show the status of JIS Clause 5, from development planning through requirements, design, implementation and testing to release.',
    },
    expectedEvidence: ['process_document', 'test_records', 'release_record', 'declaration'], provenance: 'verified', sourceNote: QA,
  },
  {
    id: 'jis.3', parent: 'jis', kind: 'item', level: 'product',
    title: { ja: '3 ソフトウェア保守プロセス', en: '3 Software maintenance process' },
    description: {
      ja: 'セキュリティアップデートの方針、公開情報の監視、アップデートの検証と提供（JIS 箇条6）の実施状況を示す。',
      en: 'Show the status of JIS Clause 6: security update policy, monitoring of public information, verification and delivery of updates.',
    },
    expectedEvidence: ['management_plan', 'vulnerability_monitoring', 'security_update_record', 'declaration'],
    provenance: 'verified', sourceNote: QA,
  },
  {
    id: 'jis.4', parent: 'jis', kind: 'item', level: 'product',
    title: { ja: '4 セキュリティリスクマネジメントプロセス', en: '4 Security risk management process' },
    description: {
      ja: 'セキュリティコンテキスト、脅威モデル、リスクの推定・評価、コントロール、有効性の監視（JIS 箇条7）の実施状況を示す。',
      en: 'Show the status of JIS Clause 7: security context, threat model, risk estimation and evaluation, controls and monitoring of their effectiveness.',
    },
    expectedEvidence: ['threat_model', 'risk_register', 'declaration'], provenance: 'interpretation', sourceNote: GROUP,
  },
  {
    id: 'jis.5', parent: 'jis', kind: 'item', level: 'product',
    title: { ja: '5 ソフトウェア構成管理プロセス', en: '5 Software configuration management process' },
    description: {
      ja: '構成管理と構成品一覧の維持（JIS 箇条8）の実施状況を示す。',
      en: 'Show the status of JIS Clause 8: configuration management and the maintained list of components.',
    },
    expectedEvidence: ['process_document', 'sbom', 'declaration'], provenance: 'interpretation', sourceNote: GROUP,
  },
  {
    id: 'jis.6', parent: 'jis', kind: 'item', level: 'both',
    title: { ja: '6 ソフトウェア問題解決プロセス', en: '6 Software problem resolution process' },
    description: {
      ja: '脆弱性の受付、レビュー、分析及び対処（JIS 箇条9）の実施状況を示す。',
      en: 'Show the status of JIS Clause 9: receiving, reviewing, analysing and addressing vulnerabilities.',
    },
    expectedEvidence: ['triage_records', 'disclosure_policy', 'declaration'], provenance: 'interpretation', sourceNote: GROUP,
  },
  {
    id: 'existing', parent: null, kind: 'group', level: 'both',
    title: { ja: '2. JIS に関連する既存通知等の要求事項', en: '2. Requirements from existing notices related to the JIS' },
    description: {
      ja: 'JIS への適合に加えて確認すべき、既存の通知・手引書由来の事項。試験機関の証明書を用いる場合もこの確認結果を示す。',
      en: 'Matters from earlier notices and the guidance to confirm in addition to JIS conformity; their results must be shown even when a test-laboratory certificate is used.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: 'Heading verified via Q&A 2024-01-31 A4 (wic-net 13660/3).',
  },
  {
    id: 'existing.organization', parent: 'existing', kind: 'item', level: 'organization',
    title: { ja: 'セキュリティ体制・ISAO・CVD', en: 'Security organisation, ISAO and CVD' },
    description: {
      ja: 'セキュリティ体制と責任、ISAO 等への参加、協調的な脆弱性開示の方針を確認する。',
      en: 'Confirm the security organisation and responsibilities, participation in ISAOs, and the coordinated vulnerability disclosure policy.',
    },
    expectedEvidence: ['organization_record', 'disclosure_policy'], provenance: 'interpretation', sourceNote: SEC2,
  },
  {
    id: 'existing.customer-docs', parent: 'existing', kind: 'item', level: 'product',
    title: { ja: 'SBOM・MDS2 を含む顧客向け文書', en: 'Customer documents including SBOM and MDS2' },
    description: {
      ja: '注意事項等情報・取扱説明書のセキュリティ記載、SBOM 及び MDS2 の準備を確認する。',
      en: 'Confirm the security content of the package insert and IFU, and that the SBOM and MDS2 are prepared.',
    },
    expectedEvidence: ['customer_documentation', 'sbom', 'disclosure_form'], provenance: 'interpretation', sourceNote: SEC2,
  },
  {
    id: 'existing.lifecycle', parent: 'existing', kind: 'item', level: 'product',
    title: { ja: 'EOL・EOS の計画と通知', en: 'EOL and EOS plan and notices' },
    description: {
      ja: 'EOL・EOS の計画と、節目ごとの医療機関への通知の仕組みを確認する。',
      en: 'Confirm the EOL and EOS plan and the means of notifying healthcare providers at each milestone.',
    },
    expectedEvidence: ['management_plan', 'lifecycle_notice'], provenance: 'interpretation', sourceNote: SEC2,
  },
  {
    id: 'existing.patches', parent: 'existing', kind: 'item', level: 'product',
    title: { ja: 'セキュリティパッチの取扱い', en: 'Handling of security patches' },
    description: {
      ja: '機能変更を伴わないパッチの扱いを含め、アップデートの適時提供とアドバイザリの発行方法を確認する。',
      en: 'Confirm timely updates and how advisories are issued, including the handling of patches that change no function.',
    },
    expectedEvidence: ['security_update_record', 'advisory'], provenance: 'interpretation', sourceNote: SEC2,
  },
  {
    id: 'existing.incident', parent: 'existing', kind: 'item', level: 'both',
    title: { ja: 'CVE 採番・インシデント対応・不具合等報告', en: 'CVE, incident response and malfunction reporting' },
    description: {
      ja: 'JPCERT/CC を通じた CVE 採番、インシデント時の確認事項 A〜E、不具合等報告の手順を確認する。',
      en: 'Confirm CVE assignment through JPCERT/CC, the incident checks A–E and the malfunction-reporting procedure.',
    },
    expectedEvidence: ['incident_record', 'regulatory_report', 'advisory'], provenance: 'interpretation', sourceNote: SEC2,
  },
  {
    id: 'existing.environment', parent: 'existing', kind: 'item', level: 'product',
    title: { ja: '使用環境と予見可能な誤使用', en: 'Use environment and foreseeable misuse' },
    description: {
      ja: 'リスク分析の入力として意図した使用環境と合理的に予見可能な誤使用を考慮したこと、システム構成図・ネットワーク構成図を用意したことを確認する。',
      en: 'Confirm that risk analysis considered the intended environment and reasonably foreseeable misuse, with system and network configuration diagrams.',
    },
    expectedEvidence: ['product_security_context', 'architecture_document'],
    provenance: 'interpretation', sourceNote: `${SEC2} Diagrams: Q&A 2024 as summarised by cbnews (secondary).`,
  },
];

export const mhlw0523_2023: Catalog = {
  id: 'mhlw-0523-confirmation',
  version: '2023-05-23',
  title: {
    ja: '基本要件基準第12条第3項の適合性の確認について（薬生機審発0523第1号）',
    en: 'Confirmation of conformity with Essential Principles Art. 12(3) (MHLW notice 0523 No. 1)',
  },
  publisher: '厚生労働省 医薬・生活衛生局 医療機器審査管理課',
  kind: 'notice',
  sourceNote:
    'Notice opening read at MHLW t_doc 00tc7694; group rows 1–3 and section-2 heading verified via the Q&A of 2024-01-31; the full item list was not readable and is partly reconstructed.',
  entries,
};
