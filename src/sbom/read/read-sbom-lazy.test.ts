/**
 * readSbomLoadingXml gives readSbom's answer for every kind of document, loading the XML reader only
 * when a document needs it.
 */
import { describe, expect, it } from 'vitest';
import { readSbom } from './read-sbom.js';
import { readSbomLoadingXml } from './read-sbom-lazy.js';

const enc = (s: string) => new TextEncoder().encode(s);

const documents: Record<string, Uint8Array> = {
  'CycloneDX JSON': enc(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [{ type: 'library', name: 'a', version: '1', purl: 'pkg:npm/a@1' }],
    }),
  ),
  'CycloneDX XML': enc(
    '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components><component type="library"><name>b</name><version>2</version></component></components></bom>\n',
  ),
  'CycloneDX XML, schema error': enc(
    '<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="nonsense"><name>b</name></component></components></bom>',
  ),
  'XML with a DOCTYPE': enc(
    '<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY x "y">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>',
  ),
  'XML of an unsupported version': enc('<bom xmlns="http://cyclonedx.org/schema/bom/1.1" version="1"/>'),
  'SPDX tag-value': enc(
    'SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: d\nDocumentNamespace: https://example.com/d\nCreator: Tool: t\nCreated: 2024-01-01T00:00:00Z\n',
  ),
  'not UTF-8': new Uint8Array([0x7b, 0xff, 0x7d]),
  'plain text': enc('hello'),
};

describe('readSbomLoadingXml', () => {
  for (const [name, bytes] of Object.entries(documents)) {
    it(`answers as readSbom does: ${name}`, async () => {
      expect(await readSbomLoadingXml(bytes, { fileName: 'x' })).toEqual(readSbom(bytes, { fileName: 'x' }));
    });
  }

  it('reads XML documents read before and after the reader has been loaded alike', async () => {
    const xml = documents['CycloneDX XML']!;
    const first = await readSbomLoadingXml(xml);
    const second = await readSbomLoadingXml(xml);
    expect(first.ok && first.document.components.map((c) => c.name)).toEqual(['b']);
    expect(second).toEqual(first);
  });
});
