/**
 * NTIA "The Minimum Elements for a Software Bill of Materials" (July 2021): seven data fields,
 * automation support (a machine-readable format) and practices (depth). See
 * reference/sbom-vuln-disclosure.md §1.1.
 */
import { sameInBothLanguages, type QualityProfile } from './check.js';
import * as c from './common-checks.js';

const document = sameInBothLanguages('NTIA Minimum Elements (2021)');
const at = (section: string) => ({ document, section });

export const ntia2021: QualityProfile = {
  id: 'ntia-2021',
  title: { en: 'NTIA minimum elements (2021)', ja: 'NTIA 最小要素（2021年）' },
  source: sameInBothLanguages(
    'NTIA, The Minimum Elements for a Software Bill of Materials (SBOM), July 2021',
  ),
  versionDate: '2021-07-12',
  checks: [
    c.documentAuthor(at('Data fields — Author of SBOM Data'), 'required'),
    c.documentTimestamp(at('Data fields — Timestamp'), 'required'),
    c.documentFormat(at('Automation support — SPDX, CycloneDX, SWID'), 'required'),
    c.documentComponents(at('Practices and processes — Depth'), 'required'),
    c.documentDependencies(at('Data fields — Dependency Relationship'), 'required'),
    c.documentPrimaryComponent(
      at('Data fields — Dependency Relationship (the including software Y)'),
      'recommended',
    ),
    c.documentDependencyRefs(at('Data fields — Dependency Relationship'), 'recommended'),
    c.componentSupplier(at('Data fields — Supplier Name'), 'required'),
    c.componentName(at('Data fields — Component Name'), 'required'),
    c.componentVersion(at('Data fields — Version of the Component'), 'required'),
    c.componentIdentifier(at('Data fields — Other Unique Identifiers'), 'required'),
    c.componentRelationship(at('Data fields — Dependency Relationship'), 'required'),
    c.componentIdentifierSyntax(
      at('Data fields — Other Unique Identifiers (usable as a look-up key)'),
      'recommended',
    ),
  ],
};
