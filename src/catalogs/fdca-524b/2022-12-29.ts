/**
 * Section 524B of the U.S. FD&C Act "Ensuring Cybersecurity of Devices", added by FDORA §3305
 * (enacted 2022-12-29, effective 2023-03-29).
 *
 * FROZEN: released catalog data. Never edit once released; publish a new version file instead.
 */
import type { Catalog, CatalogEntry } from '../../core/compliance/catalog.js';

const SRC = 'Section 524B as quoted in the FDA premarket guidance (verified per sbom-vuln-disclosure.md §2.3).';

const item = (
  id: string,
  parent: string | null,
  title: [string, string],
  description: [string, string],
  expectedEvidence: CatalogEntry['expectedEvidence'],
  level: CatalogEntry['level'] = 'product',
): CatalogEntry => ({
  id, parent, kind: 'requirement', level,
  title: { ja: title[0], en: title[1] },
  description: { ja: description[0], en: description[1] },
  expectedEvidence, provenance: 'verified', sourceNote: SRC,
});

const entries: readonly CatalogEntry[] = [
  item('a', null, ['(a) 申請時の情報提出', '(a) Information in submissions'],
    ['サイバーデバイスの 510(k)、PMA、PDP、De Novo、HDE の申請者は、(b) を満たすことを示す情報を提出する。', 'Sponsors of a 510(k), PMA, PDP, De Novo or HDE for a cyber device include the information showing that (b) is met.'],
    ['regulatory_submission']),
  item('b', null, ['(b) サイバーセキュリティ要求事項', '(b) Cybersecurity requirements'],
    ['サイバーデバイスの製造業者が満たすべき要求事項。(b)(2) の違反は §301(q) の禁止行為となる。', 'What the cyber-device sponsor must meet; failing (b)(2) is a prohibited act under §301(q).'],
    []),
  item('b.1', 'b', ['(b)(1) 市販後の脆弱性への対応計画', '(b)(1) Plan for postmarket vulnerabilities'],
    ['CVD と関連手順を含め、市販後の脆弱性と悪用を監視・特定し、合理的な期間内に対処する計画を提出する。', 'A plan to monitor, identify and address postmarket vulnerabilities and exploits in reasonable time, including coordinated vulnerability disclosure and related procedures.'],
    ['management_plan', 'disclosure_policy', 'vulnerability_monitoring'], 'both'),
  item('b.2', 'b', ['(b)(2) サイバーセキュアであることの合理的保証', '(b)(2) Reasonable assurance of cybersecurity'],
    ['機器と関連システムがサイバーセキュアであることを合理的に保証するプロセスと手順を設計・開発・維持し、市販後の更新とパッチを提供する。', 'Design, develop and maintain processes and procedures giving reasonable assurance that the device and related systems are cybersecure, and make postmarket updates and patches available.'],
    ['process_document', 'security_update_record'], 'both'),
  item('b.2.A', 'b.2', ['(b)(2)(A) 定期的な更新', '(b)(2)(A) Updates on a regular cycle'],
    ['受容できない既知の脆弱性に対し、合理的に正当化された定期サイクルで更新・パッチを提供する。', 'Updates and patches on a reasonably justified regular cycle for known unacceptable vulnerabilities.'],
    ['security_update_record', 'management_plan']),
  item('b.2.B', 'b.2', ['(b)(2)(B) 重大な脆弱性への臨時更新', '(b)(2)(B) Out-of-cycle updates for critical vulnerabilities'],
    ['管理されないリスクを生じうる重大な脆弱性には、できる限り速やかにサイクル外で更新・パッチを提供する。', 'As soon as possible out of cycle for critical vulnerabilities that could cause uncontrolled risks.'],
    ['security_update_record', 'triage_records']),
  item('b.3', 'b', ['(b)(3) SBOM の提出', '(b)(3) SBOM'],
    ['商用、オープンソース及び既製のソフトウェア構成要素を含む SBOM を提出する。', 'Provide an SBOM including commercial, open-source and off-the-shelf software components.'],
    ['sbom']),
  item('b.4', 'b', ['(b)(4) 規則で定めるその他の要求事項', '(b)(4) Other requirements by regulation'],
    ['FDA が規則で定めるその他の要求事項を満たす（現時点で追加規則の有無を確認して記録する）。', 'Meet any further requirements FDA sets by regulation (record the check for such regulations).'],
    ['other']),
  item('c', null, ['(c) サイバーデバイスの定義', '(c) Definition of cyber device'],
    ['スポンサーが検証・組込み・承認したソフトウェアを含み、インターネットに接続する能力を持ち（USB・Ethernet・シリアル等の接続も広く含むと FDA は解釈）、サイバー脅威に脆弱となりうる特性を持つ機器。該当性の判断を記録する。', 'Includes sponsor-validated, installed or authorised software; can connect to the internet (FDA reads this broadly, including USB, Ethernet and serial connectors); and has characteristics that could be vulnerable to cybersecurity threats. Record the determination.'],
    ['declaration']),
];

export const fdca524b: Catalog = {
  id: 'fdca-524b',
  version: '2022-12-29',
  title: {
    ja: '米国 FD&C 法 第524B条（機器のサイバーセキュリティの確保）',
    en: 'U.S. FD&C Act section 524B (Ensuring Cybersecurity of Devices)',
  },
  publisher: 'U.S. Congress (FDORA §3305); administered by FDA',
  kind: 'regulation',
  sourceNote: 'Enacted 2022-12-29 by FDORA §3305, effective 2023-03-29. Paraphrased from the statute as quoted in the FDA premarket guidance.',
  entries,
};
