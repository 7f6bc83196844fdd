import { describe, expect, it } from 'vitest';
import { parseOsvRecord, type Advisory } from '../core/vulns/advisory.js';
import { evaluateAffected } from '../core/vulns/osv-range.js';
import {
  decodeMatchRecord,
  encodeMatchRecord,
  JoinedVersions,
  packageMatchRecords,
} from './match-records.js';

function advisory(record: Record<string, unknown>): Advisory {
  const r = parseOsvRecord({ modified: '2024-01-01T00:00:00Z', ...record });
  if (!r.ok) throw new Error(r.reason);
  return r.advisory;
}

const record = advisory({
  id: 'GHSA-aaaa-bbbb-cccc',
  aliases: ['CVE-2024-0001'],
  upstream: ['PYSEC-2024-1'],
  summary: 'overflow',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'Django_Thing' },
      ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2' }], database_specific: { x: 1 } },
      ],
      versions: ['1.0', '1.1'],
    },
    {
      package: { ecosystem: 'npm', name: 'left-pad' },
      versions: ['0.1.0'],
      database_specific: { severity: 'MODERATE' },
    },
    {
      package: { ecosystem: 'PyPI', name: 'django-thing' },
      severity: [
        { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
      ],
      ranges: [{ type: 'GIT', repo: 'https://example.com/r.git', events: [{ introduced: '0' }] }],
      versions: ['2.0'],
    },
  ],
});

describe('match records', () => {
  it('keep, per package, only the entries that name it, with what a hit needs of the whole record', () => {
    const recs = packageMatchRecords(record);
    expect([...recs.keys()]).toEqual(['PyPI\u0000django-thing', 'npm\u0000left-pad']);
    const pypi = recs.get('PyPI\u0000django-thing')!;
    expect(pypi.affected.map((a) => a.package.name)).toEqual(['Django_Thing', 'django-thing']);
    expect(pypi.affected[0]!.ranges).toEqual([
      { type: 'ECOSYSTEM', repo: null, events: [{ introduced: '1.0' }, { fixed: '1.2' }] },
    ]);
    expect(pypi.ids).toEqual(['GHSA-aaaa-bbbb-cccc', 'CVE-2024-0001', 'PYSEC-2024-1']);
    // The severity word comes from another package's entry; the CVSS vectors from the record and every entry.
    expect(pypi.severityWord).toBe('medium');
    expect(pypi.cvss).toEqual([
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    ]);
    expect(recs.get('npm\u0000left-pad')!.affected.map((a) => a.versions)).toEqual([['0.1.0']]);
  });

  it('are not made for withdrawn records', () => {
    expect(
      packageMatchRecords(
        advisory({
          id: 'X-1',
          withdrawn: '2024-02-01T00:00:00Z',
          affected: [{ package: { ecosystem: 'npm', name: 'a' }, versions: ['1'] }],
        }),
      ).size,
    ).toBe(0);
  });

  it('store versions lists as one string and read back equal, with the same answers', () => {
    for (const rec of packageMatchRecords(record).values()) {
      const text = encodeMatchRecord(rec);
      const back = decodeMatchRecord(rec.id, text);
      expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(rec)));
      for (const [k, af] of rec.affected.entries()) {
        expect(back.affected[k]!.versions).toBeInstanceOf(JoinedVersions);
        for (const v of ['1.0', '1.1', '1.0.1', '1', '.1', '0.1.0', '2.0', '1.15', '2', ''])
          expect(evaluateAffected(back.affected[k]!, af.package.ecosystem, v)).toEqual(
            evaluateAffected(af, af.package.ecosystem, v),
          );
      }
    }
    expect(encodeMatchRecord(packageMatchRecords(record).get('npm\u0000left-pad')!)).toContain(
      '"versions":"\\n0.1.0\\n"',
    );
  });

  it('keep a versions list that cannot be joined as an array', () => {
    for (const versions of [['1.0', ''], ['1.0', 'a\nb'], []]) {
      const rec = packageMatchRecords(
        advisory({
          id: 'X-2',
          affected: [
            {
              package: { ecosystem: 'npm', name: 'a' },
              versions,
              ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
            },
          ],
        }),
      ).get('npm\u0000a')!;
      const back = decodeMatchRecord('X-2', encodeMatchRecord(rec)).affected[0]!.versions;
      expect(Array.isArray(back)).toBe(true);
      expect([...(back as readonly string[])]).toEqual(versions);
    }
  });

  it('search joined versions exactly (no prefix, suffix or part of a neighbour)', () => {
    const v = new JoinedVersions('\n1.0\n1.0.1\nrc 1\n');
    expect(['1.0', '1.0.1', 'rc 1'].map((x) => v.includes(x))).toEqual([true, true, true]);
    expect(['1', '0', '1.0.', '.0', '0.1', 'rc', '1.0\n1.0.1', '', '\n'].map((x) => v.includes(x))).toEqual(
      Array(9).fill(false),
    );
    expect(v.length).toBe(3);
    expect(v.toJSON()).toEqual(['1.0', '1.0.1', 'rc 1']);
  });
});
