import { describe, expect, it } from 'vitest';
import { parsePoetryLock } from './poetry-lock.js';

describe('parsePoetryLock', () => {
  it('reads packages with category, optional, git commits and dependencies', () => {
    const r = parsePoetryLock(`
[[package]]
name = "Requests"
version = "2.31.0"
category = "main"
optional = false

[package.dependencies]
idna = ">=2.5"

[[package]]
name = "idna"
version = "3.4"
category = "dev"
optional = true

[[package]]
name = "mylib"
version = "0.1.0"

[package.source]
type = "git"
url = "https://github.com/o/mylib.git"
reference = "main"
resolved_reference = "bef3ee1d3618017061498b96c75043e8449ef9b5"
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.purl, p.dev, p.optional])).toEqual([
      ['pkg:pypi/requests@2.31.0', false, false],
      ['pkg:pypi/idna@3.4', true, true],
      ['pkg:pypi/mylib@0.1.0', null, false],
    ]);
    expect(r.value.packages[0]!.dependencies).toEqual(['pkg:pypi/idna@3.4']);
    expect(r.value.packages[2]!.commit).toBe('bef3ee1d3618017061498b96c75043e8449ef9b5');
  });

  it('keeps the name as the lockfile spells it, resolves dependencies by the normalised name, and writes purl-spec purls', () => {
    const r = parsePoetryLock(`[[package]]
name = "ruamel.yaml"
version = "0.18.6"

[package.dependencies]
"ruamel.yaml.clib" = ">=0.2.7"

[[package]]
name = "ruamel-yaml-clib"
version = "0.2.8"
`);
    expect(r.ok && r.value.packages.map((p) => [p.name, p.purl, p.dependencies])).toEqual([
      ['ruamel.yaml', 'pkg:pypi/ruamel.yaml@0.18.6', ['pkg:pypi/ruamel-yaml-clib@0.2.8']],
      ['ruamel-yaml-clib', 'pkg:pypi/ruamel-yaml-clib@0.2.8', []],
    ]);
  });

  it('reads the sha256 hash of each distribution file (files, or [metadata.files] before Poetry 1.5)', () => {
    const current = parsePoetryLock(`[[package]]
name = "Requests"
version = "2.31.0"
files = [
    {file = "requests-2.31.0-py3-none-any.whl", hash = "sha256:f2992bac66fdae679453c9e86134a4201f6f43a687d8ff1cd1b2862d53c80259"},
    {file = "requests-2.31.0.tar.gz", hash = "sha256:23524e4fefbb587c11f0833b3910bfb414bf2e2534d61928e920f54e3a1b881f"},
]
`);
    expect(current.ok && current.value.packages[0]!.hashes).toEqual([
      { alg: 'SHA-256', content: 'f2992bac66fdae679453c9e86134a4201f6f43a687d8ff1cd1b2862d53c80259' },
      { alg: 'SHA-256', content: '23524e4fefbb587c11f0833b3910bfb414bf2e2534d61928e920f54e3a1b881f' },
    ]);
    const old = parsePoetryLock(`[[package]]
name = "requests"
version = "2.31.0"
category = "main"

[metadata.files]
Requests = [
    {file = "requests-2.31.0.tar.gz", hash = "sha256:23524e4fefbb587c11f0833b3910bfb414bf2e2534d61928e920f54e3a1b881f"},
]
`);
    expect(old.ok && old.value.packages[0]!.hashes).toEqual([{ alg: 'SHA-256', content: '23524e4fefbb587c11f0833b3910bfb414bf2e2534d61928e920f54e3a1b881f' }]);
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parsePoetryLock('[[package]\nname=')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parsePoetryLock('package = 5')).toMatchObject({ ok: true, value: { packages: [] } });
    expect(parsePoetryLock('[[package]]\nversion = "1"')).toMatchObject({ ok: true, value: { packages: [] } });
  });
});
