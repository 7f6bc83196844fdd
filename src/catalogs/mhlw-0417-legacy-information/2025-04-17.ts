/**
 * 医薬機審発0417第1号 (2025-04-17): information to provide for devices marketed on or before
 * 2024-03-31 whose Essential Principles Art. 12(3) conformity has not been confirmed (legacy fleet).
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const P3 = 'wic-net 20930/3 (mirror of the notice as tabled at the 2025-07-23 safety council).';
const SECONDARY = 'Wording of (1) not read; items from a secondary summary (complexitysimplified.net).';

const entries: readonly CatalogEntry[] = [
  {
    id: '1', parent: null, kind: 'section', level: 'product',
    title: { ja: '(1) 対象機器に関する措置', en: '(1) Measures for the devices concerned' },
    description: {
      ja: '2024-03-31 以前に製造販売され、第12条第3項への適合が確認されていない機器について講じる措置。',
      en: 'Measures for devices marketed on or before 2024-03-31 whose Art. 12(3) conformity is not confirmed.',
    },
    expectedEvidence: [], provenance: 'interpretation', sourceNote: SECONDARY,
  },
  {
    id: '1.risk', parent: '1', kind: 'item', level: 'product',
    title: { ja: '使用環境でのリスク評価と対策', en: 'Risk assessment in the intended environment' },
    description: {
      ja: '対象機器のサイバーリスクを想定する使用環境で評価し、必要な対策を講じる。',
      en: 'Assess the cyber risk of the device in its intended environment and take the necessary countermeasures.',
    },
    expectedEvidence: ['risk_register', 'product_security_context'], provenance: 'interpretation', sourceNote: SECONDARY,
  },
  {
    id: '1.vulnerability-info', parent: '1', kind: 'item', level: 'product',
    title: { ja: '脆弱性管理に関する情報の共有', en: 'Sharing vulnerability-management information' },
    description: {
      ja: 'サイバーリスクと脆弱性管理に関する情報を医療機関と共有する。',
      en: 'Share information on cyber risk and vulnerability management with healthcare providers.',
    },
    expectedEvidence: ['advisory', 'vulnerability_monitoring'], provenance: 'interpretation', sourceNote: SECONDARY,
  },
  {
    id: '1.sbom', parent: '1', kind: 'item', level: 'product',
    title: { ja: 'SBOM 提供の準備', en: 'Preparing to provide an SBOM' },
    description: {
      ja: '対象機器の SBOM を提供できるよう準備する。',
      en: 'Be ready to provide an SBOM for the device.',
    },
    expectedEvidence: ['sbom'], provenance: 'interpretation', sourceNote: SECONDARY,
  },
  {
    id: '1.eol-eos', parent: '1', kind: 'item', level: 'product',
    title: { ja: 'EOL・EOS 情報の提供', en: 'Providing EOL and EOS information' },
    description: {
      ja: '製品寿命（EOL・EOS）に関する情報を医療機関に提供する。',
      en: 'Give healthcare providers the product-life (EOL and EOS) information.',
    },
    expectedEvidence: ['lifecycle_notice'], provenance: 'interpretation', sourceNote: SECONDARY,
  },
  {
    id: '2', parent: null, kind: 'section', level: 'product',
    title: { ja: '(2) 機器の状態に応じた情報提供', en: '(2) Information by device status' },
    description: {
      ja: '機器が EOL 前、EOL 後 EOS まで、EOS 後のいずれにあるかに応じて医療機関に提供する情報。機種ごとに状態を管理する。',
      en: 'What to tell healthcare providers depending on whether the device is before EOL, between EOL and EOS, or past EOS; track the status per model.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: P3,
  },
  {
    id: '2.1', parent: '2', kind: 'item', level: 'product',
    title: { ja: '① EOL 前：サポート情報', en: '① Before EOL: support information' },
    description: {
      ja: '適用可能なセキュリティパッチやセキュリティ上必要なアップグレードなど、サポートに関する情報を提供する。',
      en: 'Provide support information such as applicable security patches and upgrades needed for security.',
    },
    expectedEvidence: ['lifecycle_notice', 'security_update_record'], provenance: 'verified', sourceNote: P3,
  },
  {
    id: '2.2', parent: '2', kind: 'item', level: 'product',
    title: { ja: '② EOL 後 EOS まで：限定的サポート情報', en: '② After EOL until EOS: limited-support information' },
    description: {
      ja: 'EOS までの間、セキュリティパッチや必要に応じた補完的管理策など、限定的サポートに関する情報を提供する。',
      en: 'Until EOS, provide limited-support information: security patches and compensating controls as needed.',
    },
    expectedEvidence: ['lifecycle_notice', 'security_update_record', 'customer_documentation'], provenance: 'verified', sourceNote: P3,
  },
  {
    id: '2.3', parent: '2', kind: 'item', level: 'product',
    title: { ja: '③ EOS 後：補完的管理策を含む EOS 情報', en: '③ After EOS: EOS information with compensating controls' },
    description: {
      ja: '補完的管理策を含む EOS に関する情報を速やかに提供する。',
      en: 'Promptly provide end-of-support information, including compensating controls.',
    },
    expectedEvidence: ['lifecycle_notice', 'customer_documentation'], provenance: 'verified', sourceNote: P3,
  },
  {
    id: '3', parent: null, kind: 'section', level: 'product',
    title: { ja: '(3) セキュリティパッチの適用', en: '(3) Applying security patches' },
    description: {
      ja: 'EOS までの機器（①・②）について、提供したパッチを医療機関と協力して適用する。',
      en: 'For devices not yet past EOS (cases ① and ②), apply the patches provided together with the healthcare provider.',
    },
    expectedEvidence: [], provenance: 'verified', sourceNote: P3,
  },
  {
    id: '3.plan', parent: '3', kind: 'item', level: 'product',
    title: { ja: 'パッチ適用計画の提示', en: 'Patch application plan' },
    description: {
      ja: '提供したセキュリティパッチの適用計画を医療機関に示し、定期点検など適切な時期に医療機関と協力して適用する。設置先ごとに予定日と実施記録を残す。',
      en: 'Show healthcare providers a plan for applying the patches provided and apply them with the provider at a suitable time such as periodic maintenance; keep planned and actual dates per site.',
    },
    expectedEvidence: ['management_plan', 'security_update_record'], provenance: 'verified', sourceNote: P3,
  },
  {
    id: '3.interim', parent: '3', kind: 'item', level: 'product',
    title: { ja: '評価中の補完的管理策の先行実施', en: 'Compensating controls while a patch is evaluated' },
    description: {
      ja: 'パッチの評価に時間を要する場合は、ファイアウォール等の補完的管理策を先に講じる。',
      en: 'If evaluating a patch takes time, put compensating controls such as a firewall in place first.',
    },
    expectedEvidence: ['risk_register', 'customer_documentation'], provenance: 'verified', sourceNote: P3,
  },
];

export const mhlw0417_2025: Catalog = {
  id: 'mhlw-0417-legacy-information',
  version: '2025-04-17',
  title: {
    ja: '医療機器のサイバーセキュリティ対策に関連する情報提供について（医薬機審発0417第1号）',
    en: 'Information provision on cybersecurity measures for marketed legacy devices (MHLW notice 0417 No. 1)',
  },
  publisher: '厚生労働省 医薬局 医療機器審査管理課',
  kind: 'notice',
  sourceNote:
    'Target and items (2)–(3) read in the OCR mirror (wic-net 20930/2-3); item (1) from a secondary summary. No calendar deadline appears in the parts read.',
  entries,
};
