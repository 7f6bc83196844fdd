/**
 * Whether a node's vulnerability database may carry on findings computed with another (ADR 0015,
 * addendum "several nodes, several files"; QA pgadmin 1).
 */
import { describe, expect, it } from 'vitest';
import { compareWithBasis, type CurrentVulnDb, type VulnDbBasis } from './vulndb-basis.js';

const basis: VulnDbBasis = {
  log: 'log-a',
  seq: 31858,
  mark: 'mark-31858',
  feeds: {
    'osv:PyPI': { records: 12000, newest: '2026-11-30T10:00:00Z' },
    'osv:crates.io': { records: 1206, newest: '2026-11-29T00:00:00Z' },
    kev: { records: 1400, newest: '2026-11-30' },
  },
  node: 'node-a:/srv/a/vulndb.sqlite',
};
const same: CurrentVulnDb = {
  log: 'log-a',
  head: 31858,
  markAtBasis: 'mark-31858',
  feeds: basis.feeds,
  node: 'node-b:/srv/b/vulndb.sqlite',
};

describe('compareWithBasis', () => {
  it('lets a copy of the same file carry on, at the same change or later', () => {
    expect(compareWithBasis(basis, same)).toEqual({ verdict: 'continues' });
    expect(compareWithBasis(basis, { ...same, head: 32000 })).toEqual({ verdict: 'continues' });
  });

  it('refuses another node’s database that holds only one feed (the QA case: rustsec only, seq 1206)', () => {
    const rustsecOnly: CurrentVulnDb = {
      log: 'log-b',
      head: 1206,
      markAtBasis: null,
      feeds: { 'osv:crates.io': { records: 1206, newest: '2026-11-29T00:00:00Z' } },
      node: 'node-b:/srv/b/vulndb.sqlite',
    };
    expect(compareWithBasis(basis, rustsecOnly)).toEqual({
      verdict: 'behind',
      reasons: ['kev: missing (1400 records)', 'osv:PyPI: missing (12000 records)'],
    });
  });

  it('refuses an older copy of the same file, and one whose data of a feed is older', () => {
    expect(compareWithBasis(basis, { ...same, head: 31000, markAtBasis: null })).toEqual({
      verdict: 'behind',
      reasons: ['change log at #31000, the findings at #31858'],
    });
    const olderKev = {
      ...same,
      log: 'log-c',
      feeds: { ...basis.feeds, kev: { records: 1390, newest: '2026-11-20' } },
    };
    expect(compareWithBasis(basis, olderKev)).toEqual({
      verdict: 'behind',
      reasons: ["kev: data of 2026-11-20, the findings' of 2026-11-30"],
    });
  });

  it('takes another database that holds at least as much as a replacement: analysed again as a whole', () => {
    const rebuilt = {
      ...same,
      log: 'log-c',
      head: 500,
      markAtBasis: null,
      feeds: { ...basis.feeds, nvd: { records: 10, newest: '2026-12-01T00:00:00Z' } },
    };
    expect(compareWithBasis(basis, rebuilt)).toEqual({ verdict: 'replaced', older: [] });
    // A copy imported into elsewhere: the change at the findings' position is another one.
    expect(compareWithBasis(basis, { ...same, head: 40000, markAtBasis: 'other' })).toEqual({
      verdict: 'replaced',
      older: [],
    });
  });

  it('takes an older database on the node that computed the findings (installed there on purpose)', () => {
    const older: CurrentVulnDb = { log: 'log-d', head: 10, markAtBasis: null, feeds: {}, node: basis.node };
    expect(compareWithBasis(basis, older)).toMatchObject({
      verdict: 'replaced',
      older: [
        'kev: missing (1400 records)',
        'osv:PyPI: missing (12000 records)',
        'osv:crates.io: missing (1206 records)',
      ],
    });
  });
});
