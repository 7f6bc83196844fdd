import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { component, type Component, type Property, type SbomDocument } from '../../core/sbom/model.js';
import { writeSbom } from './index.js';
import { withSupportProperties } from './prepare.js';
import { baseOptions, sampleDocument } from './write-fixture.js';

const EOS = 'cdx:lifecycle:milestone:endOfSupport';
const LEVEL = 'mamori:support:level';

function docWith(c: Component): SbomDocument {
  return {
    ...sampleDocument(),
    metadata: { ...sampleDocument().metadata, component: null, properties: [] },
    components: [c],
    dependencies: [],
  };
}

describe('support fields', () => {
  it('are written as canonical properties; a property already present with the same value is not repeated', () => {
    const props = (fields: Partial<Component>): Property[] =>
      withSupportProperties(component({ bomRef: 'x', name: 'x', ...fields }));
    expect(props({ endOfSupport: '2030-01-31', supportLevel: 'abandoned' })).toEqual([
      { name: EOS, value: '2030-01-31' },
      { name: LEVEL, value: 'abandoned' },
    ]);
    expect(
      props({
        endOfSupport: '2030-01-31',
        properties: [
          { name: EOS, value: '2030-01-31' },
          { name: EOS, value: '2030-01-31' },
        ],
      }),
    ).toEqual([{ name: EOS, value: '2030-01-31' }]);
  });

  it('the model field supersedes canonical and alias properties with another value; agreeing aliases stay', () => {
    const out = withSupportProperties(
      component({
        bomRef: 'x',
        name: 'x',
        endOfSupport: '2031-01-01',
        supportLevel: 'no longer maintained',
        properties: [
          { name: EOS, value: '2029-01-01' },
          { name: 'cdx:fda:end-of-support-date', value: '2029-01-01' },
          { name: 'mamori:support:endOfSupport', value: '2031-01-01' },
          { name: 'cdx:fda:level-of-support', value: 'no longer maintained' },
          { name: 'reliza:support:status', value: 'actively maintained' },
          { name: 'other', value: 'kept' },
        ],
      }),
    );
    expect(out).toEqual([
      { name: 'mamori:support:endOfSupport', value: '2031-01-01' },
      { name: 'cdx:fda:level-of-support', value: 'no longer maintained' },
      { name: 'other', value: 'kept' },
      { name: EOS, value: '2031-01-01' },
      { name: LEVEL, value: 'no longer maintained' },
    ]);
  });

  it('null fields leave the properties as they are', () => {
    const properties = [
      { name: 'cdx:fda:level-of-support', value: 'abandoned' },
      { name: EOS, value: '2020-01-01' },
    ];
    expect(withSupportProperties(component({ bomRef: 'x', name: 'x', properties }))).toEqual(properties);
  });

  const c = component({
    bomRef: 'lib',
    name: 'lib',
    version: '1',
    endOfSupport: '2030-06-30',
    supportLevel: 'actively maintained',
  });

  it('CycloneDX JSON and XML carry them as properties', () => {
    const bom = JSON.parse(writeSbom(docWith(c), 'cyclonedx-1.6-json', baseOptions)) as {
      components: { properties: Property[] }[];
    };
    expect(bom.components[0]?.properties).toEqual([
      { name: EOS, value: '2030-06-30' },
      { name: LEVEL, value: 'actively maintained' },
    ]);
    const xml = XmlDocument.fromString(
      writeSbom(docWith(c), 'cyclonedx-1.6-xml', { ...baseOptions, variant: 'hospital' }),
    );
    const ns = { bom: 'http://cyclonedx.org/schema/bom/1.6' };
    expect(
      xml
        .find(`//bom:component[@bom-ref="lib"]/bom:properties/bom:property[@name="${EOS}"]`, ns)
        .map((n) => n.content),
    ).toEqual(['2030-06-30']);
    expect(
      xml
        .find(`//bom:component[@bom-ref="lib"]/bom:properties/bom:property[@name="${LEVEL}"]`, ns)
        .map((n) => n.content),
    ).toEqual(['actively maintained']);
    xml.dispose();
  });

  it('SPDX carries end of support as validUntilDate and both as annotations', () => {
    const spdx = JSON.parse(
      writeSbom(docWith(c), 'spdx-2.3-json', { ...baseOptions, variant: 'hospital' }),
    ) as {
      packages: {
        validUntilDate?: string;
        annotations?: {
          comment: string;
          annotator: string;
          annotationDate: string;
          annotationType: string;
        }[];
      }[];
    };
    const p = spdx.packages[0];
    expect(p?.validUntilDate).toBe('2030-06-30T00:00:00Z');
    expect(p?.annotations).toEqual([
      {
        annotationDate: '2026-04-01T09:30:00Z',
        annotationType: 'OTHER',
        annotator: 'Tool: mamori-0.1.0',
        comment: `${EOS}=2030-06-30`,
      },
      {
        annotationDate: '2026-04-01T09:30:00Z',
        annotationType: 'OTHER',
        annotator: 'Tool: mamori-0.1.0',
        comment: `${LEVEL}=actively maintained`,
      },
    ]);
  });
});
