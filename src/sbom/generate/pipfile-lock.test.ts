import { describe, expect, it } from 'vitest';
import { osvPackageForPurlString } from '../../core/identity/osv-ecosystem.js';
import { parsePipfileLock } from './pipfile-lock.js';

describe('parsePipfileLock', () => {
  it('reads default and develop pins; git entries are unresolved', () => {
    const r = parsePipfileLock(
      JSON.stringify({
        default: { Markupsafe: { version: '==2.1.1' }, both: { version: '==1.0' } },
        develop: { pytest: { version: '==7.0.0' }, both: { version: '==1.0' }, mine: { git: 'https://x/y.git', ref: 'abc' } },
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.purl, p.dev])).toEqual([
      ['pkg:pypi/markupsafe@2.1.1', false],
      ['pkg:pypi/both@1.0', false],
      ['pkg:pypi/pytest@7.0.0', true],
    ]);
    expect(r.value.unresolved.map((u) => u.name)).toEqual(['mine']);
  });

  it('keeps the name as the lockfile spells it; the purl follows the purl spec (lower case, _ → -, dots kept)', () => {
    // purl-spec types/pypi-definition.json; PEP 503 spellings of one project are one package.
    const r = parsePipfileLock(
      JSON.stringify({ default: { 'ruamel.yaml': { version: '==0.18.6' }, Typing_Extensions: { version: '==4.12.2' } }, develop: { 'typing-extensions': { version: '==4.12.2' } } }),
    );
    expect(r.ok && r.value.packages.map((p) => [p.name, p.purl, p.dev])).toEqual([
      ['ruamel.yaml', 'pkg:pypi/ruamel.yaml@0.18.6', false],
      ['Typing_Extensions', 'pkg:pypi/typing-extensions@4.12.2', false],
    ]);
    // The scan still matches OSV's PEP 503 name.
    expect(osvPackageForPurlString('pkg:pypi/ruamel.yaml@0.18.6')).toMatchObject({ ok: true, package: { ecosystem: 'PyPI', name: 'ruamel-yaml' } });
  });

  it('reads hashes ("sha256:<hex>", one per distribution file) as SHA-256 hashes', () => {
    const wheel = 'e3ae1b6f0b43a3b7cc0b2f38e1d82c17c2d5d2b3d35b6e2a2a2c6d4ad7a7e0c1';
    const sdist = '0b9fcd0f4a8a8f6a3e0c6d1c9f7e2b1a4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f';
    const r = parsePipfileLock(JSON.stringify({ default: { requests: { version: '==2.31.0', hashes: [`sha256:${wheel}`, `sha256:${sdist.toUpperCase()}`, 'md5:xyz', 7] } } }));
    expect(r.ok && r.value.packages[0]!.hashes).toEqual([
      { alg: 'SHA-256', content: wheel },
      { alg: 'SHA-256', content: sdist },
    ]);
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parsePipfileLock('nope')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parsePipfileLock('{"default": [1, 2]}')).toMatchObject({ ok: true, value: { packages: [] } });
  });
});
