import { describe, expect, it } from 'vitest';
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

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parsePipfileLock('nope')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parsePipfileLock('{"default": [1, 2]}')).toMatchObject({ ok: true, value: { packages: [] } });
  });
});
