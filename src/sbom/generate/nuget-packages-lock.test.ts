import { describe, expect, it } from 'vitest';
import { parseNugetPackagesLock } from './nuget-packages-lock.js';

describe('parseNugetPackagesLock', () => {
  it('reads every framework once per resolved version and skips project references', () => {
    const r = parseNugetPackagesLock(
      JSON.stringify({
        version: 1,
        dependencies: {
          'net6.0': {
            'Test.Core': { type: 'Direct', requested: '[6.0.5, )', resolved: '6.0.5' },
            'Test.System': { type: 'Transitive', resolved: '0.13.0-beta4', dependencies: { 'Test.Core': '6.0.0' } },
            MyProject: { type: 'Project' },
          },
          'net7.0': { 'Test.Core': { type: 'Direct', resolved: '6.0.5' } },
        },
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => p.purl)).toEqual(['pkg:nuget/Test.Core@6.0.5', 'pkg:nuget/Test.System@0.13.0-beta4']);
    expect(r.value.packages[1]!.dependencies).toEqual(['pkg:nuget/Test.Core@6.0.5']);
    expect(r.value.project?.dependencies).toEqual(['pkg:nuget/Test.Core@6.0.5']);
  });

  it('reads contentHash (base64 SHA-512 of the .nupkg) as a hex SHA-512 hash', () => {
    const r = parseNugetPackagesLock(
      JSON.stringify({
        version: 1,
        dependencies: {
          'net8.0': {
            'Newtonsoft.Json': { type: 'Direct', requested: '[13.0.3, )', resolved: '13.0.3', contentHash: 'jgkf3sccFMHzL8bism42sMIWX3J0GXh+jn1YBNfPRj/UzNYdIUyaxfKhYFRBuKXo9GhgVcYDywvH2CHnVtHaaQ==' },
            Short: { type: 'Transitive', resolved: '1.0.0', contentHash: 'AAAA' },
          },
        },
      }),
    );
    expect(r.ok && r.value.packages.map((p) => p.hashes)).toEqual([
      [{ alg: 'SHA-512', content: '8e091fdec71c14c1f32fc6e2b26e36b0c2165f727419787e8e7d5804d7cf463fd4ccd61d214c9ac5f2a1605441b8a5e8f4686055c603cb0bc7d821e756d1da69' }],
      [],
    ]);
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parseNugetPackagesLock('{"version": 0, "dependencies": {}}')).toMatchObject({ ok: false, error: { code: 'lockfile.unsupported' } });
    expect(parseNugetPackagesLock('nope')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parseNugetPackagesLock('{"version": 1, "dependencies": {"net6.0": [1]}}')).toMatchObject({ ok: true, value: { packages: [] } });
  });
});
