/**
 * IMDRF/CYBER WG/N73FINAL:2023 "Principles and Practices for Software Bill of Materials for Medical
 * Device Cybersecurity" (main sections).
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const TOC = 'N73 table of contents (scribd mirror), verified per sbom-vuln-disclosure.md §1.5.';
const RECALL = 'Content from recollection (sbom-vuln-disclosure.md §1.5).';

const entries: readonly CatalogEntry[] = [
  {
    id: '4', parent: null, kind: 'section', level: 'product',
    title: { ja: 'SBOM の枠組みの概要', en: 'Overview of the SBOM framework' },
    description: { ja: 'NTIA の定義に沿い、識別された構成要素とその関係等を列挙した SBOM を TPLC を通じて扱う。', en: 'Handle an SBOM — identified components, their relationships and other information, per the NTIA definition — across the TPLC.' },
    expectedEvidence: ['sbom'], provenance: 'verified', sourceNote: `${TOC} NTIA definition: N73 introduction.`,
  },
  {
    id: '5', parent: null, kind: 'section', level: 'product',
    title: { ja: '製造業者の考慮事項', en: 'Manufacturer considerations' },
    description: { ja: 'SBOM の内容収集、生成、配布、維持と課題。', en: 'Collecting, generating, distributing and maintaining SBOM content, and the challenges.' },
    expectedEvidence: [], provenance: 'verified', sourceNote: TOC,
  },
  {
    id: '5.1', parent: '5', kind: 'section', level: 'product',
    title: { ja: 'SBOM 内容の収集', en: 'Collect SBOM content' },
    description: { ja: '自社開発・第三者・オープンソースの構成要素の情報を収集する。', en: 'Collect information on own, third-party and open-source components.' },
    expectedEvidence: ['sbom', 'supplier_record'], provenance: 'verified', sourceNote: TOC,
  },
  {
    id: '5.2', parent: '5', kind: 'section', level: 'product',
    title: { ja: 'SBOM の生成', en: 'Generate an SBOM' },
    description: { ja: 'SPDX、CycloneDX 等の機械可読形式で NTIA 最小要素を満たす SBOM を生成する。', en: 'Generate a machine-readable SBOM (SPDX, CycloneDX and similar) meeting the NTIA minimum elements.' },
    expectedEvidence: ['sbom', 'sbom_quality_report'], provenance: 'verified', sourceNote: `${TOC} Formats and elements: ${RECALL}`,
  },
  {
    id: '5.3', parent: '5', kind: 'section', level: 'product',
    title: { ja: 'SBOM の配布', en: 'Distribute an SBOM' },
    description: { ja: '顧客向けセキュリティ文書の一部として医療提供者に SBOM を提供する。', en: 'Provide the SBOM to healthcare providers as part of the customer security documentation.' },
    expectedEvidence: ['sbom', 'customer_documentation'], provenance: 'verified', sourceNote: TOC,
  },
  {
    id: '5.4', parent: '5', kind: 'section', level: 'product',
    title: { ja: 'SBOM 内容の維持', en: 'Maintain SBOM content' },
    description: { ja: '製品の更新に合わせて SBOM を最新に保ち、脆弱性・悪用可能性（VEX）やサポート・EOS の情報と組み合わせる。', en: 'Keep the SBOM current as the product changes, and pair it with vulnerability/exploitability (VEX) and support/EOS information.' },
    expectedEvidence: ['sbom', 'vulnerability_monitoring', 'triage_records'], provenance: 'verified', sourceNote: `${TOC} VEX pairing: ${RECALL}`,
  },
  {
    id: '5.5', parent: '5', kind: 'section', level: 'product',
    title: { ja: '課題', en: 'Challenges' },
    description: { ja: '識別子の不統一、推移的依存関係、ファームウェアなど SBOM 作成上の課題を認識し、限界を記録する。', en: 'Recognise SBOM challenges such as inconsistent identifiers, transitive dependencies and firmware, and record the limitations.' },
    expectedEvidence: ['sbom_quality_report'], provenance: 'interpretation', sourceNote: `Section verified (${TOC}); content ${RECALL}`,
  },
  {
    id: '6', parent: null, kind: 'section', level: 'product',
    title: { ja: '医療提供者の考慮事項', en: 'Healthcare provider considerations' },
    description: { ja: '医療提供者は SBOM を取り込み、資産・脆弱性・インシデント管理と調達に活用する（製造業者の証拠は SBOM の提供記録）。', en: 'Healthcare providers ingest SBOMs for asset, vulnerability and incident management and procurement (manufacturer evidence: records of SBOM provision).' },
    expectedEvidence: ['sbom'], provenance: 'interpretation', sourceNote: `Section numbers 6–7 ${RECALL} HCP use: document summary (verified).`,
  },
  {
    id: '9.1', parent: null, kind: 'annex', level: 'product', normative: false,
    title: { ja: '付録：SBOM の構成要素の種類とツール', en: 'Appendix: SBOM component types and tools' },
    description: { ja: 'SBOM に含める構成要素の種類と生成ツールの例。', en: 'Examples of component types to include and of generation tools.' },
    expectedEvidence: ['sbom'], provenance: 'verified', sourceNote: TOC,
  },
];

export const imdrfN73_2023: Catalog = {
  id: 'imdrf-n73',
  version: '2023',
  title: {
    ja: 'IMDRF N73 医療機器サイバーセキュリティのためのソフトウェア部品表（SBOM）の原則及び実践',
    en: 'IMDRF N73 Principles and Practices for SBOM for Medical Device Cybersecurity',
  },
  publisher: 'International Medical Device Regulators Forum (IMDRF)',
  kind: 'principles',
  sourceNote: 'IMDRF/CYBER WG/N73FINAL:2023 (Edition 1). Section structure from the table of contents; content partly from recollection.',
  entries,
};
