import { describe, expect, it } from 'vitest';
import { parseSpdxTagValue } from '../read/parse-spdx-tag-value.js';
import { validateSpdxTagValue } from './spdx-tag-value-rules.js';

const doc = `SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: x
DocumentNamespace: https://example.com/x
Creator: Person: A
Created: 2026-01-02T03:04:05Z
`;

describe('SPDX tag-value rules', () => {
  it('accepts a minimal complete document', () => {
    expect(validateSpdxTagValue(parseSpdxTagValue(doc).document, '2.3')).toEqual([]);
  });

  it('reports missing document fields, bad Created, bad SPDXID and repeated single fields', () => {
    const text = doc.replace('DocumentName: x\n', '').replace('2026-01-02T03:04:05Z', '2026-01-02') + 'PackageName: a\nSPDXID: pkg-a\nPackageDownloadLocation: NONE\nPackageVersion: 1\nPackageVersion: 2\n';
    const found = validateSpdxTagValue(parseSpdxTagValue(text).document, '2.3').map((d) => `${d.code} ${d.location}`);
    expect(found).toEqual(['tagvalue.required line 1', 'tagvalue.invalid_value line 6', 'tagvalue.cardinality line 11', 'tagvalue.invalid_value line 8']);
  });

  it('requires the relationship triple', () => {
    const found = validateSpdxTagValue(parseSpdxTagValue(doc + 'Relationship: SPDXRef-DOCUMENT DESCRIBES\n').document, '2.3');
    expect(found).toEqual([expect.objectContaining({ code: 'tagvalue.invalid_value', location: 'line 8' })]);
  });
});
