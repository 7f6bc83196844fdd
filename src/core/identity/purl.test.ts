import { describe, expect, it } from 'vitest';
import { buildPurl, canonicalPurl, formatPurl, parsePurl } from './purl.js';

// [source, input, canonical form or null when invalid]
const rows: [string, string, string | null][] = [
  ['purl-spec pypi-definition: lower-case, "_" → "-"', 'pkg:PYPI/Django_Allauth@12.23', 'pkg:pypi/django-allauth@12.23'],
  ['purl-spec npm: scoped namespace is percent-encoded "@"', 'pkg:npm/%40angular/core@16.0.0', 'pkg:npm/%40angular/core@16.0.0'],
  ['purl-spec: qualifiers sorted, keys lower-cased, empty values dropped', 'pkg:deb/debian/curl@7.50.3-1?distro=jessie&arch=i386&empty=', 'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie'],
  ['purl-spec: "/" encoded in qualifier values, ":" not', 'pkg:maven/org.apache/io@1.0?repository_url=https://repo.example/x', 'pkg:maven/org.apache/io@1.0?repository_url=https:%2F%2Frepo.example%2Fx'],
  ['purl-spec: subpath "." and ".." segments dropped', 'pkg:golang/google.golang.org/genproto#/googleapis/./api/../annotations/', 'pkg:golang/google.golang.org/genproto#googleapis/api/annotations'],
  ['purl-spec deb test: "+" in version encoded', 'pkg:deb/debian/attr@1:2.4.47-2+b1', 'pkg:deb/debian/attr@1:2.4.47-2%2Bb1'],
  ['purl-spec: scheme required', 'npm/foo@1', null],
  ['purl-spec pypi: namespace prohibited', 'pkg:pypi/ns/foo', null],
  ['purl-spec maven: namespace required', 'pkg:maven/foo@1', null],
  ['Go standard library as syft, osv-scanner and Trivy write it: no namespace', 'pkg:golang/stdlib@1.21.0', 'pkg:golang/stdlib@1.21.0'],
  ['purl-spec golang: namespace required for every other name', 'pkg:golang/gin@1.0.0', null],
  ['syft deb upstream qualifier: "@" encoded in the value', 'pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?upstream=openssl@3.0.2-0ubuntu1.15&arch=amd64', 'pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?arch=amd64&upstream=openssl%403.0.2-0ubuntu1.15'],
  ['untrusted input: malformed percent-encoding', 'pkg:npm/%E0%A4%A@1', null],
];

describe('purl (purl-spec)', () => {
  it.each(rows)('%s', (_source, input, want) => {
    const r = canonicalPurl(input);
    if (want === null) expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, purl: want });
  });

  it('builds from components and round-trips', () => {
    const b = buildPurl({ type: 'npm', namespace: '@babel', name: 'core', version: '7.0.0', qualifiers: null, subpath: null });
    expect(b.ok && formatPurl(b.purl)).toBe('pkg:npm/%40babel/core@7.0.0');
    const p = parsePurl('pkg:npm/%40babel/core@7.0.0');
    expect(p.ok && p.purl).toEqual({ type: 'npm', namespace: '@babel', name: 'core', version: '7.0.0', qualifiers: null, subpath: null });
  });
});
