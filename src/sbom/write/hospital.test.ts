import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { component, supportProperties, type SbomDocument } from '../../core/sbom/model.js';
import { validateCycloneDxJson, validateCycloneDxXml, validateSpdxJson } from '../validate/index.js';
import { hospitalExcludedPrefixes, sbomTargets, writeSbom, type ReleaseSubject } from './index.js';
import { baseOptions, sampleDocument, shuffledDocument } from './write-fixture.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every property (path + name + value) in a CycloneDX JSON document, and the document without them. */
function splitProperties(value: Json, path = ''): { props: string[]; rest: Json } {
  const props: string[] = [];
  const walk = (v: Json, p: string): Json => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${p}/${i}`));
    if (v !== null && typeof v === 'object') {
      const out: { [k: string]: Json } = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === 'properties' && Array.isArray(x)) {
          for (const prop of x as { name: string; value: string }[])
            props.push(`${p}|${prop.name}=${prop.value}`);
        } else out[k] = walk(x, `${p}/${k}`);
      }
      return out;
    }
    return v;
  };
  return { props, rest: walk(value, path) };
}

const isInternal = (entry: string): boolean => {
  const name = entry.slice(entry.indexOf('|') + 1);
  return name.startsWith('mamori:internal:') || name.startsWith('internal:');
};

/**
 * The sample document's personal data as the hospital variant leaves it (personal-data.ts): the
 * authors keep their names only; 山田 花子's role address stays but her phone goes (a person's name);
 * the supplier's role contact sbom@ stays.
 */
function withoutSamplePersonalData(rest: Json): Json {
  const copy = structuredClone(rest) as {
    metadata: { authors: Json[]; component: { supplier: { contact: Json[] } } };
  };
  copy.metadata.authors = [{ name: '佐藤 太郎' }, { name: 'Jane Doe' }];
  copy.metadata.component.supplier.contact = [{ name: '山田 花子', email: 'psirt@acme.example' }];
  return copy;
}

describe('hospital variant', () => {
  it('uses exactly the documented prefixes', () => {
    expect(hospitalExcludedPrefixes).toEqual([supportProperties.internalPrefix, 'internal:']);
  });

  it('CycloneDX JSON: drops exactly the internal properties, everything else is identical', () => {
    const full = splitProperties(
      JSON.parse(writeSbom(sampleDocument(), 'cyclonedx-1.6-json', baseOptions)) as Json,
    );
    const hospital = splitProperties(
      JSON.parse(
        writeSbom(sampleDocument(), 'cyclonedx-1.6-json', { ...baseOptions, variant: 'hospital' }),
      ) as Json,
    );
    const dropped = full.props.filter(isInternal);
    expect(dropped.map((d) => d.slice(d.indexOf('|') + 1)).sort()).toEqual([
      'internal:build-host=ci-07',
      'internal:note=do not share',
      'mamori:internal:release-id=rel_01',
      'mamori:internal:ticket=SEC-1234',
    ]);
    expect(hospital.props).toEqual(full.props.filter((p) => !isInternal(p)));
    expect(hospital.rest).toEqual(withoutSamplePersonalData(full.rest));
    // look-alikes stay; support fields stay
    expect(hospital.props.some((p) => p.endsWith('|internalish=shared'))).toBe(true);
    expect(hospital.props.some((p) => p.endsWith('|acme:mamori:internal:not-a-prefix=shared'))).toBe(true);
    expect(hospital.props.filter((p) => p.includes('|mamori:support:level=')).length).toBe(4);
    expect(hospital.props.filter((p) => p.includes('|cdx:lifecycle:milestone:endOfSupport=')).length).toBe(3);
  });

  it('CycloneDX XML: the same properties as the JSON hospital output', () => {
    const xml = writeSbom(sampleDocument(), 'cyclonedx-1.6-xml', { ...baseOptions, variant: 'hospital' });
    const doc = XmlDocument.fromString(xml);
    const names = doc
      .find('//bom:property/@name', { bom: 'http://cyclonedx.org/schema/bom/1.6' })
      .map((n) => n.content);
    doc.dispose();
    expect(names.filter((n) => n.startsWith('mamori:internal:') || n.startsWith('internal:'))).toEqual([]);
    const json = splitProperties(
      JSON.parse(
        writeSbom(sampleDocument(), 'cyclonedx-1.6-json', { ...baseOptions, variant: 'hospital' }),
      ) as Json,
    );
    expect(names.length).toBe(json.props.length);
    expect(xml).not.toContain('SEC-1234');
    expect(xml).not.toContain('do not share');
  });

  it('SPDX: annotations made from internal properties are dropped, nothing else changes', () => {
    const full = JSON.parse(writeSbom(sampleDocument(), 'spdx-2.3-json', baseOptions)) as Json;
    const hospital = JSON.parse(
      writeSbom(sampleDocument(), 'spdx-2.3-json', { ...baseOptions, variant: 'hospital' }),
    ) as Json;
    const strip = (v: Json): Json => {
      if (Array.isArray(v)) return v.map(strip);
      if (v !== null && typeof v === 'object') {
        const out: { [k: string]: Json } = {};
        for (const [k, x] of Object.entries(v)) {
          if (k === 'annotations' && Array.isArray(x)) {
            const kept = x.filter((a) => !isInternal(`|${(a as { comment: string }).comment}`));
            if (kept.length > 0) out[k] = kept;
          } else out[k] = strip(x);
        }
        return out;
      }
      return v;
    };
    const expected = strip(full) as { creationInfo: { creators: string[] } };
    // The one person with an e-mail address among the creators keeps the name only.
    expect(expected.creationInfo.creators).toContain('Person: 佐藤 太郎 (taro@acme.example)');
    expected.creationInfo.creators = expected.creationInfo.creators.map((c) =>
      c === 'Person: 佐藤 太郎 (taro@acme.example)' ? 'Person: 佐藤 太郎' : c,
    );
    expect(hospital).toEqual(expected);
    expect(JSON.stringify(hospital)).not.toContain('SEC-1234');
    expect(JSON.stringify(full)).toContain('SEC-1234');
  });
});

/** A document full of people's contact data, and role contacts a hospital needs. */
function personalDocument(): SbomDocument {
  const base = sampleDocument();
  const lib = component({
    bomRef: 'pkg:npm/left-pad@1.3.0',
    name: 'left-pad',
    version: '1.3.0',
    purl: 'pkg:npm/left-pad@1.3.0',
    supplier: {
      name: 'Left Pad Maintainers',
      url: ['https://left-pad.example/', 'mailto:azer@left-pad.example', 'mailto:security@left-pad.example'],
      contact: [
        { name: 'Azer Koçulu', email: 'azer@left-pad.example', phone: '+90-555-0101' },
        { name: null, email: 'security@left-pad.example', phone: '+90-555-0199' },
        { name: 'Left Pad PSIRT', email: null, phone: '+90-555-0100' },
        { name: null, email: 'azer.k@left-pad.example', phone: null },
      ],
    },
    author: 'Azer Koçulu <azer@left-pad.example>, Jane Roe (jane.roe@example.org)',
    publisher: 'Person: Jane Roe (jane.roe@example.org)',
    copyright:
      'Copyright (c) 2016 Azer Koçulu <azer@left-pad.example>; security contact security@left-pad.example',
  });
  return {
    ...base,
    metadata: {
      ...base.metadata,
      authors: [
        { name: '佐藤 太郎', email: 'taro@acme.example', phone: '+81-90-0000-0000' },
        { name: null, email: 'ghost@acme.example', phone: null },
        { name: 'ACME PSIRT', email: 'psirt@acme.example', phone: null },
      ],
      supplier: {
        name: 'ACME Medical K.K.',
        url: ['https://acme.example/'],
        contact: [
          { name: '鈴木 一郎', email: 'ichiro.suzuki@acme.example', phone: '+81-3-1111-1111' },
          { name: '製品セキュリティ窓口', email: 'product-security@acme.example', phone: '+81-3-0000-0001' },
        ],
      },
    },
    components: [...base.components, lib],
  };
}

const subject: ReleaseSubject = {
  bomRef: 'mamori:release:rel_01',
  type: 'device',
  name: 'Infusion Pump IP-4',
  version: '4.2.0',
  manufacturer: 'ACME Medical K.K.',
  dependsOn: [],
  endOfSupport: null,
  endOfLife: null,
  releaseDate: null,
  modelNumbers: [],
};

const personal = [
  'taro@acme.example',
  '+81-90-0000-0000',
  'ghost@acme.example',
  'ichiro.suzuki@acme.example',
  '+81-3-1111-1111',
  'azer@left-pad.example',
  'azer.k@left-pad.example',
  '+90-555-0101',
  'jane.roe@example.org',
  '+81-3-0000-0000', // 山田 花子's phone on the product's supplier (write-fixture.ts)
];
/** Organisation-level contact points a hospital needs. */
const organisational = [
  'psirt@acme.example',
  'product-security@acme.example',
  '+81-3-0000-0001',
  'security@left-pad.example',
  '+90-555-0199',
  '+90-555-0100',
  'https://left-pad.example/',
  'https://acme.example/',
];

describe('hospital variant: personal data', () => {
  const hospital = { ...baseOptions, variant: 'hospital', subject } as const;
  const full = { ...baseOptions, subject } as const;

  it.each(sbomTargets)(
    "%s: the full export keeps people's addresses and phones, the hospital export only the organisations'",
    (target) => {
      const fullText = writeSbom(personalDocument(), target, full);
      const hospitalText = writeSbom(personalDocument(), target, hospital);
      // SPDX has no place for phones, an organisation's URLs or a contact's name, and writes an
      // organisation with the first of its contacts' addresses only.
      const carried = (s: string): boolean =>
        target !== 'spdx-2.3-json' ||
        !(s.startsWith('+') || s.startsWith('https://') || s === 'azer.k@left-pad.example');
      for (const s of personal.filter(carried)) expect(fullText, s).toContain(s);
      for (const s of personal) expect(hospitalText, s).not.toContain(s);
      for (const s of organisational.filter(carried)) expect(hospitalText, s).toContain(s);
      // Names stay.
      for (const name of ['佐藤 太郎', 'Azer Koçulu', 'Jane Roe']) expect(hospitalText, name).toContain(name);
      expect(hospitalText).not.toContain('ghost');
    },
  );

  it('CycloneDX JSON: exactly the documented fields change, and the output is valid', () => {
    const bom = JSON.parse(writeSbom(personalDocument(), 'cyclonedx-1.6-json', hospital)) as {
      metadata: { authors: unknown[]; manufacturer: unknown; component: { supplier: unknown } };
      components: {
        name: string;
        supplier?: unknown;
        author?: string;
        publisher?: string;
        copyright?: string;
      }[];
    };
    expect(validateCycloneDxJson(bom, '1.6')).toEqual([]);
    expect(bom.metadata.authors).toEqual([{ name: '佐藤 太郎' }, { name: 'ACME PSIRT' }]);
    // The subject's manufacturer took the uploaded supplier's contacts (subject.ts).
    expect(bom.metadata.manufacturer).toEqual({
      name: 'ACME Medical K.K.',
      url: ['https://acme.example/'],
      contact: [
        { name: '鈴木 一郎' },
        { name: '製品セキュリティ窓口', email: 'product-security@acme.example', phone: '+81-3-0000-0001' },
      ],
    });
    const leftPad = bom.components.find((c) => c.name === 'left-pad')!;
    expect(leftPad).toMatchObject({
      supplier: {
        name: 'Left Pad Maintainers',
        url: ['https://left-pad.example/', 'mailto:security@left-pad.example'],
        contact: [
          { name: 'Azer Koçulu' },
          { email: 'security@left-pad.example', phone: '+90-555-0199' },
          { name: 'Left Pad PSIRT', phone: '+90-555-0100' },
        ],
      },
      author: 'Azer Koçulu, Jane Roe',
      publisher: 'Person: Jane Roe',
      copyright: 'Copyright (c) 2016 Azer Koçulu; security contact security@left-pad.example',
    });
  });

  it("CycloneDX XML: valid against the XSD, without the people's addresses", () => {
    const xml = writeSbom(personalDocument(), 'cyclonedx-1.6-xml', hospital);
    const doc = XmlDocument.fromString(xml);
    try {
      expect(validateCycloneDxXml(doc, '1.6')).toEqual([]);
      const ns = { bom: 'http://cyclonedx.org/schema/bom/1.6' };
      expect(doc.find('//bom:metadata/bom:authors/bom:author/bom:email', ns)).toEqual([]);
      expect(doc.find('//bom:metadata/bom:authors/bom:author/bom:name', ns).map((n) => n.content)).toEqual([
        '佐藤 太郎',
        'ACME PSIRT',
      ]);
      expect([...new Set(doc.find('//bom:email', ns).map((n) => n.content))].sort()).toEqual([
        'product-security@acme.example',
        'psirt@acme.example',
        'security@left-pad.example',
      ]);
    } finally {
      doc.dispose();
    }
  });

  it('SPDX: Person creators keep their names, Organization creators and suppliers keep role addresses only, valid', () => {
    const spdx = JSON.parse(writeSbom(personalDocument(), 'spdx-2.3-json', hospital)) as {
      creationInfo: { creators: string[] };
      packages: { name: string; supplier: string; originator?: string; copyrightText: string }[];
    };
    expect(validateSpdxJson(spdx, '2.3')).toEqual([]);
    expect(spdx.creationInfo.creators.filter((c) => !c.startsWith('Tool: '))).toEqual([
      'Organization: ACME Medical K.K. (product-security@acme.example)',
      'Person: 佐藤 太郎',
      'Person: ACME PSIRT',
    ]);
    const leftPad = spdx.packages.find((p) => p.name === 'left-pad')!;
    expect([leftPad.supplier, leftPad.originator, leftPad.copyrightText]).toEqual([
      'Organization: Left Pad Maintainers (security@left-pad.example)',
      'Organization: Azer Koçulu, Jane Roe',
      'Copyright (c) 2016 Azer Koçulu; security contact security@left-pad.example',
    ]);
  });

  it.each(sbomTargets)('%s: reproducible, whatever order the lists arrive in', (target) => {
    const once = writeSbom(personalDocument(), target, hospital);
    expect(writeSbom(personalDocument(), target, hospital)).toBe(once);
    expect(writeSbom(shuffledDocument(personalDocument(), 11), target, hospital)).toBe(once);
  });
});
