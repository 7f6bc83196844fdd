import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { validateCycloneDxJson } from './cyclonedx-json-schema.js';
import { validateCycloneDxXml } from './cyclonedx-xsd.js';
import { validateSpdxJson } from './spdx-json-schema.js';

describe('official schema validators', () => {
  it('CycloneDX JSON: duplicate components are caught by uniqueItems, located by JSON pointer', () => {
    const c = { type: 'library', name: 'a' };
    expect(validateCycloneDxJson({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [c] }, '1.5')).toEqual([]);
    const errors = validateCycloneDxJson({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [c, { ...c }] }, '1.5');
    expect(errors[0]).toMatchObject({ code: 'schema', location: '/components', rule: expect.stringMatching(/uniqueItems/) as unknown });
  });

  it('CycloneDX XML: XSD errors carry line numbers', () => {
    const doc = XmlDocument.fromString('<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">\n<components>\n<component type="nope"><name>a</name></component>\n</components>\n</bom>');
    try {
      const errors = validateCycloneDxXml(doc, '1.6');
      expect(errors[0]).toMatchObject({ severity: 'error', code: 'schema', location: 'line 3' });
      expect(errors[0]?.message).toMatch(/nope/);
    } finally {
      doc.dispose();
    }
  });

  it('SPDX JSON: 2.2 and 2.3 schemas', () => {
    const base = { spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'x', documentNamespace: 'https://e.x/x', creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: t'] } };
    expect(validateSpdxJson(base, '2.3')).toEqual([]);
    expect(validateSpdxJson({ ...base, creationInfo: {} }, '2.3').map((d) => d.location)).toEqual(['/creationInfo']);
    expect(validateSpdxJson({ ...base, spdxVersion: 'SPDX-2.2' }, '2.2')).toEqual([]);
  });
});
