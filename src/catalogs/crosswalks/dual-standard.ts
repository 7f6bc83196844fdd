/**
 * The "dual standard" of Japanese device cybersecurity, curated: JIS T 81001-5-1 is the conformity
 * yardstick for Essential Principles Art. 12(3), while the MHLW guidance and notices set expectations
 * beyond it — and the JIS asks for process detail the guidance never spells out.
 *
 * FROZEN: released data. Never edit once released; publish a new version file instead.
 *
 * The entry lists are not free-hand: `src/catalogs/catalogs.test.ts` checks that, for each side, the
 * entries named here are exactly the leaves the crosswalk data leaves uncovered
 * (`derivedDualStandard()` in `../index.ts`). Change the crosswalk and this list together.
 */
import type { CoverageGap, EntryRef } from '../../core/compliance/crosswalk.js';
import { IEC, JP_EP, MHLW_0115, MHLW_0328, MHLW_0417, MHLW_0523, MHLW_GUIDANCE } from '../keys.js';

const g = (...entries: string[]): EntryRef[] => entries.map((entry) => ({ catalog: MHLW_GUIDANCE, entry }));
const ref = (catalog: string, ...entries: string[]): EntryRef[] => entries.map((entry) => ({ catalog, entry }));
const iec = (...entries: string[]): EntryRef[] => ref(IEC, ...entries);
const NOTE = 'Derived from the MHLW ↔ IEC crosswalk; grouping and explanation are our reading of regulatory-iec-jp.md §3 (G-JP / G-IEC rows).';

export const dualStandardGaps: readonly CoverageGap[] = [
  // ── What the Japanese instruments ask that IEC 81001-5-1 does not ────────────────────────────
  {
    id: 'jp.sbom', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'ソフトウェア部品表（SBOM）の作成・提供', en: 'SBOM as a deliverable' },
    explanation: {
      ja: 'IEC は構成管理（箇条8）で構成品を把握することを求めるが、SBOM という成果物、その要素（NTIA 最小要素）、形式（CycloneDX・SPDX・SWID）、識別子（purl・CPE）、リリース時の顧客提供、供給者からの SBOM 入手までは求めない。手引書の附属書A と 0417 通知はこれらを求める。',
      en: 'IEC asks for component knowledge through configuration management (Clause 8) but not for an SBOM deliverable with NTIA elements, CycloneDX/SPDX/SWID format, purl/CPE identifiers, delivery to customers at release, or supplier SBOMs. Guidance Annex A and the 0417 notice ask for these.',
    },
    entries: [...g('5.5.sbom-mds2', '5.5.supplier', 'A.1', 'A.2', 'A.3.elements', 'A.3.formats', 'A.3.identifiers', 'A.4'), ...ref(MHLW_0417, '1.sbom')],
  },
  {
    id: 'jp.disclosure-forms', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: '医療機関向け開示文書（MDS2 等）と法定表示', en: 'Hospital disclosure forms (MDS2-like) and statutory labelling' },
    explanation: {
      ja: 'MDS2（及び国内の MDS/SDS）、注意事項等情報への記載と PMDA での公表、MDS2 のセキュリティ機能項目に対応付けた設計原則、申請時の文書、医療機関への継続的な情報提供は日本側の期待であり、IEC のリリース文書（5.8.2・附属書E）とは一部しか重ならない。',
      en: 'The MDS2 (and the Japanese MDS/SDS), cyber content in the statutory package insert and its publication on the PMDA site, design principles mapped to MDS2 capabilities, submission documents and keeping hospitals informed are Japanese expectations; they only partly overlap IEC release documentation (5.8.2, Annex E).',
    },
    entries: [
      ...g('5.D', '5.1', '5.5.1', '5.5.publication', '5.6'),
      ...ref(MHLW_0523, 'existing.customer-docs'),
      ...ref(MHLW_0417, '1.vulnerability-info'),
      ...ref(MHLW_0328, '2.1'),
    ],
  },
  {
    id: 'jp.eol-eos', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'EOL・EOS の計画・通知とレガシー医療機器', en: 'EOL/EOS planning and notices, legacy devices' },
    explanation: {
      ja: 'IEC にはソフトウェアアイテムの分類（4.3）とリスク移転はあるが、製品の EOL・EOS の日付、節目ごとの通知（表2）、限定的サポート段階、レガシーの判断、EOS 後まで見据えた計画、既存品についての状態別の情報提供とパッチ適用計画（0417 通知）、納入前の保守計画の説明は定めていない。',
      en: 'IEC has software item categories (4.3) and risk transfer, but no product EOL/EOS dates, milestone notices (Table 2), limited-support stage, legacy determination, planning beyond EOS, status-based information and patch plans for marketed devices (0417 notice), or pre-delivery briefing on the maintenance plan.',
    },
    entries: [
      ...g('4.2', '5.E', '5.4.product-life', '6.6.definition', '6.6.milestones.release', '6.6.milestones.eol', '6.6.milestones.eos', '6.6.2.1', '6.6.2.2', '6.6.2.3', '6.6.2.4'),
      ...ref(JP_EP, '12.3.lifecycle-plan'),
      ...ref(MHLW_0523, 'existing.lifecycle'),
      ...ref(MHLW_0417, '1.eol-eos', '2.1', '2.2', '2.3', '3.plan'),
      ...ref(MHLW_0328, '2.2'),
    ],
  },
  {
    id: 'jp.isao', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'ISAO への参加と情報共有', en: 'ISAO participation and information sharing' },
    explanation: {
      ja: 'IEC は公開情報の監視（6.2.1）と利用者への開示（4.1.7）を求めるが、ISAO への参加や規制当局・業界との情報共有は求めない。',
      en: 'IEC asks for monitoring public information (6.2.1) and disclosure to users (4.1.7), but not for ISAO membership or sharing with regulators and industry.',
    },
    entries: [...g('4.4.isao', '5.4.sharing', '6.2'), ...ref(MHLW_0523, 'existing.organization')],
  },
  {
    id: 'jp.cvd-channel', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'JPCERT/CC・IPA を通じた CVD と CVE 採番', en: 'CVD and CVE through JPCERT/CC and IPA' },
    explanation: {
      ja: '機器自体の脆弱性について JPCERT/CC を通じて CVE を取得し、情報セキュリティ早期警戒パートナーシップで取り扱うという国内の経路は、IEC の開示・問題解決の要求にはない。',
      en: 'The Japanese route — a CVE through JPCERT/CC for vulnerabilities in the device itself, handled under the Early Warning Partnership — is not part of IEC’s disclosure and problem-resolution requirements.',
    },
    entries: [...g('6.5.cve-jpcert'), ...ref(MHLW_0328, '1.3')],
  },
  {
    id: 'jp.incident-reporting', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'インシデント対応と不具合等報告', en: 'Incident response and adverse-event reporting' },
    explanation: {
      ja: 'IEC は脆弱性の問題解決を定めるが、インシデント時の確認事項 A〜E、医療機関の報告への協力、薬機法に基づく不具合等報告（15日期限、未完了報告、EOS 後も続く義務、安全確保措置）は定めていない。',
      en: 'IEC covers vulnerability problem resolution but not incident checks A–E, support for hospitals’ own reports, or PMD Act malfunction reporting (15-day working deadline, incomplete reports, duties continuing after EOS, safety measures).',
    },
    entries: [
      ...g('6.5.checks', '6.5.malfunction-report', '6.5.hdo-support'),
      ...ref(MHLW_0523, 'existing.incident'),
      ...ref(MHLW_0115, '1', '2', '3', '4', '5', '6'),
    ],
  },
  {
    id: 'jp.regulatory-change', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'セキュリティパッチの薬事上の取扱い', en: 'Regulatory handling of security patches' },
    explanation: {
      ja: '機能を追加・変更しないセキュリティパッチは都度の承認等を要しないという整理と、その判断記録は日本の薬事規制上の事項であり、IEC にはない。',
      en: 'That a patch adding or changing no function needs no new approval, and the record of that judgement, is Japanese regulatory practice with no IEC counterpart.',
    },
    entries: [...g('6.4.patch-approval'), ...ref(MHLW_0523, 'existing.patches')],
  },
  {
    id: 'jp.business-types', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: '販売業者・貸与業者・修理業者との連携', en: 'Distributor, lessor and repairer coordination' },
    explanation: {
      ja: '修正やパッチ配布で製造業者、販売業者、貸与業者、修理業者、患者と連携し、リース機器にも SBOM・MDS2・CVD 情報とパッチを届ける義務は、薬機法上の業態を前提とする日本固有の期待。',
      en: 'Coordinating remediation with manufacturing sites, distributors, lessors, repairers and patients, and getting SBOM, MDS2, CVD information and patches to leased devices, are Japan-specific expectations built on the PMD Act business types.',
    },
    entries: g('6.4.without-delay', '7.1', '7.2'),
  },
  {
    id: 'jp.principles', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: '国際整合・責任共有・運用環境・予見可能な誤使用', en: 'Harmonisation, shared responsibility, operating environment, foreseeable misuse' },
    explanation: {
      ja: '国際整合、関係者間の責任共有、運用環境での継続的支援、合理的に予見可能な誤使用の考慮は、IMDRF 由来の原則として手引書が明示するもので、IEC はプロセス要求としてこれらを直接は求めない。',
      en: 'Harmonisation, shared responsibility, continued support in the operating environment and reasonably foreseeable misuse are IMDRF-derived principles the guidance states explicitly; IEC does not ask for them directly as process requirements.',
    },
    entries: [...g('4.1', '4.3', '5.misuse', '6.1'), ...ref(MHLW_0523, 'existing.environment')],
  },
  {
    id: 'jp.conformity-demonstration', onlyIn: 'mhlw', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: '申請での適合性の示し方', en: 'Showing conformity in the application' },
    explanation: {
      ja: '基本要件基準適合性チェックリストでの JIS の引用、社内文書の特定、試験機関の証明書を用いる場合の 0523 通知第2項の確認結果は、日本の申請手続に固有の事項。',
      en: 'Citing the JIS in the Essential Principles checklist, identifying internal documents, and showing the 0523 section-2 results when a test-laboratory certificate is used are specific to the Japanese application procedure.',
    },
    entries: ref(JP_EP, 'conformity.jis', 'conformity.test-lab'),
  },

  // ── What IEC 81001-5-1 asks that the Japanese guidance does not spell out ────────────────────
  {
    id: 'iec.organization', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'QMS・責任・適用範囲・専門能力・ライフサイクルプロセス', en: 'QMS, responsibilities, applicability, expertise, life-cycle process' },
    explanation: {
      ja: '手引書は体制を前提とするが、QMS への組込み、役割の明確化、適用範囲の記録、要員のセキュリティ専門能力の実証、テーラリングを含む文書化されたライフサイクルプロセスは JIS 適合のために別途示す必要がある。',
      en: 'The guidance assumes an organisation, but embedding in the QMS, named roles, a recorded applicability scope, demonstrable security expertise and a documented life-cycle process with tailoring must be shown separately for JIS conformity.',
    },
    entries: iec('4.1.1', '4.1.2', '4.1.3', '4.1.4', '5.1.1'),
  },
  {
    id: 'iec.process-reviews', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'プロセスのレビューと継続的改善', en: 'Process reviews and continuous improvement' },
    explanation: {
      ja: '継続的改善、欠陥管理プロセスの定期的レビュー、附属文書の誤り・欠落の追跡は手引書に明示されていない。',
      en: 'Continuous improvement, periodic review of defect management and tracking errors in accompanying documents are not explicit in the guidance.',
    },
    entries: iec('4.1.6', '4.1.8', '4.1.9'),
  },
  {
    id: 'iec.risk-transfer', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'ソフトウェアアイテムの分類とリスク移転', en: 'Software item categories and risk transfer' },
    explanation: {
      ja: '保守対象・サポート対象・必須の三分類、必須ソフトウェアのリスク管理、第三者供給アイテムへの要求の展開は IEC 固有の仕組みで、手引書は構成品の寿命管理として一部に触れるのみ。',
      en: 'The MAINTAINED/SUPPORTED/REQUIRED categories, risk management of required software and flowing requirements to third-party suppliers are IEC mechanisms; the guidance touches them only as component life management.',
    },
    entries: iec('4.1.5', '4.3.REQUIRED', '4.3.SUPPORTED', '4.3.MAINTAINED', '5.2.3'),
  },
  {
    id: 'iec.development-environment', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: '開発環境のセキュリティとコード署名鍵の保護', en: 'Development environment security and code-signing key protection' },
    explanation: {
      ja: 'ソースコード・ビルド・更新物を守る開発環境の管理策と、コード署名用秘密鍵の保護は手引書に明示されていない。',
      en: 'Controls protecting code, builds and updates in the development environment, and protection of code-signing private keys, are not explicit in the guidance.',
    },
    entries: iec('5.1.2', '5.8.4'),
  },
  {
    id: 'iec.integrity', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'ファイル及びアップデートの完全性', en: 'File and update integrity' },
    explanation: {
      ja: '出荷ファイルとアップデートの完全性・真正性を利用者が検証できる仕組みは手引書に明示されていない。',
      en: 'A way for users to verify the integrity and authenticity of shipped files and updates is not explicit in the guidance.',
    },
    entries: iec('5.8.3', '6.3.3'),
  },
  {
    id: 'iec.secure-design-implementation', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'セキュア設計・実装とそのレビュー', en: 'Secure design, implementation and their reviews' },
    explanation: {
      ja: 'セキュアコーディング標準、要求事項・アーキテクチャ・詳細設計のレビュー、多層防御の設計、インタフェースの特性記録、コードレビューと静的解析といった開発の詳細は、手引書では設計原則の表として概括されるにとどまる。',
      en: 'Development detail — secure coding standards, reviews of requirements, architecture and detailed design, defence-in-depth design, interface characterisation, code review and static analysis — is only summarised in the guidance’s design-principles table.',
    },
    entries: iec('5.1.3', '5.2.2', '5.3.1', '5.3.2', '5.3.3', '5.4.1', '5.4.2', '5.4.3', '5.4.4', '5.5.1', '5.5.2'),
  },
  {
    id: 'iec.tester-independence', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: '試験者の独立性', en: 'Tester independence' },
    explanation: {
      ja: '試験の種類ごとに試験者の開発者からの独立性の水準（表A.1）を確保することは手引書にない。',
      en: 'Ensuring the level of tester independence from developers for each kind of test (Table A.1) is not in the guidance.',
    },
    entries: iec('5.7.5'),
  },
  {
    id: 'iec.release-gate', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'リリース判定とアクティビティ完了の確認', en: 'Release gate and activity completion' },
    explanation: {
      ja: 'リリース前の指摘事項の解決、未解決問題の評価と残留リスクの記録、全セキュリティ活動の完了確認は手引書に明示されていない。',
      en: 'Resolving findings before release, assessing open issues with recorded residual risk, and confirming completion of all security activities are not explicit in the guidance.',
    },
    entries: iec('5.8.1', '5.8.5', '5.8.6'),
  },
  {
    id: 'iec.decommissioning', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'セキュアな廃棄の手引き', en: 'Secure decommissioning guidance' },
    explanation: {
      ja: 'データ・設定・認証情報を消去して安全に廃棄するための利用者向け手引きは、手引書の顧客向け文書の項目に明示されていない（EOS 時のネットワーク切離しの通知とは別）。',
      en: 'User guidance for erasing data, configuration and credentials and disposing securely is not among the guidance’s customer-document items (distinct from the EOS notice about disconnecting from the network).',
    },
    entries: iec('5.8.7'),
  },
  {
    id: 'iec.update-verification', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'セキュリティアップデートの検証', en: 'Security update verification' },
    explanation: {
      ja: '自社・第三者のアップデートがデグレードや安全上の矛盾を生じないことの検証は、手引書では機能変更の有無の判断として間接的に触れられるのみ。',
      en: 'Verifying that own and third-party updates cause no regressions or safety conflicts is touched only indirectly in the guidance, as the judgement whether a function changed.',
    },
    entries: iec('6.2.2'),
  },
  {
    id: 'iec.configuration-management', onlyIn: 'iec', provenance: 'interpretation', sourceNote: NOTE,
    title: { ja: 'セキュリティのための構成管理', en: 'Configuration management as a security process' },
    explanation: {
      ja: '手引書は JIS T 2304 の構成管理を前提に SBOM を求めるが、構成アイテムの完全性保護を含む構成管理そのものは JIS の要求として別途示す必要がある。',
      en: 'The guidance assumes JIS T 2304 configuration management as the basis of the SBOM; configuration management itself, including integrity protection of configuration items, must be shown separately for the JIS.',
    },
    entries: iec('8'),
  },
];
