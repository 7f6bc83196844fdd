/** The status column, the order and the summary of the FDA support table (support-status.ts). */
import { describe, expect, it } from 'vitest';
import { knownSupportLevel, supportStatus, supportTable, twelveMonthsAfter, type SupportComponent } from './support-status.js';

const c = (overrides: Partial<SupportComponent>): SupportComponent => ({
  name: 'x', group: null, version: '1.0', supplier: null, purl: null, cpe: null, supportLevel: null, endOfSupport: null, origin: 'sbom', ...overrides,
});
const asOf = '2026-06-15';

describe('support status', () => {
  // Each row: level, end of support, status as of 2026-06-15, why.
  const rows: [string | null, string | null, string, string][] = [
    [null, null, 'no_support_information', 'neither recorded'],
    ['  ', '', 'no_support_information', 'blank text counts as none'],
    ['actively maintained', '2026-06-14', 'past_end_of_support', 'the day before asOf'],
    [null, '2020-01-01', 'past_end_of_support', 'a past date without a level'],
    ['abandoned', '2020-01-01', 'past_end_of_support', 'past wins over the level'],
    ['actively maintained', '2026-06-15', 'ends_within_12_months', 'support still runs on the date itself'],
    ['actively maintained', '2027-06-14', 'ends_within_12_months', 'the last day within 12 months'],
    ['actively maintained', '2027-06-15', 'supported', 'the same day 12 months later is not within'],
    ['保守継続中', '2030-01-01', 'supported', 'the Japanese spelling'],
    ['Security Fixes Only', '2030-01-01', 'supported', 'case ignored'],
    ['vendor contract', '2030-01-01', 'supported', 'other text is a level'],
    ['no longer maintained', null, 'not_maintained', 'no longer maintained, no date'],
    ['保守終了', '2030-01-01', 'not_maintained', 'the Japanese spelling, a future date'],
    [' Abandoned ', '2026-07-01', 'not_maintained', 'not maintained wins over ending soon'],
    ['放棄', null, 'not_maintained', 'abandoned in Japanese'],
    ['actively maintained', null, 'end_of_support_unknown', 'a level without a date'],
    [null, '2026-12-31', 'ends_within_12_months', 'a near date without a level'],
    [null, '2030-12-31', 'support_level_unknown', 'a far date without a level'],
  ];
  it.each(rows)('%s / %s → %s (%s)', (supportLevel, endOfSupport, status) => {
    expect(supportStatus({ supportLevel, endOfSupport }, asOf)).toBe(status);
  });

  it('counts 12 months to the same day, 29 February to 1 March', () => {
    expect(twelveMonthsAfter('2026-06-15')).toBe('2027-06-15');
    expect(twelveMonthsAfter('2028-02-29')).toBe('2029-03-01');
    expect(supportStatus({ supportLevel: 'actively maintained', endOfSupport: '2029-02-28' }, '2028-02-29')).toBe('ends_within_12_months');
    expect(supportStatus({ supportLevel: 'actively maintained', endOfSupport: '2029-03-01' }, '2028-02-29')).toBe('supported');
  });

  it('knows the levels in English and Japanese, and nothing else', () => {
    expect(knownSupportLevel('セキュリティ修正のみ')).toBe('security fixes only');
    expect(knownSupportLevel('ACTIVELY MAINTAINED')).toBe('actively maintained');
    expect(knownSupportLevel('maintained')).toBeNull();
    expect(knownSupportLevel('')).toBeNull();
    expect(knownSupportLevel(null)).toBeNull();
  });
});

describe('support table', () => {
  const components = [
    c({ name: 'zlib', version: '1.3', supportLevel: 'actively maintained', endOfSupport: '2030-01-01' }),
    c({ name: 'openssl', version: '3.0.10', supportLevel: 'security fixes only', endOfSupport: '2026-09-07' }),
    c({ name: 'OpenSSL', version: '1.1.1w', supportLevel: 'no longer maintained', endOfSupport: '2023-09-11', origin: 'manual' }),
    c({ name: 'openssl', version: '3.0.9', supportLevel: '保守継続中' }),
    c({ name: 'busybox', version: null, supportLevel: 'vendor contract', endOfSupport: '2031-01-01' }),
    c({ name: 'busybox', version: '1.36.1' }),
    c({ name: 'openssl', version: '3.0.10', group: 'a', origin: 'manual', supportLevel: '放棄' }),
  ];

  it('sorts by name (case ignored), then version in natural order, then group; the same however the input is ordered', () => {
    const table = supportTable(components, asOf);
    expect(table.rows.map((r) => `${r.name} ${r.version ?? '-'} ${r.group ?? ''}`.trim())).toEqual([
      'busybox 1.36.1',
      'busybox -',
      'OpenSSL 1.1.1w',
      'openssl 3.0.9',
      'openssl 3.0.10',
      'openssl 3.0.10 a',
      'zlib 1.3',
    ]);
    expect(supportTable([...components].reverse(), asOf)).toEqual(table);
  });

  it('gives each row its known level and status, and sums them up', () => {
    const table = supportTable(components, asOf);
    expect(table.asOf).toBe(asOf);
    expect(table.rows.map((r) => [r.knownLevel, r.status])).toEqual([
      [null, 'no_support_information'],
      [null, 'supported'],
      ['no longer maintained', 'past_end_of_support'],
      ['actively maintained', 'end_of_support_unknown'],
      ['security fixes only', 'ends_within_12_months'],
      ['abandoned', 'not_maintained'],
      ['actively maintained', 'supported'],
    ]);
    expect(table.summary).toEqual({
      total: 7,
      byLevel: [
        { level: 'actively maintained', known: true, count: 2 },
        { level: 'security fixes only', known: true, count: 1 },
        { level: 'no longer maintained', known: true, count: 1 },
        { level: 'abandoned', known: true, count: 1 },
        { level: 'vendor contract', known: false, count: 1 },
        { level: null, known: false, count: 1 },
      ],
      byStatus: {
        past_end_of_support: 1,
        not_maintained: 1,
        ends_within_12_months: 1,
        end_of_support_unknown: 1,
        support_level_unknown: 0,
        no_support_information: 1,
        supported: 2,
      },
      withoutSupportLevel: 1,
      withoutEndOfSupport: 3,
      withoutInformation: 1,
      pastEndOfSupport: 1,
    });
  });

  it('is empty for an empty inventory, with every known level at 0', () => {
    const table = supportTable([], asOf);
    expect(table.rows).toEqual([]);
    expect(table.summary.total).toBe(0);
    expect(table.summary.byLevel.map((l) => l.count)).toEqual([0, 0, 0, 0]);
  });
});
