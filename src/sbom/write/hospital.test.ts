import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { supportProperties } from '../../core/sbom/model.js';
import { hospitalExcludedPrefixes, writeSbom } from './index.js';
import { baseOptions, sampleDocument } from './write-fixture.js';

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
    expect(hospital.rest).toEqual(full.rest);
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
    expect(hospital).toEqual(strip(full));
    expect(JSON.stringify(hospital)).not.toContain('SEC-1234');
    expect(JSON.stringify(full)).toContain('SEC-1234');
  });
});
