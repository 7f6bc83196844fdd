import { describe, expect, it } from 'vitest';
import { readSbom } from './read-sbom.js';
import { parseSpdxTagValue } from './parse-spdx-tag-value.js';

const header = `SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: pump
DocumentNamespace: https://example.com/spdx/pump
Creator: Tool: gen-1.0
Created: 2026-01-02T03:04:05Z
`;

describe('SPDX tag-value', () => {
  it('parses multi-line <text> values and keeps line numbers', () => {
    const { document, diagnostics } = parseSpdxTagValue(`${header}DocumentComment: <text>first
second</text>
PackageName: lib
SPDXID: SPDXRef-lib
PackageDownloadLocation: NOASSERTION
Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-lib
PackageVersion: 1.0
`);
    expect(diagnostics).toEqual([]);
    expect(document.document.fields.find((f) => f.tag === 'DocumentComment')).toEqual({ tag: 'DocumentComment', value: 'first\nsecond', line: 8 });
    const pkg = document.sections.find((s) => s.kind === 'package')!;
    expect(pkg.line).toBe(10);
    // A relationship between package fields does not end the package section.
    expect(pkg.fields.map((f) => f.tag)).toEqual(['PackageName', 'SPDXID', 'PackageDownloadLocation', 'PackageVersion']);
  });

  it('reports malformed lines, unknown tags, unterminated text and missing required fields with line numbers', () => {
    const r = readSbom(new TextEncoder().encode(`${header}this is not a tag line
Bogus: x
PackageName: lib
PackageDownloadLocation: NOASSERTION
PackageComment: <text>never closed
`));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('sbom.invalid');
    expect(r.diagnostics.map((d) => [d.code, d.location])).toEqual([
      ['tagvalue.syntax', 'line 8'],
      ['tagvalue.unknown_tag', 'line 9'],
      ['tagvalue.unterminated_text', 'line 12'],
      ['tagvalue.required', 'line 10'],
    ]);
    expect(r.diagnostics[3]?.rule).toMatch(/SPDX 2\.3 clause 7\.2 \(SPDXID, mandatory\)/);
  });

  it('maps packages and inverts DEPENDENCY_OF, locating diagnostics by line', () => {
    const r = readSbom(new TextEncoder().encode(`${header}Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app

PackageName: app
SPDXID: SPDXRef-app
PackageDownloadLocation: NOASSERTION

PackageName: lib
SPDXID: SPDXRef-lib
PackageVersion: 2.0
PackageSupplier: Organization: Acme (a@acme.example)
PackageDownloadLocation: https://acme.example/lib.tgz
PackageChecksum: SHA256: ${'CD'.repeat(32)}
ExternalRef: PACKAGE-MANAGER purl pkg:npm/lib@2.0
PackageLicenseDeclared: MIT
ValidUntilDate: 2030-01-01T00:00:00Z
Relationship: SPDXRef-lib DEPENDENCY_OF SPDXRef-app
Relationship: SPDXRef-lib DEPENDS_ON SPDXRef-ghost
`));
    if (!r.ok) throw new Error(r.message);
    expect(r.document).toMatchObject({ format: 'spdx', specVersion: '2.3', encoding: 'tag-value' });
    expect(r.document.metadata.component?.name).toBe('app');
    expect(r.document.components).toHaveLength(1);
    expect(r.document.components[0]).toMatchObject({
      bomRef: 'SPDXRef-lib',
      version: '2.0',
      supplier: { name: 'Acme' },
      purl: 'pkg:npm/lib@2.0',
      hashes: [{ alg: 'SHA-256', content: 'cd'.repeat(32) }],
      licenses: [{ expression: 'MIT', name: null, acknowledgement: 'declared' }],
      endOfSupport: '2030-01-01',
    });
    expect(r.document.dependencies).toEqual([{ ref: 'SPDXRef-app', dependsOn: ['SPDXRef-lib'] }]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'dependency.dangling', location: 'line 24' })]);
  });

  it('applies the 2.2 mandatory package fields', () => {
    const doc = header.replace('SPDX-2.3', 'SPDX-2.2') + 'PackageName: lib\nSPDXID: SPDXRef-lib\nPackageDownloadLocation: NONE\n';
    const r = readSbom(new TextEncoder().encode(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => d.rule)).toEqual([expect.stringMatching(/7\.13/), expect.stringMatching(/7\.15/), expect.stringMatching(/7\.17/)]);
  });
});
