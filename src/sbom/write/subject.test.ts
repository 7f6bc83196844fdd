/**
 * An exported release describes the product release (QA: the hospital SBOM named "juice-shop 14.1.1",
 * the uploaded root, instead of "CardioMonitor X200 1.1.0", and had no manufacturer). Schema validity
 * with a subject is checked in schema.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readSbom } from '../read/index.js';
import { sbomTargets, writeSbom, type ReleaseSubject } from './index.js';
import { baseOptions, sampleDocument, shuffledDocument } from './write-fixture.js';

const subject: ReleaseSubject = {
  bomRef: 'mamori:release:r1',
  type: 'device',
  name: 'CardioMonitor X200',
  version: '1.1.0',
  manufacturer: 'Example Medical K.K.',
  dependsOn: ['openssl', 'not-a-component'],
  endOfSupport: null,
  endOfLife: null,
  releaseDate: null,
  modelNumbers: [],
};

/** A release on the market: dates and model numbers (QA M2: none of them reached the export). */
const onMarket: ReleaseSubject = {
  ...subject,
  endOfSupport: '2034-03-31',
  endOfLife: '2032-03-31',
  releaseDate: '2026-04-01',
  modelNumbers: ['IP-200', 'IP-200/JP'],
};

interface CdxComponent {
  'bom-ref': string;
  type: string;
  name: string;
  version?: string;
  supplier?: { name: string };
  components?: CdxComponent[];
}
interface Cdx {
  metadata: {
    component: CdxComponent & { properties?: { name: string; value: string }[] };
    manufacturer?: { name: string; url?: string[]; contact?: { email?: string }[] };
    supplier?: { name: string };
  };
  components: CdxComponent[];
  dependencies: { ref: string; dependsOn?: string[] }[];
}

const refsOf = (list: CdxComponent[]): string[] => list.flatMap((c) => [c['bom-ref'], ...refsOf(c.components ?? [])]);

describe('the release as the subject of an export', () => {
  for (const variant of ['hospital', 'full'] as const) {
    it(`CycloneDX (${variant}): metadata.component is the product release, metadata.manufacturer its manufacturer, the uploaded root a component`, () => {
      const doc = sampleDocument();
      const bom = JSON.parse(writeSbom(doc, 'cyclonedx-1.6-json', { ...baseOptions, variant, subject })) as Cdx;
      expect(bom.metadata.component).toEqual({
        type: 'device',
        'bom-ref': 'mamori:release:r1',
        supplier: { name: 'Example Medical K.K.' },
        name: 'CardioMonitor X200',
        version: '1.1.0',
      });
      expect(bom.metadata.manufacturer).toEqual({ name: 'Example Medical K.K.' });
      // The manufacturer is the document's one organisation: the uploaded document's supplier (who
      // supplied that file, another organisation here) is not written as the export's supplier.
      expect(bom.metadata.supplier).toBeUndefined();
      const root = bom.components.find((c) => c['bom-ref'] === doc.metadata.component!.bomRef);
      expect(root).toMatchObject({ name: doc.metadata.component!.name, version: doc.metadata.component!.version });
      // Every ref in the graph names a component or the subject; the subject depends on the old root
      // and on the (existing) manual components.
      const known = new Set([bom.metadata.component['bom-ref'], ...refsOf(bom.components)]);
      for (const d of bom.dependencies) {
        expect(known.has(d.ref), d.ref).toBe(true);
        for (const r of d.dependsOn ?? []) if (r !== 'not-in-this-document') expect(known.has(r), r).toBe(true);
      }
      expect(bom.dependencies.find((d) => d.ref === 'mamori:release:r1')?.dependsOn).toEqual(['openssl', 'pkg:generic/acme/infusion-pump@4.2.0']);
      expect(bom.dependencies.find((d) => d.ref === 'pkg:generic/acme/infusion-pump@4.2.0')?.dependsOn).toEqual([
        'fw-main',
        'openssl',
        'pkg:npm/lodash@4.17.21',
      ]);
    });
  }

  it('CycloneDX XML writes metadata.manufacturer after the component, in the XSD order', () => {
    const xml = writeSbom(sampleDocument(), 'cyclonedx-1.6-xml', { ...baseOptions, variant: 'hospital', subject });
    const metadata = xml.slice(xml.indexOf('<metadata>'), xml.indexOf('</metadata>'));
    expect(metadata).toMatch(/<component type="device" bom-ref="mamori:release:r1">[\s\S]*<name>CardioMonitor X200<\/name>\s*<version>1\.1\.0<\/version>/);
    expect(metadata.indexOf('<manufacturer>')).toBeGreaterThan(metadata.lastIndexOf('</component>'));
    // The manufacturer is the document's one organisation: no metadata/supplier follows it.
    expect(metadata.slice(metadata.lastIndexOf('</component>'))).not.toContain('<supplier>');
  });

  it('SPDX 2.3: the document describes the release package, made by the manufacturer, which depends on the uploaded root', () => {
    const spdx = JSON.parse(writeSbom(sampleDocument(), 'spdx-2.3-json', { ...baseOptions, variant: 'hospital', subject })) as {
      name: string;
      creationInfo: { creators: string[] };
      packages: { SPDXID: string; name: string; versionInfo?: string; supplier: string; primaryPackagePurpose?: string }[];
      relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
    };
    expect(spdx.name).toBe('CardioMonitor X200 1.1.0');
    const described = spdx.relationships.filter((r) => r.relationshipType === 'DESCRIBES').map((r) => r.relatedSpdxElement);
    expect(described).toHaveLength(1);
    const release = spdx.packages.find((p) => p.SPDXID === described[0]);
    expect(release).toMatchObject({ name: 'CardioMonitor X200', versionInfo: '1.1.0', supplier: 'Organization: Example Medical K.K.', primaryPackagePurpose: 'DEVICE' });
    expect(spdx.creationInfo.creators).toContain('Organization: Example Medical K.K.');
    // The uploaded root (group acme, a generic purl) is named group/name (core/sbom/spdx-package-name.ts).
    const root = spdx.packages.find((p) => p.name === 'acme/Infusion Pump IP-4');
    expect(root).toBeDefined();
    expect(spdx.relationships).toContainEqual({ spdxElementId: described[0], relationshipType: 'DEPENDS_ON', relatedSpdxElement: root!.SPDXID });
  });

  it('SaMD is an application; a document without a root keeps its components, and a taken bom-ref gets a suffix', () => {
    const doc = sampleDocument();
    const noRoot = { ...doc, metadata: { ...doc.metadata, component: null } };
    const bom = JSON.parse(
      writeSbom(noRoot, 'cyclonedx-1.6-json', { ...baseOptions, subject: { ...subject, type: 'application', bomRef: 'openssl', dependsOn: [] } }),
    ) as Cdx;
    expect(bom.metadata.component).toMatchObject({ type: 'application', 'bom-ref': 'openssl-2', name: 'CardioMonitor X200' });
    expect(refsOf(bom.components)).toContain('openssl');
    expect(refsOf(bom.components)).not.toContain('pkg:generic/acme/infusion-pump@4.2.0');
    // Nothing to depend on: no entry is invented for the subject.
    expect(bom.dependencies.find((d) => d.ref === 'openssl-2')).toBeUndefined();
  });

  it('is reproducible: the same bytes for the same input, whatever order the lists arrive in', () => {
    for (const target of ['cyclonedx-1.6-json', 'cyclonedx-1.6-xml', 'spdx-2.3-json'] as const) {
      const options = { ...baseOptions, variant: 'hospital' as const, subject };
      const a = writeSbom(sampleDocument(), target, options);
      expect(writeSbom(sampleDocument(), target, options)).toBe(a);
      expect(writeSbom(shuffledDocument(sampleDocument(), 42), target, options)).toBe(a);
    }
  });

  it('without a subject the document keeps its own root (offline conversion)', () => {
    const bom = JSON.parse(writeSbom(sampleDocument(), 'cyclonedx-1.6-json', baseOptions)) as Cdx;
    expect(bom.metadata.component['bom-ref']).toBe('pkg:generic/acme/infusion-pump@4.2.0');
    expect(bom.metadata.manufacturer).toBeUndefined();
  });

  for (const variant of ['hospital', 'full'] as const) {
    it(`the device carries the release's end of support, end of life, release date and the model numbers (${variant}; QA M2)`, () => {
      const options = { ...baseOptions, variant, subject: onMarket };
      const bom = JSON.parse(writeSbom(sampleDocument(), 'cyclonedx-1.6-json', options)) as Cdx;
      expect(bom.metadata.component.properties).toEqual([
        { name: 'cdx:lifecycle:milestone:endOfLife', value: '2032-03-31' },
        { name: 'cdx:lifecycle:milestone:endOfSupport', value: '2034-03-31' },
        { name: 'cdx:lifecycle:milestone:generalAvailability', value: '2026-04-01' },
        { name: 'mamori:device:modelNumber', value: 'IP-200' },
        { name: 'mamori:device:modelNumber', value: 'IP-200/JP' },
      ]);
      const xml = writeSbom(sampleDocument(), 'cyclonedx-1.6-xml', options);
      const subjectXml = xml.slice(xml.indexOf('<component type="device" bom-ref="mamori:release:r1">'), xml.indexOf('<manufacturer>'));
      expect(subjectXml).toContain('<property name="cdx:lifecycle:milestone:endOfSupport">2034-03-31</property>');
      expect(subjectXml).toContain('<property name="cdx:lifecycle:milestone:endOfLife">2032-03-31</property>');
      expect(subjectXml).toContain('<property name="mamori:device:modelNumber">IP-200/JP</property>');
      const spdx = JSON.parse(writeSbom(sampleDocument(), 'spdx-2.3-json', options)) as {
        packages: { SPDXID: string; validUntilDate?: string; annotations?: { comment: string }[] }[];
        relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
      };
      const described = spdx.relationships.find((r) => r.relationshipType === 'DESCRIBES')!.relatedSpdxElement;
      const device = spdx.packages.find((p) => p.SPDXID === described)!;
      expect(device.validUntilDate).toBe('2034-03-31T00:00:00Z');
      expect(device.annotations?.map((a) => a.comment)).toEqual([
        'cdx:lifecycle:milestone:endOfLife=2032-03-31',
        'cdx:lifecycle:milestone:endOfSupport=2034-03-31',
        'cdx:lifecycle:milestone:generalAvailability=2026-04-01',
        'mamori:device:modelNumber=IP-200',
        'mamori:device:modelNumber=IP-200/JP',
      ]);
      // Read back (the hospital imports what it received), every format gives the device its end of
      // support and keeps the other dates and the model numbers, without a warning about them.
      for (const target of sbomTargets) {
        const back = readSbom(new TextEncoder().encode(writeSbom(sampleDocument(), target, options)));
        if (!back.ok) throw new Error(back.message);
        const device = back.document.metadata.component!;
        expect([target, device.name, device.version, device.endOfSupport]).toEqual([target, 'CardioMonitor X200', '1.1.0', '2034-03-31']);
        expect(device.properties.filter((p) => p.name !== 'cdx:lifecycle:milestone:endOfSupport')).toEqual([
          { name: 'cdx:lifecycle:milestone:endOfLife', value: '2032-03-31' },
          { name: 'cdx:lifecycle:milestone:generalAvailability', value: '2026-04-01' },
          { name: 'mamori:device:modelNumber', value: 'IP-200' },
          { name: 'mamori:device:modelNumber', value: 'IP-200/JP' },
        ]);
      }
    });
  }

  it('a release in development (no dates) and a product without model numbers add no properties', () => {
    const bom = JSON.parse(writeSbom(sampleDocument(), 'cyclonedx-1.6-json', { ...baseOptions, subject })) as Cdx;
    expect(bom.metadata.component.properties).toBeUndefined();
  });

  it("the manufacturer is the export's one organisation: read back, nothing is reported as not kept or lost (QA L4)", () => {
    // The uploaded document names the manufacturer as its supplier, with a URL and a contact.
    const doc = sampleDocument();
    const same = { ...subject, manufacturer: 'ACME Medical K.K.' };
    for (const variant of ['hospital', 'full'] as const) {
      const options = { ...baseOptions, variant, subject: same };
      const bom = JSON.parse(writeSbom(doc, 'cyclonedx-1.6-json', options)) as Cdx;
      expect(bom.metadata.manufacturer).toEqual({ name: 'ACME Medical K.K.', url: ['https://acme.example/'], contact: [{ email: 'sbom@acme.example' }] });
      expect(bom.metadata.supplier).toBeUndefined();
      const spdx = JSON.parse(writeSbom(doc, 'spdx-2.3-json', options)) as { creationInfo: { creators: string[] } };
      expect(spdx.creationInfo.creators.filter((c) => c.startsWith('Organization:'))).toEqual(['Organization: ACME Medical K.K. (sbom@acme.example)']);
      for (const target of sbomTargets) {
        const back = readSbom(new TextEncoder().encode(writeSbom(doc, target, options)));
        if (!back.ok) throw new Error(back.message);
        expect(back.diagnostics.filter((d) => d.code === 'metadata_supplier.not_kept')).toEqual([]);
        expect(back.document.metadata.supplier?.name).toBe('ACME Medical K.K.');
        if (target !== 'spdx-2.3-json') expect(back.document.metadata.supplier).toEqual(doc.metadata.supplier);
      }
    }
    // Another organisation's supplier (a contractor produced the uploaded file) is not the export's.
    const back = readSbom(new TextEncoder().encode(writeSbom(doc, 'cyclonedx-1.6-xml', { ...baseOptions, subject })));
    expect(back.ok && back.diagnostics.filter((d) => d.code === 'metadata_supplier.not_kept')).toEqual([]);
    expect(back.ok && back.document.metadata.supplier).toEqual({ name: 'Example Medical K.K.', url: [], contact: [] });
  });
});
