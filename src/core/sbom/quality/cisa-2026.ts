/**
 * CISA "2026 Minimum Elements for a Software Bill of Materials" (29 July 2026): nine SBOM metadata
 * elements and eight component elements, plus the Coverage practice. Element numbers follow the
 * list in reference/sbom-vuln-disclosure.md §1.4 (taken from a secondary source quoting the PDF).
 *
 * The hash elements (#12, #13) ask for a cryptographic hash and its algorithm without naming one:
 * any named algorithm with a well-formed digest meets them; MD5 or SHA-1 alone is flagged by the
 * recommended component.hash.strong.
 *
 * Component License (#15) asks for license identifiers: the recommended component.license.syntax
 * checks they are SPDX License List ids in valid SPDX expressions, component.license.current that
 * none is deprecated on that list.
 */
import { sameInBothLanguages, type QualityProfile } from './check.js';
import * as c from './common-checks.js';

const document = sameInBothLanguages('CISA 2026 Minimum Elements for an SBOM');
const at = (section: string) => ({ document, section });

export const cisa2026: QualityProfile = {
  id: 'cisa-2026',
  title: { en: 'CISA minimum elements (2026)', ja: 'CISA 最小要素（2026年）' },
  source: sameInBothLanguages(
    'CISA et al., 2026 Minimum Elements for a Software Bill of Materials, 29 July 2026',
  ),
  versionDate: '2026-07-29',
  checks: [
    c.documentAuthor(at('SBOM metadata — SBOM Author'), 'required'),
    c.documentSignature(at('SBOM metadata — SBOM Author Signature'), 'required'),
    c.documentFormat(at('SBOM metadata — SBOM Data Format Name and Version'), 'required'),
    c.documentGenerationContext(at('SBOM metadata — SBOM Generation Context'), 'required'),
    c.documentTimestamp(at('SBOM metadata — SBOM Timestamp'), 'required'),
    c.documentToolName(at('SBOM metadata — SBOM Tool Name'), 'required'),
    c.documentToolVersion(at('SBOM metadata — SBOM Tool Version'), 'required'),
    c.documentIdentity(at('SBOM metadata — SBOM Version'), 'required'),
    c.documentComponents(at('Practices — Coverage'), 'required'),
    c.documentDependencies(at('Component — Component Dependency Relationship'), 'required'),
    c.documentPrimaryComponent(at('Practices — Coverage (the target component)'), 'recommended'),
    c.documentDependencyRefs(at('Component — Component Dependency Relationship'), 'recommended'),
    c.componentProducer(at('Component — Component Producer'), 'required'),
    c.componentName(at('Component — Component Name'), 'required'),
    c.componentVersion(at('Component — Component Version'), 'required'),
    c.componentIdentifier(at('Component — Component Identifiers'), 'required'),
    c.componentHash(at('Component — Component Hash Value and Hash Algorithm'), 'required'),
    c.componentHashStrong(c.weakHashSource, 'recommended'),
    c.componentLicense(at('Component — Component License'), 'required'),
    c.componentRelationship(at('Component — Component Dependency Relationship'), 'required'),
    c.componentIdentifierSyntax(
      at('Component — Component Identifiers (usable as a look-up key)'),
      'recommended',
    ),
    c.componentLicenseSyntax(at('Component — Component License (license identifiers)'), 'recommended'),
    c.componentLicenseCurrent(at('Component — Component License (license identifiers)'), 'recommended'),
  ],
};
