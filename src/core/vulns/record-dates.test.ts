import { describe, expect, it } from 'vitest';
import { earliestDate, firstPublished, instantOf, latestDate } from './record-dates.js';

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

describe('firstPublished', () => {
  it('is the earliest of the records and the KEV date added, with where it came from', () => {
    // CVE-2023-46604 (QA PSIRT M6): Bitnami's record published 2025-12-03, KEV dateAdded 2023-11-02.
    const bitnami = { source: 'osv', id: 'BIT-activemq-2023-46604', date: '2025-12-03T14:35:38Z' } as const;
    const kev = { source: 'kev', id: 'CVE-2023-46604', date: '2023-11-02' } as const;
    expect(firstPublished([bitnami, kev])).toEqual({ date: '2023-11-02', from: { source: 'kev', id: 'CVE-2023-46604' } });
    // NVD published 2023-10-27: earlier than KEV, so the record is the first disclosure.
    const nvd = { source: 'nvd', id: 'CVE-2023-46604', date: '2023-10-27T15:15:13.933' } as const;
    expect(firstPublished([bitnami, nvd, kev])).toEqual({ date: '2023-10-27T15:15:13.933', from: { source: 'nvd', id: 'CVE-2023-46604' } });
  });

  it('prefers the first candidate on equal instants, and ignores missing and unreadable dates', () => {
    const record = { source: 'jvn', id: 'JVNDB-2023-000001', date: '2023-11-02T09:00+09:00' } as const;
    const kev = { source: 'kev', id: 'CVE-2023-0001', date: '2023-11-02' } as const;
    expect(firstPublished([record, kev])!.from.source).toBe('jvn');
    expect(firstPublished([{ source: 'osv', id: 'A', date: null }, { source: 'osv', id: 'B', date: 'soon' }, { ...kev }])).toEqual({ date: '2023-11-02', from: { source: 'kev', id: 'CVE-2023-0001' } });
    expect(firstPublished([{ source: 'osv', id: 'A', date: undefined }])).toBeNull();
  });
});
