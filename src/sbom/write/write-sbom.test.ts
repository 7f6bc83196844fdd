import { afterEach, describe, expect, it, vi } from 'vitest';
import { component, type Component, type SbomDocument } from '../../core/sbom/model.js';
import { readSbom } from '../read/read-sbom.js';
import { sbomTargets, writeSbom } from './index.js';
import { sortLicenses } from './prepare.js';
import { baseOptions, sampleDocument, shuffledDocument } from './write-fixture.js';

const variants = ['full', 'hospital'] as const;

describe('writeSbom determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  for (const target of sbomTargets) {
    for (const variant of variants) {
      it(`${target} ${variant}: same input and options give the same bytes`, () => {
        const a = writeSbom(sampleDocument(), target, { ...baseOptions, variant });
        const b = writeSbom(sampleDocument(), target, { ...baseOptions, variant });
        expect(b).toBe(a);
        expect(a.endsWith('\n')).toBe(true);
        expect(a.endsWith('\n\n')).toBe(false);
      });

      it(`${target} ${variant}: shuffled components, hashes, licenses, references, properties and dependencies give the same bytes`, () => {
        const expected = writeSbom(sampleDocument(), target, { ...baseOptions, variant });
        for (const seed of [1, 2, 3, 42, 2026]) {
          expect(
            writeSbom(shuffledDocument(sampleDocument(), seed), target, { ...baseOptions, variant }),
          ).toBe(expected);
        }
      });
    }

    it(`${target}: reads neither the clock nor randomness`, () => {
      const random = vi.spyOn(Math, 'random');
      vi.useFakeTimers();
      vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
      const a = writeSbom(sampleDocument(), target, baseOptions);
      vi.setSystemTime(new Date('2099-12-31T23:59:59Z'));
      const b = writeSbom(sampleDocument(), target, baseOptions);
      expect(b).toBe(a);
      expect(random).not.toHaveBeenCalled();
      expect(a).not.toContain('2001-01-01');
      expect(a).not.toContain('2099-12-31');
    });

    it(`${target}: does not modify its input`, () => {
      const doc = sampleDocument();
      const before = JSON.stringify(doc);
      writeSbom(doc, target, { ...baseOptions, variant: 'hospital' });
      expect(JSON.stringify(doc)).toBe(before);
    });
  }

  it('BOM-level external references are written by CycloneDX JSON and XML, sorted, and read back; SPDX has no place for them', () => {
    const doc = sampleDocument();
    const sorted = [...doc.metadata.externalReferences].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    const json = JSON.parse(writeSbom(doc, 'cyclonedx-1.6-json', baseOptions)) as { externalReferences: unknown[] };
    expect(json.externalReferences).toEqual([
      { url: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1', comment: 'The supplier SBOM of the RTOS', type: 'bom', hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }] },
      { url: 'mailto:psirt@acme.example', type: 'security-contact' },
      { url: 'https://acme.example/ip-4', type: 'website' },
    ]);
    for (const target of ['cyclonedx-1.6-json', 'cyclonedx-1.6-xml'] as const) {
      const again = readSbom(new TextEncoder().encode(writeSbom(doc, target, baseOptions)));
      if (!again.ok) throw new Error(again.message);
      expect(again.document.metadata.externalReferences, target).toEqual(sorted);
    }
    const spdx = writeSbom(doc, 'spdx-2.3-json', baseOptions);
    expect(spdx).not.toContain('mailto:psirt@acme.example');
    expect(spdx).not.toContain('urn:cdx:3e671687');
  });

  it('duplicate dependency entries are merged, dependsOn sorted and de-duplicated', () => {
    const bom = JSON.parse(writeSbom(sampleDocument(), 'cyclonedx-1.6-json', baseOptions)) as {
      dependencies: { ref: string; dependsOn?: string[] }[];
    };
    expect(bom.dependencies.map((d) => d.ref)).toEqual([
      'fw-main',
      'openssl',
      'pkg:generic/acme/infusion-pump@4.2.0',
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
      'pkg:npm/lodash@4.17.21',
    ]);
    expect(bom.dependencies[0]).toEqual({
      ref: 'fw-main',
      dependsOn: ['SPDXRef-Package-zlib', 'fw-main/bootloader', 'openssl'],
    });
    expect(bom.dependencies[4]).toEqual({ ref: 'pkg:npm/lodash@4.17.21' });
  });

  it('components are ordered by group, name, version, then bomRef, at every level', () => {
    const bom = JSON.parse(writeSbom(sampleDocument(), 'cyclonedx-1.6-json', baseOptions)) as {
      components: { 'bom-ref': string }[];
    };
    expect(bom.components.map((c) => c['bom-ref'])).toEqual([
      'escaping',
      'same name a',
      'same name b',
      'pkg:npm/lodash@4.17.21',
      'openssl',
      'weird ref/😀',
      'SPDXRef-Package-zlib',
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
    ]);
  });

  it('the SPDX output flattens nested components in the same order', () => {
    const spdx = JSON.parse(writeSbom(sampleDocument(), 'spdx-2.3-json', baseOptions)) as {
      packages: { SPDXID: string }[];
    };
    expect(spdx.packages.map((p) => p.SPDXID).slice(0, 4)).toEqual([
      'SPDXRef-pkg-generic-acme-infusion-pump-4.2.0',
      'SPDXRef-fw-main',
      'SPDXRef-fw-main-bootloader',
      'SPDXRef-escaping',
    ]);
  });

  it('rejects malformed options (caller bugs)', () => {
    const doc = sampleDocument();
    expect(() => writeSbom(doc, 'cyclonedx-1.6-json', { ...baseOptions, serialNumber: 'not-a-urn' })).toThrow(
      RangeError,
    );
    expect(() =>
      writeSbom(doc, 'cyclonedx-1.6-json', {
        ...baseOptions,
        serialNumber: 'urn:uuid:3E671687-395B-41F5-A30F-A58921A69B79',
      }),
    ).toThrow(/lower-case/);
    expect(() => writeSbom(doc, 'spdx-2.3-json', { ...baseOptions, timestamp: '2026-04-01' })).toThrow(
      RangeError,
    );
    expect(() =>
      writeSbom(doc, 'spdx-2.3-json', { ...baseOptions, timestamp: '2026-13-45T99:00:00Z' }),
    ).toThrow(RangeError);
    // A date the calendar does not have: Date.parse would make it 2 March, and the SPDX writer wrote that.
    expect(() =>
      writeSbom(doc, 'spdx-2.3-json', { ...baseOptions, timestamp: '2026-02-30T00:00:00Z' }),
    ).toThrow(RangeError);
    expect(() =>
      writeSbom(doc, 'cyclonedx-1.6-json', { ...baseOptions, timestamp: '2026-04-01T24:00:00Z' }),
    ).toThrow(RangeError);
    expect(() => writeSbom(doc, 'nope' as 'spdx-2.3-json', baseOptions)).toThrow(/unknown target/);
  });

  it('defaults: variant full, tool mamori without a version', () => {
    const doc: SbomDocument = { ...sampleDocument(), metadata: { ...sampleDocument().metadata, tools: [] } };
    const { tool: _tool, ...options } = baseOptions;
    const bom = JSON.parse(writeSbom(doc, 'cyclonedx-1.6-json', options)) as { metadata: { tools: unknown } };
    expect(bom.metadata.tools).toEqual({ components: [{ type: 'application', name: 'mamori' }] });
    const spdx = JSON.parse(writeSbom(doc, 'spdx-2.3-json', options)) as {
      creationInfo: { creators: string[] };
    };
    expect(spdx.creationInfo.creators[0]).toBe('Tool: mamori');
    expect(writeSbom(doc, 'cyclonedx-1.6-json', options)).toContain('mamori:internal:');
  });

  it('an identical mamori entry among the document tools is not repeated', () => {
    const doc = sampleDocument();
    const again: SbomDocument = {
      ...doc,
      metadata: {
        ...doc.metadata,
        tools: [...doc.metadata.tools, { vendor: null, name: 'mamori', version: '0.1.0' }],
      },
    };
    expect(writeSbom(again, 'cyclonedx-1.6-json', baseOptions)).toBe(
      writeSbom(doc, 'cyclonedx-1.6-json', baseOptions),
    );
    expect(writeSbom(again, 'spdx-2.3-json', baseOptions)).toBe(writeSbom(doc, 'spdx-2.3-json', baseOptions));
  });

  it('SPDX ids are sanitized and made unique deterministically', () => {
    const doc: SbomDocument = {
      ...sampleDocument(),
      metadata: { ...sampleDocument().metadata, component: null },
      components: [
        component({ bomRef: 'a b', name: 'x' }),
        component({ bomRef: 'a-b', name: 'y' }),
        component({ bomRef: 'a/b', name: 'z' }),
        component({ bomRef: 'DOCUMENT', name: 'w' }),
        component({ bomRef: '', name: 'v' }),
        component({ bomRef: 'SPDXRef-a-b', name: 'u' }),
        component({ bomRef: 'x y', name: 'a' }),
        component({ bomRef: 'SPDXRef-x-y', name: 'b' }),
      ],
      dependencies: [{ ref: 'a b', dependsOn: ['a/b', 'a-b'] }],
    };
    const spdx = JSON.parse(writeSbom(doc, 'spdx-2.3-json', baseOptions)) as {
      packages: { SPDXID: string; name: string }[];
      relationships: unknown[];
    };
    expect(spdx.packages.map((p) => [p.name, p.SPDXID])).toEqual([
      ['a', 'SPDXRef-x-y-2'],
      ['b', 'SPDXRef-x-y'],
      ['u', 'SPDXRef-a-b'],
      ['v', 'SPDXRef-Package'],
      ['w', 'SPDXRef-DOCUMENT-2'],
      ['x', 'SPDXRef-a-b-2'],
      ['y', 'SPDXRef-a-b-3'],
      ['z', 'SPDXRef-a-b-4'],
    ]);
    expect(spdx.relationships).toContainEqual({
      spdxElementId: 'SPDXRef-a-b-2',
      relationshipType: 'DEPENDS_ON',
      relatedSpdxElement: 'SPDXRef-a-b-4',
    });
    // no metadata component: the document DESCRIBES every top-level package
    expect(
      spdx.relationships.filter((r) => (r as { relationshipType: string }).relationshipType === 'DESCRIBES'),
    ).toHaveLength(8);
  });
});

describe('SPDX export read back (QA secops 8)', () => {
  it('keeps the references it wrote, warns about nothing it wrote itself, and the diff sees no licence change', async () => {
    const { diffSbom } = await import('../../core/sbom/diff.js');
    const doc = sampleDocument();
    const read = (target: (typeof sbomTargets)[number]) => {
      const r = readSbom(new TextEncoder().encode(writeSbom(doc, target, baseOptions)));
      if (!r.ok) throw new Error(r.message);
      return r;
    };
    const cdx = read('cyclonedx-1.6-json');
    const spdx = read('spdx-2.3-json');
    expect(spdx.diagnostics.map((d) => d.code).filter((c) => /external_refs|externalRefs|extracted_licenses/.test(c))).toEqual([]);
    const lodash = spdx.document.components.find((c) => c.name === 'lodash')!;
    expect(lodash.externalReferences).toContainEqual({ type: 'issue-tracker', url: 'https://github.com/lodash/lodash/issues', comment: null, hashes: [] });
    const diff = diffSbom(cdx.document, spdx.document);
    // One licence, declared or without an acknowledgement, is the same licence after the round trip
    // (it was "MIT → MIT (declared)"). Several licences of one component come back as they were (it
    // was "Apache-2.0 WITH LLVM-exception, LicenseRef-openssl-legacy (concluded), OpenSSL License
    // (legacy) → Apache-2.0 WITH LLVM-exception AND LicenseRef-OpenSSL-License--legacy-, …").
    const licenceChanges = diff.modified.flatMap((c) => c.fieldChanges).filter((f) => f.field === 'licenses');
    expect(licenceChanges).toEqual([]);
    // SPDX gives the list back exactly as the model holds it (in the export's order); CycloneDX 1.6
    // has to write the two expressions next to a name as names.
    const openssl = (components: readonly Component[]) => components.find((c) => c.name === 'openssl')!.licenses;
    expect(openssl(spdx.document.components)).toEqual(sortLicenses(openssl(doc.components)));
    expect(openssl(spdx.document.components)).toHaveLength(3);
    expect(cdx.document.components.filter((c) => c.licenses.length === 1).length).toBe(2);
  });
});
