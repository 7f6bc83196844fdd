/**
 * IMDRF/CYBER WG/N70FINAL:2023 "Principles and Practices for the Cybersecurity of Legacy Medical
 * Devices" (main sections and the four TPLC stages).
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const TOC = 'N70 draft table of contents (verified per regulatory-iec-jp.md §4.2).';
const STAGE = 'Stage name and boundaries verified (regulatoryaffairsnews, regdesk); manufacturer duties from recollection.';

const entries: readonly CatalogEntry[] = [
  {
    id: '4', parent: null, kind: 'section', level: 'organization',
    title: { ja: '一般原則', en: 'General principles' },
    description: { ja: 'レガシー機器に関する三原則（TPLC、リスクマネジメントの共有、コミュニケーション）。', en: 'Three principles for legacy devices: TPLC, shared risk management, communication.' },
    expectedEvidence: [], provenance: 'verified', sourceNote: TOC,
  },
  {
    id: '4.1', parent: '4', kind: 'section', level: 'organization',
    title: { ja: '製品ライフサイクル全体（TPLC）', en: 'Total product life cycle' },
    description: { ja: 'N60 の TPLC の枠組みを段階と節目（販売開始、EOL、EOS）として運用する。', en: 'Operationalise the N60 TPLC framework as stages and milestones (release, EOL, EOS).' },
    expectedEvidence: ['management_plan', 'lifecycle_notice'], provenance: 'verified', sourceNote: TOC,
  },
  {
    id: '4.2', parent: '4', kind: 'section', level: 'both',
    title: { ja: 'リスクマネジメントの共有', en: 'Shared risk management' },
    description: { ja: '製造業者と医療提供者がレガシー機器のリスクを分担して管理し、段階に応じて責任が移る。', en: 'Manufacturers and healthcare providers share the management of legacy-device risk, with responsibility shifting by stage.' },
    expectedEvidence: ['risk_register', 'customer_documentation'], provenance: 'verified', sourceNote: TOC,
  },
  {
    id: '4.3', parent: '4', kind: 'section', level: 'both',
    title: { ja: 'コミュニケーション', en: 'Communication' },
    description: { ja: 'EOL・EOS の日程や残留リスクを早期かつ継続的に伝える。', en: 'Communicate EOL and EOS dates and residual risk early and continuously.' },
    expectedEvidence: ['lifecycle_notice'], provenance: 'verified', sourceNote: TOC,
  },
  {
    id: 'stages', parent: null, kind: 'group', level: 'product',
    title: { ja: 'TPLC の4段階', en: 'The four TPLC stages' },
    description: { ja: '開発、サポート、限定的サポート、サポート終了の各段階での製造業者の責任。', en: 'Manufacturer duties in development, support, limited support and end of support.' },
    expectedEvidence: [], provenance: 'verified', sourceNote: STAGE,
  },
  {
    id: 'stages.1', parent: 'stages', kind: 'category', level: 'product',
    title: { ja: '1 開発段階', en: '1 Development' },
    description: { ja: 'セキュアな設計と、サポート期間・EOL/EOS・第三者構成品のライフサイクルの計画。', en: 'Secure design; planning of the support period, EOL/EOS and third-party component life cycles.' },
    expectedEvidence: ['management_plan', 'sbom'], provenance: 'interpretation', sourceNote: STAGE,
  },
  {
    id: 'stages.2', parent: 'stages', kind: 'category', level: 'product',
    title: { ja: '2 サポート段階', en: '2 Support' },
    description: { ja: '販売開始から EOL まで。パッチ・更新、脆弱性の監視、アドバイザリ、SBOM の維持、EOL/EOS の早期連絡。', en: 'Release to EOL: patches and updates, vulnerability monitoring, advisories, SBOM maintenance, early EOL/EOS communication.' },
    expectedEvidence: ['vulnerability_monitoring', 'security_update_record', 'sbom', 'lifecycle_notice'], provenance: 'interpretation', sourceNote: STAGE,
  },
  {
    id: 'stages.3', parent: 'stages', kind: 'category', level: 'product',
    title: { ja: '3 限定的サポート段階', en: '3 Limited support' },
    description: { ja: 'EOL から EOS まで。可能な範囲のセキュリティ更新、残留リスクと補完的管理策の伝達、EOS の十分前の予告。', en: 'EOL to EOS: security updates as feasible, communication of residual risk and compensating controls, ample notice of EOS.' },
    expectedEvidence: ['lifecycle_notice', 'advisory'], provenance: 'interpretation', sourceNote: STAGE,
  },
  {
    id: 'stages.4', parent: 'stages', kind: 'category', level: 'product',
    title: { ja: '4 サポート終了段階', en: '4 End of support' },
    description: { ja: 'EOS 以降。残留リスクと補完的管理策の最終連絡を行い、責任は医療提供者に移る。', en: 'After EOS: final communication of residual risks and compensating controls; responsibility transfers to the healthcare provider.' },
    expectedEvidence: ['lifecycle_notice'], provenance: 'interpretation', sourceNote: STAGE,
  },
  {
    id: 'compensating-controls', parent: null, kind: 'item', level: 'product',
    title: { ja: 'EOS 後の補完的管理策', en: 'Compensating controls after EOS' },
    description: { ja: 'EOS 後も使用される機器や、枠組み以前に開発され現在も使用中の機器について補完的管理策を推奨する。', en: 'Recommend compensating controls for devices used after EOS and for legacy devices developed before the framework that are still in use.' },
    expectedEvidence: ['customer_documentation', 'risk_register'], provenance: 'verified', sourceNote: 'regulatoryaffairsnews summary of N70.',
  },
];

export const imdrfN70_2023: Catalog = {
  id: 'imdrf-n70',
  version: '2023',
  title: {
    ja: 'IMDRF N70 レガシー医療機器のサイバーセキュリティに関する原則及び実践',
    en: 'IMDRF N70 Principles and Practices for the Cybersecurity of Legacy Medical Devices',
  },
  publisher: 'International Medical Device Regulators Forum (IMDRF)',
  kind: 'principles',
  sourceNote: 'IMDRF/CYBER WG/N70FINAL:2023 (April 2023). General principles and stage names verified; stage duties from recollection.',
  entries,
};
