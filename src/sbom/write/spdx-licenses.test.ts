/**
 * SPDX 2.3 licence fields (docs/sbom-mapping.md, Licenses): licenseConcluded / licenseDeclared hold
 * SPDX license expressions (SPDX 2.3 §7.13, §7.15), whose ids SPDX 2.3 Annex D takes from the SPDX
 * License List. A licence name, and an expression stated in an imported SBOM that is not a valid
 * SPDX expression (`Proprietary`), are written as a LicenseRef with hasExtractedLicensingInfos; the
 * model keeps the expression as the SBOM stated it, and CycloneDX output keeps it as an expression.
 */
import { describe, expect, it } from 'vitest';
import { component, type License, type SbomDocument } from '../../core/sbom/model.js';
import { isValidSpdxExpression } from '../../core/sbom/quality/spdx-license-syntax.js';
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
  packages: {
    name: string;
    licenseConcluded: string;
    licenseDeclared: string;
    annotations?: { annotationType: string; annotator: string; comment: string }[];
  }[];
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

  describe('the licence list annotation (mamori:component:licenses)', () => {
    const lic = (expression: string | null, acknowledgement: License['acknowledgement'], name: string | null = null): License => ({
      expression,
      name,
      acknowledgement,
    });
    const licenceAnnotations = (out: SpdxOut, name: string) =>
      (out.packages.find((p) => p.name === name)!.annotations ?? []).filter((a) => a.comment.startsWith('mamori:component:licenses='));

    it('keeps the fields valid SPDX expressions and adds the list when they alone would lose it', () => {
      const out = spdx(
        documentWith({
          // CycloneDX `licenses: [{license: {id: "MIT"}}, {license: {id: "Apache-2.0"}}]`.
          two: [lic('MIT', null), lic('Apache-2.0', null)],
          mixed: [lic('MIT OR BSD-3-Clause', 'declared'), lic(null, 'declared', 'ACME EULA'), lic('Proprietary', 'concluded'), lic('Zlib', 'concluded')],
          invalid: [lic('Proprietary', 'declared')],
          // One declared licence, the other without an acknowledgement: both in licenseDeclared.
          unacknowledged: [lic('MIT', 'declared'), lic('MIT', null)],
        }),
      );
      const pkg = (name: string) => out.packages.find((p) => p.name === name)!;
      expect(pkg('two')).toMatchObject({ licenseDeclared: 'Apache-2.0 AND MIT', licenseConcluded: 'NOASSERTION' });
      expect(licenceAnnotations(out, 'two')).toEqual([
        {
          annotationDate: '2026-04-01T09:30:00Z',
          annotationType: 'OTHER',
          annotator: 'Tool: mamori-0.1.0',
          comment: 'mamori:component:licenses=[{"expression":"Apache-2.0"},{"expression":"MIT"}]',
        },
      ]);
      expect(pkg('mixed')).toMatchObject({ licenseDeclared: '(MIT OR BSD-3-Clause) AND LicenseRef-ACME-EULA', licenseConcluded: 'LicenseRef-Proprietary AND Zlib' });
      expect(licenceAnnotations(out, 'mixed').map((a) => a.comment)).toEqual([
        'mamori:component:licenses=[{"expression":"MIT OR BSD-3-Clause","acknowledgement":"declared"},{"expression":"Proprietary","acknowledgement":"concluded"},{"expression":"Zlib","acknowledgement":"concluded"},{"name":"ACME EULA","acknowledgement":"declared"}]',
      ]);
      // One licence, but an expression SPDX cannot carry (it would come back as a name).
      expect(pkg('invalid').licenseDeclared).toBe('LicenseRef-Proprietary');
      expect(licenceAnnotations(out, 'invalid').map((a) => a.comment)).toEqual(['mamori:component:licenses=[{"expression":"Proprietary","acknowledgement":"declared"}]']);
      expect(pkg('unacknowledged').licenseDeclared).toBe('MIT');
      expect(licenceAnnotations(out, 'unacknowledged').map((a) => a.comment)).toEqual(['mamori:component:licenses=[{"expression":"MIT"},{"expression":"MIT","acknowledgement":"declared"}]']);
      // Every field a valid SPDX expression (or NOASSERTION), every LicenseRef defined.
      const defined = new Set(out.hasExtractedLicensingInfos?.map((i) => i.licenseId));
      for (const p of out.packages)
        for (const field of [p.licenseDeclared, p.licenseConcluded]) {
          expect(field === 'NOASSERTION' || isValidSpdxExpression(field), field).toBe(true);
          for (const ref of field.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) expect(defined.has(ref), ref).toBe(true);
        }
    });

    it('is not written when licenseDeclared and licenseConcluded give every entry back', () => {
      const lists: Record<string, License[]> = {
        declared: [lic('MIT', 'declared')],
        // A missing acknowledgement comes back declared, and the declared licence first: the diff
        // compares the two alike, and each export sorts the list (docs/sbom-mapping.md).
        unacknowledged: [lic('MIT', null)],
        both: [lic('MIT', 'declared'), lic('MIT', 'concluded')],
        named: [lic(null, 'concluded', 'ACME EULA')],
        compound: [lic('Apache-2.0 OR MIT', 'concluded'), lic('(MIT AND Zlib)', null)],
        none: [],
      };
      const out = spdx(documentWith(lists));
      for (const name of Object.keys(lists)) expect(licenceAnnotations(out, name), name).toEqual([]);
      expect(out.packages.find((p) => p.name === 'compound')).toMatchObject({ licenseConcluded: 'Apache-2.0 OR MIT', licenseDeclared: '(MIT AND Zlib)' });
    });
  });
});
