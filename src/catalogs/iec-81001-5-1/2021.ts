/**
 * IEC 81001-5-1:2021 (identical Japanese adoption: JIS T 81001-5-1:2023), Clauses 4–9, the
 * software-item categories of 4.3 as clarified by Interpretation Sheet 1 (2025), informative Annex E
 * (documents) and normative Annex F (transitional health software).
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 *
 * Clause numbers and titles were checked against the table of contents of the public IEC preview.
 * Titles here are short descriptive names in our own words, not the official JIS wording. The
 * descriptions paraphrase the expected activity and evidence; none reproduces the standard's text.
 * Provenance applies to the activity described: `verified` where a public secondary source or the
 * interpretation sheet confirms it, `interpretation` where it is inferred from the matching
 * IEC 62443-4-1 practice or from memory (see /work/shared/reference/regulatory-iec-jp.md §1.2).
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const TOC = 'Number and title: IEC 81001-5-1:2021 table of contents (public preview).';
const ANALOGUE = (practice: string) =>
  `${TOC} Activity: inferred from IEC 62443-4-1 practice ${practice}; 81001-5-1 wording not read.`;
const RECOLLECTION = `${TOC} Activity: from recollection of the standard, not re-checked.`;
const HEADING = `${TOC} Heading only; requirements are in the subclauses.`;

const entries: readonly CatalogEntry[] = [
  // ── Clause 4 ────────────────────────────────────────────────────────────────────────────────
  {
    id: '4', parent: null, kind: 'clause', level: 'both',
    title: { ja: '一般要求事項', en: 'General requirements' },
    description: {
      ja: '品質マネジメント、セキュリティリスクマネジメント及びソフトウェアアイテムの分類という、製品セキュリティ活動全体の前提となる組織的要求事項の群。',
      en: 'Organisational prerequisites for all product security activities: quality management, security risk management and software item classification.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '4.1', parent: '4', kind: 'subclause', level: 'organization',
    title: { ja: '品質マネジメント', en: 'Quality management' },
    description: {
      ja: 'セキュリティ活動を品質マネジメントの枠組みで運用するための要求事項（4.1.1〜4.1.9）の見出し。',
      en: 'Heading for the requirements (4.1.1–4.1.9) that run security activities inside quality management.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '4.1.1', parent: '4.1', kind: 'subclause', level: 'organization',
    title: { ja: '品質マネジメントシステム', en: 'Quality management system' },
    description: {
      ja: 'セキュリティライフサイクル活動を、文書化された品質マネジメントシステム（ISO 13485 等）の中で実施する。QMS の適用範囲に製品セキュリティが含まれていることを示す。',
      en: 'Carry out the security life-cycle activities within a documented quality management system (ISO 13485 or equivalent); show that the QMS scope covers product security.',
    },
    expectedEvidence: ['process_document', 'organization_record'],
    provenance: 'verified', sourceNote: `${TOC} Activity: kelseyqms crosswalk 4.1.1 (secondary).`,
  },
  {
    id: '4.1.2', parent: '4.1', kind: 'subclause', level: 'organization',
    title: { ja: '責任の明確化', en: 'Identification of responsibilities' },
    description: {
      ja: '要求される各セキュリティ活動について、責任を負う役割と担当者を定め文書化する（RACI 等）。',
      en: 'Name and document the roles and people responsible for each required security activity (e.g. a RACI chart).',
    },
    expectedEvidence: ['organization_record'],
    provenance: 'verified', sourceNote: `${TOC} Activity: kelseyqms crosswalk 4.1.1/4.1.2 (secondary).`,
  },
  {
    id: '4.1.3', parent: '4.1', kind: 'subclause', level: 'organization',
    title: { ja: '適用範囲の明確化', en: 'Identification of applicability' },
    description: {
      ja: 'セキュアなライフサイクルをどの製品・製品構成部分（製品タイプ、ソフトウェアアイテム）に適用するかを記録する。',
      en: 'Record which products or product parts (product types, software items) the secure life cycle applies to.',
    },
    expectedEvidence: ['process_document'],
    provenance: 'verified', sourceNote: `${TOC} Activity: kelseyqms crosswalk 4.1.3 (secondary).`,
  },
  {
    id: '4.1.4', parent: '4.1', kind: 'subclause', level: 'organization',
    title: { ja: 'セキュリティの専門能力', en: 'Security expertise' },
    description: {
      ja: 'セキュリティ活動を担う要員に教育訓練と力量評価を行い、専門能力を実証できるようにする。証拠は教育訓練記録及び力量記録。',
      en: 'Train and assess the people in security roles so that their security expertise can be demonstrated; evidence is training and competence records.',
    },
    expectedEvidence: ['training_record', 'organization_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SM-4'),
  },
  {
    id: '4.1.5', parent: '4.1', kind: 'subclause', level: 'both',
    title: { ja: '第三者供給者のソフトウェアアイテム', en: 'Software items from third-party suppliers' },
    description: {
      ja: '外部から供給されるソフトウェアアイテムのセキュリティリスクを特定・管理し、受託開発される第三者アイテムにはライフサイクル要求事項を契約等で展開する。',
      en: 'Identify and manage the security risks of externally supplied software items, and flow life-cycle requirements down to custom-developed third-party items.',
    },
    expectedEvidence: ['supplier_record', 'risk_register'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SM-9/SM-10'),
  },
  {
    id: '4.1.6', parent: '4.1', kind: 'subclause', level: 'organization',
    title: { ja: '継続的改善', en: 'Continuous improvement' },
    description: {
      ja: 'セキュアなライフサイクルを継続的に改善する。市場に流出したセキュリティ欠陥から得た教訓を反映した記録を残す。',
      en: 'Continually improve the secure life cycle, including lessons from security defects that escaped to the field; keep records of the improvements.',
    },
    expectedEvidence: ['review_record', 'process_document'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SM-13'),
  },
  {
    id: '4.1.7', parent: '4.1', kind: 'subclause', level: 'both',
    title: { ja: 'セキュリティ関連問題の開示', en: 'Disclosing security-related issues' },
    description: {
      ja: 'サポート中の製品で報告すべきセキュリティ問題を利用者に知らせる。内容は問題の説明、深刻度（CVSS 等）、影響を受けるバージョン及び解決策。解釈票1により 9.3〜9.5 と結び付けて運用する。',
      en: 'Inform users of reportable security issues in supported products: description, severity (e.g. CVSS), affected versions and resolution. Interpretation Sheet 1 ties this to 9.3–9.5.',
    },
    expectedEvidence: ['disclosure_policy', 'advisory'],
    provenance: 'verified', sourceNote: `${TOC} Activity: ISH1 note (via public notes) plus IEC 62443-4-1 DM-5 analogue.`,
  },
  {
    id: '4.1.8', parent: '4.1', kind: 'subclause', level: 'organization',
    title: { ja: 'セキュリティ欠陥管理の定期的レビュー', en: 'Periodic review of security defect management' },
    description: {
      ja: '脆弱性・欠陥の取扱いプロセスが漏れなく有効に機能しているかを定期的にレビューし、記録する（IEC 62443-4-1 では少なくとも年1回）。',
      en: 'Periodically review whether vulnerability and defect handling was complete and effective, and record the review (at least yearly in IEC 62443-4-1).',
    },
    expectedEvidence: ['review_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('DM-6'),
  },
  {
    id: '4.1.9', parent: '4.1', kind: 'subclause', level: 'product',
    title: { ja: '附属文書のレビュー', en: 'Accompanying documentation review' },
    description: {
      ja: '附属文書（セキュリティガイドラインを含む）のセキュリティ上の誤り・欠落を特定し、是正完了まで追跡する。対象ガイドラインは 5.8.2 及び 5.8.7 で作成するもの。',
      en: 'Identify security errors or omissions in the accompanying documentation, including the security guidelines of 5.8.2 and 5.8.7, and track them to closure.',
    },
    expectedEvidence: ['review_record', 'customer_documentation'],
    provenance: 'verified', sourceNote: `${TOC} Activity: kelseyqms crosswalk 4.1.9 (secondary); ISH1.`,
  },
  {
    id: '4.2', parent: '4', kind: 'subclause', level: 'both',
    title: { ja: 'セキュリティリスクマネジメント', en: 'Security risk management' },
    description: {
      ja: '脅威モデリングを用い、受容基準を持つセキュリティリスクマネジメントプロセスを確立し、ISO 14971 のリスクマネジメントと統合する。残留リスクと補完的管理策を文書化する。詳細は箇条7。',
      en: 'Establish a security risk management process that uses threat modelling and acceptability criteria and is integrated with ISO 14971 risk management; document residual risk and compensating controls. Clause 7 gives the detail.',
    },
    expectedEvidence: ['process_document', 'management_plan', 'risk_register'],
    provenance: 'verified', sourceNote: `${TOC} Activity: kelseyqms crosswalk 4.2 (secondary).`,
  },
  {
    id: '4.3', parent: '4', kind: 'subclause', level: 'product',
    title: { ja: 'リスク移転に関するソフトウェアアイテムの分類', en: 'Software item classification for risk transfer' },
    description: {
      ja: '各ソフトウェアアイテムを保守対象（MAINTAINED）・サポート対象（SUPPORTED）・必須（REQUIRED）に分類する。分類により 5.2.3 及び 6.3.x の適用が決まる。社内用語が異なる場合は対応を宣言し、分類を格下げした場合は運用者へのリスク移転を再評価する。',
      en: 'Classify every software item as MAINTAINED, SUPPORTED or REQUIRED; the category decides how 5.2.3 and 6.3.x apply. Declare the mapping if internal terms differ, and re-evaluate the risk transferred to the operator when an item is downgraded.',
    },
    expectedEvidence: ['software_item_classification', 'sbom'],
    provenance: 'verified', sourceNote: `${TOC} Activity: Interpretation Sheet 1:2025 (via public notes).`,
  },
  {
    id: '4.3.REQUIRED', parent: '4.3', kind: 'category', level: 'product',
    title: { ja: '必須ソフトウェア（REQUIRED）', en: 'REQUIRED software' },
    description: {
      ja: '最も広い分類で、サポート対象・保守対象を包含する。製造業者が通知も更新も得られない（サポート終了品等）アイテムを含み、そのリスクは他の手段で特定・管理する（5.2.3 を適用）。',
      en: 'The widest category, containing SUPPORTED and MAINTAINED items. Includes items for which the manufacturer receives neither notices nor updates (e.g. end-of-support parts); their risk is identified and managed by other means (5.2.3 applies).',
    },
    expectedEvidence: ['software_item_classification', 'risk_register'],
    provenance: 'verified', sourceNote: 'Interpretation Sheet 1:2025 (via public notes): MAINTAINED ⊂ SUPPORTED ⊂ REQUIRED; 5.2.3 applies to all.',
  },
  {
    id: '4.3.SUPPORTED', parent: '4.3', kind: 'category', level: 'product',
    title: { ja: 'サポート対象ソフトウェア（SUPPORTED）', en: 'SUPPORTED software' },
    description: {
      ja: '必須ソフトウェアの部分集合。製造業者が脆弱性を監視し、更新と互換性について利用者に情報提供するが、インストールは運用者が管理する（6.3.1 を適用）。',
      en: 'A subset of REQUIRED. The manufacturer monitors vulnerabilities and informs users about updates and compatibility; the operator controls installation (6.3.1 applies).',
    },
    expectedEvidence: ['software_item_classification', 'vulnerability_monitoring', 'customer_documentation'],
    provenance: 'verified', sourceNote: 'Interpretation Sheet 1:2025 (via public notes): 6.3.1 applies to SUPPORTED and MAINTAINED.',
  },
  {
    id: '4.3.MAINTAINED', parent: '4.3', kind: 'category', level: 'product',
    title: { ja: '保守対象ソフトウェア（MAINTAINED）', en: 'MAINTAINED software' },
    description: {
      ja: 'サポート対象ソフトウェアの部分集合。製造業者が脆弱性を監視し、セキュリティアップデートを自ら提供し、その完全性を保証する（6.3.2 及び 6.3.3 を適用）。',
      en: 'A subset of SUPPORTED. The manufacturer monitors vulnerabilities, delivers the security updates itself and ensures their integrity (6.3.2 and 6.3.3 apply).',
    },
    expectedEvidence: ['software_item_classification', 'vulnerability_monitoring', 'security_update_record'],
    provenance: 'verified', sourceNote: 'Interpretation Sheet 1:2025 (via public notes): 6.3.2 and 6.3.3 apply to MAINTAINED only.',
  },

  // ── Clause 5 ────────────────────────────────────────────────────────────────────────────────
  {
    id: '5', parent: null, kind: 'clause', level: 'product',
    title: { ja: 'ソフトウェア開発プロセス', en: 'Software development process' },
    description: {
      ja: '計画から要求事項、設計、実装、試験、リリースまでの開発プロセスにセキュリティ活動を組み込む要求事項の群。',
      en: 'Security activities built into development, from planning through requirements, design, implementation and testing to release.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '5.1', parent: '5', kind: 'subclause', level: 'product',
    title: { ja: 'ソフトウェア開発計画', en: 'Software development planning' },
    description: {
      ja: 'セキュリティを含む開発計画に関する要求事項（5.1.1〜5.1.3）の見出し。',
      en: 'Heading for the planning requirements 5.1.1–5.1.3.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '5.1.1', parent: '5.1', kind: 'subclause', level: 'both',
    title: { ja: 'ライフサイクルプロセスにおけるアクティビティ', en: 'Activities in the life-cycle process' },
    description: {
      ja: '構想から廃棄までの文書化されたライフサイクルにセキュリティ活動を組み込む（変更管理下の構成管理、要求事項のトレーサビリティ、設計手法、再現可能な検証・妥当性確認、記録のレビューと承認、サポート、セキュリティアップデート）。実施しない要求事項はセキュリティの力量を持つ者が承認した理由とともに記録する（テーラリング記録）。',
      en: 'Put security activities into a documented life cycle from concept to decommissioning (change-controlled configuration management, requirements traceability, design practices, repeatable V&V, review and approval of records, support, security updates). Justify any requirement not implemented, approved by security-competent staff (tailoring record).',
    },
    expectedEvidence: ['process_document', 'management_plan'],
    provenance: 'verified', sourceNote: `${TOC} Activity: kelseyqms crosswalk 5.1.1 (secondary).`,
  },
  {
    id: '5.1.2', parent: '5.1', kind: 'subclause', level: 'organization',
    title: { ja: '開発環境のセキュリティ', en: 'Development environment security' },
    description: {
      ja: '開発・製造・出荷の各段階で、ソースコード、ビルド成果物及び更新物を保護する手順的・技術的管理策を適用する。',
      en: 'Apply procedural and technical controls that protect source code, builds and updates during development, production and delivery.',
    },
    expectedEvidence: ['process_document', 'review_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SM-7'),
  },
  {
    id: '5.1.3', parent: '5.1', kind: 'subclause', level: 'product',
    title: { ja: 'セキュアコーディング標準の選定', en: 'Secure coding standards (planning)' },
    description: {
      ja: '使用する言語ごとにセキュアコーディング標準を選定し、適用を計画する（適用自体は 5.5.1）。',
      en: 'Select, per programming language, the secure coding standards to be used and plan their use (they are applied under 5.5.1).',
    },
    expectedEvidence: ['process_document'],
    provenance: 'interpretation', sourceNote: RECOLLECTION,
  },
  {
    id: '5.2', parent: '5', kind: 'subclause', level: 'product',
    title: { ja: 'ヘルスソフトウェア要求事項分析', en: 'Health software requirements analysis' },
    description: {
      ja: 'セキュリティ要求事項の定義とレビューに関する要求事項（5.2.1〜5.2.3）の見出し。',
      en: 'Heading for defining and reviewing security requirements (5.2.1–5.2.3).',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '5.2.1', parent: '5.2', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティ要求事項', en: 'Health software security requirements' },
    description: {
      ja: '製品のセキュリティコンテキストと脅威モデルから、設置・運用・保守・廃棄を含むセキュリティ要求事項とセキュリティ機能を導き、文書化する。',
      en: 'Document security requirements and capabilities, including installation, operation, maintenance and decommissioning, derived from the product security context and the threat model.',
    },
    expectedEvidence: ['security_requirements'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SR-3/SR-4'),
  },
  {
    id: '5.2.2', parent: '5.2', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティ要求事項のレビュー', en: 'Security requirements review' },
    description: {
      ja: 'セキュリティ要求事項を、明確さ、妥当性、脅威モデルとの整合及び試験可能性の観点から多職種でレビューし承認する。',
      en: 'Have a multidisciplinary review approve the security requirements for clarity, validity, consistency with the threat model and testability.',
    },
    expectedEvidence: ['review_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SR-5'),
  },
  {
    id: '5.2.3', parent: '5.2', kind: 'subclause', level: 'product',
    title: { ja: '必須ソフトウェアのセキュリティリスク', en: 'Security risks for required software' },
    description: {
      ja: '必須ソフトウェアアイテムのセキュリティリスクを特定し管理する。解釈票1により、実質的に三分類すべてのアイテムが対象となる。',
      en: 'Identify and manage the security risks of REQUIRED software items; per Interpretation Sheet 1 this in effect covers all three categories.',
    },
    expectedEvidence: ['risk_register', 'software_item_classification', 'sbom'],
    provenance: 'verified', sourceNote: `${TOC} Activity: Interpretation Sheet 1:2025 (via public notes).`,
  },
  {
    id: '5.3', parent: '5', kind: 'subclause', level: 'product',
    title: { ja: 'ソフトウェアアーキテクチャ設計', en: 'Software architectural design' },
    description: {
      ja: '多層防御とセキュア設計、及びアーキテクチャのレビューに関する要求事項（5.3.1〜5.3.3）の見出し。',
      en: 'Heading for defence-in-depth, secure design practice and architecture review (5.3.1–5.3.3).',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '5.3.1', parent: '5.3', kind: 'subclause', level: 'product',
    title: { ja: '多層防御アーキテクチャ／設計', en: 'Defence-in-depth architecture and design' },
    description: {
      ja: '脅威モデルに基づき多層の防御を設計し、各層が担う役割を明示する。',
      en: 'Design layered defences based on the threat model and state the role of each layer.',
    },
    expectedEvidence: ['architecture_document'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SD-2'),
  },
  {
    id: '5.3.2', parent: '5.3', kind: 'subclause', level: 'product',
    title: { ja: 'セキュア設計のベストプラクティス', en: 'Secure design best practices' },
    description: {
      ja: '最小権限、攻撃対象領域の縮小、実績ある部品の利用、信頼境界の文書化、デバッグポートの保護・除去など、文書化されたセキュア設計手法を適用する。',
      en: 'Apply documented secure-design practices such as least privilege, attack-surface reduction, proven components, documented trust boundaries and protection or removal of debug ports.',
    },
    expectedEvidence: ['architecture_document', 'process_document'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SD-4'),
  },
  {
    id: '5.3.3', parent: '5.3', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティアーキテクチャ設計のレビュー', en: 'Security architectural design review' },
    description: {
      ja: '未充足のセキュリティ要求事項、悪用可能なインタフェース・信頼境界、守られていないベストプラクティスの有無をアーキテクチャレビューで確認し、指摘を是正完了まで追跡する。',
      en: 'Review the architecture for unmet security requirements, exploitable interfaces or trust boundaries and ignored best practices; track findings to closure.',
    },
    expectedEvidence: ['review_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SD-3'),
  },
  {
    id: '5.4', parent: '5', kind: 'subclause', level: 'product',
    title: { ja: 'ソフトウェア設計', en: 'Software design' },
    description: {
      ja: '詳細設計レベルのセキュア設計とその検証に関する要求事項（5.4.1〜5.4.4）の見出し。',
      en: 'Heading for secure detailed design and its verification (5.4.1–5.4.4).',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '5.4.1', parent: '5.4', kind: 'subclause', level: 'product',
    title: { ja: 'ソフトウェア設計のベストプラクティス', en: 'Software design best practices' },
    description: {
      ja: '詳細設計のレベルでセキュア設計のベストプラクティスを適用する。',
      en: 'Apply secure design best practices at the level of detailed design.',
    },
    expectedEvidence: ['architecture_document'],
    provenance: 'interpretation', sourceNote: RECOLLECTION,
  },
  {
    id: '5.4.2', parent: '5.4', kind: 'subclause', level: 'product',
    title: { ja: 'セキュア設計', en: 'Secure design' },
    description: {
      ja: '特定された脅威をどのように緩和するかを含め、セキュア設計を文書化する。',
      en: 'Document the secure design, including how it mitigates the threats identified.',
    },
    expectedEvidence: ['architecture_document', 'threat_model'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SD-1'),
  },
  {
    id: '5.4.3', parent: '5.4', kind: 'subclause', level: 'product',
    title: { ja: 'セキュアなインタフェース', en: 'Secure health software interfaces' },
    description: {
      ja: 'すべてのインタフェースを特定し特性を記録する（外部／内部、信頼境界の越境の有無、利用者と資産、必要な役割・権限、入力検証やエラー処理などの保護、第三者部品、使用方法の文書）。',
      en: 'Identify and characterise every interface: external or internal, whether it crosses a trust boundary, its users and assets, required roles and privileges, protections (input validation, error handling), third-party parts and usage documentation.',
    },
    expectedEvidence: ['architecture_document'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SD-1'),
  },
  {
    id: '5.4.4', parent: '5.4', kind: 'subclause', level: 'product',
    title: { ja: '詳細設計のセキュリティ検証', en: 'Detailed design verification for security' },
    description: {
      ja: '詳細設計がセキュリティ要求事項を満たし脅威に対処していることを検証し、指摘を追跡する。',
      en: 'Verify the detailed design against the security requirements and threats, and track the findings.',
    },
    expectedEvidence: ['review_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SD-3'),
  },
  {
    id: '5.5', parent: '5', kind: 'subclause', level: 'product',
    title: { ja: 'ソフトウェアユニットの実装及び検証', en: 'Software unit implementation and verification' },
    description: {
      ja: 'セキュアコーディングと実装レビューに関する要求事項（5.5.1〜5.5.2）の見出し。',
      en: 'Heading for secure coding and implementation review (5.5.1–5.5.2).',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '5.5.1', parent: '5.5', kind: 'subclause', level: 'product',
    title: { ja: 'セキュアコーディング標準の適用', en: 'Secure coding standards (application)' },
    description: {
      ja: '選定したセキュアコーディング標準に従って実装する（禁止関数・構文の回避、信頼境界を越える入力の検証、エラー処理、ツール設定）。',
      en: 'Implement to the chosen secure coding standards: avoid banned functions and constructs, validate inputs crossing trust boundaries, handle errors, configure tools.',
    },
    expectedEvidence: ['code_analysis', 'process_document'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SI-2'),
  },
  {
    id: '5.5.2', parent: '5.5', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティ実装レビュー', en: 'Security implementation review' },
    description: {
      ja: 'コードレビューと静的解析（ツールがある場合はツールで、変更箇所を含めて）を実施し、セキュリティ機能へのトレーサビリティを確保する。',
      en: 'Run code reviews and static analysis (with a tool where one exists, covering changed code), with traceability to the security capabilities.',
    },
    expectedEvidence: ['code_analysis', 'review_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SI-1'),
  },
  {
    id: '5.6', parent: '5', kind: 'subclause', level: 'product',
    title: { ja: 'ソフトウェア結合試験', en: 'Software integration testing' },
    description: {
      ja: '結合試験にインタフェースや信頼境界などのセキュリティ観点を含める。',
      en: 'Include security aspects, such as interfaces and trust boundaries, in integration testing.',
    },
    expectedEvidence: ['test_records'],
    provenance: 'interpretation', sourceNote: RECOLLECTION,
  },
  {
    id: '5.7', parent: '5', kind: 'subclause', level: 'product',
    title: { ja: 'ソフトウェアシステム試験', en: 'Software system testing' },
    description: {
      ja: 'セキュリティ要求事項、脅威緩和策、脆弱性、ペネトレーションの各試験と試験者の独立性に関する要求事項（5.7.1〜5.7.5）の見出し。',
      en: 'Heading for requirements, threat-mitigation, vulnerability and penetration testing and tester independence (5.7.1–5.7.5).',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '5.7.1', parent: '5.7', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティ要求事項の試験', en: 'Security requirements testing' },
    description: {
      ja: 'セキュリティ要求事項の機能試験に加え、境界値、不正入力、性能及び信頼境界の試験を行う。',
      en: 'Test the security requirements functionally, plus boundary, malformed-input, performance and trust-boundary tests.',
    },
    expectedEvidence: ['test_records'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SVV-1'),
  },
  {
    id: '5.7.2', parent: '5.7', kind: 'subclause', level: 'product',
    title: { ja: '脅威緩和策の試験', en: 'Threat mitigation testing' },
    description: {
      ja: '脅威モデルの各緩和策について、機能することを確認し、かつ突破を試みる試験を行う。',
      en: 'For each mitigation in the threat model, test that it works and try to defeat it.',
    },
    expectedEvidence: ['test_records', 'threat_model'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SVV-2'),
  },
  {
    id: '5.7.3', parent: '5.7', kind: 'subclause', level: 'product',
    title: { ja: '脆弱性試験', en: 'Vulnerability testing' },
    description: {
      ja: '外部インタフェースへの悪用・ファジング試験、攻撃対象領域の分析、最新の公開脆弱性情報に基づく既知脆弱性スキャン、出荷バイナリのソフトウェア構成分析（SCA）、動的な実行時・リソース試験を行う。',
      en: 'Abuse and fuzz testing of external interfaces, attack-surface analysis, known-vulnerability scanning against a current public source, software composition analysis of delivered binaries, and dynamic runtime and resource testing.',
    },
    expectedEvidence: ['test_records', 'sbom_quality_report', 'code_analysis'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SVV-3'),
  },
  {
    id: '5.7.4', parent: '5.7', kind: 'subclause', level: 'product',
    title: { ja: 'ペネトレーションテスト', en: 'Penetration testing' },
    description: {
      ja: '脆弱性を発見し悪用することを目的とした試験を実施し、範囲・方法・結果を記録する。',
      en: 'Run tests aimed at finding and exploiting vulnerabilities; record scope, method and results.',
    },
    expectedEvidence: ['penetration_test'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SVV-4'),
  },
  {
    id: '5.7.5', parent: '5.7', kind: 'subclause', level: 'both',
    title: { ja: '試験者と開発者の利益相反の管理', en: 'Managing conflicts of interest between testers and developers' },
    description: {
      ja: '附属書A の表A.1 が試験の種類ごとに定める水準で、試験者が開発者から独立していることを確保し記録する。',
      en: 'Ensure, and record, that testers are independent of developers at the level Table A.1 sets for each kind of test.',
    },
    expectedEvidence: ['organization_record', 'test_records'],
    provenance: 'interpretation', sourceNote: `${TOC} Table A.1 exists (ToC); independence levels inferred from IEC 62443-4-1 SVV-5 / Table 3.`,
  },
  {
    id: '5.8', parent: '5', kind: 'subclause', level: 'product',
    title: { ja: 'ソフトウェアリリース', en: 'Software release' },
    description: {
      ja: 'リリース判定、リリース文書、完全性と鍵管理、廃棄ガイドラインに関する要求事項（5.8.1〜5.8.7）の見出し。',
      en: 'Heading for the release gate, release documentation, integrity and keys, and decommissioning guidance (5.8.1–5.8.7).',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '5.8.1', parent: '5.8', kind: 'subclause', level: 'product',
    title: { ja: 'リリース前の指摘事項の解決', en: 'Resolve findings prior to release' },
    description: {
      ja: '要求事項、設計、実装、検証・妥当性確認及び欠陥管理で挙がったセキュリティ上の指摘が対処又は処置決定されるまでリリースしない。',
      en: 'Do not release until the security findings from requirements, design, implementation, V&V and defect management are resolved or dispositioned.',
    },
    expectedEvidence: ['release_record', 'triage_records'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SM-11'),
  },
  {
    id: '5.8.2', parent: '5.8', kind: 'subclause', level: 'product',
    title: { ja: 'リリース文書', en: 'Release documentation' },
    description: {
      ja: '運用者・責任組織向けのリリース文書を提供する。その一部として、プロセスの厳密さと適合性（箇条4の適用範囲、箇条5のテーラリング、附属書E の文書網羅）を記述した文書を含める。',
      en: 'Provide release documentation for the operator or responsible organisation, including a statement of process rigour and conformance (Clause 4 applicability, Clause 5 tailoring, Annex E documentation coverage).',
    },
    expectedEvidence: ['customer_documentation', 'release_record', 'declaration'],
    provenance: 'verified', sourceNote: `${TOC} Item b) (process rigour and conformance): ecompliance.jp Q&A; other items from recollection.`,
  },
  {
    id: '5.8.3', parent: '5.8', kind: 'subclause', level: 'product',
    title: { ja: 'ファイルの完全性', en: 'File integrity' },
    description: {
      ja: '実行ファイル、スクリプト及び重要ファイルについて、ハッシュや署名など完全性を検証できる仕組みを提供する。',
      en: 'Provide a way to verify the integrity of executables, scripts and important files (hashes or signatures).',
    },
    expectedEvidence: ['integrity_mechanism'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SM-6'),
  },
  {
    id: '5.8.4', parent: '5.8', kind: 'subclause', level: 'organization',
    title: { ja: '秘密鍵の管理策', en: 'Controls for private keys' },
    description: {
      ja: 'コード署名用の秘密鍵を手順的・技術的管理策で保護し、その記録を残す。',
      en: 'Protect code-signing private keys with procedural and technical controls, and keep records of them.',
    },
    expectedEvidence: ['key_management_record', 'process_document'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SM-8'),
  },
  {
    id: '5.8.5', parent: '5.8', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティ関連問題の評価及び対処', en: 'Assessing and addressing security-related issues' },
    description: {
      ja: 'リリース前に未解決のセキュリティ問題を評価し、対処するか、先送りの判断と残留リスクを文書化する。',
      en: 'Before release, assess open security issues and address them, or document the deferral and the residual risk.',
    },
    expectedEvidence: ['triage_records', 'risk_register'],
    provenance: 'interpretation', sourceNote: RECOLLECTION,
  },
  {
    id: '5.8.6', parent: '5.8', kind: 'subclause', level: 'product',
    title: { ja: 'アクティビティの完了', en: 'Activity completion' },
    description: {
      ja: '適用されるすべてのセキュリティ活動がリリース前に完了したことを記録により確認する。',
      en: 'Confirm, with records, that every applicable security activity was completed before release.',
    },
    expectedEvidence: ['release_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SM-12'),
  },
  {
    id: '5.8.7', parent: '5.8', kind: 'subclause', level: 'product',
    title: { ja: 'セキュアな廃棄のガイドライン', en: 'Secure decommissioning guidelines' },
    description: {
      ja: '製品を運用から外す際の手引き（データ・設定・認証情報の消去、安全な廃棄）を利用者に提供する。解釈票1はこれをセキュリティガイドラインの一つとしている。',
      en: 'Give users guidance for taking the product out of service: removing data, configuration and credentials, and secure disposal. ISH1 names this as one of the security guidelines.',
    },
    expectedEvidence: ['customer_documentation'],
    provenance: 'interpretation', sourceNote: `${ANALOGUE('SG-4')} ISH1 naming verified.`,
  },

  // ── Clause 6 ────────────────────────────────────────────────────────────────────────────────
  {
    id: '6', parent: null, kind: 'clause', level: 'product',
    title: { ja: 'ソフトウェア保守プロセス', en: 'Software maintenance process' },
    description: {
      ja: '市販後のセキュリティアップデートの計画、分析、検証及び提供に関する要求事項の群。',
      en: 'Planning, analysing, verifying and delivering security updates after release.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '6.1', parent: '6', kind: 'subclause', level: 'product',
    title: { ja: 'ソフトウェア保守計画の確立', en: 'Establish software maintenance plan' },
    description: {
      ja: 'セキュリティアップデートの提供方針を含む保守計画に関する要求事項の見出し。',
      en: 'Heading for the maintenance plan, including the security update policy.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '6.1.1', parent: '6.1', kind: 'subclause', level: 'both',
    title: { ja: 'セキュリティアップデートの適時な提供', en: 'Timely delivery of security updates' },
    description: {
      ja: 'セキュリティアップデートの評価・提供の期限に関する方針を定めて守る。考慮要素は影響度、公知の程度、悪用コードの有無、設置台数、利用可能な緩和策。',
      en: 'Define and follow a policy on timeframes for qualifying and delivering security updates, weighing impact, public knowledge, available exploits, installed base and available mitigations.',
    },
    expectedEvidence: ['management_plan', 'security_update_record', 'metrics'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SUM-5'),
  },
  {
    id: '6.2', parent: '6', kind: 'subclause', level: 'product',
    title: { ja: '問題及び変更の分析', en: 'Problem and modification analysis' },
    description: {
      ja: '公開情報の監視とアップデートの検証に関する要求事項（6.2.1〜6.2.2）の見出し。',
      en: 'Heading for monitoring public information and verifying updates (6.2.1–6.2.2).',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '6.2.1', parent: '6.2', kind: 'subclause', level: 'both',
    title: { ja: '公開インシデント情報の監視', en: 'Monitoring public incident reports' },
    description: {
      ja: '製品及びそのソフトウェアアイテムに関係する公開のインシデント・脆弱性情報を監視する（脆弱性の監視）。解釈票1により、レビュー対象は情報源ではなく情報そのもの。',
      en: 'Monitor public incident and vulnerability information relevant to the product and its software items. ISH1: what is reviewed is the information, not the source.',
    },
    expectedEvidence: ['vulnerability_monitoring', 'sbom'],
    provenance: 'verified', sourceNote: `${TOC} Activity: Interpretation Sheet 1:2025 (via public notes).`,
  },
  {
    id: '6.2.2', parent: '6.2', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティアップデートの検証', en: 'Security update verification' },
    description: {
      ja: '自社及び第三者のセキュリティアップデートが問題を解消し、デグレードや安全・法規上の矛盾を生じないことを検証する。',
      en: 'Verify that security updates, own or third-party, fix the issue without regressions or safety or regulatory conflicts.',
    },
    expectedEvidence: ['test_records', 'security_update_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('SUM-1'),
  },
  {
    id: '6.3', parent: '6', kind: 'subclause', level: 'product',
    title: { ja: '変更の実施', en: 'Modification implementation' },
    description: {
      ja: 'ソフトウェアアイテムの分類に応じたアップデートの文書化・提供・完全性に関する要求事項（6.3.1〜6.3.3）の見出し。',
      en: 'Heading for update documentation, delivery and integrity by software item category (6.3.1–6.3.3).',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '6.3.1', parent: '6.3', kind: 'subclause', level: 'product',
    title: { ja: 'サポート対象ソフトウェアのアップデート文書', en: 'Security update documentation for supported software' },
    description: {
      ja: 'サポート対象（解釈票1により保守対象も）のアイテムのアップデートを利用者に知らせる。互換性、適用方法及び適用しない場合の緩和策を含める。',
      en: 'Tell users about updates to SUPPORTED items (per ISH1 also MAINTAINED items): compatibility, how to apply them, and mitigations if not applied.',
    },
    expectedEvidence: ['customer_documentation', 'advisory', 'security_update_record'],
    provenance: 'verified', sourceNote: `${TOC} Activity: ISH1 (scope) plus IEC 62443-4-1 SUM-2/SUM-3 analogue (content).`,
  },
  {
    id: '6.3.2', parent: '6.3', kind: 'subclause', level: 'product',
    title: { ja: '保守対象ソフトウェアのアップデート提供', en: 'Security update delivery for maintained software' },
    description: {
      ja: '保守対象アイテムのセキュリティアップデートを利用者が入手できるようにする。',
      en: 'Make security updates for MAINTAINED items available to users.',
    },
    expectedEvidence: ['security_update_record'],
    provenance: 'verified', sourceNote: `${TOC} Activity: Interpretation Sheet 1:2025 (via public notes).`,
  },
  {
    id: '6.3.3', parent: '6.3', kind: 'subclause', level: 'product',
    title: { ja: '保守対象ソフトウェアのアップデートの完全性', en: 'Security update integrity for maintained software' },
    description: {
      ja: '保守対象アイテムのアップデートを、完全性と真正性を検証できる形で提供する。',
      en: 'Deliver those updates so that their integrity and authenticity can be verified.',
    },
    expectedEvidence: ['integrity_mechanism', 'security_update_record'],
    provenance: 'verified', sourceNote: `${TOC} Activity: Interpretation Sheet 1:2025 (via public notes).`,
  },

  // ── Clause 7 ────────────────────────────────────────────────────────────────────────────────
  {
    id: '7', parent: null, kind: 'clause', level: 'product',
    title: { ja: 'セキュリティリスクマネジメントプロセス', en: 'Security risk management process' },
    description: {
      ja: '製品セキュリティリスク管理の一連の流れ（状況の確定、脅威・脆弱性の特定、推定・評価、コントロール、有効性の監視）に関する要求事項の群。',
      en: 'The product security risk management sequence: context, identification of threats and vulnerabilities, estimation and evaluation, control, and monitoring of effectiveness.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '7.1', parent: '7', kind: 'subclause', level: 'product',
    title: { ja: 'リスクマネジメントの状況', en: 'Risk management context' },
    description: {
      ja: 'セキュリティリスクマネジメントの前提と製品のセキュリティコンテキストに関する要求事項の見出し。',
      en: 'Heading for the frame of security risk management and the product security context.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '7.1.1', parent: '7.1', kind: 'subclause', level: 'both',
    title: { ja: '一般', en: 'General' },
    description: {
      ja: 'セキュリティリスクマネジメントを製品のリスクマネジメントの一部として、7.1.2 → 7.2 → 7.3 → 7.4 → 7.5 の順で実施する。',
      en: 'Run security risk management as part of product risk management, in the order 7.1.2 → 7.2 → 7.3 → 7.4 → 7.5.',
    },
    expectedEvidence: ['management_plan', 'process_document'],
    provenance: 'verified', sourceNote: `${TOC} Activity: kelseyqms crosswalk 7.1 (secondary).`,
  },
  {
    id: '7.1.2', parent: '7.1', kind: 'subclause', level: 'product',
    title: { ja: '製品のセキュリティコンテキスト', en: 'Product security context' },
    description: {
      ja: '想定するセキュリティ上の使用環境（ネットワーク上の位置、物理的・サイバー環境、隔離の程度、セキュリティ低下時の安全への影響、ハードウェアのセキュリティ管理策）を文書化する。',
      en: 'Document the intended security context: network location, physical and cyber environment, isolation, the safety impact of degraded security, and hardware security controls.',
    },
    expectedEvidence: ['product_security_context'],
    provenance: 'verified', sourceNote: `${TOC} Activity: kelseyqms crosswalk 7.1 (secondary).`,
  },
  {
    id: '7.2', parent: '7', kind: 'subclause', level: 'product',
    title: { ja: '脆弱性・脅威及び悪影響の特定', en: 'Identification of vulnerabilities, threats and adverse impacts' },
    description: {
      ja: '現行の開発範囲について脅威モデルを作成・維持する。データフロー、信頼境界、プロセス、データストア、外部エンティティ、プロトコル、物理・デバッグポート、攻撃経路、深刻度の評価、緩和策及び第三者依存を扱い、定期的に見直す。',
      en: 'Keep a threat model for the current development scope covering data flows, trust boundaries, processes, data stores, external entities, protocols, physical and debug ports, attack vectors, severity scoring, mitigations and third-party dependencies; review it periodically.',
    },
    expectedEvidence: ['threat_model'],
    provenance: 'interpretation', sourceNote: `${TOC} Activity: from recollection (items a)–l)), corroborated by public notes.`,
  },
  {
    id: '7.3', parent: '7', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティリスクの推定及び評価', en: 'Estimation and evaluation of security risk' },
    description: {
      ja: '深刻度・悪用可能性の評価方式（CVSS 等）を用いて各脅威のリスクを推定し、安全への影響を含めて受容基準に照らして評価する。',
      en: 'Estimate the risk of each threat with a severity and exploitability scheme (e.g. CVSS) and evaluate it against the acceptability criteria, including the safety impact.',
    },
    expectedEvidence: ['risk_register'],
    provenance: 'interpretation', sourceNote: RECOLLECTION,
  },
  {
    id: '7.4', parent: '7', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティリスクのコントロール', en: 'Controlling security risks' },
    description: {
      ja: 'リスクコントロール（設計による対策、多層防御、補完的管理策、利用者への情報提供）を選定・実装・検証し、残留リスクを記録する。',
      en: 'Select, implement and verify risk controls (design measures, defence in depth, compensating controls, user information) and record the residual risk.',
    },
    expectedEvidence: ['risk_register', 'security_requirements', 'test_records'],
    provenance: 'interpretation', sourceNote: RECOLLECTION,
  },
  {
    id: '7.5', parent: '7', kind: 'subclause', level: 'product',
    title: { ja: 'リスクコントロールの有効性の監視', en: 'Monitoring the effectiveness of risk controls' },
    description: {
      ja: 'リリース後も含めてリスクコントロールが有効であり続けることを確認し、新たな脅威が判明したら脅威モデルとリスクファイルを更新する。',
      en: 'Check, also after release, that risk controls stay effective; update the threat model and risk file when new threats emerge.',
    },
    expectedEvidence: ['risk_register', 'threat_model', 'vulnerability_monitoring'],
    provenance: 'interpretation', sourceNote: RECOLLECTION,
  },

  // ── Clause 8 ────────────────────────────────────────────────────────────────────────────────
  {
    id: '8', parent: null, kind: 'clause', level: 'product',
    title: { ja: 'ソフトウェア構成管理プロセス', en: 'Software configuration management process' },
    description: {
      ja: '変更管理と履歴を伴う構成管理を行う。第三者・外部のものを含むすべての構成要素を識別し、外部構成要素の一覧を再現できるようにする（SBOM の実務上の情報源）。構成アイテムの完全性を保護する。',
      en: 'Apply configuration management with change control and history; identify every component, including third-party and external ones, so that the list of external components can be reproduced (the practical SBOM source); protect the integrity of configuration items.',
    },
    expectedEvidence: ['process_document', 'sbom', 'release_record'],
    provenance: 'interpretation', sourceNote: `${TOC} No subclauses. Activity: recollection, corroborated by public notes on reproducing the external component list.`,
  },

  // ── Clause 9 ────────────────────────────────────────────────────────────────────────────────
  {
    id: '9', parent: null, kind: 'clause', level: 'both',
    title: { ja: 'ソフトウェア問題解決プロセス', en: 'Software problem resolution process' },
    description: {
      ja: '脆弱性の受付、レビュー、分析及び対処という、セキュリティに特化した問題解決に関する要求事項の群。',
      en: 'Security-specific problem resolution: receiving, reviewing, analysing and addressing vulnerabilities.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: '9.1', parent: '9', kind: 'subclause', level: 'organization',
    title: { ja: '概要', en: 'Overview' },
    description: {
      ja: 'IEC 62304 の問題解決プロセスを補完する、セキュリティ問題解決プロセスを文書化する。',
      en: 'Document a security problem resolution process that complements the IEC 62304 problem resolution process.',
    },
    expectedEvidence: ['process_document'],
    provenance: 'interpretation', sourceNote: RECOLLECTION,
  },
  {
    id: '9.2', parent: '9', kind: 'subclause', level: 'both',
    title: { ja: '脆弱性に関する通知の受付', en: 'Receiving notifications about vulnerabilities' },
    description: {
      ja: '試験者、供給者、開発者、利用者・医療機関、研究者など社内外からの脆弱性報告を受け付け、完了まで追跡する。',
      en: 'Receive vulnerability reports from internal and external sources (testers, suppliers, developers, users and healthcare providers, researchers) and track them to closure.',
    },
    expectedEvidence: ['disclosure_policy', 'triage_records'],
    provenance: 'interpretation', sourceNote: ANALOGUE('DM-1'),
  },
  {
    id: '9.3', parent: '9', kind: 'subclause', level: 'product',
    title: { ja: '脆弱性のレビュー', en: 'Reviewing vulnerabilities' },
    description: {
      ja: '報告された脆弱性について、製品への該当性、再現性及び顕在化させる脅威を速やかに調査する。',
      en: 'Promptly investigate each reported vulnerability: applicability, verifiability and the threats that trigger it.',
    },
    expectedEvidence: ['triage_records'],
    provenance: 'interpretation', sourceNote: ANALOGUE('DM-2'),
  },
  {
    id: '9.4', parent: '9', kind: 'subclause', level: 'product',
    title: { ja: '脆弱性の分析', en: 'Analysing vulnerabilities' },
    description: {
      ja: '技術的なセキュリティコンテキスト、使用環境及び多層防御戦略における影響、深刻度スコア、影響を受ける全バージョン、根本原因、関連する問題、及び安全性・有効性への影響を分析する。',
      en: 'Assess the impact in the technical security context, the environment of use and the defence-in-depth strategy; the severity score; all affected versions; the root cause; related issues; and the impact on safety and effectiveness.',
    },
    expectedEvidence: ['triage_records', 'risk_register'],
    provenance: 'verified', sourceNote: `${TOC} Activity: kelseyqms crosswalk 9.4 (secondary).`,
  },
  {
    id: '9.5', parent: '9', kind: 'subclause', level: 'product',
    title: { ja: 'セキュリティ関連問題への対処', en: 'Addressing security-related issues' },
    description: {
      ja: '修正する、是正を計画する、リスクを文書化して先送りする、残留リスク基準内として受容する、のいずれかを決定する。他プロセスや第三者に連絡し、開示（4.1.7）を判断し、未解決の問題を定期的に見直す。',
      en: 'Decide to fix, plan remediation, defer with documented risk, or accept below the residual-risk threshold; inform other processes and third parties, decide on disclosure (4.1.7), and review open issues periodically.',
    },
    expectedEvidence: ['triage_records', 'advisory', 'security_update_record'],
    provenance: 'interpretation', sourceNote: ANALOGUE('DM-4'),
  },

  // ── Annex E (informative) ───────────────────────────────────────────────────────────────────
  {
    id: 'E', parent: null, kind: 'annex', level: 'product', normative: false,
    title: { ja: '附属書E（参考）IEC 62443-4-1 で規定される文書', en: 'Annex E (informative): documents specified in IEC 62443-4-1' },
    description: {
      ja: 'IEC 62443-4-1 の文書要求に合わせる場合に作成するリリース文書と廃棄用文書の一覧。本規格が要求する全文書の一覧ではない。',
      en: 'Release and decommissioning documents to produce when documentation should also meet IEC 62443-4-1; not a list of every document the standard requires.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: `${TOC} Informative annex.`,
  },
  {
    id: 'E.1', parent: 'E', kind: 'subclause', level: 'product', normative: false,
    title: { ja: '概要', en: 'Overview' },
    description: {
      ja: '文書を IEC 62443-4-1 にも適合させたい場合に附属書E を実施できることを示す。実施する場合はその旨をリリース文書の文書網羅の記述に含める。',
      en: 'States that Annex E can be implemented when documentation should also conform to IEC 62443-4-1; if so, say so in the documentation-coverage part of the release documentation.',
    },
    expectedEvidence: ['declaration'],
    provenance: 'verified', sourceNote: `${TOC} Use of Annex E: IEC preview 0.3 (via public notes).`,
  },
  {
    id: 'E.2', parent: 'E', kind: 'subclause', level: 'product', normative: false,
    title: { ja: 'リリース文書', en: 'Release documentation' },
    description: {
      ja: 'リリース時に提供する文書群（E.2.1〜E.2.5）の見出し。',
      en: 'Heading for the documents provided at release (E.2.1–E.2.5).',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: HEADING,
  },
  {
    id: 'E.2.1', parent: 'E.2', kind: 'subclause', level: 'product', normative: false,
    title: { ja: '製品文書', en: 'Product documentation' },
    description: {
      ja: 'セキュアな運用の責任分担、利用者・管理者に関する前提、アカウント・権限の要件、初期アカウントとその変更方法を記載する。',
      en: 'Secure-operation responsibilities, user and administrator assumptions, account and permission requirements, default accounts and how to change them.',
    },
    expectedEvidence: ['customer_documentation'],
    provenance: 'interpretation', sourceNote: `${TOC} Content inferred from IEC 62443-4-1 SG-5/SG-6.`,
  },
  {
    id: 'E.2.2', parent: 'E.2', kind: 'subclause', level: 'product', normative: false,
    title: { ja: '多層防御に関する文書', en: 'Defence-in-depth documentation' },
    description: {
      ja: 'セキュリティ機能と多層防御上の役割、対処する脅威、既知リスク（レガシーコードを含む）に対する利用者側の緩和策を記載する。',
      en: 'Security capabilities and their defence-in-depth role, threats addressed, and user mitigations for known risks, including legacy code.',
    },
    expectedEvidence: ['customer_documentation'],
    provenance: 'interpretation', sourceNote: `${TOC} Content inferred from IEC 62443-4-1 SG-1.`,
  },
  {
    id: 'E.2.3', parent: 'E.2', kind: 'subclause', level: 'product', normative: false,
    title: { ja: '使用環境に期待する多層防御策', en: 'Defence-in-depth measures expected in the environment' },
    description: {
      ja: '医療機関の環境側で用意すべき管理策（ファイアウォール、ネットワーク分離等）を記載する。',
      en: 'Controls the healthcare provider environment must supply, such as firewalls and network segmentation.',
    },
    expectedEvidence: ['customer_documentation'],
    provenance: 'interpretation', sourceNote: `${TOC} Content inferred from IEC 62443-4-1 SG-2.`,
  },
  {
    id: 'E.2.4', parent: 'E.2', kind: 'subclause', level: 'product', normative: false,
    title: { ja: 'セキュリティ強化ガイドライン', en: 'Security hardening guidelines' },
    description: {
      ja: '環境・API との統合、多層防御の維持、各セキュリティ設定の初期値と影響、セキュリティツール、定期保守、製造業者へのインシデント報告方法、管理者のベストプラクティスを記載する。',
      en: 'Integration with the environment and APIs, keeping defence in depth, each security option with its default and impact, security tools, periodic maintenance, how to report incidents to the manufacturer, administrator best practice.',
    },
    expectedEvidence: ['customer_documentation'],
    provenance: 'interpretation', sourceNote: `${TOC} Content inferred from IEC 62443-4-1 SG-3.`,
  },
  {
    id: 'E.2.5', parent: 'E.2', kind: 'subclause', level: 'product', normative: false,
    title: { ja: 'セキュリティアップデート情報', en: 'Security update information' },
    description: {
      ja: '対象バージョン、適用方法（手動・自動）、再起動などの副作用、適用確認方法、未適用時のリスクと緩和策、OS 等の更新との互換性を記載する。',
      en: 'Applicable versions, how to apply (manual or automated), side effects such as a reboot, how to verify installation, risks of not applying and mitigations, compatibility with OS and dependent-component updates.',
    },
    expectedEvidence: ['customer_documentation', 'security_update_record'],
    provenance: 'interpretation', sourceNote: `${TOC} Content inferred from IEC 62443-4-1 SUM-2/SUM-3.`,
  },
  {
    id: 'E.3', parent: 'E', kind: 'subclause', level: 'product', normative: false,
    title: { ja: '廃棄のための文書', en: 'Documents for decommissioning' },
    description: {
      ja: '環境からの取外し、参照・設定データの削除、データの確実な消去、安全な廃棄の手順を記載する。',
      en: 'Removal from the environment, removal of references and configuration data, secure data erasure and secure disposal.',
    },
    expectedEvidence: ['customer_documentation'],
    provenance: 'interpretation', sourceNote: `${TOC} Content inferred from IEC 62443-4-1 SG-4.`,
  },

  // ── Annex F (normative) ─────────────────────────────────────────────────────────────────────
  {
    id: 'F', parent: null, kind: 'annex', level: 'product',
    title: { ja: '附属書F（規定）トランジションヘルスソフトウェア', en: 'Annex F (normative): transitional health software' },
    description: {
      ja: '箇条4〜9 のすべての活動に従わずに開発された既存ヘルスソフトウェアのための代替の適合ルート。厚生労働省の Q&A（2024-01-31）は市販中の製品にこのルートを用いる例を示している。',
      en: 'Alternative conformance route for existing health software developed without all activities of Clauses 4–9. The MHLW Q&A of 2024-01-31 shows this route for products already on the market.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: `${TOC} Route confirmed by the IEC preview (0.3) and the MHLW Q&A 2024-01-31.`,
  },
  {
    id: 'F.1', parent: 'F', kind: 'subclause', level: 'product',
    title: { ja: '概要', en: 'Overview' },
    description: {
      ja: '附属書F による適合の主張の前提を示す（F.1 自体に要求事項はない）。製品全体をトランジションヘルスソフトウェアとして扱う旨を宣言する。',
      en: 'Frames the Annex F conformance claim (F.1 itself has no requirements); declare that the product as a whole is treated as transitional health software.',
    },
    expectedEvidence: ['declaration'],
    provenance: 'verified', sourceNote: `${TOC} IEC preview 0.3 and ISH1 Note 3 (transitional is a property of the whole product).`,
  },
  {
    id: 'F.2', parent: 'F', kind: 'subclause', level: 'product',
    title: { ja: '開発の評価とギャップ解消活動', en: 'Development assessment and gap closure activities' },
    description: {
      ja: '箇条4 の一般要求事項を実施したうえで、既存の設計・試験・リスクマネジメント記録をセキュリティ要求事項（5.2）、セキュリティ試験（5.7）、コンテキスト・脅威特定・リスク推定（7.1〜7.3）に照らしてギャップ分析し、ギャップを解消する（要求事項、試験、脅威モデルとリスクコントロール、運用者向けガイダンス、全体の残留リスク評価）。',
      en: 'With the Clause 4 general requirements in place, gap-analyse the existing design, test and risk records against security requirements (5.2), security testing (5.7) and context, threat identification and risk estimation (7.1–7.3), then close the gaps: requirements, testing, threat model and risk controls, operator guidance, overall residual-risk evaluation.',
    },
    expectedEvidence: ['gap_analysis', 'threat_model', 'test_records', 'risk_register'],
    provenance: 'interpretation', sourceNote: `${TOC} Content: third-party paraphrase (unverified), consistent with the MHLW Q&A 2024-01-31 worked example.`,
  },
  {
    id: 'F.3', parent: 'F', kind: 'subclause', level: 'product',
    title: { ja: 'トランジションヘルスソフトウェア使用の根拠', en: 'Rationale for use of transitional health software' },
    description: {
      ja: 'バージョンを明記して継続使用の根拠を文書化し、更新しない構成要素の正当化とそのリスクを含め、残留リスクをリリース文書で伝える。日本では「トランジションヘルスソフトウェアへの適合宣言報告書」として社内文書化する例がある。',
      en: 'Document, with the software version, the rationale for continued use, justify components that are not upgraded together with their risk, and communicate residual risk in the release documentation. In Japan this is kept as an internal "declaration of conformity report for transitional health software".',
    },
    expectedEvidence: ['declaration', 'risk_register', 'customer_documentation'],
    provenance: 'verified', sourceNote: `${TOC} "Rationale for continued use with version": MHLW Q&A 2024-01-31 (verified); other content third-party paraphrase.`,
  },
  {
    id: 'F.4', parent: 'F', kind: 'subclause', level: 'product',
    title: { ja: 'リリース後のアクティビティ', en: 'Post-release activities' },
    description: {
      ja: 'リリース後は通常の市販後プロセス（保守：箇条6、リスクコントロールの監視：7.5、構成管理：箇条8、問題解決：箇条9）を適用する。',
      en: 'After release the normal post-release processes apply: maintenance (Clause 6), monitoring of risk controls (7.5), configuration management (Clause 8) and problem resolution (Clause 9).',
    },
    expectedEvidence: ['vulnerability_monitoring', 'security_update_record', 'triage_records'],
    provenance: 'interpretation', sourceNote: `${TOC} Content: third-party paraphrase (unverified).`,
  },
];

export const iec81001_5_1_2021: Catalog = {
  id: 'iec-81001-5-1',
  version: '2021',
  title: {
    ja: 'IEC 81001-5-1:2021（JIS T 81001-5-1:2023）ヘルスソフトウェアのセキュリティ：製品ライフサイクルにおける活動',
    en: 'IEC 81001-5-1:2021 (JIS T 81001-5-1:2023) Health software security: activities in the product life cycle',
  },
  publisher: 'IEC / ISO (JIS: JISC)',
  kind: 'standard',
  sourceNote:
    'Clause numbers and titles from the public table of contents of IEC 81001-5-1:2021 Ed. 1.0; activities paraphrased from secondary sources, Interpretation Sheet 1:2025 and IEC 62443-4-1 analogues. The normative text was not read. Titles are descriptive, not the official JIS wording.',
  entries,
};

/** The software item categories of 4.3 with the ISH1 nesting and the clauses each one triggers. */
export const softwareItemCategories = [
  { category: 'REQUIRED', entry: '4.3.REQUIRED', within: null, triggers: ['5.2.3'] },
  { category: 'SUPPORTED', entry: '4.3.SUPPORTED', within: 'REQUIRED', triggers: ['5.2.3', '6.3.1'] },
  { category: 'MAINTAINED', entry: '4.3.MAINTAINED', within: 'SUPPORTED', triggers: ['5.2.3', '6.3.1', '6.3.2', '6.3.3'] },
] as const;
