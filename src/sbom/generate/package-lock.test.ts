import { describe, expect, it } from 'vitest';
import { parsePackageLock } from './package-lock.js';

const v3 = JSON.stringify({
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', version: '1.0.0', dependencies: { '@scope/a': '^1.0.0' }, devDependencies: { b: '^2.0.0' } },
    'node_modules/@scope/a': { version: '1.2.3', dependencies: { c: '^1.0.0' } },
    'node_modules/b': { version: '2.0.0', dev: true, dependencies: { c: '^2.0.0' } },
    'node_modules/b/node_modules/c': { version: '2.1.0', dev: true },
    'node_modules/c': { version: '1.0.1', optional: true },
    'node_modules/alias': { name: 'real', version: '3.0.0' },
    'node_modules/gitdep': { version: '0.1.0', resolved: 'git+ssh://git@github.com/o/r.git#0123456789abcdef0123456789abcdef01234567' },
  },
});

describe('parsePackageLock', () => {
  it('reads v2/v3 packages with scope, dev, optional, aliases, commits and node resolution', () => {
    const r = parsePackageLock(v3);
    if (!r.ok) throw new Error(r.error.message);
    const by = new Map(r.value.packages.map((p) => [p.purl, p]));
    expect([...by.keys()].sort()).toEqual([
      'pkg:npm/%40scope/a@1.2.3',
      'pkg:npm/b@2.0.0',
      'pkg:npm/c@1.0.1',
      'pkg:npm/c@2.1.0',
      'pkg:npm/gitdep@0.1.0',
      'pkg:npm/real@3.0.0',
    ]);
    expect(by.get('pkg:npm/b@2.0.0')).toMatchObject({ dev: true, dependencies: ['pkg:npm/c@2.1.0'] });
    expect(by.get('pkg:npm/%40scope/a@1.2.3')).toMatchObject({ dev: false, dependencies: ['pkg:npm/c@1.0.1'] });
    expect(by.get('pkg:npm/c@1.0.1')?.optional).toBe(true);
    expect(by.get('pkg:npm/gitdep@0.1.0')?.commit).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(r.value.project).toEqual({ name: 'app', version: '1.0.0', dependencies: ['pkg:npm/%40scope/a@1.2.3', 'pkg:npm/b@2.0.0'] });
  });

  it('follows workspace links: workspace packages are components, with edges between them and from the root', () => {
    // npm 10 workspace lockfile (as `npm install` writes it for workspaces: ["packages/*"]).
    const lock = JSON.stringify({
      name: 'pump-mono',
      version: '0.1.0',
      lockfileVersion: 3,
      packages: {
        '': { name: 'pump-mono', version: '0.1.0', workspaces: ['packages/*', '!packages/skip'], devDependencies: { typescript: '5.4.5' }, dependencies: { etag: 'file:deps/etag' } },
        'node_modules/@pump/a': { resolved: 'packages/a', link: true },
        'node_modules/@pump/b': { resolved: 'packages/b', link: true },
        'node_modules/skip': { resolved: 'packages/skip', link: true },
        'node_modules/etag': { resolved: 'deps/etag', link: true },
        'node_modules/lodash': { version: '4.17.4' },
        'node_modules/minimist': { version: '1.2.0' },
        'node_modules/typescript': { version: '5.4.5', dev: true },
        'deps/etag': { version: '1.8.1' },
        'packages/a': { name: '@pump/a', version: '1.0.0', dependencies: { lodash: '^4.17.4', '@pump/b': '1.0.0', etag: '*' } },
        'packages/a/node_modules/minimist': { version: '0.0.8' },
        'packages/b': { name: '@pump/b', version: '1.0.0', dependencies: { minimist: '1.2.0' } },
        'packages/skip': { name: 'skip', version: '0.0.1' },
      },
    });
    const r = parsePackageLock(lock);
    if (!r.ok) throw new Error(r.error.message);
    const by = new Map(r.value.packages.map((p) => [p.purl, p]));
    expect(by.get('pkg:npm/%40pump/a@1.0.0')).toMatchObject({ name: '@pump/a', version: '1.0.0', dev: false });
    expect(by.get('pkg:npm/%40pump/a@1.0.0')?.dependencies).toEqual(['pkg:npm/lodash@4.17.4', 'pkg:npm/%40pump/b@1.0.0', 'pkg:npm/etag@1.8.1']);
    expect(by.get('pkg:npm/%40pump/b@1.0.0')?.dependencies).toEqual(['pkg:npm/minimist@1.2.0']);
    expect(r.value.project).toEqual({
      name: 'pump-mono',
      version: '0.1.0',
      dependencies: ['pkg:npm/etag@1.8.1', 'pkg:npm/typescript@5.4.5', 'pkg:npm/%40pump/a@1.0.0', 'pkg:npm/%40pump/b@1.0.0'],
    });
  });

  it('reads integrity as hashes (SRI base64 → hex, algorithm from its prefix) and license as written', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        // fastify 5.12.8 as mamori's own package-lock.json records it.
        'node_modules/fastify': {
          version: '5.12.8',
          license: 'MIT',
          integrity: 'sha512-moP8exb2sCHLUbJkwp+I6C0padhy4D8lp0SdmzY7HhSdZuqm7O/u3o2aq7u8okaQ//33QDzj3G/u+FsSdB8Qzw==',
        },
        // Old registry entries carry SHA-1 only; two algorithms may be listed; a truncated digest is dropped.
        'node_modules/old': { version: '1.0.0', license: 'Proprietary', integrity: 'sha1-LH3Vufg+c7P/NpL00ISe/xXyVk8= sha512-AAAA' },
        'node_modules/none': { version: '1.0.0' },
      },
    });
    const r = parsePackageLock(lock);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.name, p.hashes, p.license])).toEqual([
      [
        'fastify',
        [{ alg: 'SHA-512', content: '9a83fc7b16f6b021cb51b264c29f88e82d2969d872e03f25a7449d9b363b1e149d66eaa6ecefeede8d9aabbbbca24690fffdf7403ce3dc6feef85b12741f10cf' }],
        'MIT',
      ],
      ['old', [{ alg: 'SHA-1', content: '2c7dd5b9f83e73b3ff3692f4d0849eff15f2564f' }], 'Proprietary'],
      ['none', [], null],
    ]);
    // v1 trees carry integrity too.
    const v1 = parsePackageLock(JSON.stringify({ lockfileVersion: 1, dependencies: { old: { version: '1.0.0', integrity: 'sha1-LH3Vufg+c7P/NpL00ISe/xXyVk8=' } } }));
    expect(v1.ok && v1.value.packages[0]!.hashes).toEqual([{ alg: 'SHA-1', content: '2c7dd5b9f83e73b3ff3692f4d0849eff15f2564f' }]);
  });

  it('reads v1 dependency trees with requires resolved through scopes', () => {
    const v1 = JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        a: { version: '1.0.0', requires: { b: '^1' } },
        b: { version: '1.0.0', dev: true },
        x: { version: '1.0.0', requires: { b: '^2' }, dependencies: { b: { version: '2.0.0' } } },
        y: { version: 'npm:@babel/core@7.0.0' },
        z: { version: 'file:../z' },
      },
    });
    const r = parsePackageLock(v1);
    if (!r.ok) throw new Error(r.error.message);
    const by = new Map(r.value.packages.map((p) => [`${p.name}@${p.version}`, p]));
    expect(by.get('a@1.0.0')?.dependencies).toEqual(['pkg:npm/b@1.0.0']);
    expect(by.get('x@1.0.0')?.dependencies).toEqual(['pkg:npm/b@2.0.0']);
    expect(by.get('b@1.0.0')?.dev).toBe(true);
    expect(by.has('@babel/core@7.0.0')).toBe(true);
    expect(by.get('z@null')?.purl).toBe('pkg:npm/z');
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parsePackageLock('{not json')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parsePackageLock('[]')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parsePackageLock('{"lockfileVersion": 9}')).toMatchObject({ ok: false, error: { code: 'lockfile.unsupported' } });
    expect(parsePackageLock('['.repeat(100) + ']'.repeat(100))).toMatchObject({ ok: false, error: { code: 'lockfile.too_deep' } });
    expect(parsePackageLock('{"packages": {"node_modules/a": 5, "__proto__": {"version": "1"}}}')).toMatchObject({ ok: true, value: { packages: [] } });
    expect(parsePackageLock('{}', 'x', { maxBytes: 1, maxDepth: 64, maxPackages: 10, maxAliasCount: 1 })).toMatchObject({
      ok: false,
      error: { code: 'lockfile.too_large' },
    });
  });
});
