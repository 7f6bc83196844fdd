import { describe, expect, it } from 'vitest';
import { parsePubspecLock } from './pubspec-lock.js';

describe('parsePubspecLock', () => {
  it('reads hosted, git and dev packages without turning versions into numbers', () => {
    const r = parsePubspecLock(`packages:
  shelf:
    dependency: "direct main"
    description:
      name: shelf
      url: "https://pub.dartlang.org"
    source: hosted
    version: "1.10"
  build_runner:
    dependency: "direct dev"
    source: hosted
    version: "2.2.1"
  bridge:
    dependency: transitive
    description:
      resolved-ref: e5adce55eea0b74d3680e66a2c5252edf17b07e1
      url: "https://github.com/o/bridge"
    source: git
    version: "1.32.0"
sdks:
  dart: ">=2.17.0 <3.0.0"
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.purl, p.dev, p.commit])).toEqual([
      ['pkg:pub/shelf@1.10', false, null],
      ['pkg:pub/build_runner@2.2.1', true, null],
      ['pkg:pub/bridge@1.32.0', false, 'e5adce55eea0b74d3680e66a2c5252edf17b07e1'],
    ]);
  });

  it('reads description.sha256 of hosted packages', () => {
    const r = parsePubspecLock(`packages:
  http:
    dependency: "direct main"
    description:
      name: http
      sha256: "f2992bac66fdae679453c9e86134a4201f6f43a687d8ff1cd1b2862d53c80259"
      url: "https://pub.dev"
    source: hosted
    version: "1.1.0"
  old:
    dependency: transitive
    description:
      name: old
      url: "https://pub.dartlang.org"
    source: hosted
    version: "0.1.0"
`);
    expect(r.ok && r.value.packages.map((p) => p.hashes)).toEqual([[{ alg: 'SHA-256', content: 'f2992bac66fdae679453c9e86134a4201f6f43a687d8ff1cd1b2862d53c80259' }], []]);
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parsePubspecLock('packages: [unclosed')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parsePubspecLock('just text')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parsePubspecLock('packages:\n  x: 5\n')).toMatchObject({ ok: true, value: { packages: [] } });
  });
});
