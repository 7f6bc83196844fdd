import { describe, expect, it } from 'vitest';
import { parsePnpmLock } from './pnpm-lock.js';

describe('parsePnpmLock', () => {
  it('reads lockfileVersion 5 paths with peer suffixes and dev flags', () => {
    const r = parsePnpmLock(`lockfileVersion: 5.4
dependencies:
  a: 1.0.0_b@2.0.0
packages:
  /a/1.0.0_b@2.0.0:
    dependencies:
      b: 2.0.0
    dev: false
  /@s/b/2.0.0:
    dev: true
  /b/2.0.0:
    dev: true
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.purl, p.dev])).toEqual([
      ['pkg:npm/a@1.0.0', false],
      ['pkg:npm/%40s/b@2.0.0', true],
      ['pkg:npm/b@2.0.0', true],
    ]);
    expect(r.value.packages[0]!.dependencies).toEqual(['pkg:npm/b@2.0.0']);
    expect(r.value.project?.dependencies).toEqual(['pkg:npm/a@1.0.0']);
  });

  it('reads lockfileVersion 6 and 9 keys, snapshots and git commits', () => {
    const v6 = parsePnpmLock(`lockfileVersion: '6.0'
packages:
  /@s/a@1.0.0(react@18.0.0):
    resolution: {integrity: sha512-x}
`);
    expect(v6.ok && v6.value.packages.map((p) => p.purl)).toEqual(['pkg:npm/%40s/a@1.0.0']);
    const v9 = parsePnpmLock(`lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      a:
        specifier: ^1.0.0
        version: 1.0.0(b@2.0.0)
packages:
  a@1.0.0:
    resolution: {integrity: sha512-x}
  b@2.0.0:
    resolution: {integrity: sha512-y}
  c@https://codeload.github.com/o/c/tar.gz/02fa893d619d3da85411acc8fd4e2eea0e95a9d9:
    resolution: {tarball: https://codeload.github.com/o/c/tar.gz/02fa893d619d3da85411acc8fd4e2eea0e95a9d9}
    version: 6.0.1
snapshots:
  a@1.0.0(b@2.0.0):
    dependencies:
      b: 2.0.0
  b@2.0.0: {}
`);
    if (!v9.ok) throw new Error(v9.error.message);
    expect(v9.value.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['a@1.0.0', 'b@2.0.0', 'c@6.0.1']);
    expect(v9.value.packages[0]!.dependencies).toEqual(['pkg:npm/b@2.0.0']);
    expect(v9.value.packages[2]!.commit).toBe('02fa893d619d3da85411acc8fd4e2eea0e95a9d9');
    expect(v9.value.project?.dependencies).toEqual(['pkg:npm/a@1.0.0']);
  });

  it('v9 (no dev field): packages reachable only from importers\' devDependencies are dev, as pnpm decides; integrity gives hashes', () => {
    const r = parsePnpmLock(`lockfileVersion: '9.0'
importers:
  .:
    devDependencies:
      typescript:
        specifier: 5.4.5
        version: 5.4.5
      shared:
        specifier: ^1.0.0
        version: 1.0.0
  packages/a:
    dependencies:
      '@pump/b':
        specifier: workspace:*
        version: link:../b
      lodash:
        specifier: 4.17.4
        version: 4.17.4
  packages/b:
    optionalDependencies:
      shared:
        specifier: ^1.0.0
        version: 1.0.0
packages:
  lodash@4.17.4:
    resolution: {integrity: sha512-moP8exb2sCHLUbJkwp+I6C0padhy4D8lp0SdmzY7HhSdZuqm7O/u3o2aq7u8okaQ//33QDzj3G/u+FsSdB8Qzw==}
  typescript@5.4.5:
    resolution: {integrity: sha512-x}
  tslib@2.0.0:
    resolution: {integrity: sha512-x}
  shared@1.0.0:
    resolution: {integrity: sha512-x}
  orphan@1.0.0:
    resolution: {integrity: sha512-x}
snapshots:
  lodash@4.17.4: {}
  typescript@5.4.5:
    dependencies:
      tslib: 2.0.0
  tslib@2.0.0: {}
  shared@1.0.0: {}
  orphan@1.0.0: {}
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.name, p.dev])).toEqual([
      ['lodash', false],
      ['typescript', true],
      // Only through a dev dependency.
      ['tslib', true],
      // A dev dependency of one importer, an optional one of another: not dev-only.
      ['shared', false],
      // Reachable from no importer: unknown.
      ['orphan', null],
    ]);
    expect(r.value.packages[0]!.hashes).toEqual([
      { alg: 'SHA-512', content: '9a83fc7b16f6b021cb51b264c29f88e82d2969d872e03f25a7449d9b363b1e149d66eaa6ecefeede8d9aabbbbca24690fffdf7403ce3dc6feef85b12741f10cf' },
    ]);
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parsePnpmLock('lockfileVersion: 5.4\npackages:\n  axios@1.2.5:\n    dev: false\n')).toMatchObject({
      ok: false,
      error: { code: 'lockfile.invalid' },
    });
    expect(parsePnpmLock('{{{')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parsePnpmLock('a: &a [x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n')).toMatchObject({ ok: false });
    expect(parsePnpmLock('')).toMatchObject({ ok: true, value: { packages: [] } });
    expect(parsePnpmLock("lockfileVersion: '11.0'\n")).toMatchObject({ ok: false, error: { code: 'lockfile.unsupported' } });
  });
});
