import { describe, expect, it } from 'vitest';
import { parseGemfileLock } from './gemfile-lock.js';

describe('parseGemfileLock', () => {
  it('reads GEM and GIT specs, platforms, revisions and dependencies', () => {
    const r = parseGemfileLock(`GIT
  remote: https://github.com/hanami/utils.git
  revision: 5904fc9a70683b8749aa2861257d0c8c01eae4aa
  specs:
    hanami-utils (2.0.0.alpha1)
      concurrent-ruby (~> 1.0)

GEM
  remote: https://rubygems.org/
  specs:
    concurrent-ruby (1.1.7)
    nokogiri (1.13.1-x86_64-linux)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  hanami-utils!

BUNDLED WITH
   2.2.28
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.purl, p.commit])).toEqual([
      ['pkg:gem/hanami-utils@2.0.0.alpha1', '5904fc9a70683b8749aa2861257d0c8c01eae4aa'],
      ['pkg:gem/concurrent-ruby@1.1.7', null],
      ['pkg:gem/nokogiri@1.13.1', null],
    ]);
    expect(r.value.packages[0]!.dependencies).toEqual(['pkg:gem/concurrent-ruby@1.1.7']);
  });

  it('reads the CHECKSUMS section (Bundler 2.5+) per gem version and platform', () => {
    const r = parseGemfileLock(`GEM
  remote: https://rubygems.org/
  specs:
    nokogiri (1.15.5-x86_64-linux)
      racc (~> 1.4)
    racc (1.7.3)
    rake (13.1.0)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  nokogiri

CHECKSUMS
  nokogiri (1.15.5-x86_64-linux) sha256=f2992bac66fdae679453c9e86134a4201f6f43a687d8ff1cd1b2862d53c80259
  racc (1.7.3) sha256=23524e4fefbb587c11f0833b3910bfb414bf2e2534d61928e920f54e3a1b881f
  rake (13.1.0)

BUNDLED WITH
   2.5.3
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.name, p.hashes])).toEqual([
      ['nokogiri', [{ alg: 'SHA-256', content: 'f2992bac66fdae679453c9e86134a4201f6f43a687d8ff1cd1b2862d53c80259' }]],
      ['racc', [{ alg: 'SHA-256', content: '23524e4fefbb587c11f0833b3910bfb414bf2e2534d61928e920f54e3a1b881f' }]],
      ['rake', []],
    ]);
  });

  it('returns a value with warnings for malformed input', () => {
    const r = parseGemfileLock('GEM\n  specs:\n    bad line here (\n');
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual(['gemfile.syntax']);
    expect(parseGemfileLock('nothing')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parseGemfileLock('')).toMatchObject({ ok: true, value: { packages: [] } });
  });
});
