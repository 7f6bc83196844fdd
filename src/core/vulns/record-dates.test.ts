import { describe, expect, it } from 'vitest';
import { earliestDate, instantOf, latestDate } from './record-dates.js';

describe('feed dates compared as instants', () => {
  it('reads the forms the feeds write', () => {
    // OSV (RFC 3339 UTC), NVD (no zone: UTC), JVN (offset), KEV dateReleased, EPSS score_date (+0000), a day.
    expect(instantOf('2024-03-29T16:15:12Z')).toBe(Date.UTC(2024, 2, 29, 16, 15, 12));
    expect(instantOf('2024-03-29T17:15:21.150')).toBe(Date.UTC(2024, 2, 29, 17, 15, 21, 150));
    expect(instantOf('2024-03-29T09:00+09:00')).toBe(Date.UTC(2024, 2, 29, 0, 0));
    expect(instantOf('2025-08-25T17:04:19.9796Z')).toBe(Date.UTC(2025, 7, 25, 17, 4, 19, 979.6));
    expect(instantOf('2025-02-20T00:00:00+0000')).toBe(Date.UTC(2025, 1, 20));
    expect(instantOf('2025-02-20')).toBe(Date.UTC(2025, 1, 20));
    expect(instantOf('yesterday')).toBeNull();
    expect(instantOf('')).toBeNull();
  });

  it('picks the earliest and the latest whatever their form, as written', () => {
    // CVE-2024-3094: NVD published 2024-03-29T17:15:21.150, an alias record (JLSEC-2026-62) published in 2026.
    const published = ['2026-04-08T16:01:54Z', '2024-03-29T17:15:21.150', null, 'not a date', '2024-03-30T09:00+09:00'];
    expect(earliestDate(published)).toBe('2024-03-29T17:15:21.150');
    expect(latestDate(published)).toBe('2026-04-08T16:01:54Z');
    // Text order would choose the other one: 16:30Z is later than 01:00+09:00 (16:00Z the day before).
    expect(earliestDate(['2024-03-29T16:30:00Z', '2024-03-30T01:00+09:00'])).toBe('2024-03-30T01:00+09:00');
    expect(earliestDate([])).toBeNull();
    expect(latestDate([null, undefined])).toBeNull();
  });
});
