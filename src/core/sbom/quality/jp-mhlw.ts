/**
 * MHLW 「医療機器のサイバーセキュリティ導入に関する手引書」第2版 (31 March 2023), 附属書A
 * (SBOM): the A.3 baseline elements (the NTIA minimum elements), the automatable formats
 * (CycloneDX, SPDX, SWID), purl as the identifier in the worked example (表5), and §5.5 (obtain the
 * EOL/EOS of third-party components). See reference/jp-regulatory-details.md §3.2 and
 * reference/regulatory-iec-jp.md "SBOM (附属書A)".
 */
import type { QualityProfile } from './check.js';
import * as c from './common-checks.js';

// The issuer in the reader's language (QA jaui #8: 「MHLW」 in the Japanese UI); the title as issued.
const document = {
  en: 'MHLW 医療機器のサイバーセキュリティ導入に関する手引書 第2版 (2023)',
  ja: '厚生労働省 医療機器のサイバーセキュリティ導入に関する手引書 第2版 (2023)',
};
const at = (section: string) => ({ document, section });

export const jpMhlw: QualityProfile = {
  id: 'jp-mhlw',
  title: { en: 'MHLW guidance (2nd ed.) Annex A SBOM', ja: '厚生労働省 手引書 第2版 附属書A SBOM' },
  source: {
    en: 'MHLW, 医療機器のサイバーセキュリティ導入に関する手引書 第2版 (薬生機審発0331第11号・薬生安発0331第4号), 附属書A',
    ja: '厚生労働省 医療機器のサイバーセキュリティ導入に関する手引書 第2版（薬生機審発0331第11号・薬生安発0331第4号）附属書A',
  },
  versionDate: '2023-03-31',
  checks: [
    c.documentAuthor(at('附属書A A.3 — 作成者名'), 'required'),
    c.documentTimestamp(at('附属書A A.3 — タイムスタンプ'), 'required'),
    c.documentFormat(at('附属書A A.3 — 推奨フォーマット (CycloneDX, SPDX, SWID)'), 'required'),
    c.documentComponents(at('附属書A A.2 — 構成品情報の最新化'), 'required'),
    c.documentDependencies(at('附属書A A.3 — 関係'), 'required'),
    c.documentPrimaryComponent(at('附属書A A.3 — 関係 (含む側のソフトウェア)'), 'recommended'),
    c.documentDependencyRefs(at('附属書A A.3 — 関係'), 'recommended'),
    c.componentSupplier(at('附属書A A.3 — 供給者名'), 'required'),
    c.componentName(at('附属書A A.3 — コンポーネント名'), 'required'),
    c.componentVersion(at('附属書A A.3 — バージョン'), 'required'),
    c.componentIdentifier(at('附属書A A.3 — その他の一意の識別子'), 'required'),
    c.componentRelationship(at('附属書A A.3 — 関係'), 'required'),
    c.componentIdentifierSyntax(at('附属書A 表5 — purl を一意の識別子とする記載例'), 'recommended'),
    c.componentEndOfSupport(at('§5.5 — 供給者からEOL/EOS情報を入手'), 'recommended'),
  ],
};
