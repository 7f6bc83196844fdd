/**
 * The serial number and timestamp rule shared by the writers, the export API and the CLI
 * (CycloneDX 1.6 `serialNumber` pattern; RFC 3339 §5.6 date-time with the calendar of §5.7).
 */
import { describe, expect, it } from 'vitest';
import { isSerialNumber, isTimestamp, keptSerialNumber } from './serial-number.js';

describe('serial numbers', () => {
  it('accepts urn:uuid: with a lower-case UUID only', () => {
    expect(isSerialNumber('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79')).toBe(true);
    expect(isSerialNumber('urn:uuid:3E671687-395B-41F5-A30F-A58921A69B79')).toBe(false);
    expect(isSerialNumber('urn:uuid:not-a-uuid')).toBe(false);
    expect(isSerialNumber('foo')).toBe(false);
    expect(isSerialNumber(' urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79')).toBe(false);
  });

  it("keeps a read document's UUID URN in lower case, and nothing else", () => {
    expect(keptSerialNumber('urn:uuid:3E671687-395B-41F5-A30F-A58921A69B79')).toBe('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    expect(keptSerialNumber('URN:UUID:3e671687-395b-41f5-a30f-a58921a69b79')).toBe('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    expect(keptSerialNumber('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79')).toBe('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    expect(keptSerialNumber('urn:uuid:not-a-uuid')).toBeNull();
    expect(keptSerialNumber('https://example.com/spdx/doc-1')).toBeNull();
    expect(keptSerialNumber(null)).toBeNull();
  });
});

describe('timestamps', () => {
  it('accepts RFC 3339 date-times with seconds and a zone', () => {
    for (const t of ['2026-04-01T09:30:00Z', '2026-04-01T18:30:00.123+09:00', '2024-02-29T00:00:00Z', '2000-02-29T23:59:59-05:00']) expect(isTimestamp(t), t).toBe(true);
  });

  it('refuses dates and times that do not exist, and other forms', () => {
    for (const t of [
      '2026-02-30T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-04-00T00:00:00Z',
      '2026-04-01T24:00:00Z',
      '2026-04-01T23:60:00Z',
      '2026-04-01T23:59:60Z',
      '2026-04-01T10:00:00+24:00',
      '2026-04-01T10:00:00+09:60',
      '2026-04-01T09:30Z',
      '2026-04-01T09:30:00',
      '2026-04-01',
      '2026-04-01 09:30:00Z',
    ])
      expect(isTimestamp(t), t).toBe(false);
  });
});
