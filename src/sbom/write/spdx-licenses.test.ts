/**
 * SPDX 2.3 licence fields (docs/sbom-mapping.md, Licenses): licenseConcluded / licenseDeclared hold
 * SPDX license expressions (SPDX 2.3 §7.13, §7.15), whose ids SPDX 2.3 Annex D takes from the SPDX
 * License List. A licence name, and an expression stated in an imported SBOM that is not a valid
 * SPDX expression (`Proprietary`), are written as a LicenseRef with hasExtractedLicensingInfos; the
 * model keeps the expression as the SBOM stated it, and CycloneDX output keeps it as an expression.
 */
import { describe, expect, it } from 'vitest';
import { component, type License, type SbomDocument } from '../../core/sbom/model.js';
import { writeSbom } from './index.js';
import { baseOptions, sampleDocument } from './write-fixture.js';

function documentWith(licenses: Record<string, License[]>): SbomDocument {
  const base = sampleDocument();
  return {
    ...base,
    metadata: { ...base.metadata, component: null },
    components: Object.entries(licenses).map(([name, l]) => component({ bomRef: name, name, licenses: l })),
    dependencies: [],
  };
}

type SpdxOut = {
  packages: { name: string; licenseConcluded: string; licenseDeclared: string }[];
  hasExtractedLicensingInfos?: { licenseId: string; extractedText: string; name?: string; comment?: string }[];
};

const spdx = (doc: SbomDocument) => JSON.parse(writeSbom(doc, 'spdx-2.3-json', { ...baseOptions, variant: 'full' })) as SpdxOut;

describe('SPDX 2.3 licence fields', () => {
  it('writes an expression with an id not on the SPDX License List as a LicenseRef, and keeps valid ones', () => {
    const out = spdx(
      documentWith({
        prop: [{ expression: 'Proprietary', name: null, acknowledgement: 'concluded' }],
        mixed: [{ expression: 'MIT OR Commercial', name: null, acknowledgement: 'declared' }],
        exception: [{ expression: 'GPL-2.0-only WITH Unknown-exception', name: null, acknowledgement: 'concluded' }],
        named: [{ expression: null, name: 'Proprietary', acknowledgement: 'declared' }],
        ok: [
          { expression: 'apache-2.0 WITH LLVM-exception', name: null, acknowledgement: 'concluded' },
          { expression: 'GPL-2.0+', name: null, acknowledgement: 'declared' },
        ],
      }),
    );
    const pkg = (name: string) => out.packages.find((p) => p.name === name)!;
    expect(pkg('prop').licenseConcluded).toBe('LicenseRef-Proprietary');
    // The same text as a name and as an expression is one LicenseRef, described as a name.
    expect(pkg('named').licenseDeclared).toBe('LicenseRef-Proprietary');
    expect(pkg('mixed').licenseDeclared).toBe('LicenseRef-MIT-OR-Commercial');
    expect(pkg('exception').licenseConcluded).toBe('LicenseRef-GPL-2.0-only-WITH-Unknown-exception');
    // Valid expressions are written as stated (ids match case-insensitively; deprecated ids are valid).
    expect(pkg('ok')).toMatchObject({ licenseConcluded: 'apache-2.0 WITH LLVM-exception', licenseDeclared: 'GPL-2.0+' });
    const info = (id: string) => out.hasExtractedLicensingInfos?.find((i) => i.licenseId === id);
    expect(info('LicenseRef-Proprietary')).toMatchObject({ extractedText: 'Proprietary', name: 'Proprietary', comment: expect.stringContaining('license name') as unknown });
    expect(info('LicenseRef-MIT-OR-Commercial')).toMatchObject({
      extractedText: 'MIT OR Commercial',
      name: 'MIT OR Commercial',
      comment: expect.stringContaining('not a valid SPDX license expression') as unknown,
    });
    expect(out.hasExtractedLicensingInfos?.map((i) => i.licenseId)).toEqual([
      'LicenseRef-GPL-2.0-only-WITH-Unknown-exception',
      'LicenseRef-MIT-OR-Commercial',
      'LicenseRef-Proprietary',
    ]);
  });

  it('CycloneDX keeps an imported expression as the SBOM stated it', () => {
    const doc = documentWith({ prop: [{ expression: 'Proprietary', name: null, acknowledgement: 'concluded' }] });
    const cdx = JSON.parse(writeSbom(doc, 'cyclonedx-1.6-json', { ...baseOptions, variant: 'full' })) as { components: { name: string; licenses: unknown[] }[] };
    expect(cdx.components.find((c) => c.name === 'prop')!.licenses).toEqual([{ expression: 'Proprietary', acknowledgement: 'concluded' }]);
  });
});
