/**
 * What the CycloneDX mapper proves about the lists it reads (no two items equal) and hands on to the
 * schema's uniqueItems check, and that a document the proof does not cover is still checked.
 */
import { describe, expect, it } from 'vitest';
import { itemsProvenDistinct } from '../validate/unique-items.js';
import { streamCycloneDx } from './map-cyclonedx.js';
import { readSbom, readSbomStream } from './read-sbom.js';
import { SbomRefused } from './sbom-read-result.js';

type Json = Record<string, unknown>;
const lib = (ref: string | null, name = ref ?? 'x'): Json => ({
  type: 'library',
  name,
  ...(ref === null ? {} : { 'bom-ref': ref }),
});

function mapped(bom: Json): Json {
  const stream = streamCycloneDx(bom, '1.6', 'json', (_node, pointer) => pointer, []);
  for (const c of stream.components()) void c;
  stream.dependencies();
  return bom;
}

function bom(components: Json[], dependencies: Json[] = []): Json {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: { component: lib('root') },
    components,
    dependencies,
  };
}

describe('CycloneDX mapper: lists proven free of equal items', () => {
  it('marks component lists whose items all have bom-refs of their own, at every level, and dependency lists with distinct refs', () => {
    const nested = [lib('c'), lib('d')];
    const doc = mapped(
      bom(
        [{ ...lib('a'), components: nested }, lib('b')],
        [{ ref: 'a', dependsOn: ['b'] }, { ref: 'b' }, { ref: 'root', dependsOn: ['a'] }],
      ),
    );
    expect(itemsProvenDistinct(doc.components as unknown[])).toBe(true);
    expect(itemsProvenDistinct(nested)).toBe(true);
    expect(itemsProvenDistinct(doc.dependencies as unknown[])).toBe(true);
  });

  it('does not mark a list with an item without a bom-ref, a repeated bom-ref, or a repeated dependency ref', () => {
    const noRef = mapped(bom([lib('a'), lib(null, 'b')]));
    expect(itemsProvenDistinct(noRef.components as unknown[])).toBe(false);

    const repeated = mapped(bom([lib('a'), lib('a', 'other')]));
    expect(itemsProvenDistinct(repeated.components as unknown[])).toBe(false);

    // A ref repeated among dependencies: known (explicit), dangling, and a ref that only a
    // generated bom-ref could match.
    for (const ref of ['a', 'nowhere', 'mamori-generated:/components/1']) {
      const doc = mapped(
        bom([lib('a'), lib(null, 'b')], [{ ref, dependsOn: [] }, { ref: 'root' }, { ref, dependsOn: ['a'] }]),
      );
      expect(itemsProvenDistinct(doc.dependencies as unknown[]), ref).toBe(false);
    }
    const notObjects = mapped(bom([lib('a')], [{ ref: 'a' }, 'a' as unknown as Json]));
    expect(itemsProvenDistinct(notObjects.dependencies as unknown[])).toBe(false);
  });

  it('still refuses two identical dependency entries, streamed or read whole, with the schema rule', () => {
    const doc = bom(
      [lib('a'), lib('b')],
      [{ ref: 'a', dependsOn: ['b'] }, { ref: 'b' }, { ref: 'a', dependsOn: ['b'] }],
    );
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    const whole = readSbom(bytes);
    expect(whole.ok).toBe(false);
    const rule = (d: { code: string; rule: string | null; location: string }) =>
      `${d.code} ${d.location} ${d.rule}`;
    const wholeErrors = whole.ok ? [] : whole.diagnostics.filter((d) => d.severity === 'error').map(rule);
    expect(wholeErrors.some((r) => r.includes('uniqueItems') && r.includes('/dependencies'))).toBe(true);

    const read = readSbomStream(bytes);
    if (!read.ok) throw new Error(read.message);
    for (const c of read.stream.components()) void c;
    read.stream.dependencies();
    let refused: unknown = null;
    try {
      read.stream.finish();
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(SbomRefused);
    const streamed = (refused as SbomRefused).failure.diagnostics
      .filter((d) => d.severity === 'error')
      .map(rule);
    expect(streamed).toEqual(wholeErrors);
  });
});
