/**
 * MHLW 「医療機器のサイバーセキュリティ導入に関する手引書」 2nd edition (2023-03-31, issued with
 * 薬生機審発0331第11号・薬生安発0331第4号 as information provision): sections 4–7 and Annex A (SBOM).
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 *
 * Built from OCR'd page openings of the guidance (wic-net.com mirror of the council copy, document
 * 10265; cited as "p.N" = mirror page) and the 1st edition (document 1283). Section numbers the
 * reference could not see are inferred from IMDRF N60, which the guidance mirrors; those entries are
 * marked `interpretation`. Ids with a suffix (e.g. `5.5.sbom-mds2`) are items inside a section, not
 * numbered sub-sections of the guidance.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const SEEN = (page: string) => `手引書 2nd ed., ${page} (wic-net 10265 mirror of the MHLW council copy).`;
const N60 = 'Section number and title inferred from IMDRF N60, which the guidance mirrors; not seen in the 2nd edition.';
const FIRST = (page: string) => `手引書 1st ed. (2021-12), wic-net 1283/${page}; assumed retained in the 2nd edition.`;

const entries: readonly CatalogEntry[] = [
  // ── §4 General principles ───────────────────────────────────────────────────────────────────
  {
    id: '4', parent: null, kind: 'section', level: 'organization',
    title: { ja: '一般原則', en: 'General principles' },
    description: {
      ja: '国際整合、製品ライフサイクル全体（TPLC）での対応、関係者間の責任共有、情報共有という、手引書全体の前提となる原則。',
      en: 'The principles behind the whole guidance: international harmonisation, the total product life cycle (TPLC), shared responsibility and information sharing.',
    },
    expectedEvidence: [], provenance: 'interpretation', sourceNote: `Title inferred from IMDRF N60 §4; ISAO sentence seen at ${SEEN('p.8')}`,
  },
  {
    id: '4.1', parent: '4', kind: 'section', level: 'organization',
    title: { ja: '国際整合', en: 'Global harmonisation' },
    description: {
      ja: 'IMDRF ガイダンスなど国際的な考え方に沿ってサイバーセキュリティ対策を進める方針を持つ。',
      en: 'Align the cybersecurity approach with internationally harmonised practice such as the IMDRF guidance.',
    },
    expectedEvidence: ['process_document'], provenance: 'interpretation', sourceNote: N60,
  },
  {
    id: '4.2', parent: '4', kind: 'section', level: 'organization',
    title: { ja: '製品ライフサイクル全体での対応（TPLC）', en: 'Total product life cycle' },
    description: {
      ja: '設計・開発から販売後、サポート終了までの製品ライフサイクル全体でサイバーセキュリティを扱う体制と計画を持つ。',
      en: 'Handle cybersecurity across the whole product life cycle, from design through post-market to end of support, with an organisation and plan for it.',
    },
    expectedEvidence: ['management_plan', 'process_document'], provenance: 'interpretation', sourceNote: N60,
  },
  {
    id: '4.3', parent: '4', kind: 'section', level: 'organization',
    title: { ja: '責任の共有', en: 'Shared responsibility' },
    description: {
      ja: '製造販売業者、医療機関、利用者、規制当局など関係者がそれぞれの役割を担うことを前提に、製造販売業者側の責任範囲を明確にする。',
      en: 'Recognise that manufacturers, healthcare providers, users and regulators each carry part of the responsibility, and make the manufacturer’s share explicit.',
    },
    expectedEvidence: ['process_document', 'customer_documentation'], provenance: 'interpretation', sourceNote: N60,
  },
  {
    id: '4.4', parent: '4', kind: 'section', level: 'organization',
    title: { ja: '情報共有', en: 'Information sharing' },
    description: {
      ja: 'インシデント、脅威及び脆弱性の情報を関係者間で共有する仕組みを持つ。',
      en: 'Have the means to share incident, threat and vulnerability information with the other parties.',
    },
    expectedEvidence: ['process_document'], provenance: 'interpretation', sourceNote: N60,
  },
  {
    id: '4.4.isao', parent: '4.4', kind: 'item', level: 'organization',
    title: { ja: 'ISAO 等への積極的な参加', en: 'Active participation in ISAOs' },
    description: {
      ja: 'インシデント・脅威・脆弱性情報を共有するため、ISAO（情報共有分析組織）等に積極的に参加する。参加の記録（会員登録、共有実績）を残す。',
      en: 'Take an active part in information sharing and analysis organisations (ISAOs) to share incidents, threats and vulnerabilities; keep records of membership and of what was shared.',
    },
    expectedEvidence: ['organization_record'], provenance: 'verified', sourceNote: SEEN('p.8'),
  },

  // ── §5 Pre-market ───────────────────────────────────────────────────────────────────────────
  {
    id: '5', parent: null, kind: 'section', level: 'product',
    title: { ja: '市販前の考慮事項', en: 'Pre-market considerations' },
    description: {
      ja: '市販前に行うべき事項（A〜E）と、その詳細（5.1〜5.6）。想定する使用環境に加え、合理的に予見可能な誤使用も考慮する。',
      en: 'What to do before market (A–E) and the detail in 5.1–5.6, taking account of the intended environment and reasonably foreseeable misuse.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: SEEN('p.8'),
  },
  {
    id: '5.A', parent: '5', kind: 'item', level: 'product',
    title: { ja: 'A セキュリティ機能の組込み', en: 'A: security functions built in' },
    description: {
      ja: '設計段階でセキュリティ機能を製品に組み込む。',
      en: 'Build security functions into the product at design time.',
    },
    expectedEvidence: ['security_requirements', 'architecture_document'], provenance: 'verified', sourceNote: SEEN('p.8'),
  },
  {
    id: '5.B', parent: '5', kind: 'item', level: 'product',
    title: { ja: 'B 最新のリスクマネジメント', en: 'B: state-of-the-art risk management' },
    description: {
      ja: '現時点の知見に基づくリスクマネジメントを製品に適用する（詳細は 5.2）。',
      en: 'Apply state-of-the-art risk management to the product (detail in 5.2).',
    },
    expectedEvidence: ['risk_register', 'threat_model'], provenance: 'verified', sourceNote: SEEN('p.8'),
  },
  {
    id: '5.C', parent: '5', kind: 'item', level: 'product',
    title: { ja: 'C セキュリティ試験', en: 'C: security testing' },
    description: {
      ja: 'セキュリティ機能と対策が有効であることを試験で確認する（詳細は 5.3）。',
      en: 'Confirm by testing that the security functions and measures work (detail in 5.3).',
    },
    expectedEvidence: ['test_records'], provenance: 'verified', sourceNote: SEEN('p.8'),
  },
  {
    id: '5.D', parent: '5', kind: 'item', level: 'product',
    title: { ja: 'D 医療機関・利用者への情報提供', en: 'D: information for healthcare providers and users' },
    description: {
      ja: '医療機関と利用者が製品を安全に運用するために必要な情報を提供する（詳細は 5.5）。',
      en: 'Give healthcare providers and users the information they need to operate the product securely (detail in 5.5).',
    },
    expectedEvidence: ['customer_documentation'], provenance: 'verified', sourceNote: SEEN('p.8'),
  },
  {
    id: '5.E', parent: '5', kind: 'item', level: 'product',
    title: { ja: 'E 市販後活動の計画', en: 'E: planning of post-market activities' },
    description: {
      ja: '市販後のサイバーセキュリティ活動を市販前に計画する（詳細は 5.4）。',
      en: 'Plan the post-market cybersecurity activities before market (detail in 5.4).',
    },
    expectedEvidence: ['management_plan'], provenance: 'verified', sourceNote: SEEN('p.8'),
  },
  {
    id: '5.misuse', parent: '5', kind: 'item', level: 'product',
    title: { ja: '使用環境と予見可能な誤使用の考慮', en: 'Intended environment and foreseeable misuse' },
    description: {
      ja: 'リスクマネジメントと顧客向け文書の入力として、意図した使用環境に加え、合理的に予見可能な誤使用を評価し記録する。',
      en: 'Evaluate and record, as input to risk management and customer documents, the intended use environment and also reasonably foreseeable misuse.',
    },
    expectedEvidence: ['product_security_context', 'risk_register'], provenance: 'verified', sourceNote: SEEN('p.8, p.13'),
  },
  {
    id: '5.1', parent: '5', kind: 'section', level: 'product',
    title: { ja: 'セキュリティ要求事項及びアーキテクチャ設計', en: 'Security requirements and architecture design' },
    description: {
      ja: '設計原則（入力検証、セキュアな通信、データ保護、機器の完全性、利用者認証、ソフトウェア保守、物理的アクセス、信頼性・可用性）に沿ってセキュリティ要求事項とアーキテクチャを設計し、MDS2 のセキュリティ機能項目と対応付ける。',
      en: 'Design security requirements and architecture along the design principles (input validation, secure communication, data protection, device integrity, user authentication, software maintenance, physical access, reliability and availability), mapped to the MDS2 security capability items.',
    },
    expectedEvidence: ['security_requirements', 'architecture_document'],
    provenance: 'interpretation', sourceNote: `Design-principles table verified in ${FIRST('7')} 2nd-edition title inferred.`,
  },
  {
    id: '5.2', parent: '5', kind: 'section', level: 'product',
    title: { ja: 'TPLC に関するリスクマネジメント原則', en: 'TPLC risk management principles' },
    description: {
      ja: '安全性・基本性能に影響するサイバーリスクを ISO 14971 のプロセスで扱い、脆弱性の特定、リスクの推定・評価、受容可能な水準までのコントロール、コントロールの有効性の監視を製品ライフサイクル全体で行う（AAMI TIR57 等を参照）。',
      en: 'Handle cyber risks that affect safety or essential performance in the ISO 14971 process: identify vulnerabilities, estimate and evaluate risk, control it to an acceptable level and monitor control effectiveness, across the life cycle (e.g. AAMI TIR57).',
    },
    expectedEvidence: ['risk_register', 'threat_model', 'management_plan'],
    provenance: 'verified', sourceNote: `Title: cross-reference at ${SEEN('p.24')} Risk steps: N60 Japanese translation (wic-net 6086/39).`,
  },
  {
    id: '5.3', parent: '5', kind: 'section', level: 'product',
    title: { ja: 'セキュリティ試験', en: 'Security testing' },
    description: {
      ja: 'セキュリティ要求事項と対策を試験で検証する。既知脆弱性に対して最新の更新を適用し、脆弱性スキャン・診断ツールで状況を定量的に確認・記録する。',
      en: 'Verify the security requirements and measures by testing; apply the latest updates against known vulnerabilities and measure and record the status with vulnerability scanning and diagnostic tools.',
    },
    expectedEvidence: ['test_records', 'penetration_test', 'sbom_quality_report'],
    provenance: 'interpretation', sourceNote: `Title inferred (N60 §5.3); scanning-tool expectation seen at ${SEEN('p.24')}`,
  },
  {
    id: '5.4', parent: '5', kind: 'section', level: 'both',
    title: { ja: 'TPLC サイバーセキュリティ管理計画', en: 'TPLC cybersecurity management plan' },
    description: {
      ja: '市販後を含むサイバーセキュリティ管理計画を作成する。復旧機能、情報共有、製品寿命の開示を計画に含める。',
      en: 'Prepare a cybersecurity management plan covering the post-market phase, including recovery functions, information sharing and disclosure of product life.',
    },
    expectedEvidence: ['management_plan'],
    provenance: 'interpretation', sourceNote: `Content seen at ${SEEN('p.13')} title inferred from N60 §5.4.`,
  },
  {
    id: '5.4.recovery', parent: '5.4', kind: 'item', level: 'product',
    title: { ja: '復旧機能と手順', en: 'Recovery functions and procedures' },
    description: {
      ja: 'インシデント後に機器を正常な動作へ戻す機能と手順を計画し、文書化する。',
      en: 'Plan and document the functions and procedures that return the device to normal operation after an incident.',
    },
    expectedEvidence: ['security_requirements', 'customer_documentation'], provenance: 'verified', sourceNote: SEEN('p.13'),
  },
  {
    id: '5.4.sharing', parent: '5.4', kind: 'item', level: 'organization',
    title: { ja: '情報共有の計画', en: 'Information-sharing plan' },
    description: {
      ja: 'ISAO 等への参加を含め、市販後の情報共有の方法を計画に含める。',
      en: 'Include in the plan how post-market information will be shared, including participation in ISAOs.',
    },
    expectedEvidence: ['management_plan', 'organization_record'], provenance: 'verified', sourceNote: SEEN('p.13'),
  },
  {
    id: '5.4.product-life', parent: '5.4', kind: 'item', level: 'product',
    title: { ja: '製品寿命の開示（EOL/EOS 計画）', en: 'Disclosure of product life (EOL/EOS plan)' },
    description: {
      ja: '製品セキュリティポリシーに沿って EOL・EOS の具体的な計画と手順を顧客向け文書にする。汎用 OS など構成品の寿命が機器より短い場合に備え、世代混在や部品切替えの計画を市販前に立て、顧客と規制当局に開示できるようにする。',
      en: 'Following the product security policy, turn concrete EOL and EOS plans and procedures into customer documents. Where a part such as a general-purpose OS ends before the device, plan mixed generations or a part switch before market, and make the plan disclosable to customers and the regulator.',
    },
    expectedEvidence: ['management_plan', 'lifecycle_notice', 'customer_documentation'], provenance: 'verified', sourceNote: SEEN('p.13'),
  },
  {
    id: '5.5', parent: '5', kind: 'section', level: 'product',
    title: { ja: '顧客向け文書', en: 'Customer documentation' },
    description: {
      ja: '医療機関・利用者向けのセキュリティ文書を整備する。意図した使用環境と予見可能な誤使用を入力とし、推奨する管理策、ハードニング、ポート・インタフェース一覧、インシデント時の対応、バックアップ・復元、サポート終了情報などを含める。',
      en: 'Prepare security documents for healthcare providers and users, based on the intended environment and foreseeable misuse: recommended controls, hardening, the list of ports and interfaces, what to do on an incident, backup and restore, end-of-support information and more.',
    },
    expectedEvidence: ['customer_documentation'],
    provenance: 'verified', sourceNote: `Section seen at ${SEEN('p.13')} item list verified only in ${FIRST('11')}`,
  },
  {
    id: '5.5.1', parent: '5.5', kind: 'section', level: 'product',
    title: { ja: '注意事項等情報及び取扱説明書', en: 'Package insert information and instructions for use' },
    description: {
      ja: 'サイバーセキュリティに関する事項を注意事項等情報と取扱説明書に記載する。',
      en: 'Put the cybersecurity items into the package insert information (注意事項等情報) and the instructions for use.',
    },
    expectedEvidence: ['customer_documentation'], provenance: 'verified', sourceNote: `Cross-reference at ${SEEN('p.23')}`,
  },
  {
    id: '5.5.compensating', parent: '5.5', kind: 'item', level: 'product',
    title: { ja: '補完的管理策に用いる外部機器の仕様・設定', en: 'Specification of external compensating-control equipment' },
    description: {
      ja: 'ファイアウォール等の外部機器を補完的管理策として使用環境の一部に指定する場合、その仕様と設定を顧客向け文書に記載する。',
      en: 'Where external equipment such as a firewall is designated as part of the use environment to act as a compensating control, state its specification and configuration in the customer documents.',
    },
    expectedEvidence: ['customer_documentation'], provenance: 'verified', sourceNote: SEEN('p.23'),
  },
  {
    id: '5.5.sbom-mds2', parent: '5.5', kind: 'item', level: 'product',
    title: { ja: 'SBOM と MDS2 の提供', en: 'SBOM and MDS2 as customer documents' },
    description: {
      ja: 'ソフトウェア部品表（SBOM）と MDS2 を TPLC 全体にわたる包括的な顧客向け文書として用意し、調達時の求めに応じて提供できるようにする。',
      en: 'Prepare the software bill of materials (SBOM) and the MDS2 as comprehensive customer documents for the whole life cycle, ready to provide when asked at procurement.',
    },
    expectedEvidence: ['sbom', 'disclosure_form'], provenance: 'verified', sourceNote: SEEN('p.15'),
  },
  {
    id: '5.5.supplier', parent: '5.5', kind: 'item', level: 'both',
    title: { ja: '供給者からの SBOM・EOL・EOS 情報の確保', en: 'Securing SBOM, EOL and EOS data from suppliers' },
    description: {
      ja: 'ソフトウェア供給者とのライセンス・契約により、構成品の最新の SBOM、EOL 及び EOS を入手できるようにし、機器の SBOM とアップグレード計画の根拠とする。',
      en: 'Through licences or contracts with software suppliers, secure access to each component’s latest SBOM, EOL and EOS, and base the device SBOM and upgrade plans on them.',
    },
    expectedEvidence: ['supplier_record', 'sbom'], provenance: 'verified', sourceNote: SEEN('p.15'),
  },
  {
    id: '5.5.publication', parent: '5.5', kind: 'item', level: 'product',
    title: { ja: '注意事項等情報の公表と販売業者への提供', en: 'Publication of package insert information' },
    description: {
      ja: '注意事項等情報を PMDA のウェブサイトで公表し、販売業者等に情報を提供する体制を持つ。',
      en: 'Publish the package insert information on the PMDA website and have a system to pass information to distributors.',
    },
    expectedEvidence: ['customer_documentation', 'process_document'], provenance: 'verified', sourceNote: SEEN('p.27'),
  },
  {
    id: '5.6', parent: '5', kind: 'section', level: 'product',
    title: { ja: '規制当局への申請に関する文書', en: 'Documents for regulatory submission' },
    description: {
      ja: '法令で求められる文書を申請時に提出・特定する（第1版の例示：セキュリティ設計、セキュリティリスクマネジメント、セキュリティ試験、TPLC 管理計画、表示・取扱説明書・顧客向けセキュリティ文書）。',
      en: 'Submit or identify the documents the law requires in the application (1st edition examples: security design, security risk management, security testing, TPLC management plan, labelling, IFU and customer security documents).',
    },
    expectedEvidence: ['regulatory_submission'],
    provenance: 'verified', sourceNote: `${SEEN('p.15')} Document list: ${FIRST('12')}`,
  },

  // ── §6 Post-market ──────────────────────────────────────────────────────────────────────────
  {
    id: '6', parent: null, kind: 'section', level: 'both',
    title: { ja: '市販後の考慮事項', en: 'Post-market considerations' },
    description: {
      ja: '市販後の運用環境、情報共有、協調的な脆弱性開示、脆弱性の修正、インシデント対応、レガシー医療機器への対応。',
      en: 'Post-market matters: the operating environment, information sharing, coordinated vulnerability disclosure, remediation, incident response and legacy devices.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: SEEN('p.15'),
  },
  {
    id: '6.1', parent: '6', kind: 'section', level: 'product',
    title: { ja: '運用環境における医療機器', en: 'Devices in the operating environment' },
    description: {
      ja: '実際の運用環境で機器が意図どおり安全に使われるよう、環境の変化と脅威を踏まえて支援する。',
      en: 'Support secure use of the device in its real operating environment as that environment and its threats change.',
    },
    expectedEvidence: ['product_security_context', 'customer_documentation'], provenance: 'interpretation', sourceNote: N60,
  },
  {
    id: '6.2', parent: '6', kind: 'section', level: 'organization',
    title: { ja: '情報共有', en: 'Information sharing' },
    description: {
      ja: 'セキュリティアドバイザリ等を顧客、規制当局、ISAO・CERT と共有する。',
      en: 'Share security advisories and related information with customers, regulators and ISAOs or CERTs.',
    },
    expectedEvidence: ['advisory', 'organization_record'], provenance: 'interpretation', sourceNote: N60,
  },
  {
    id: '6.3', parent: '6', kind: 'section', level: 'organization',
    title: { ja: '協調的な脆弱性開示（CVD）', en: 'Coordinated vulnerability disclosure' },
    description: {
      ja: '脆弱性情報源を監視し、協調的な脆弱性開示を例外なく実践する。',
      en: 'Monitor vulnerability sources and practise coordinated vulnerability disclosure without exception.',
    },
    expectedEvidence: ['disclosure_policy', 'vulnerability_monitoring'],
    provenance: 'interpretation', sourceNote: `Title inferred from N60 §6.3; content ${FIRST('14')}`,
  },
  {
    id: '6.3.policy', parent: '6.3', kind: 'item', level: 'organization',
    title: { ja: 'ISO/IEC 29147 に沿った開示ポリシー', en: 'Disclosure policy per ISO/IEC 29147' },
    description: {
      ja: 'ISO/IEC 29147 に沿った脆弱性開示ポリシーを定め公開する。報告者に一定期間内に受領を通知する。',
      en: 'Adopt and publish a vulnerability disclosure policy following ISO/IEC 29147, including acknowledging receipt to the finder within a set time.',
    },
    expectedEvidence: ['disclosure_policy'], provenance: 'verified', sourceNote: FIRST('14'),
  },
  {
    id: '6.3.handling', parent: '6.3', kind: 'item', level: 'organization',
    title: { ja: 'ISO/IEC 30111 に沿った取扱いプロセス', en: 'Handling process per ISO/IEC 30111' },
    description: {
      ja: '報告の出所によらず明確・一貫・再現可能な脆弱性取扱いプロセスを ISO/IEC 30111 に沿って運用し、CVSS 等で評価する。',
      en: 'Run a clear, consistent and reproducible vulnerability handling process per ISO/IEC 30111, whatever the report’s origin, and score with CVSS or similar.',
    },
    expectedEvidence: ['process_document', 'triage_records'], provenance: 'verified', sourceNote: FIRST('14'),
  },
  {
    id: '6.4', parent: '6', kind: 'section', level: 'product',
    title: { ja: '脆弱性の修正', en: 'Vulnerability remediation' },
    description: {
      ja: '脆弱性を遅滞なく修正し、修正方法（パッチ、アドバイザリ等）を選択する。',
      en: 'Remediate vulnerabilities without delay and choose the means (patch, advisory and so on).',
    },
    expectedEvidence: ['security_update_record', 'triage_records'], provenance: 'verified', sourceNote: SEEN('p.18'),
  },
  {
    id: '6.4.without-delay', parent: '6.4', kind: 'item', level: 'product',
    title: { ja: '関係者と連携した遅滞ない修正', en: 'Remediation without delay with all parties' },
    description: {
      ja: '製造業者、販売業者、貸与業者、修理業者及び医療機関と連携して遅滞なく修正する。必要に応じて患者への通知も含める。',
      en: 'Remediate without delay together with manufacturing sites, distributors, lessors, repairers and healthcare providers; this may include notifying patients.',
    },
    expectedEvidence: ['security_update_record', 'lifecycle_notice'], provenance: 'verified', sourceNote: SEEN('p.18-19'),
  },
  {
    id: '6.4.patch-approval', parent: '6.4', kind: 'item', level: 'product',
    title: { ja: '機能変更を伴わないパッチの取扱い', en: 'Patches without functional change' },
    description: {
      ja: '医療機器の機能を追加・変更しないセキュリティパッチは、その都度の承認等を要しない。パッチごとに機能変更がないことの判断根拠を記録する。',
      en: 'A security patch that adds or changes no device function does not need a new marketing approval each time; record, per patch, why no function changed.',
    },
    expectedEvidence: ['security_update_record', 'regulatory_submission'], provenance: 'verified', sourceNote: SEEN('p.18'),
  },
  {
    id: '6.4.advisory', parent: '6.4', kind: 'item', level: 'product',
    title: { ja: '影響がない場合のアドバイザリ', en: 'Advisory when the product is not affected' },
    description: {
      ja: '第三者構成品の脆弱性が製品に影響しない場合は、アップデートではなくセキュリティアドバイザリを発行する。',
      en: 'When a third-party component vulnerability does not affect the product, issue a security advisory instead of an update.',
    },
    expectedEvidence: ['advisory', 'triage_records'], provenance: 'verified', sourceNote: SEEN('p.18-19'),
  },
  {
    id: '6.5', parent: '6', kind: 'section', level: 'both',
    title: { ja: 'インシデントへの対応', en: 'Incident response' },
    description: {
      ja: '市販後の緊急対応としてインシデントを調査し、規制上の報告と関係機関との連携を行う。',
      en: 'Investigate incidents as post-market emergency response, and handle regulatory reporting and coordination with the bodies concerned.',
    },
    expectedEvidence: ['incident_record'], provenance: 'verified', sourceNote: SEEN('p.19'),
  },
  {
    id: '6.5.checks', parent: '6.5', kind: 'item', level: 'product',
    title: { ja: 'インシデント時の確認事項 A〜E', en: 'Incident checks A–E' },
    description: {
      ja: '機器とその信頼境界内での不正アクセス・悪用の有無を調査し、A 設定の不正変更、B 診断・治療の改変・無効化、C 機密データの喪失・改ざん・開示、D 機能停止・誤動作・不正動作、E 他機器・システムへの拡散、の各有無を確認し記録する。',
      en: 'Investigate unauthorised access or exploitation within the device and its trust boundary and record whether each occurred: A unauthorised settings change, B altered or disabled diagnosis or therapy, C loss, tampering or disclosure of confidential data, D stop, malfunction or rogue operation, E spread to other devices or systems.',
    },
    expectedEvidence: ['incident_record'], provenance: 'verified', sourceNote: SEEN('p.19'),
  },
  {
    id: '6.5.malfunction-report', parent: '6.5', kind: 'item', level: 'product',
    title: { ja: '不具合等報告', en: 'Malfunction and adverse-event reporting' },
    description: {
      ja: 'サイバー起因の不具合は通常の不具合等報告の手順（2020-01-31 の関連通知等）に従って報告する。',
      en: 'Report cyber-related malfunctions through the ordinary malfunction-reporting procedure (the 2020-01-31 notices and related guidance).',
    },
    expectedEvidence: ['regulatory_report', 'incident_record'], provenance: 'verified', sourceNote: SEEN('p.20'),
  },
  {
    id: '6.5.hdo-support', parent: '6.5', kind: 'item', level: 'organization',
    title: { ja: '医療機関の報告への協力', en: 'Supporting healthcare providers’ reports' },
    description: {
      ja: '情報漏えいや医療機関への攻撃（疑いを含む）があり、医療機関が安全管理ガイドラインに基づき報告する場合、求めに応じて情報を提供する。',
      en: 'Where data may have leaked or a healthcare provider was attacked (or may have been) and the provider must report under the MHLW security management guideline, supply information on request.',
    },
    expectedEvidence: ['incident_record'], provenance: 'verified', sourceNote: SEEN('p.20'),
  },
  {
    id: '6.5.cve-jpcert', parent: '6.5', kind: 'item', level: 'organization',
    title: { ja: 'JPCERT/CC を通じた CVE 採番と情報共有', en: 'CVE via JPCERT/CC and sharing with ISAOs' },
    description: {
      ja: '機器自体の脆弱性については JPCERT/CC を通じて CVE を取得して脆弱性情報を登録し、JPCERT/CC 及び ISAO と情報を共有する。',
      en: 'For a vulnerability in the device itself, obtain a CVE and register the vulnerability through JPCERT/CC, and share the information with JPCERT/CC and ISAOs.',
    },
    expectedEvidence: ['advisory', 'organization_record'], provenance: 'verified', sourceNote: SEEN('p.20'),
  },
  {
    id: '6.6', parent: '6', kind: 'section', level: 'product',
    title: { ja: 'レガシー医療機器', en: 'Legacy medical devices' },
    description: {
      ja: '現在の脅威に対して合理的に保護できない機器（レガシー医療機器）を生まないよう、販売開始・EOL・EOS の節目と各段階での対応を定める。',
      en: 'Avoid devices that cannot reasonably be protected against current threats (legacy devices) by managing the release, EOL and EOS milestones and the duties at each stage.',
    },
    expectedEvidence: ['management_plan', 'lifecycle_notice'],
    provenance: 'interpretation', sourceNote: `Title inferred from N60 §6.6; content ${SEEN('p.22-25')}`,
  },
  {
    id: '6.6.definition', parent: '6.6', kind: 'item', level: 'product',
    title: { ja: 'レガシーの判断（年数によらない）', en: 'Legacy status is not age-based' },
    description: {
      ja: 'レガシーかどうかは使用年数ではなく合理的に保護できるかで判断し、製品ごとに判断と根拠を記録する。補完的管理策で安全な構成にできれば限定的サポート段階を延長できる。',
      en: 'Decide legacy status by whether the device can reasonably be protected, not by age, and record the decision and reasons per product; compensating controls that make the configuration secure can extend the limited-support stage.',
    },
    expectedEvidence: ['risk_register', 'customer_documentation'], provenance: 'verified', sourceNote: SEEN('p.23'),
  },
  {
    id: '6.6.milestones', parent: '6.6', kind: 'item', level: 'product',
    title: { ja: '節目ごとの医療機関への情報提供（表2）', en: 'Information to healthcare providers at each milestone (Table 2)' },
    description: {
      ja: '販売開始、EOL、EOS の各節目で医療機関に提供すべき情報を定めた表。',
      en: 'The table of information to give healthcare providers at commercial release, EOL and EOS.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: SEEN('p.22'),
  },
  {
    id: '6.6.milestones.release', parent: '6.6.milestones', kind: 'item', level: 'product',
    title: { ja: '販売開始時の提供情報', en: 'At commercial release' },
    description: {
      ja: 'セキュリティポリシー、EOL・EOS 計画（日程）、アップグレードの選択肢、取扱説明書・セキュリティ文書、SBOM・MDS2、限定的サポート段階を含む保守計画を提供する。',
      en: 'Provide the security policy, the EOL and EOS plan with dates, upgrade options, IFU and security documents, the SBOM and MDS2, and a maintenance plan including the limited-support stage.',
    },
    expectedEvidence: ['lifecycle_notice', 'sbom', 'disclosure_form', 'customer_documentation', 'management_plan'],
    provenance: 'verified', sourceNote: SEEN('p.22'),
  },
  {
    id: '6.6.milestones.eol', parent: '6.6.milestones', kind: 'item', level: 'product',
    title: { ja: 'EOL 時の提供情報', en: 'At end of life (EOL)' },
    description: {
      ja: 'EOL の通知、EOS 計画及びその他の更新情報を提供する。',
      en: 'Provide the EOL notice, the EOS plan and other updated information.',
    },
    expectedEvidence: ['lifecycle_notice'], provenance: 'verified', sourceNote: SEEN('p.22'),
  },
  {
    id: '6.6.milestones.eos', parent: '6.6.milestones', kind: 'item', level: 'product',
    title: { ja: 'EOS 時の提供情報', en: 'At end of support (EOS)' },
    description: {
      ja: 'EOS の通知と、保守計画を除くその他の更新情報を提供する。',
      en: 'Provide the EOS notice and other updated information except the maintenance plan.',
    },
    expectedEvidence: ['lifecycle_notice'], provenance: 'verified', sourceNote: SEEN('p.22'),
  },
  {
    id: '6.6.2', parent: '6.6', kind: 'section', level: 'product',
    title: { ja: 'TPLC における考慮事項', en: 'Considerations across the TPLC' },
    description: {
      ja: '設計・開発、サポート、限定的サポート、サポート終了の各段階での製造販売業者の対応。',
      en: 'The manufacturer’s duties in each stage: design and development, support, limited support and end of support.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: SEEN('p.24'),
  },
  {
    id: '6.6.2.1', parent: '6.6.2', kind: 'section', level: 'product',
    title: { ja: '設計・開発段階', en: 'Design and development stage' },
    description: {
      ja: '供給者の倒産・買収などによる第三者サポートの突然の喪失も含めてリスクを把握し、EOS 後まで見据えた計画と対策を設計時に組み込む。開発ツールを含む構成品の寿命に備えて世代管理や置換を計画し、既知脆弱性に最新の更新を適用して、スキャン・診断ツールで状況を定量的に記録する。',
      en: 'Understand risks such as sudden loss of third-party support (supplier bankruptcy or acquisition) and build in plans and measures at design time that look beyond EOS; plan cross-generation management or replacement of components, including development tools; apply the latest updates for known vulnerabilities and record the status quantitatively with scanning and diagnostic tools.',
    },
    expectedEvidence: ['management_plan', 'sbom', 'test_records'], provenance: 'verified', sourceNote: SEEN('p.24'),
  },
  {
    id: '6.6.2.2', parent: '6.6.2', kind: 'section', level: 'product',
    title: { ja: 'サポート段階', en: 'Support stage' },
    description: {
      ja: 'フルサポートとして、市販後調査の一環で脆弱性を監視し、6.4 に沿ってアップデートを提供し、アドバイザリを発行し、SBOM を維持し、EOL・EOS を早めに伝える。',
      en: 'Full support: monitor vulnerabilities as post-market surveillance, issue updates per 6.4, publish advisories, maintain the SBOM and communicate EOL and EOS early.',
    },
    expectedEvidence: ['vulnerability_monitoring', 'security_update_record', 'advisory', 'sbom', 'lifecycle_notice'],
    provenance: 'interpretation', sourceNote: 'Text not read; recollection consistent with Table 2 and 6.4 (p.18, p.22).',
  },
  {
    id: '6.6.2.3', parent: '6.6.2', kind: 'section', level: 'product',
    title: { ja: '限定的サポート段階', en: 'Limited support stage' },
    description: {
      ja: '市販後調査として脆弱性情報を入手し、ポリシー上必要なら 6.4 に沿ってアップデートを、そうでなければアドバイザリを提供する。広く報じられた重大な脆弱性が製品に影響しない場合も評価記録を残し、求めに応じてアドバイザリを出せるようにする。EOL 後は患者安全に重大な影響がない限り一般的な不具合修正は行わない。',
      en: 'Obtain vulnerability information as post-market surveillance; provide updates per 6.4 where the policy requires, otherwise an advisory. For widely reported high-severity vulnerabilities that do not affect the product, keep an evaluation record and have an advisory ready on request. After EOL, no general bug fixes unless patient safety is seriously affected.',
    },
    expectedEvidence: ['vulnerability_monitoring', 'triage_records', 'advisory', 'security_update_record'],
    provenance: 'verified', sourceNote: SEEN('p.25'),
  },
  {
    id: '6.6.2.4', parent: '6.6.2', kind: 'section', level: 'product',
    title: { ja: 'サポート終了段階', en: 'End-of-support stage' },
    description: {
      ja: 'EOS 後はセキュリティアップデートを含む修正を行わない。EOS 時に製品のセキュリティ状態を顧客に伝え、ネットワーク利用を保証できない場合はネットワークからの切離しも含めて通知する。EOS 後も市販後調査として脆弱性情報の収集を続ける。',
      en: 'After EOS no fixes of any kind, security updates included. At EOS tell customers the product’s security state and, if networked use can no longer be assured, say so, up to disconnecting it from the network. Keep collecting vulnerability information after EOS as post-market surveillance.',
    },
    expectedEvidence: ['lifecycle_notice', 'vulnerability_monitoring'],
    provenance: 'interpretation', sourceNote: `${FIRST('18')} 2nd-edition wording presumed equal.`,
  },

  // ── §7 Collaboration between business types ──────────────────────────────────────────────────
  {
    id: '7', parent: null, kind: 'section', level: 'organization',
    title: { ja: '業態間の連携', en: 'Collaboration between business types' },
    description: {
      ja: '薬機法上の業態（製造業者、販売業者、貸与業者、修理業者）と、OEM/ODM・海外製造業者を含むサプライチェーンでの連携。',
      en: 'Collaboration among the PMD Act business types (manufacturers, distributors, lessors, repairers) and along the supply chain, including OEM/ODM and overseas manufacturers.',
    },
    expectedEvidence: [], provenance: 'interpretation', sourceNote: `Section title inferred; content ${SEEN('p.18, p.28, p.31')}`,
  },
  {
    id: '7.1', parent: '7', kind: 'section', level: 'organization',
    title: { ja: '製造販売業者と関係業者の連携', en: 'Coordination with distributors, lessors and repairers' },
    description: {
      ja: '脆弱性対応やアップデートの配布で、製造業者、販売業者、貸与業者及び修理業者と役割と連絡経路を取り決めて連携する。',
      en: 'Agree roles and contact paths with manufacturing sites, distributors, lessors and repairers for vulnerability handling and update distribution.',
    },
    expectedEvidence: ['organization_record', 'process_document'],
    provenance: 'interpretation', sourceNote: `Numbering inferred; cooperation duty seen at ${SEEN('p.18, p.28')}`,
  },
  {
    id: '7.2', parent: '7', kind: 'section', level: 'product',
    title: { ja: 'リース医療機器の取扱い', en: 'Leased medical devices' },
    description: {
      ja: 'EOL・EOS まで SBOM、MDS2 その他の CVD 情報を販売業者・貸与業者と必要に応じて共有し、医療機関に貸与中の機器にもパッチが遅滞なく届くよう調整する（SaMD には基本的に修理業者の役割はない）。',
      en: 'Until EOL/EOS, share the SBOM, MDS2 and other CVD information with distributors and lessors as needed, and coordinate so that patches reach leased devices at healthcare providers without delay (SaMD basically has no repairer role).',
    },
    expectedEvidence: ['organization_record', 'sbom', 'security_update_record'], provenance: 'verified', sourceNote: SEEN('p.28'),
  },

  // ── Annex A SBOM ────────────────────────────────────────────────────────────────────────────
  {
    id: 'A', parent: null, kind: 'annex', level: 'product',
    title: { ja: '附属書A ソフトウェア部品表（SBOM）の扱い', en: 'Annex A: handling of the software bill of materials (SBOM)' },
    description: {
      ja: 'SBOM の作成責任、生成・管理、要素とフォーマット、提供方法。',
      en: 'Who creates the SBOM, how it is generated and managed, its elements and formats, and how it is provided.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: SEEN('p.31-34'),
  },
  {
    id: 'A.1', parent: 'A', kind: 'section', level: 'product',
    title: { ja: '全体的なフレームワーク', en: 'Overall framework' },
    description: {
      ja: '製造販売業者が SBOM を作成する。受託開発者、OEM/ODM、海外製造業者から受け取る場合は適切に作成されていることを確認し、管理・発行する。SBOM は構成管理・変更管理の中でアーキテクチャと構成品情報から手動又はツールで生成し、供給者の SBOM は別に保管して内容を社内の構成管理に取り込む。',
      en: 'The marketing authorisation holder creates the SBOM; one received from a contract developer, OEM/ODM or overseas maker is checked, then controlled and issued by it. The SBOM is generated, manually or with tools, from architecture and component information within configuration and change management; supplier SBOMs are kept separately and merged into internal configuration management.',
    },
    expectedEvidence: ['sbom', 'supplier_record', 'process_document'], provenance: 'verified', sourceNote: SEEN('p.31'),
  },
  {
    id: 'A.2', parent: 'A', kind: 'section', level: 'product',
    title: { ja: 'SBOM の生成と管理', en: 'Generating and managing the SBOM' },
    description: {
      ja: '構成品情報を常に最新に保ち SBOM を作れる状態にする。SBOM は製品リリース時に顧客へ提示し、提示した SBOM を変更管理下に置く。',
      en: 'Keep component information current so that an SBOM can be produced; present the SBOM to customers at product release and keep the presented SBOM under change control.',
    },
    expectedEvidence: ['sbom', 'release_record'],
    provenance: 'verified', sourceNote: `Content ${SEEN('p.32')} sub-clause title inferred.`,
  },
  {
    id: 'A.3', parent: 'A', kind: 'section', level: 'product',
    title: { ja: '要素と推奨フォーマット', en: 'Elements and recommended formats' },
    description: {
      ja: '医療機関に提供する SBOM に含める基本要素と、自動処理に適したフォーマット。',
      en: 'The baseline elements of the SBOM given to healthcare providers and the formats that allow automation.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: SEEN('p.33'),
  },
  {
    id: 'A.3.elements', parent: 'A.3', kind: 'item', level: 'product',
    title: { ja: 'SBOM の基本要素', en: 'Baseline SBOM elements' },
    description: {
      ja: '供給者名、コンポーネント名、バージョン、その他の一意の識別子、依存関係、SBOM データの作成者、タイムスタンプを含める（NTIA の最小要素）。これらの充足を品質レポートで確認する。',
      en: 'Include supplier, component name, version, other unique identifiers, the dependency relationship, the author of the SBOM data and the timestamp (the NTIA minimum elements); check them with a quality report.',
    },
    expectedEvidence: ['sbom', 'sbom_quality_report'],
    provenance: 'verified', sourceNote: `Relationship, author and timestamp ${SEEN('p.33')} first four elements per NTIA (recollection).`,
  },
  {
    id: 'A.3.formats', parent: 'A.3', kind: 'item', level: 'product',
    title: { ja: '推奨フォーマット（CycloneDX・SPDX・SWID）', en: 'Formats: CycloneDX, SPDX, SWID' },
    description: {
      ja: '自動処理が可能な形式として CycloneDX、SPDX 又は SWID で作成する。',
      en: 'Produce the SBOM in a machine-processable format: CycloneDX, SPDX or SWID.',
    },
    expectedEvidence: ['sbom'], provenance: 'verified', sourceNote: SEEN('p.33'),
  },
  {
    id: 'A.3.identifiers', parent: 'A.3', kind: 'item', level: 'product',
    title: { ja: '一意の識別子（purl・CPE）', en: 'Unique identifiers (purl, CPE)' },
    description: {
      ja: '一意の識別子として purl（又は CPE 等）を用い、供給者由来でない項目は製造販売業者を作成者として記録する（手引書の記載例に準拠）。',
      en: 'Use purl (or CPE and similar) as the unique identifier, and record the manufacturer as author for entries not taken from the supplier, as in the guidance’s worked example.',
    },
    expectedEvidence: ['sbom', 'sbom_quality_report'], provenance: 'verified', sourceNote: SEEN('p.34'),
  },
  {
    id: 'A.4', parent: 'A', kind: 'section', level: 'product',
    title: { ja: 'SBOM の提供', en: 'Providing the SBOM' },
    description: {
      ja: '顧客向けセキュリティ文書の一つとして SBOM を利用者に提供する。MDS2 の添付、製品・自社ウェブサイトでの公開、電子ファイル等の方法がある。',
      en: 'Provide the SBOM to users as one of the customer security documents, e.g. attached to the MDS2, published on the product or company website, or as an electronic file.',
    },
    expectedEvidence: ['sbom', 'customer_documentation'], provenance: 'verified', sourceNote: `${SEEN('p.33')} Tail of the channel list not read.`,
  },
];

export const mhlwGuidance2023: Catalog = {
  id: 'mhlw-cybersecurity-guidance',
  version: '2023',
  title: {
    ja: '医療機器のサイバーセキュリティ導入に関する手引書（第2版）',
    en: 'MHLW Guidance for Implementing Cybersecurity in Medical Devices, 2nd edition',
  },
  publisher: '厚生労働省 (MHLW)',
  kind: 'guidance',
  sourceNote:
    'Issued 2023-03-31 with 薬生機審発0331第11号・薬生安発0331第4号 as information provision (情報提供), not as the conformity criterion. Built from OCR’d page openings of the council copy (wic-net 10265) and the 1st edition; section numbers not seen are inferred from IMDRF N60.',
  entries,
};
