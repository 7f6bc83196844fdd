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

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parseNugetPackagesLock('{"version": 0, "dependencies": {}}')).toMatchObject({ ok: false, error: { code: 'lockfile.unsupported' } });
    expect(parseNugetPackagesLock('nope')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parseNugetPackagesLock('{"version": 1, "dependencies": {"net6.0": [1]}}')).toMatchObject({ ok: true, value: { packages: [] } });
  });
});
