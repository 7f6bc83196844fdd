/**
 * FDA premarket cybersecurity guidance (final June 2025, reissued February 2026 for the QMSR),
 * §V.A.4: the NTIA "Framing Software Component Transparency" (Oct 2021) baseline attributes, plus
 * per component the level of support and the end-of-support date, plus the known vulnerabilities
 * with their assessment (a separate document). See reference/sbom-vuln-disclosure.md §1.1, §1.6, §1.11.
 * The baseline's Component Hash names no algorithm: any named algorithm with a well-formed digest
 * meets it; MD5 or SHA-1 alone is flagged by the recommended component.hash.strong.
 */
import { sameInBothLanguages, type QualityProfile } from './check.js';
import * as c from './common-checks.js';

const document = sameInBothLanguages('FDA Premarket Cybersecurity Guidance (2025; reissued 2026)');
const at = (section: string) => ({ document, section });
const baseline = (attribute: string) =>
  at(`§V.A.4(b) — NTIA baseline attributes (Framing, Oct 2021): ${attribute}`);

export const fda: QualityProfile = {
  id: 'fda',
  title: { en: 'FDA premarket SBOM', ja: 'FDA 市販前申請のSBOM' },
  source: sameInBothLanguages(
    'FDA, Cybersecurity in Medical Devices: Quality Management System Considerations and Content of Premarket Submissions (June 2025; reissued February 2026)',
  ),
  versionDate: '2026-02-03',
  checks: [
    c.documentAuthor(baseline('Author Name'), 'required'),
    c.documentTimestamp(baseline('Timestamp'), 'required'),
    c.documentFormat(at('§V.A.4(b) and §VI.A — machine-readable SBOM'), 'required'),
    c.documentComponents(at('§V.A.4(a) — manufacturer, third-party and upstream components'), 'required'),
    c.documentDependencies(baseline('Relationship'), 'required'),
    c.documentVulnerabilityAssessment(
      at('§V.A.4(b) — known vulnerabilities, including CISA KEV, with risk assessment and controls'),
      'required',
    ),
    c.documentPrimaryComponent(baseline('Relationship (primary component)'), 'recommended'),
    c.documentDependencyRefs(baseline('Relationship'), 'recommended'),
    c.documentToolName(
      at('§V.A.4(b) — industry-accepted formats (how the SBOM was generated)'),
      'recommended',
    ),
    c.componentSupplier(baseline('Supplier Name'), 'required'),
    c.componentName(baseline('Component Name'), 'required'),
    c.componentVersion(baseline('Version String'), 'required'),
    c.componentIdentifier(baseline('Unique Identifier'), 'required'),
    c.componentHash(baseline('Component Hash'), 'required'),
    c.componentHashStrong(c.weakHashSource, 'recommended'),
    c.componentRelationship(baseline('Relationship'), 'required'),
    c.componentSupportLevel(at('§V.A.4(b) — level of support of each component'), 'required'),
    c.componentEndOfSupport(at('§V.A.4(b) — end-of-support date of each component'), 'required'),
    c.componentIdentifierSyntax(baseline('Unique Identifier (usable as a look-up key)'), 'recommended'),
  ],
};
