import { describe, expect, it } from 'vitest';
import { versionSortKey } from './version-sort-key.js';

const sorted = (versions: string[]) =>
  [...versions].sort((a, b) => {
    const x = versionSortKey(a)!;
    const y = versionSortKey(b)!;
    return x < y ? -1 : x > y ? 1 : 0;
  });

describe('versionSortKey', () => {
  it('orders numbers by value, not as text (QA: 9.1.1 sorted above 12.0.1 and 18.14.1)', () => {
    expect(sorted(['18.14.1', '9.1.1', '12.0.1', '1.10.0', '1.9.0', '1.9.10', '1.9.9', '0.0.1'])).toEqual([
      '0.0.1',
      '1.9.0',
      '1.9.9',
      '1.9.10',
      '1.10.0',
      '9.1.1',
      '12.0.1',
      '18.14.1',
    ]);
  });

  it('keeps non-numeric parts and compares them as text, case-insensitively', () => {
    expect(versionSortKey('1.2.3-RC1')).toBe('011.012.013-rc011');
    expect(versionSortKey('v2.0.0')).toBe('v012.010.010');
    expect(sorted(['1.0.0-beta.2', '1.0.0-beta.10', '1.0.0-alpha', '1.0.0'])).toEqual(['1.0.0', '1.0.0-alpha', '1.0.0-beta.2', '1.0.0-beta.10']);
  });

  it('drops leading zeros, so that equal numbers have equal keys', () => {
    expect(versionSortKey('1.01')).toBe(versionSortKey('1.1'));
    expect(versionSortKey('0')).toBe('010');
    expect(versionSortKey('000')).toBe('010');
  });

  it('orders long numbers (Go pseudo-version timestamps, dates) by value', () => {
    expect(sorted(['v0.0.0-20210101000000-abc', 'v0.0.0-9-abc', 'v0.0.0-20201231235959-def'])).toEqual([
      'v0.0.0-9-abc',
      'v0.0.0-20201231235959-def',
      'v0.0.0-20210101000000-abc',
    ]);
    expect(versionSortKey('1234567890')).toBe('101234567890');
  });

  it('has no key without a version, and keeps text without digits', () => {
    expect(versionSortKey(null)).toBeNull();
    expect(versionSortKey('')).toBe('');
    expect(versionSortKey('latest')).toBe('latest');
  });
});
