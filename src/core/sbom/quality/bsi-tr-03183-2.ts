/**
 * BSI TR-03183-2 v2.1.0 (20 August 2025), "Cyber Resilience Requirements for Manufacturers and
 * Products, Part 2: Software Bill of Materials". Section numbers and levels as listed in
 * reference/sbom-vuln-disclosure.md §1.7 (secondary sources; property names verified against the
 * BSI CycloneDX property taxonomy). SHALL items are `required`, recommendations `recommended`;
 * MAY items are not scored. Licences must be SPDX identifiers (§5.2.2): an id not on the SPDX License
 * List fails the required component.license.syntax; a deprecated id is still an SPDX identifier, so
 * the SPDX list's advice to replace it is only the recommended component.license.current.
 *
 * Not checked here because the model does not carry it: the completeness indication of the
 * dependency graph (CycloneDX compositions) and the rule that the SBOM must not contain
 * vulnerability data (readers report embedded vulnerabilities as diagnostics).
 */
import { sameInBothLanguages, type QualityProfile } from './check.js';
import * as c from './common-checks.js';

const document = sameInBothLanguages('BSI TR-03183-2 v2.1.0');
const at = (section: string) => ({ document, section });

export const bsiTr031832: QualityProfile = {
  id: 'bsi-tr-03183-2',
  title: { en: 'BSI TR-03183-2 v2.1 (SBOM)', ja: 'BSI TR-03183-2 v2.1（SBOM）' },
  source: sameInBothLanguages(
    'BSI, Technical Guideline TR-03183 Part 2: Software Bill of Materials (SBOM), version 2.1.0',
  ),
  versionDate: '2025-08-20',
  checks: [
    c.documentFormatMinimum({ cyclonedx: '1.6', spdx: '3.0.1' })(
      at('§4 — Format (CycloneDX 1.6+ or SPDX 3.0.1+)'),
      'required',
    ),
    c.documentAuthorContact(at('§5.2.1 — Creator of the SBOM (e-mail or URL)'), 'required'),
    c.documentTimestamp(at('§5.2.1 — Timestamp'), 'required'),
    c.documentIdentity(at('§5.2.1 — SBOM-URI'), 'required'),
    c.documentComponents(at('§5.2.2 — Required fields for each component'), 'required'),
    c.documentSignature(at('Digital signature (recommendation)'), 'recommended'),
    c.documentDependencyRefs(at('§5.2.2 — Dependencies'), 'recommended'),
    c.componentCreatorContact(at('§5.2.2 — Component creator (e-mail or URL)'), 'required'),
    c.componentName(at('§5.2.2 — Component name'), 'required'),
    c.componentVersion(at('§5.2.2 — Component version'), 'required'),
    c.componentFilename(at('§5.2.2 — Filename of the component'), 'required'),
    c.componentDependenciesStated(at('§5.2.2 — Dependencies on other components'), 'required'),
    c.componentLicenseConcluded(at('§5.2.2 — Distribution licences'), 'required'),
    c.componentLicenseDeclared(at('§5.2.2 — Original licences'), 'required'),
    c.componentLicenseSyntax(at('§5.2.2 — Licences as SPDX identifiers or expressions'), 'required'),
    c.componentLicenseCurrent(at('§5.2.2 — Licences as SPDX identifiers or expressions'), 'recommended'),
    c.componentHashSha512(at('§5.2.2 — Hash value of the deployable component (SHA-512)'), 'required'),
    c.componentBsiProperty(
      'bsi:component:executable',
      ['executable', 'non-executable'],
      { en: 'Executable property is set', ja: '実行可能かどうかのプロパティがある' },
      {
        en: 'Says whether the component can be executed, which changes how exposed it is.',
        ja: '部品が実行可能かどうかを示します。攻撃にさらされる度合いが変わります。',
      },
    )(at('§5.2.2 — Executable property'), 'required'),
    c.componentBsiProperty(
      'bsi:component:archive',
      ['archive', 'no archive'],
      { en: 'Archive property is set', ja: 'アーカイブかどうかのプロパティがある' },
      {
        en: 'Says whether the component is an archive that contains other components.',
        ja: '部品が他の部品を含むアーカイブかどうかを示します。',
      },
    )(at('§5.2.2 — Archive property'), 'required'),
    c.componentBsiProperty(
      'bsi:component:structured',
      ['structured', 'unstructured'],
      { en: 'Structured property is set', ja: '構造化されているかどうかのプロパティがある' },
      {
        en: 'Says whether the contents of the component are described in the SBOM in a structured way.',
        ja: '部品の中身がSBOM内で構造的に記述されているかどうかを示します。',
      },
    )(at('§5.2.2 — Structured property'), 'required'),
    c.componentSourceUri(at('§5.2.2 — Source code URI'), 'required'),
    c.componentDeployableUri(at('§5.2.2 — URI of the deployable form'), 'required'),
    c.componentIdentifier(at('§5.2.2 — Other unique identifiers (CPE, SWID, purl)'), 'required'),
    c.componentIdentifierSyntax(at('§5.2.2 — Other unique identifiers (well-formed)'), 'recommended'),
  ],
};
